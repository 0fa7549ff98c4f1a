// Indirect (reported) speech without marks: "X said (that) …", "…, X said.", "according to X, …".
#include "attributor.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_set>

namespace factpipe::quotes::detail {
namespace {

// what stands before a passive or an infinitive verb of thinking: "was found", "is expected", "would think"
const std::unordered_set<std::string_view> kNotActive = {"is",    "was", "were", "are",    "be",    "been",
                                                         "being", "am",  "to",   "will",   "would", "could",
                                                         "might", "may", "can",  "should", "must"};

// the forms of "be" before a passive participle ("was endorsed")
const std::unordered_set<std::string_view> kBe = {"is", "was", "were", "are", "be", "been", "being", "am"};

// prepositions that belong to a stance verb ("called for", "pushed against", "refused to")
const std::unordered_set<std::string_view> kStanceParticles = {"for", "to", "on", "against", "about"};

// the fewest words of a stance verb's object ("endorsed Trump": PolNeAR's content is often one name)
constexpr std::size_t kStanceMinWords = 1;

}  // namespace

bool Attributor::not_active(std::size_t k) const { return word(k) && kNotActive.contains(lw[k]); }

void Attributor::indirect_paragraph(std::size_t p, const std::vector<Span>& quoted, std::vector<Quote>& out,
                                    Json* dump) {
  if (credit_paragraph(static_cast<int>(p))) return;
  load(p);
  if (!ps.empty()) {
    // the quotations that end inside or after the paragraph's first piece, while they start before its last
    auto q = std::lower_bound(quoted.begin(), quoted.end(), ps.front().span.start,
                              [](const Span& s, std::size_t at) { return s.end <= at; });
    for (std::size_t k = 0; k < ps.size(); ++k) {
      while (q != quoted.end() && q->end <= ps[k].span.start) ++q;
      if (q != quoted.end() && q->start <= ps[k].span.start) in_quote[k] = 1;
    }
  }
  for (std::size_t k = 0; k < ps.size(); ++k)
    if (ps[k].kind == PieceKind::punct && (ps[k].cp == '.' || ps[k].cp == '!' || ps[k].cp == '?')) boundary[k] = 1;
  index_paragraph();
  std::size_t s0 = 0;
  while (s0 < ps.size()) {
    std::size_t e = sentence_end(s0);
    std::size_t rules_from = out.size();
    indirect_sentence(s0, e, out);
    if (opt.indirect_model || dump) propose_indirect(s0, e, out, rules_from, dump);
    s0 = e + 1;
  }
}

void Attributor::emit_indirect(std::size_t a, std::size_t b, const Found& f, std::vector<Quote>& out,
                               std::size_t min_words) const {
  // Reported content that holds a quotation mixes the two: it is reported as `mixed` (quotes.mixed_speech), and
  // its quoted words stay a partial quotation of their own (the direct-quote metric and the claims stage need
  // them).
  bool marks = false;
  for (std::size_t k = a; k < b && !marks; ++k) marks = mark(k);
  if (marks && !opt.mixed) return;
  while (b > a && ps[b - 1].kind == PieceKind::punct && !mark(b - 1)) --b;
  while (a < b && ps[a].kind == PieceKind::punct) ++a;
  if (a >= b || words_in(a, b) < min_words) return;
  Quote q;
  q.span = {ps[a].span.start, ps[b - 1].span.end};
  q.kind = marks ? QuoteKind::mixed : QuoteKind::indirect;
  fill_speaker(q, f);
  if (!q.speaker) return;
  q.confidence = std::min(q.confidence, 0.7);
  out.push_back(std::move(q));
}

std::size_t Attributor::stance_object(std::size_t s0, std::size_t v, std::size_t e, std::vector<Quote>& out) {
  // inside a quotation, PolNeAR marks no attribution
  if (!word(v) || ps[v].possessive || ps[v].cap || in_quote[v]) return v;
  const std::string* lemma = qlx.stance_verbs.find(lw[v]);
  if (!lemma) return v;
  // a noun ("the support", "his plans", "a strong challenge", "of support") or a passive ("was endorsed")
  if (v > s0 && (det(v - 1) || ps[v - 1].possessive || (is_class(v - 1, "prep") && lw[v - 1] != "to"))) return v;
  if (noun_after_adjective(v, *lemma)) return v;
  std::size_t b = v;
  while (b > s0 && adverb(b - 1)) --b;
  if (b > s0 && word(b - 1) && kBe.contains(lw[b - 1]) && lw[v].ends_with("ed")) return v;
  Why why;
  auto np = np_before(s0, v, why);
  if (!np && why == Why::comma && participle(v)) np = np_first(s0, v);
  // any subject: requiring a name, role or pronoun lost more right spans than wrong ones (--cv 5: R 0.357 ->
  // 0.339, P 0.849 -> 0.864), "future attacks on" stays a known miss
  if (!np) return v;
  // an object, a clause or an infinitive follows: "support from", "attacks in" are nouns
  if (is_class(v + 1, "prep") && !kStanceParticles.contains(lw[v + 1])) return v;
  std::size_t c = v + 1, end = std::min(next_comma[std::min(c, ps.size() - 1)], e);
  if (c >= end) return v;
  Found f = cue_found(np, v, 0.6);
  f.lemma = *lemma;
  emit_indirect(c, end, f, out, kStanceMinWords);
  return end;
}

void Attributor::indirect_sentence(std::size_t s0, std::size_t e, std::vector<Quote>& out) {
  for (std::size_t v = s0; v < e; ++v) {
    if (std::size_t end = stance_object(s0, v, e, out); end != v) {
      v = end;
      continue;
    }
    const std::string* lemma = in_quote[v] ? nullptr : verb_lemma(v, /*cognition=*/true);
    if (!lemma) continue;
    // a verb of thinking or finding ("believes", "polls show"): active, with its subject before it, and a
    // clause after it
    bool cognition = !speech_lemma(v);
    if (!cognition && !qlx.indirect_verbs.contains(*lemma)) continue;
    if (cognition) {
      std::size_t b = v;
      bool active = true;
      for (; b > s0 && (adverb(b - 1) || (word(b - 1) && lw[b - 1] == "to")); --b)
        active = active && !kNotActive.contains(lw[b - 1]);
      if (!active || b == s0 || !word(b - 1)) continue;
    }
    if (lw[v] == "according") {
      std::size_t comma = v + 2;
      while (comma < e && !punct(comma, ',')) ++comma;
      auto np = np_after(v + 2, comma);
      if (!np) return;
      Found f = cue_found(np, v, 0.7);
      if (v == s0 || (v == s0 + 1 && ps[s0].kind == PieceKind::punct)) emit_indirect(comma + 1, e, f, out);
      else emit_indirect(s0, v, f, out);
      return;
    }
    Why why;
    auto np = np_before(s0, v, why);
    if (!np && why == Why::comma) np = np_first(s0, v);
    if (np) {
      std::size_t first = piece_at(np->start);
      if (first > s0 && punct(first - 1, ',') && words_in(s0, first) >= 4 && words_in(v + 1, e) <= 5 &&
          !(v + 1 < e && word(v + 1) && lw[v + 1] == "that")) {
        emit_indirect(s0, first - 1, cue_found(np, v, 0.7), out);  // "…, X said."
        return;
      }
      // the cue of a quotation just before it ("…,” Blinken told reporters following a meeting)
      bool cue_of_quotation = false;
      for (std::size_t k = v; k-- > s0 && k + 7 > v;) cue_of_quotation = cue_of_quotation || mark(k);
      if (cue_of_quotation) continue;
      std::size_t c = v + 1;
      if (*lemma == "tell") {  // "told reporters (that) he …": the content opens a clause after the object
        std::size_t t = c;
        while (t < e && t < c + 4 && word(t) && lw[t] != "that" && !(t > c && (is_class(t, "pron") || det(t)))) ++t;
        if (t >= e || t == c || !word(t) || !(lw[t] == "that" || is_class(t, "pron") || det(t))) return;
        c = t;
      }
      while (c < e && adverb(c)) ++c;
      bool that = c < e && word(c) && lw[c] == "that";
      if (that) ++c;
      if (c < e && punct(c, ',')) return;  // "said, …" with no quotation: not reported content
      if (cognition && !that && !(is_class(c, "pron") || det(c) || mention_start(c) || (word(c) && lw[c] == "there")))
        continue;  // "expects to win", "found him guilty"? only a clause is reported
      if (c + 3 <= e) emit_indirect(c, e, cue_found(np, v, 0.7), out);
      return;
    }
    // "…, said X."
    if (!cognition && v > s0 + 3 && punct(v - 1, ',')) {
      if (auto np2 = np_after(v + 1, e)) {
        emit_indirect(s0, v - 1, cue_found(np2, v, 0.7), out);
        return;
      }
    }
  }
}

}  // namespace factpipe::quotes::detail

namespace factpipe::quotes {

using detail::Attributor;

std::vector<Quote> find_indirect_quotes(const Document& doc, const text::TextView& view,
                                        const text::MentionIndex& mentions, const QuoteLexicon& qlx,
                                        const std::vector<Quote>& direct, const AttributionOptions& opt,
                                        Json* proposals) {
  Attributor a{doc, view, mentions, qlx, opt};
  std::vector<Span> quoted;
  quoted.reserve(direct.size());
  for (const auto& q : direct) quoted.push_back(q.span);
  std::sort(quoted.begin(), quoted.end(), [](const Span& x, const Span& y) { return x.end < y.end; });
  std::vector<Quote> out;
  for (std::size_t p = 0; p < view.paragraphs.size(); ++p) a.indirect_paragraph(p, quoted, out, proposals);
  if (opt.indirect_model) a.report_learned(out);
  return out;
}

}  // namespace factpipe::quotes
