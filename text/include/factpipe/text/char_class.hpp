#pragma once
// What the tokenizer and paragraph rules need to know about a character, from one table lookup for ASCII and ICU's
// character properties (u_charType, a compact trie) for everything else.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace factpipe::text {

enum class CharClass : std::uint8_t {
  space,           // any white space, including NBSP, U+2000..U+200A, zero-width and bidi format marks
  upper,           // Lu, Lt
  lower,           // Ll
  letter,          // Lo, Lm: letters without case (CJK, Hangul, modifier letters)
  mark,            // combining marks, ZWJ/ZWNJ and the soft hyphen: part of the word they are in
  digit,           // Nd, Nl, No
  period,          // .
  terminator,      // ! ?  (and their full-width / inverted forms)
  ellipsis,        // …
  comma,           // , ; :  (clause punctuation that never ends a sentence)
  apostrophe,      // '  (also a straight single quotation mark)
  right_single,    // ’  (apostrophe or closing single quotation mark)
  straight_quote,  // "  (opening or closing, decided by position)
  backtick,        // `  (`` opens a quotation in PTB/NYT style)
  open_quote,      // “ ‘ « ‹ „ ‚ (Pi and the low-9 marks)
  close_quote,     // ” » › (Pf except ’)
  open_bracket,    // ( [ { and other Ps
  close_bracket,   // ) ] } and other Pe
  hyphen,          // - and U+2010 / U+2011 (joins words: "24-year-old")
  dash,            // – — and other Pd
  slash,           // /
  symbol,          // $ % # & + < = > ^ | ~ @ and Sc Sm Sk So (currency, maths, emoji)
  punct,           // any other punctuation
  other,           // controls and unassigned code points
};

struct CodePoint {
  char32_t cp;
  std::uint8_t length;  // bytes; 1 for an invalid byte, which is then classified `other`
  CharClass cls;
};

namespace detail {
extern const CharClass kAsciiClass[128];
CodePoint classify_non_ascii(std::string_view text, std::size_t i);
}  // namespace detail

// The code point starting at byte i (< text.size()). Never reads past the end, even on invalid UTF-8.
inline CodePoint char_at(std::string_view text, std::size_t i) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) return {c, 1, detail::kAsciiClass[c]};
  return detail::classify_non_ascii(text, i);
}

inline bool is_alnum(CharClass c) {
  return c == CharClass::upper || c == CharClass::lower || c == CharClass::letter || c == CharClass::mark ||
         c == CharClass::digit;
}
inline bool is_letter(CharClass c) { return c == CharClass::upper || c == CharClass::lower || c == CharClass::letter; }

}  // namespace factpipe::text
