#pragma once
// Tokens of one paragraph: a hand-written scanner over UTF-8 (see segmentation.hpp for why not ICU's
// BreakIterator). Besides the public Token (span + kind) each token carries what the sentence splitter
// needs: its role, its abbreviation class and whether white space precedes it.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include <factpipe/document.hpp>

#include <factpipe/text/boundary_lexicon.hpp>
#include <factpipe/text/char_class.hpp>

namespace factpipe::text {

enum class Role : std::uint8_t {
  word,  // letters, possibly with a kept abbreviation period ("Gov.", "U.S.")
  number,
  period,           // .
  terminator,       // ! ? and runs of them ("?!")
  ellipsis,         // … ... . . .
  comma,            // , ; :
  open_quote,       // “ ‘ « ``
  close_quote,      // ” » ›
  ambiguous_quote,  // " ' '' ’ : opening or closing, decided by the white space around them
  open_bracket,
  close_bracket,
  dash,  // - -- – —
  symbol,
  punct,
  other,  // URLs, e-mail addresses, unclassifiable characters
};

struct RawToken {
  std::size_t start = 0, end = 0;  // bytes
  TokenKind kind = TokenKind::word;
  Role role = Role::word;
  AbbreviationClass abbrev = AbbreviationClass::none;  // words that kept a period
  CharClass first = CharClass::other;                  // class of the first character (upper / lower / digit ...)
  bool attached = false;                               // no white space between the previous token and this one
};

class Tokenizer {
 public:
  explicit Tokenizer(const BoundaryLexicon& lexicon) : lexicon_(&lexicon) {}
  // Appends the tokens of text[begin, end) to `out`. `end` must be on a code point boundary.
  void tokenize(std::string_view text, std::size_t begin, std::size_t end, std::vector<RawToken>& out) const;

 private:
  const BoundaryLexicon* lexicon_;
};

}  // namespace factpipe::text
