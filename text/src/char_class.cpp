#include <factpipe/text/char_class.hpp>

#include <unicode/uchar.h>

namespace factpipe::text::detail {

namespace {
constexpr CharClass S = CharClass::space, U = CharClass::upper, L = CharClass::lower, D = CharClass::digit,
                    Y = CharClass::symbol, P = CharClass::punct, O = CharClass::other;
}  // namespace

// clang-format off
const CharClass kAsciiClass[128] = {
  O, O, O, O, O, O, O, O, O, S, S, S, S, S, O, O,   // \t \n \v \f \r
  O, O, O, O, O, O, O, O, O, O, O, O, S, S, S, S,   // 0x1C..0x1F are separators
  S, CharClass::terminator, CharClass::straight_quote, Y, Y, Y, Y, CharClass::apostrophe,   // space ! " # $ % & '
  CharClass::open_bracket, CharClass::close_bracket, P, Y, CharClass::comma, CharClass::hyphen,
  CharClass::period, CharClass::slash,                                                     // ( ) * + , - . /
  D, D, D, D, D, D, D, D, D, D, CharClass::comma, CharClass::comma, Y, Y, Y, CharClass::terminator,  // 0-9 : ; < = > ?
  Y, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,   // @ A..O
  U, U, U, U, U, U, U, U, U, U, U, CharClass::open_bracket, P, CharClass::close_bracket, Y, P,  // P..Z [ \ ] ^ _
  CharClass::backtick, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,   // ` a..o
  L, L, L, L, L, L, L, L, L, L, L, CharClass::open_bracket, Y, CharClass::close_bracket, Y, O,  // p..z { | } ~ DEL
};
// clang-format on

namespace {

// Decodes leniently: an invalid or truncated sequence yields one byte of class `other`, so offsets stay
// inside the text and every byte is covered exactly once. (The stage rejects invalid UTF-8 up front.)
bool decode(std::string_view t, std::size_t i, char32_t& cp, std::uint8_t& len) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(t[k]); };
  unsigned char c = b(i);
  std::size_t n = t.size() - i;
  auto cont = [&](std::size_t k) { return (b(k) & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF && n >= 2 && cont(i + 1)) {
    cp = (char32_t(c & 0x1F) << 6) | (b(i + 1) & 0x3F);
    len = 2;
    return true;
  }
  if (c >= 0xE0 && c <= 0xEF && n >= 3 && cont(i + 1) && cont(i + 2)) {
    cp = (char32_t(c & 0x0F) << 12) | (char32_t(b(i + 1) & 0x3F) << 6) | (b(i + 2) & 0x3F);
    len = 3;
    return cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF);
  }
  if (c >= 0xF0 && c <= 0xF4 && n >= 4 && cont(i + 1) && cont(i + 2) && cont(i + 3)) {
    cp = (char32_t(c & 0x07) << 18) | (char32_t(b(i + 1) & 0x3F) << 12) | (char32_t(b(i + 2) & 0x3F) << 6) |
         (b(i + 3) & 0x3F);
    len = 4;
    return cp >= 0x10000 && cp <= 0x10FFFF;
  }
  return false;
}

CharClass classify(char32_t cp) {
  switch (cp) {  // the few that Unicode's general category does not decide for us
    case 0x2019:
      return CharClass::right_single;
    case 0x2018:
    case 0x201A:
    case 0x201B:
    case 0x201C:
    case 0x201E:
    case 0x201F:
      return CharClass::open_quote;
    case 0x2026:
      return CharClass::ellipsis;
    case 0x2010:
    case 0x2011:
      return CharClass::hyphen;
    case 0x203C:
    case 0x2047:
    case 0x2048:
    case 0x2049:
    case 0xFF01:
    case 0xFF1F:
      return CharClass::terminator;
    case 0x3002:
    case 0xFF0E:
      return CharClass::period;
    case 0x2030:
    case 0x2031:
      return CharClass::symbol;  // per mille
    case 0x00AD:
    case 0x200C:
    case 0x200D:
      return CharClass::mark;
    case 0x0085:
    case 0x180E:
      return CharClass::space;
    default:
      break;
  }
  switch (u_charType(static_cast<UChar32>(cp))) {
    case U_UPPERCASE_LETTER:
    case U_TITLECASE_LETTER:
      return CharClass::upper;
    case U_LOWERCASE_LETTER:
      return CharClass::lower;
    case U_OTHER_LETTER:
    case U_MODIFIER_LETTER:
      return CharClass::letter;
    case U_NON_SPACING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_ENCLOSING_MARK:
      return CharClass::mark;
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
      return CharClass::digit;
    case U_SPACE_SEPARATOR:
    case U_LINE_SEPARATOR:
    case U_PARAGRAPH_SEPARATOR:
      return CharClass::space;
    case U_FORMAT_CHAR:
      return CharClass::space;  // ZWSP, BOM, bidi marks: invisible separators
    case U_DASH_PUNCTUATION:
      return CharClass::dash;
    case U_START_PUNCTUATION:
      return CharClass::open_bracket;
    case U_END_PUNCTUATION:
      return CharClass::close_bracket;
    case U_INITIAL_PUNCTUATION:
      return CharClass::open_quote;
    case U_FINAL_PUNCTUATION:
      return CharClass::close_quote;
    case U_CONNECTOR_PUNCTUATION:
    case U_OTHER_PUNCTUATION:
      return CharClass::punct;
    case U_CURRENCY_SYMBOL:
    case U_MATH_SYMBOL:
    case U_MODIFIER_SYMBOL:
    case U_OTHER_SYMBOL:
      return CharClass::symbol;
    case U_CONTROL_CHAR:
      return u_isspace(static_cast<UChar32>(cp)) ? CharClass::space : CharClass::other;
    default:
      return CharClass::other;
  }
}

}  // namespace

CodePoint classify_non_ascii(std::string_view text, std::size_t i) {
  char32_t cp = 0;
  std::uint8_t len = 1;
  if (!decode(text, i, cp, len)) return {static_cast<unsigned char>(text[i]), 1, CharClass::other};
  return {cp, len, classify(cp)};
}

}  // namespace factpipe::text::detail
