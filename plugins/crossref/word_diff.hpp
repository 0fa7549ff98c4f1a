#pragma once
// Word-level comparison of a quotation with a source: words without punctuation or case, the source
// span that matches the quote best (semi-global alignment), and an LCS diff as DiffOps.
#include <string>
#include <string_view>
#include <vector>

#include <factpipe/document.hpp>

namespace factpipe::crossref {

struct Word {
  std::string norm;                // text::plain_lower of the word: lower case, curly apostrophes made straight
  std::size_t start = 0, end = 0;  // byte offsets of the word as written
};
// The words and numbers of text::scan_pieces, punctuation left out, a possessive kept on its word ("city's").
std::vector<Word> split_words(std::string_view text);

// quote -> source diff (equal / remove = only in the quote / insert = only in the source), runs merged.
std::vector<DiffOp> word_diff(const std::vector<std::string>& quote, const std::vector<std::string>& source);

struct Alignment {
  std::size_t begin = 0, end = 0;  // word indices into the source
  std::size_t common = 0;          // words in the longest common subsequence
  double similarity = 0;           // 2 * common / (quote words + span words)
};
// The source span that the quote matches best; quote words all aligned, source ends free.
Alignment align_quote(const std::vector<std::string>& quote, const std::vector<std::string>& source);

}  // namespace factpipe::crossref
