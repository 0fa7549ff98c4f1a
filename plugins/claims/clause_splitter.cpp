#include "clause_splitter.hpp"

#include "verbs.hpp"

namespace factpipe::claims {
namespace {

std::size_t content_words(const AnalyzedSentence& s, std::size_t first, std::size_t last) {
  std::size_t n = 0;
  for (std::size_t i = first; i < last; ++i) n += s.words[i].kind != WordKind::punct;
  return n;
}

// Could word i open a clause's subject? Anything but a verb, a preposition, "that"/"to" or an adverb:
// "and corn prices fell", "but attendance fell", "and the hospital closed".
bool subject_start(const AnalyzedSentence& s, std::size_t i) {
  const Word& w = s.words[i];
  if (w.kind == WordKind::number) return true;
  if (w.kind != WordKind::word || looks_finite_verb(s, i)) return false;
  const auto& l = w.lower;
  static constexpr std::string_view kNot[] = {"to",    "in",   "on",      "at",    "of",    "for",    "with",
                                              "by",    "from", "into",    "about", "as",    "that",   "then",
                                              "also",  "not",  "so",      "than",  "after", "before", "when",
                                              "while", "if",   "because", "which", "who",   "whose",  "where"};
  for (auto x : kNot)
    if (l == x) return false;
  return !(l.size() > 3 && l.ends_with("ly"));
}

// "and"/"but" at index c starts a new clause when the left side has a finite verb that is not a reporting
// verb (whose complement may continue past "and"), and the right side opens with a subject followed soon by
// its own finite verb.
bool independent_clauses(const AnalyzedSentence& s, std::size_t from, std::size_t c, std::size_t last) {
  std::size_t left_verb = first_finite_verb(s, from, c);
  if (left_verb >= c || content_words(s, from, c) < 3) return false;
  for (std::size_t i = from; i < c; ++i)
    if (s.tags[i] & kReporting) return false;
  std::size_t r = c + 1;
  if (r < last && s.words[r].lower == ",") ++r;
  if (r >= last || !subject_start(s, r)) return false;
  for (std::size_t i = r + 1; i < last && i <= r + 5; ++i) {
    if (s.words[i].lower == "," || s.words[i].lower == ";") return false;
    if (looks_finite_verb(s, i)) return content_words(s, c + 1, last) >= 3;
  }
  return false;
}

}  // namespace

std::vector<WordRange> split_clauses(const AnalyzedSentence& s, WordRange sentence) {
  std::vector<WordRange> out;
  std::size_t from = sentence.first;
  for (std::size_t i = sentence.first; i < sentence.last; ++i) {
    const auto& w = s.words[i].lower;
    bool split = false;
    std::size_t next = i + 1;
    if (w == ";") {
      split = content_words(s, from, i) >= 3 && content_words(s, i + 1, sentence.last) >= 3;
    } else if ((w == "and" || w == "but") && i > from) {
      split = independent_clauses(s, from, i, sentence.last);
    }
    if (!split) continue;
    std::size_t end = i;
    while (end > from && (s.words[end - 1].lower == "," || s.words[end - 1].lower == ";")) --end;
    out.push_back({from, end});
    from = next;
    while (from < sentence.last && s.words[from].lower == ",") ++from;
  }
  out.push_back({from, sentence.last});
  return out;
}

}  // namespace factpipe::claims
