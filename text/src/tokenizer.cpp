#include <factpipe/text/tokenizer.hpp>

#include <array>

// Token decisions (documented here because other stages rely on them):
//  - No white-space tokens. Every other character belongs to exactly one token.
//  - Words keep internal apostrophes ("don't", "O'Malley") but split the English clitics
//    's 're 've 'll 'd 'm into their own word token ("Obama" "'s", "I" "'m"), as PTB and spaCy do.
//  - Hyphenated compounds stay one token ("24-year-old", "well-known", "COVID-19") unless a hyphen sits
//    between letters next to a capitalised part ("pro-Trump" -> "pro" "-" "Trump", "Ho-jin" -> "Ho" "-"
//    "jin"), so that names inside compounds are tokens of their own for the entity stage.
//  - Numbers keep internal , . : / between digits ("1,200", "3.5", "10:30", "9/11", "2024-06-19") and
//    letters glued to them ("21st", "1990s"). Currency and percent signs are separate symbol tokens
//    ("$" "1.2", "14" "%"), as in PTB. A digit-led compound with letters after a hyphen is a word
//    ("24-year-old").
//  - A word keeps its final period when it is a listed abbreviation ("Gov.", "Inc."), an initial ("J."),
//    or a dotted initialism ("U.S.", "a.m.", "Ph.D."); "No." only before a number. Otherwise the period
//    is its own token.
//  - URLs (http://, https://, www.) and e-mail addresses are single tokens of kind `other`, without
//    trailing punctuation. "@handle" and "#tag" are words.
//  - Quotation marks are single tokens, `` and '' (PTB / NYT style) are one token of two characters;
//    runs of ! and ? are one token; "...", "…" and ". . ." are one ellipsis token; "--" is one dash.

namespace factpipe::text {

namespace {

constexpr std::size_t kMaxHyphens = 15;

struct Scanner {
  std::string_view t;
  std::size_t end;
  const BoundaryLexicon& lex;
  std::vector<RawToken>& out;

  CodePoint at(std::size_t i) const { return char_at(t, i); }
  CharClass cls_at(std::size_t i) const { return i < end ? at(i).cls : CharClass::space; }
  char byte_at(std::size_t i) const { return i < end ? t[i] : '\0'; }

  void push(std::size_t s, std::size_t e, TokenKind kind, Role role, bool attached,
            AbbreviationClass abbrev = AbbreviationClass::none) {
    out.push_back(RawToken{s, e, kind, role, abbrev, at(s).cls, attached});
  }

  // After an apostrophe at `j`: one of the English clitics s re ve ll d m, ending the word? Returns
  // the end of the clitic or 0.
  std::size_t clitic_end(std::size_t j) const {
    auto lower = [&](std::size_t k) {
      char c = byte_at(k);
      return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    };
    std::size_t n = 0;
    char a = lower(j), b = lower(j + 1);
    if (a == 's' || a == 'd' || a == 'm') n = 1;
    else if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) n = 2;
    if (n == 0) return 0;
    return is_alnum(cls_at(j + n)) ? 0 : j + n;
  }

  bool starts_with_ci(std::size_t i, std::string_view p) const {
    if (end - i < p.size()) return false;
    for (std::size_t k = 0; k < p.size(); ++k) {
      char c = t[i + k];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != p[k]) return false;
    }
    return true;
  }

  // Dotted initialism: letters separated by periods, each segment at most 3 bytes ("U.S", "Ph.D", "a.m").
  static bool is_initialism(std::string_view w) {
    if (w.find('.') == std::string_view::npos) return false;
    std::size_t seg = 0;
    for (char c : w) {
      if (c == '.') {
        if (seg == 0) return false;
        seg = 0;
        continue;
      }
      if (c >= '0' && c <= '9') return false;
      if (++seg > 3) return false;
    }
    return seg > 0;
  }

  bool digit_follows(std::size_t i) const {
    while (i < end && cls_at(i) == CharClass::space) i += at(i).length;
    return i < end && (cls_at(i) == CharClass::digit || t[i] == '#');
  }

  // http://... https://... www....: up to white space, minus trailing punctuation.
  std::size_t scan_url(std::size_t s) const {
    std::size_t i = s;
    while (i < end) {
      CodePoint c = at(i);
      if (c.cls == CharClass::space || c.cls == CharClass::open_quote || c.cls == CharClass::close_quote ||
          c.cls == CharClass::right_single || c.cls == CharClass::straight_quote || t[i] == '<' || t[i] == '>')
        break;
      i += c.length;
    }
    while (i > s) {
      char c = t[i - 1];
      if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' || c == ')' || c == ']' ||
          c == '}')
        --i;
      else break;
    }
    return i;
  }

  TokenKind kind_of(std::size_t s, std::size_t e) const {
    if (cls_at(s) != CharClass::digit) return TokenKind::word;
    for (std::size_t i = s; i + 1 < e; ++i)
      if (t[i] == '-' && is_letter(cls_at(i + 1))) return TokenKind::word;  // "24-year-old"
    return TokenKind::number;
  }

  // A word, number, initialism, e-mail address or URL starting at s. Returns the end of what it pushed.
  std::size_t scan_word(std::size_t s, bool attached) {
    if ((t[s] == 'h' || t[s] == 'H' || t[s] == 'w' || t[s] == 'W') &&
        (starts_with_ci(s, "http://") || starts_with_ci(s, "https://") || starts_with_ci(s, "www."))) {
      std::size_t e = scan_url(s);
      push(s, e, TokenKind::other, Role::other, attached);
      return e;
    }
    const CharClass first = at(s).cls;
    const bool digit_start = first == CharClass::digit;
    bool email = false;
    std::size_t part_start = s;                       // start of the last hyphen-separated part
    std::array<std::size_t, kMaxHyphens> split_at{};  // hyphens to split at (between letters, next to a capital)
    std::size_t splits = 0;
    CharClass part_first = first;
    std::size_t i = s;
    for (;;) {
      CharClass last = CharClass::other;
      while (i < end) {
        CodePoint c = at(i);
        if (!is_alnum(c.cls)) break;
        last = c.cls;
        i += c.length;
      }
      if (i >= end) break;
      CodePoint c = at(i);
      std::size_t j = i + c.length;
      CharClass next = cls_at(j);
      char ch = t[i];
      bool join = false;
      switch (c.cls) {
        case CharClass::period:
          join = ch == '.' && is_alnum(next);  // "3.5", "U.S", "Breitbart.com"
          break;
        case CharClass::comma:
          join = (ch == ',' || ch == ':') && last == CharClass::digit && next == CharClass::digit;
          break;
        case CharClass::slash:
          join = last == CharClass::digit && next == CharClass::digit;
          break;
        case CharClass::hyphen:
          if (is_alnum(next)) {
            join = true;
            CharClass nf = next;
            if (is_letter(last) && is_letter(nf) && (part_first == CharClass::upper || nf == CharClass::upper) &&
                splits < kMaxHyphens)
              split_at[splits++] = i;
            part_start = j;
            part_first = nf;
          }
          break;
        case CharClass::apostrophe:
        case CharClass::right_single:
          join = is_letter(next) && clitic_end(j) == 0;  // "don't", "O'Malley"; not "Obama's"
          break;
        case CharClass::symbol:
          if (ch == '&') join = last == CharClass::upper && next == CharClass::upper;  // "AT&T"
          else if (ch == '@' && !email && is_alnum(next)) join = email = true;
          break;
        default:
          break;
      }
      if (!join) break;
      i = j;
    }

    // Keep the final period of abbreviations, initials and initialisms.
    AbbreviationClass abbrev = AbbreviationClass::none;
    if (i < end && t[i] == '.' && !digit_start && !email) {
      std::string_view last_part = t.substr(part_start, i - part_start);
      CodePoint lp = at(part_start);
      if (is_initialism(last_part) || (lp.length == last_part.size() && lp.cls == CharClass::upper)) {
        abbrev = AbbreviationClass::general;
      } else {
        abbrev = lex.abbreviation(t.substr(part_start, i + 1 - part_start));
        if (abbrev == AbbreviationClass::number && !digit_follows(i + 1)) abbrev = AbbreviationClass::none;
      }
      if (abbrev != AbbreviationClass::none) ++i;
    }

    if (email) {
      push(s, i, TokenKind::other, Role::other, attached);
      return i;
    }
    if (splits == 0) {
      TokenKind kind = digit_start ? kind_of(s, i) : TokenKind::word;
      push(s, i, kind, kind == TokenKind::number ? Role::number : Role::word, attached, abbrev);
      return i;
    }
    // Split "pro-Trump" into its parts and hyphens.
    std::size_t from = s;
    for (std::size_t k = 0; k < splits; ++k) {
      TokenKind kind = kind_of(from, split_at[k]);
      push(from, split_at[k], kind, kind == TokenKind::number ? Role::number : Role::word, attached);
      std::size_t h = split_at[k] + at(split_at[k]).length;
      push(split_at[k], h, TokenKind::punct, Role::dash, true);
      from = h;
      attached = true;
    }
    TokenKind kind = kind_of(from, i);
    push(from, i, kind, kind == TokenKind::number ? Role::number : Role::word, true, abbrev);
    return i;
  }

  void run(std::size_t begin) {
    std::size_t i = begin;
    std::size_t prev_end = static_cast<std::size_t>(-1);
    while (i < end) {
      CodePoint c = at(i);
      if (c.cls == CharClass::space) {
        i += c.length;
        continue;
      }
      const bool attached = i == prev_end;
      const std::size_t s = i;
      std::size_t e = i + c.length;
      switch (c.cls) {
        case CharClass::upper:
        case CharClass::lower:
        case CharClass::letter:
        case CharClass::mark:
        case CharClass::digit:
          e = scan_word(s, attached);
          break;
        case CharClass::period:
          if (t[s] == '.' && byte_at(s + 1) == '.' && byte_at(s + 2) == '.') {
            while (byte_at(e) == '.') ++e;
            push(s, e, TokenKind::punct, Role::ellipsis, attached);
          } else if (t[s] == '.' && byte_at(s + 1) == ' ' && byte_at(s + 2) == '.' && byte_at(s + 3) == ' ' &&
                     byte_at(s + 4) == '.') {  // ". . ." (and ". . . .")
            e = s + 5;
            while (byte_at(e) == ' ' && byte_at(e + 1) == '.') e += 2;
            push(s, e, TokenKind::punct, Role::ellipsis, attached);
          } else if (t[s] == '.' && cls_at(e) == CharClass::digit &&
                     !(attached && !out.empty() &&
                       (out.back().kind == TokenKind::word || out.back().kind == TokenKind::number))) {  // ".5", "$.50"
            while (e < end && (cls_at(e) == CharClass::digit ||
                               ((t[e] == '.' || t[e] == ',') && cls_at(e + 1) == CharClass::digit)))
              e += at(e).length;
            push(s, e, TokenKind::number, Role::number, attached);
          } else {
            push(s, e, TokenKind::punct, Role::period, attached);
          }
          break;
        case CharClass::terminator:
          while (e < end && cls_at(e) == CharClass::terminator) e += at(e).length;
          push(s, e, TokenKind::punct, Role::terminator, attached);
          break;
        case CharClass::ellipsis:
          while (e < end && cls_at(e) == CharClass::ellipsis) e += at(e).length;
          push(s, e, TokenKind::punct, Role::ellipsis, attached);
          break;
        case CharClass::comma:
          push(s, e, TokenKind::punct, Role::comma, attached);
          break;
        case CharClass::apostrophe:
        case CharClass::right_single: {
          std::size_t ce = 0;
          if (c.cls == CharClass::apostrophe && byte_at(e) == '\'') {  // '' (NYT quotation mark)
            push(s, e + 1, TokenKind::punct, Role::ambiguous_quote, attached);
            e = e + 1;
          } else if (attached && !out.empty() &&
                     (out.back().kind == TokenKind::word || out.back().kind == TokenKind::number) &&
                     (ce = clitic_end(e)) != 0) {  // "'s" after "Obama" or "1990"
            push(s, ce, TokenKind::word, Role::word, attached);
            e = ce;
          } else if (!attached && cls_at(e) == CharClass::digit && cls_at(e + 1) == CharClass::digit &&
                     byte_at(e + 2) == 's' && !is_alnum(cls_at(e + 3))) {  // "'90s"
            e += 3;
            push(s, e, TokenKind::number, Role::number, attached);
          } else {
            push(s, e, TokenKind::punct, Role::ambiguous_quote, attached);
          }
          break;
        }
        case CharClass::straight_quote:
          push(s, e, TokenKind::punct, Role::ambiguous_quote, attached);
          break;
        case CharClass::backtick:
          if (byte_at(e) == '`') ++e;
          push(s, e, TokenKind::punct, Role::open_quote, attached);
          break;
        case CharClass::open_quote:
          push(s, e, TokenKind::punct, Role::open_quote, attached);
          break;
        case CharClass::close_quote:
          push(s, e, TokenKind::punct, Role::close_quote, attached);
          break;
        case CharClass::open_bracket:
          push(s, e, TokenKind::punct, Role::open_bracket, attached);
          break;
        case CharClass::close_bracket:
          push(s, e, TokenKind::punct, Role::close_bracket, attached);
          break;
        case CharClass::hyphen:
        case CharClass::dash:
          while (e < end && cls_at(e) == c.cls && (c.cls == CharClass::dash || t[e] == '-')) e += at(e).length;
          push(s, e, TokenKind::punct, Role::dash, attached);
          break;
        case CharClass::symbol:
          if ((t[s] == '@' || t[s] == '#') && is_letter(cls_at(e))) {  // @handle, #hashtag
            while (e < end && (is_alnum(cls_at(e)) || t[e] == '_')) e += at(e).length;
            push(s, e, TokenKind::word, Role::word, attached);
          } else {
            push(s, e, TokenKind::symbol, Role::symbol, attached);
          }
          break;
        case CharClass::slash:
        case CharClass::punct:
          push(s, e, TokenKind::punct, Role::punct, attached);
          break;
        case CharClass::space:
        case CharClass::other:
          push(s, e, TokenKind::other, Role::other, attached);
          break;
      }
      prev_end = e;
      i = e;
    }
  }
};

}  // namespace

void Tokenizer::tokenize(std::string_view text, std::size_t begin, std::size_t end, std::vector<RawToken>& out) const {
  Scanner sc{text, end, *lexicon_, out};
  sc.run(begin);
}

}  // namespace factpipe::text
