#pragma once
// factpipe's segmenter: paragraphs, sentences and tokens with exact byte offsets.
//
// Why a hand-written scanner and not ICU's BreakIterator: ICU's sentence rules break after every
// "Gov." or "J." that precedes a capital (its suppression list covers a few abbreviations only and not
// initials or AP state names), know nothing of NYT-style '' quotation marks, and its word iterator runs
// far below the 25 MB/s we need. The scanner below classifies ASCII with one table lookup and everything
// else with ICU's character properties (u_charType), so Unicode letters, dashes and quotation marks are
// right without ICU's iterators. Abbreviations and sentence starters are data files (data/*.txt).
//
// Thread safety: a configured Segmenter is immutable; segment() may run on many threads at once.
//
//   auto seg = factpipe::segmenter::Segmenter(factpipe::segmenter::BoundaryLexicon::load_dir(data_dir));
//   seg.annotate(doc);   // fills doc.paragraphs, doc.sentences, doc.tokens
#include <filesystem>
#include <string_view>
#include <vector>

#include <factpipe/document.hpp>

#include "boundary_lexicon.hpp"
#include "paragraphs.hpp"

namespace factpipe::segmenter {

struct Options {
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

// Indices [first, last) of the tokens lying inside `span` (tokens sorted, as the segmenter writes them):
// the tokens of a sentence are tokens_in(doc.tokens, doc.sentences[i].span). O(log n).
struct TokenRange {
  std::size_t first = 0, last = 0;
  std::size_t size() const { return last - first; }
  bool empty() const { return last <= first; }
};
TokenRange tokens_in(const std::vector<Token>& tokens, const Span& span);

class Segmenter {
 public:
  explicit Segmenter(BoundaryLexicon lexicon, Options options = {});
  // The lists shipped in a plugin data dir (abbreviations.txt, from text/data; data/sentence_starters.txt ...).
  static Segmenter from_data_dir(const std::filesystem::path& data_dir, Options options = {});

  Segmentation segment(std::string_view text) const;
  // Same, reusing `out`'s storage (cleared first).
  void segment(std::string_view text, Segmentation& out) const;
  // Replaces doc.paragraphs / sentences (and tokens unless options().tokens is false); records the layers.
  void annotate(Document& doc) const;

  const Options& options() const { return options_; }
  const BoundaryLexicon& lexicon() const { return lexicon_; }

 private:
  BoundaryLexicon lexicon_;
  Options options_;
};

}  // namespace factpipe::segmenter
