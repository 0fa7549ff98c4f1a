#include "non_claims.hpp"

#include "verbs.hpp"

namespace factpipe::claims {
namespace {

bool is_quote_or_bracket(std::string_view w) { return w == "\"" || w == "'" || w == "(" || w == ")"; }

std::size_t count_words(const AnalyzedSentence& s, WordRange r) {
  std::size_t n = 0;
  for (std::size_t i = r.first; i < r.last; ++i) n += s.words[i].kind != WordKind::punct;
  return n;
}

bool is_question(const AnalyzedSentence& s, WordRange r) {
  for (std::size_t i = r.last; i > r.first; --i) {
    const auto& w = s.words[i - 1].lower;
    if (is_quote_or_bracket(w)) continue;
    return w == "?";
  }
  return false;
}

bool is_greeting(const AnalyzedSentence& s, WordRange r) {
  std::size_t i = r.first;
  while (i < r.last && s.words[i].kind == WordKind::punct) ++i;
  if (i >= r.last || count_words(s, r) > 10 || !s.numbers.empty()) return false;
  const auto& w = s.words[i].lower;
  if (w == "good" && i + 1 < r.last && (s.tags[i + 1] & kGreeting)) return true;
  return (s.tags[i] & kGreeting) && w != "evening" && w != "morning" && w != "afternoon";
}

bool is_photo_credit(const AnalyzedSentence& s, WordRange r) {
  bool photo = false, source = false;
  for (std::size_t i = r.first; i < r.last; ++i) {
    const auto& w = s.words[i].lower;
    if (w == "photo" || w == "photos" || w == "photograph" || w == "photographer" || w == "pictured" || w == "image" ||
        w == "images" || w == "file")
      photo = true;
    if (w == "via" || w == "courtesy" || w == "getty" || w == "ap" || w == "reuters" || w == "afp" || w == "credit" ||
        w == "/" || w == "shutterstock" || w == "epa")
      source = true;
  }
  return photo && source && count_words(s, r) <= 20;
}

bool is_byline(const AnalyzedSentence& s, WordRange r) {
  std::size_t n = count_words(s, r);
  if (n == 0 || n > 10) return false;
  std::size_t i = r.first;
  const auto& w0 = s.words[i].lower;
  bool by_start = w0 == "by" || ((w0 == "reporting" || w0 == "editing" || w0 == "written") && i + 1 < r.last &&
                                 s.words[i + 1].lower == "by");
  if (!by_start) return false;
  // Every word after "by" is a name part, "and", or a comma.
  for (std::size_t k = i + 1; k < r.last; ++k) {
    const auto& w = s.words[k];
    if (w.kind == WordKind::punct) continue;
    if (!(w.capitalized || w.lower == "and" || w.lower == "by" || w.lower == "in")) return false;
  }
  return true;
}

bool is_opinion(const AnalyzedSentence& s, WordRange r) {
  if (!s.numbers.empty()) return false;
  std::size_t i = r.first;
  while (i < r.last && s.words[i].kind == WordKind::punct) ++i;
  if (i + 1 >= r.last) return false;
  if (s.words[i].lower == "in" && s.words[i + 1].lower == "my") return true;  // "In my opinion, ..."
  return (s.tags[i] & (kFirstSingular | kFirstPlural)) && (s.tags[i + 1] & kOpinion) &&
         (s.words[i + 1].lower == "think" || s.words[i + 1].lower == "believe" || s.words[i + 1].lower == "feel" ||
          s.words[i + 1].lower == "hope" || s.words[i + 1].lower == "wish" || s.words[i + 1].lower == "love");
}

// Speculation: the main verb is a hedging modal ("could reshape") or a hedging adverb sits at the
// start of the clause or around its main verb ("will likely have"). A hedge later in the sentence
// ("..., possibly hinting at ...") leaves the main statement standing.
bool is_hedged(const AnalyzedSentence& s, WordRange r) {
  std::size_t v = first_finite_verb(s, r.first, r.last);
  if (v < r.last) {
    const auto& w = s.words[v].lower;
    if (w == "may" || w == "might" || w == "could") return true;
  }
  std::size_t until = v < r.last ? std::min(r.last, v + 3) : std::min(r.last, r.first + 6);
  for (std::size_t i = r.first; i < until; ++i) {
    const auto& w = s.words[i].lower;
    if ((s.tags[i] & kHedge) && w != "reportedly" && w != "allegedly" && w != "suspect" &&
        !(w == "may" && s.words[i].capitalized) && w != "appear" && w != "appears")
      return true;
  }
  return false;
}

bool is_dateline_word(const AnalyzedSentence& s, std::size_t i) {
  const auto& w = s.words[i];
  if (w.kind == WordKind::number) return true;
  if (w.kind == WordKind::punct) return w.lower == "-" || w.lower == "/" || w.lower == ":" || w.lower == ",";
  return w.lower == "date" || w.lower == "dateline" || w.lower == "updated" || w.lower == "published" ||
         w.lower == "posted" || w.lower == "am" || w.lower == "pm" || w.lower == "gmt" || w.lower == "utc" ||
         w.lower == "et" || ((s.tags[i] & (kMonth | kWeekday)) && w.capitalized);
}

}  // namespace

std::string_view to_string(NotClaim n) {
  switch (n) {
    case NotClaim::none:
      return "none";
    case NotClaim::question:
      return "question";
    case NotClaim::greeting:
      return "greeting";
    case NotClaim::byline:
      return "byline";
    case NotClaim::photo_credit:
      return "photo_credit";
    case NotClaim::dateline:
      return "dateline";
    case NotClaim::opinion:
      return "opinion";
    case NotClaim::hedged:
      return "hedged";
    case NotClaim::too_short:
      return "too_short";
  }
  return "none";
}

std::size_t dateline_prefix(const AnalyzedSentence& s) {
  const auto& w = s.words;
  std::size_t n = w.size(), i = 0;
  // "date 2024-06-19", "June 19, 2024 -", "Updated 10:42 GMT"
  bool number = false;
  while (i < n && is_dateline_word(s, i)) {
    number = number || w[i].kind == WordKind::number;
    ++i;
  }
  if (i >= 2 && number && (i == n || w[i].capitalized || w[i].lower == "\"")) return i;
  // "WASHINGTON (AP) -", "PYONGYANG, North Korea -"
  i = 0;
  while (i < n && w[i].all_caps) ++i;
  if (i == 0 || w[0].lower == "i") return 0;
  std::size_t j = i;
  while (j < n && j < i + 6 && w[j].lower != "-") ++j;
  if (j < n && w[j].lower == "-") {
    for (std::size_t k = i; k < j; ++k)
      if (!(w[k].capitalized || w[k].kind == WordKind::punct)) return 0;
    return j + 1;
  }
  return 0;
}

NotClaim classify_non_claim(const AnalyzedSentence& s, WordRange r) {
  if (r.last <= r.first) return NotClaim::too_short;
  if (is_photo_credit(s, r)) return NotClaim::photo_credit;
  if (is_byline(s, r)) return NotClaim::byline;
  if (r.first == 0 && dateline_prefix(s) >= r.last) return NotClaim::dateline;
  if (is_question(s, r)) return NotClaim::question;
  if (is_greeting(s, r)) return NotClaim::greeting;
  if (count_words(s, r) < 4) return NotClaim::too_short;
  if (is_opinion(s, r)) return NotClaim::opinion;
  if (is_hedged(s, r)) return NotClaim::hedged;
  return NotClaim::none;
}

}  // namespace factpipe::claims
