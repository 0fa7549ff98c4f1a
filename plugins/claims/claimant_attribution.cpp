#include "claimant_attribution.hpp"

#include <algorithm>

#include "verbs.hpp"

namespace factpipe::claims {
namespace {

std::size_t overlap(const Span& a, const Span& b) {
  std::size_t s = std::max(a.start, b.start), e = std::min(a.end, b.end);
  return e > s ? e - s : 0;
}

// Length of the claim without quotation marks, spaces and final punctuation, so that a quote's content
// (inside the marks) can be compared with it.
std::size_t content_length(const AnalyzedSentence& s, WordRange r) {
  std::size_t first = r.first, last = r.last;
  while (first < last && s.words[first].kind == WordKind::punct) ++first;
  while (last > first && s.words[last - 1].kind == WordKind::punct) --last;
  return first < last ? s.words[last - 1].end - s.words[first].start : 0;
}

// The entity named right before index v (a reporting verb), allowing adverbs such as "also" in between.
const text::IndexedMention* subject_before(const AnalyzedSentence& s, std::size_t v, const text::MentionIndex& mentions,
                                           std::size_t first) {
  std::size_t i = v;
  while (i > first && s.words[i - 1].kind == WordKind::word && s.words[i - 1].lower.ends_with("ly")) --i;
  if (i == first) return nullptr;
  std::size_t end = s.words[i - 1].end;
  for (auto* m : mentions.inside(Span{s.words[first].start, end}))
    if (m->span.end == end && m->entity >= 0) return m;
  return nullptr;
}

}  // namespace

Attribution attribute(const Document& doc, const Span& claim, const AnalyzedSentence& s, WordRange r,
                      const text::MentionIndex& mentions, const std::string& publication) {
  Attribution a;
  // 1. A quote that covers most of the claim.
  std::size_t claim_len = std::max<std::size_t>(content_length(s, r), 1);
  std::size_t best = 0;
  for (std::size_t q = 0; q < doc.quotes.size(); ++q) {
    const Quote& quote = doc.quotes[q];
    std::size_t o = overlap(quote.span, claim);
    // Most of the claim is quoted; or a third of it when the attribution ("..., she said") is in the
    // claim itself, so the rest of the claim is the attribution.
    bool attributed_here = quote.speaker && quote.speaker->mention && claim.contains(*quote.speaker->mention);
    if ((o * 2 < claim_len && !(attributed_here && o * 3 >= claim_len)) || o <= best) continue;
    best = o;
    a.quote = static_cast<int>(q);
  }
  if (a.quote >= 0) {
    const Quote& quote = doc.quotes[static_cast<std::size_t>(a.quote)];
    a.inside_quote = quoted_verbatim(quote.kind);
    if (quote.speaker) {
      a.claimant = quote.speaker->name;
      a.entity = quote.speaker->entity;
      return a;
    }
    // A quote without a known speaker: nobody is guessed; the publication reports it.
    a.claimant = publication;
    return a;
  }
  // 2. Reported speech in the sentence: "<Name> said/shared/warned (that) <claim>", "according to <Name>".
  const std::size_t main_verb = first_finite_verb(s, r.first, r.last);
  for (std::size_t i = 0; i < s.words.size(); ++i) {
    if (!(s.tags[i] & kReporting) || s.words[i].capitalized) continue;
    if (s.words[i].lower == "according" && i + 2 < s.words.size() && s.words[i + 1].lower == "to") {
      if (auto* m = mentions.starting_at(s.words[i + 2].start); m && m->entity >= 0) {
        a.entity = m->entity;
        a.claimant = doc.entities[static_cast<std::size_t>(m->entity)].name;
        a.reported = true;
        return a;
      }
      continue;
    }
    // The verb must introduce the claim: at or before its start, or inside its first words.
    // The verb introduces the claim (in its first words, or its main verb), or closes it ("..., the
    // authority said on Thursday.").
    bool trailing = i + 5 >= r.last && i > r.first + 3;
    if ((i > r.first + 8 && i != main_verb && !trailing) || (i + 1 >= r.last && !trailing)) continue;
    // A quote of this sentence whose speaker is named before the verb says who is speaking ("Chang Ho-jin,
    // the ... adviser, warned ... "beyond a certain point""): better than the nearest name, which may end
    // an appositive ("... ambassador to Russia warned").
    for (std::size_t q = 0; q < doc.quotes.size(); ++q) {
      const Quote& quote = doc.quotes[q];
      if (!quote.speaker || !quote.speaker->mention || quote.speaker->name.empty()) continue;
      const Span& sm = *quote.speaker->mention;
      if (sm.start >= s.words.front().start && sm.end <= s.words[i].start && quote.span.start >= s.words[i].end &&
          quote.span.end <= s.words.back().end + 4) {
        a.claimant = quote.speaker->name;
        a.entity = quote.speaker->entity;
        a.reported = true;
        return a;
      }
    }
    if (auto* m = subject_before(s, i, mentions, 0)) {
      const Entity& e = doc.entities[static_cast<std::size_t>(m->entity)];
      if (e.type != "PERSON" && e.type != "ORG" && e.type != "NORP" && e.type != "GPE") continue;
      a.entity = m->entity;
      a.claimant = e.name;
      a.reported = true;
      return a;
    }
  }
  a.claimant = publication;
  return a;
}

}  // namespace factpipe::claims
