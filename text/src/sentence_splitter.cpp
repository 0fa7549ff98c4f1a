#include <factpipe/text/sentence_splitter.hpp>

namespace factpipe::text {

namespace {

bool is_terminal(const RawToken& t) {
  return t.role == Role::period || t.role == Role::terminator || t.role == Role::ellipsis ||
         (t.role == Role::word && t.abbrev != AbbreviationClass::none);
}

// Glued after a terminator, these close what it ends: ” » ) ] " '' ' ’
bool is_closer(const RawToken& t) {
  return t.role == Role::close_quote || t.role == Role::close_bracket || t.role == Role::ambiguous_quote;
}

bool is_quote(const RawToken& t) { return t.role == Role::close_quote || t.role == Role::ambiguous_quote; }

// Opening material before the first word of a sentence: “ ( `` and unglued " '
bool is_opener(const RawToken& t) {
  return t.role == Role::open_quote || t.role == Role::open_bracket || t.role == Role::ambiguous_quote;
}

// "<up to 4 capitalised words or titles> <verb of saying>" then . , or the paragraph's end, starting at j:
// the attribution of the quotation just closed (“... missing.” Trump said.).
bool is_short_attribution(std::string_view text, const std::vector<RawToken>& tokens, std::size_t j, std::size_t end,
                          const BoundaryLexicon& lexicon) {
  std::size_t names = 0;
  while (j < end && names < 4 && tokens[j].role == Role::word &&
         (tokens[j].first == CharClass::upper || tokens[j].abbrev == AbbreviationClass::title)) {
    ++names;
    ++j;
  }
  if (names == 0 || j >= end || tokens[j].role != Role::word || tokens[j].first != CharClass::lower ||
      !lexicon.is_attribution_verb(text.substr(tokens[j].start, tokens[j].end - tokens[j].start)))
    return false;
  ++j;
  if (j >= end || tokens[j].role == Role::period) return true;
  // `, smiling.` still attributes; `, “In a campaign ...` introduces the next quotation instead.
  if (tokens[j].role != Role::comma || text[tokens[j].start] != ',') return false;
  return j + 1 >= end || (tokens[j + 1].role != Role::open_quote && tokens[j + 1].role != Role::ambiguous_quote);
}

enum class Strength { ellipsis, abbreviation, title, full };  // what kind of mark ends the candidate

Strength strength_of(const RawToken& t) {
  switch (t.role) {
    case Role::period:
    case Role::terminator:
      return Strength::full;
    case Role::ellipsis:
      return Strength::ellipsis;
    default:
      return t.abbrev == AbbreviationClass::general ? Strength::abbreviation : Strength::title;
  }
}

}  // namespace

void split_sentences(std::string_view text, const std::vector<RawToken>& tokens, std::size_t begin, std::size_t end,
                     const BoundaryLexicon& lexicon, std::vector<SentenceRange>& out) {
  std::size_t first = begin;
  std::size_t k = begin;
  while (k < end) {
    if (!is_terminal(tokens[k])) {
      ++k;
      continue;
    }
    Strength strength = strength_of(tokens[k]);
    bool closed_quote = false;
    std::size_t j = k + 1;
    // Unambiguous closers (” ») count even after a space (French spacing: « Non. »).
    while (j < end && (tokens[j].attached || tokens[j].role == Role::close_quote) &&
           (is_terminal(tokens[j]) || is_closer(tokens[j]))) {
      if (is_terminal(tokens[j])) {
        Strength s = strength_of(tokens[j]);  // "etc.!" ends like "!", "U.S..." like an ellipsis
        if (s == Strength::full) strength = Strength::full;
        else if (s == Strength::ellipsis && strength != Strength::full) strength = Strength::ellipsis;
      }
      if (is_quote(tokens[j])) closed_quote = true;
      ++j;
    }
    if (j >= end) break;  // the paragraph's end closes the sentence

    // The next token, and the first word after any opening quotes / brackets.
    const RawToken& next = tokens[j];
    std::size_t w = j;
    while (w < end && is_opener(tokens[w])) ++w;
    const RawToken* word = w < end ? &tokens[w] : nullptr;
    bool opened_quote = false;  // `the U.S. "We ...`: an opening quotation mark (not a bracket: "N.H. (AP)")
    for (std::size_t q = j; q < w; ++q) opened_quote |= tokens[q].role != Role::open_bracket;
    // "1. FIREWORKS FLY": a list number or letter alone before the period is not a sentence.
    bool enumerator = (k == first + 1 && tokens[k].role == Role::period && tokens[first].role == Role::number) ||
                      (k == first && tokens[k].abbrev == AbbreviationClass::general &&
                       tokens[k].end - tokens[k].start == 2);  // "A. The first point"

    bool boundary = false;
    if (next.role == Role::comma || next.role == Role::dash || next.first == CharClass::lower ||
        (word && word->first == CharClass::lower) || enumerator) {
      boundary = false;
    } else if (closed_quote && strength == Strength::full && is_short_attribution(text, tokens, j, end, lexicon)) {
      boundary = false;
    } else {
      switch (strength) {
        case Strength::full:
          boundary = true;
          break;
        case Strength::ellipsis:
          boundary = word && word->first == CharClass::upper;
          break;
        case Strength::title:
          boundary = false;
          break;
        case Strength::abbreviation:
          boundary = word && word->first == CharClass::upper &&
                     (closed_quote || opened_quote ||
                      lexicon.is_sentence_starter(text.substr(word->start, word->end - word->start)));
          break;
      }
    }
    if (boundary) {
      out.push_back({first, j - 1});
      first = j;
    }
    k = j;
  }
  if (first < end) out.push_back({first, end - 1});
}

}  // namespace factpipe::text
