#pragma once
// Paragraphs, sentences and tokens of a text with exact byte offsets: the paragraphs (paragraphs.hpp), then in each
// the tokenizer (tokenizer.hpp) and the sentence rules (sentence_splitter.hpp). The segmenter stage writes this into
// a document; split_sentences(text) gives the sentences of plain text by the same rules.
//
// Why a hand-written scanner and not ICU's BreakIterator: ICU's sentence rules break after every "Gov." or "J."
// that precedes a capital (its suppression list covers a few abbreviations only and not initials or AP state
// names), know nothing of NYT-style '' quotation marks, and its word iterator runs far below the 25 MB/s we need.
// The scanner classifies ASCII with one table lookup and everything else with ICU's character properties
// (char_class.hpp), so Unicode letters, dashes and quotation marks are right without ICU's iterators.
// Abbreviations, sentence starters and verbs of saying are data files (boundary_lexicon.hpp).
//
// Thread safety: segment() shares nothing between calls; a BoundaryLexicon is immutable.
#include <cstddef>
#include <string_view>
#include <vector>

#include <factpipe/document.hpp>
#include <factpipe/text/boundary_lexicon.hpp>
#include <factpipe/text/paragraphs.hpp>

namespace factpipe::text {

struct SegmentOptions {
  ParagraphBreaks paragraph_breaks = ParagraphBreaks::automatic;
  bool tokens = true;  // false: paragraphs and sentences only (tokens are still used internally)
  // A sentence longer than this many tokens is cut every max_sentence_tokens tokens (0: never). Later stages
  // compare pairs of tokens and candidates within a sentence; without a cap one 500 KB sentence takes
  // tens of GB (issue 15).
  std::size_t max_sentence_tokens = 1000;
};

struct Segmentation {
  std::vector<Paragraph> paragraphs;
  std::vector<Sentence> sentences;  // each with its paragraph index; never crossing a paragraph
  std::vector<Token> tokens;        // every token lies inside a sentence; no white-space tokens
  std::size_t sentences_cut = 0;    // over-long sentences cut at max_sentence_tokens
};

// Fills `out` (cleared first, its storage reused).
void segment(std::string_view text, const BoundaryLexicon& lexicon, const SegmentOptions& options, Segmentation& out);

// Indices [first, last) of the tokens lying inside `span` (tokens sorted, as segment() writes them):
// the tokens of a sentence are tokens_in(doc.tokens, doc.sentences[i].span). O(log n).
struct TokenRange {
  std::size_t first = 0, last = 0;
  std::size_t size() const { return last - first; }
  bool empty() const { return last <= first; }
};
TokenRange tokens_in(const std::vector<Token>& tokens, const Span& span);

}  // namespace factpipe::text
