#pragma once
// A small, fast word scanner shared by the entities and quotes stages. It works on the original UTF-8
// text so both stages agree on word boundaries whatever tokenizer ran before them, and it keeps
// abbreviations with their period ("Mr.", "U.S.") and splits possessives ("Clinton" + "’s").
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <factpipe/document.hpp>

namespace factpipe::text {

enum class PieceKind : std::uint8_t { word, number, punct };

struct Piece {
  Span span;
  PieceKind kind = PieceKind::word;
  bool cap = false;         // first letter upper case
  bool all_caps = false;    // every letter upper case (acronyms: NATO, FBI)
  bool possessive = false;  // the "'s" / "’s" split off a word
  char32_t cp = 0;          // the code point of a one-code-point punctuation piece
};

// Abbreviations that keep their period, lower-cased with the period ("mr.", "sen.").
using AbbreviationSet = std::unordered_set<std::string>;

// Pieces of text[range]; whitespace is dropped.
std::vector<Piece> scan_pieces(std::string_view text, Span range, const AbbreviationSet& abbreviations);

// Lower-case ASCII copy (non-ASCII bytes are kept as they are).
std::string lower(std::string_view s);

bool is_quote_mark(char32_t cp);
bool is_dash(char32_t cp);

// Paragraph spans: the document's paragraphs layer when present, otherwise the text cut at newlines.
std::vector<Span> paragraph_spans(const Document& doc);
// Sentence spans: the document's sentences layer when present, otherwise each paragraph split by the plain-text
// splitter (sentence_splitter.hpp).
std::vector<Span> sentence_spans(const Document& doc);

}  // namespace factpipe::text

namespace factpipe::text {
// Appends `w` to a space-separated key.
inline void append_word(std::string& key, std::string_view w) {
  if (!key.empty()) key += ' ';
  key += w;
}
}  // namespace factpipe::text
