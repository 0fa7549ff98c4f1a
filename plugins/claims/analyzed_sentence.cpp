#include "analyzed_sentence.hpp"

#include <cstdlib>

namespace factpipe::claims {
namespace {

bool is_year(const Word& w) {
  if (w.kind != WordKind::number) return false;
  std::string_view s = w.lower;
  if (s.size() == 5 && s.back() == 's') s.remove_suffix(1);  // 1990s
  if (s.size() != 4) return false;
  int y = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    y = y * 10 + (c - '0');
  }
  return y >= 1800 && y <= 2099;
}

bool is_day_number(const Word& w) {
  if (w.kind != WordKind::number) return false;
  if (w.lower.size() > 4) return false;  // 19, 19th
  int d = 0;
  for (char c : w.lower) {
    if (c < '0' || c > '9') break;
    d = d * 10 + (c - '0');
  }
  return d >= 1 && d <= 31;
}

bool is_scale(std::string_view w) {
  return w == "hundred" || w == "thousand" || w == "million" || w == "billion" || w == "trillion" || w == "percent" ||
         w == "%" || w == "cent" || w == "dollars" || w == "dollar" || w == "euros" || w == "pounds" || w == "points" ||
         w == "per";
}

void find_dates(AnalyzedSentence& s) {
  const auto& w = s.words;
  std::size_t n = w.size();
  for (std::size_t i = 0; i < n;) {
    std::uint32_t t = s.tags[i];
    std::size_t end = i;
    bool month = (t & kMonth) && w[i].capitalized &&
                 (w[i].lower != "may" || (i + 1 < n && w[i + 1].kind == WordKind::number)) &&
                 (w[i].lower != "march" || (i + 1 < n && w[i + 1].kind == WordKind::number) ||
                  (i > 0 && (w[i - 1].lower == "in" || w[i - 1].lower == "of")));
    if (month) {
      end = i + 1;
      if (end < n && is_day_number(w[end])) ++end;
      if (end + 1 < n && w[end].lower == "," && is_year(w[end + 1])) end += 2;
      else if (end < n && is_year(w[end])) ++end;
      if (i > 0 && is_day_number(w[i - 1])) --i;  // 19 June
    } else if ((t & kWeekday) && w[i].capitalized) {
      end = i + 1;
    } else if (is_year(w[i])) {
      end = i + 1;
    } else if (w[i].lower == "yesterday" || w[i].lower == "today" || w[i].lower == "tomorrow" ||
               w[i].lower == "tonight") {
      end = i + 1;
    } else if ((w[i].lower == "last" || w[i].lower == "next" || w[i].lower == "this") && i + 1 < n &&
               (w[i + 1].lower == "year" || w[i + 1].lower == "week" || w[i + 1].lower == "month" ||
                w[i + 1].lower == "decade" || w[i + 1].lower == "century" || w[i + 1].lower == "summer" ||
                w[i + 1].lower == "winter" || w[i + 1].lower == "spring" || w[i + 1].lower == "fall")) {
      end = i + 2;
    } else if (i + 2 < n && (w[i].kind == WordKind::number || (s.tags[i] & kNumberWord)) &&
               (w[i + 1].lower == "years" || w[i + 1].lower == "months" || w[i + 1].lower == "days" ||
                w[i + 1].lower == "weeks" || w[i + 1].lower == "decades") &&
               w[i + 2].lower == "ago") {
      end = i + 3;
    }
    if (end > i) {
      s.dates.push_back({i, end});
      i = end;
    } else {
      ++i;
    }
  }
}

bool inside(const std::vector<WordRange>& ranges, std::size_t i) {
  for (auto& r : ranges)
    if (i >= r.first && i < r.last) return true;
  return false;
}

void find_numbers(AnalyzedSentence& s) {
  const auto& w = s.words;
  std::size_t n = w.size();
  for (std::size_t i = 0; i < n;) {
    bool numeric =
        w[i].kind == WordKind::number || ((s.tags[i] & kNumberWord) && !is_scale(w[i].lower) && w[i].lower != "one" &&
                                          w[i].lower != "half" && w[i].lower != "quarter");
    if (!numeric || inside(s.dates, i)) {
      ++i;
      continue;
    }
    std::size_t first = i, end = i + 1;
    if (first > 0 &&
        (w[first - 1].lower == "$" || w[first - 1].lower == "\xC2\xA3" || w[first - 1].lower == "\xE2\x82\xAC"))
      --first;
    while (end < n &&
           (w[end].kind == WordKind::number || is_scale(w[end].lower) ||
            ((s.tags[end] & kNumberWord) && w[end].lower != "one")) &&
           !inside(s.dates, end))
      ++end;
    s.numbers.push_back({first, end});
    i = end;
  }
}

// Two or more letters, all upper case: "NATO", "U.S." (the scanner's own flag leaves out initialisms and
// counts "I" and "A", which the rules and the acronym feature must not).
bool all_caps(std::string_view word) {
  int letters = 0, uppers = 0;
  for (char c : word) {
    letters += (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    uppers += c >= 'A' && c <= 'Z';
  }
  return letters >= 2 && uppers == letters;
}

// The sentence's pieces with their plain lower-case forms. No abbreviation list: the scanner keeps a listed
// period wherever it stands, and a sentence ending in "no." or "miss." would lose the word's lexicon tags.
void scan_words(AnalyzedSentence& s) {
  static const text::AbbreviationSet kNoAbbreviations;
  auto pieces = text::scan_pieces(s.text, Span{0, s.text.size()}, kNoAbbreviations, kWordScan);
  // One buffer for every form, reserved up front so the views stay valid (no form is longer than its piece).
  auto storage = std::make_shared<std::string>();
  storage->reserve(s.text.size());
  s.words.reserve(pieces.size());
  for (const auto& p : pieces) {
    Word w;
    w.start = p.span.start + s.base;
    w.end = p.span.end + s.base;
    w.kind = p.kind;
    std::size_t at = storage->size();
    text::append_plain_lower(s.text.substr(p.span.start, p.span.size()), *storage);
    w.lower = std::string_view(storage->data() + at, storage->size() - at);
    w.capitalized = p.cap;
    w.all_caps = p.kind == WordKind::word && all_caps(s.text.substr(p.span.start, p.span.size()));
    s.words.push_back(w);
  }
  s.storage = std::move(storage);
}

}  // namespace

AnalyzedSentence analyze(std::string_view text, const CheckworthinessLexicon& lexicon, std::size_t base) {
  AnalyzedSentence s;
  s.text = text;
  s.base = base;
  scan_words(s);
  s.tags.reserve(s.words.size());
  for (auto& w : s.words) s.tags.push_back(w.kind == WordKind::punct ? 0u : lexicon.tags(w.lower));
  find_dates(s);
  find_numbers(s);
  return s;
}

}  // namespace factpipe::claims
