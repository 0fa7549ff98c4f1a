#pragma once
// A small, fast word scanner shared by the entities, quotes and claims stages. It works on the original UTF-8
// text so the stages agree on word boundaries whatever tokenizer ran before them, and it keeps
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

// What a stage's word lists or trained model expect beyond the default pieces (entities and quotes use the
// default; the claims stage's check-worthiness model and lexicon are built on all of these).
struct ScanOptions {
  // Every English clitic is a piece of its own, not only the possessive "'s": "don't" -> "do" + "n't",
  // "we're" -> "we" + "'re", "I'd" -> "I" + "'d" ("can't" stays whole).
  bool split_clitics = false;
  // Numbers keep '/' and ':' between digits ("10/12/2016", "10:30") and may start with a period (".5").
  bool dates_and_times = false;
  // A hyphen followed by a digit stays inside a word: "COVID-19", "F-16", "mid-1990s".
  bool digits_after_hyphen = false;
  // A run of periods ("...") is one punctuation piece.
  bool ellipsis_as_one = false;
};

// Pieces of text[range]; whitespace is dropped.
std::vector<Piece> scan_pieces(std::string_view text, Span range, const AbbreviationSet& abbreviations,
                               const ScanOptions& options = {});

// A piece's text as word lists spell it: ASCII lower case, typographic marks as their ASCII stand-ins
// (’ ‘ ‚ ‛ -> ', “ ” „ ‟ « » -> ", dashes -> -, … -> ..., • -> *), so "Don’t" and "don't" are one word.
std::string plain_lower(std::string_view piece_text);
void append_plain_lower(std::string_view piece_text, std::string& out);

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
