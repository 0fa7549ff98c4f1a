#include "decontextualizer.hpp"

#include <algorithm>

namespace factpipe::claims {
namespace {

bool is_connective(std::string_view w) {
  return w == "and" || w == "but" || w == "so" || w == "however" || w == "meanwhile" || w == "also" ||
         w == "moreover" || w == "furthermore" || w == "still" || w == "yet" || w == "besides";
}

bool is_mark(std::string_view w) { return w == "\"" || w == "'"; }

// After "X said" the quoted statement's first word loses its capital unless it is a name: the start of an
// entity's name mention, "I", or an acronym.
bool lower_after_said(const AnalyzedSentence& s, std::size_t i, const text::MentionIndex& mentions) {
  const Word& w = s.words[i];
  if (w.kind != WordKind::word || w.all_caps || w.lower == "i") return false;
  const text::IndexedMention* m = mentions.starting_at(w.start);
  return !(m && m->kind == MentionKind::name);
}

std::string text_of(const Document& doc, std::size_t start, std::size_t end) {
  return start < end ? std::string(doc.slice(Span{start, end})) : std::string();
}

}  // namespace

std::string decontextualize(const Document& doc, const AnalyzedSentence& s, WordRange r, const Attribution& a,
                            const text::MentionIndex& mentions) {
  std::size_t first = r.first, last = r.last;
  // Drop leading connectives ("And", "But", "However,") and commas.
  while (first + 1 < last && (s.words[first].lower == "," ||
                              (s.words[first].kind == WordKind::word && is_connective(s.words[first].lower))))
    ++first;
  // Trailing commas go; the sentence's own final stop stays.
  while (last > first && (s.words[last - 1].lower == "," || s.words[last - 1].lower == ";")) --last;
  // A quotation mark at either end goes only when its partner lies outside the claim (odd count), so
  // 'described it as "peaceful."' keeps both of its marks.
  auto marks = [&] {
    std::size_t n = 0;
    for (std::size_t i = first; i < last; ++i) n += is_mark(s.words[i].lower);
    return n;
  };
  if (first < last && is_mark(s.words[first].lower) && marks() % 2 == 1) ++first;
  if (last > first && is_mark(s.words[last - 1].lower) && marks() % 2 == 1) --last;
  while (last > first && (s.words[last - 1].lower == "," || s.words[last - 1].lower == ";")) --last;
  if (first >= last) return std::string();
  std::size_t start = s.words[first].start, end = s.words[last - 1].end;
  bool has_stop = s.words[last - 1].lower == "." || s.words[last - 1].lower == "!" ||
                  (last - first >= 2 && is_mark(s.words[last - 1].lower) && s.words[last - 2].lower == ".");

  std::string subject;  // the name replacing the claim's first words
  std::size_t rest = start;
  std::string body;
  // The speaker form fits when nothing but an attribution precedes the quoted words in the claim
  // ("Stoltenberg said: \"We ...\"", or the quote opens the claim); "Putin said it did not rule out
  // \"the provision ...\"" keeps its own frame.
  bool speaker_form = false;
  std::size_t content_word = first;
  const Quote* quote = a.quote >= 0 ? &doc.quotes[static_cast<std::size_t>(a.quote)] : nullptr;
  if (a.inside_quote && quote && quote->speaker && !quote->speaker->name.empty()) {
    const Span& q = doc.quotes[static_cast<std::size_t>(a.quote)].span;
    std::size_t last_before = r.last;  // last word before the quote that is not punctuation
    for (std::size_t i = first; i < last && s.words[i].start < q.start; ++i) {
      content_word = i + 1;
      if (s.words[i].kind != WordKind::punct) last_before = i;
    }
    speaker_form = last_before == r.last || (s.tags[last_before] & kReporting);
  }
  if (speaker_form) {
    // "<Speaker> said <content>", content without its quotation marks.
    body = a.claimant + " said ";
    // Only the quoted words: the attribution around them ("..., Blinken told reporters") is now the prefix.
    const Span& q = doc.quotes[static_cast<std::size_t>(a.quote)].span;
    std::string content = text_of(doc, std::max(start, q.start), std::min(end, q.end));
    while (!content.empty() &&
           (content.back() == ',' || content.back() == ' ' || content.back() == ';' || content.back() == '"'))
      content.pop_back();
    has_stop = !content.empty() && (content.back() == '.' || content.back() == '!');
    if (content_word < last && lower_after_said(s, content_word, mentions) && !content.empty() && content[0] >= 'A' &&
        content[0] <= 'Z')
      content[0] = static_cast<char>(content[0] + 32);
    body += content;
  } else {
    // A leading pronoun or description with a known entity: "He said ..." -> "Chang Ho-jin said ...".
    const text::IndexedMention* m = mentions.starting_at(start);
    if (m && m->entity >= 0 && m->kind != MentionKind::name && m->span.end <= end) {
      subject = doc.entities[static_cast<std::size_t>(m->entity)].name;
      rest = m->span.end;
    } else if (s.tags[first] & kThirdPronoun) {
      // The quotes layer may know who "He" is even when the entity layer does not.
      for (const Quote& q : doc.quotes)
        if (q.speaker && q.speaker->mention && q.speaker->mention->start == start && !q.speaker->name.empty()) {
          subject = q.speaker->name;
          rest = q.speaker->mention->end;
          break;
        }
    }
    if (!subject.empty()) {
      body = subject + text_of(doc, rest, end);
    } else {
      body = text_of(doc, start, end);
      if (!body.empty() && body[0] >= 'a' && body[0] <= 'z') body[0] = static_cast<char>(body[0] - 32);
    }
  }
  // Newlines inside a claim (a sentence wrapped in the source) read as spaces.
  for (auto& c : body)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  if (!has_stop && !body.empty() && body.back() != '?' && body.back() != '.') body += '.';
  return body;
}

}  // namespace factpipe::claims
