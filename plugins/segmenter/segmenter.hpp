#pragma once
// factpipe's segmenter: paragraphs, sentences and tokens with exact byte offsets, written into a document. The
// rules are the shared text library's (text/segmentation.hpp: paragraphs, tokenizer, sentence rules, word lists);
// this holds a stage's lists and options and writes the layers.
//
// Thread safety: a configured Segmenter is immutable; segment() may run on many threads at once.
//
//   auto seg = factpipe::segmenter::Segmenter::from_data_dir(data_dir);
//   seg.annotate(doc);   // fills doc.paragraphs, doc.sentences, doc.tokens
#include <filesystem>
#include <string_view>

#include <factpipe/document.hpp>
#include <factpipe/text/segmentation.hpp>

namespace factpipe::segmenter {

using Options = text::SegmentOptions;
using text::BoundaryLexicon;
using text::paragraph_breaks_from;
using text::ParagraphBreaks;
using text::Segmentation;
using text::TokenRange;
using text::tokens_in;

class Segmenter {
 public:
  explicit Segmenter(BoundaryLexicon lexicon, Options options = {});
  // The lists shipped in a plugin data dir (abbreviations.txt, sentence_starters.txt, attribution_verbs.txt:
  // the shared lists of text/data, copied there by the build).
  static Segmenter from_data_dir(const std::filesystem::path& data_dir, Options options = {});

  Segmentation segment(std::string_view text) const;
  // Same, reusing `out`'s storage (cleared first).
  void segment(std::string_view text, Segmentation& out) const { text::segment(text, lexicon_, options_, out); }
  // Replaces doc.paragraphs / sentences (and tokens unless options().tokens is false); records the layers.
  void annotate(Document& doc) const;

  const Options& options() const { return options_; }
  const BoundaryLexicon& lexicon() const { return lexicon_; }

 private:
  BoundaryLexicon lexicon_;
  Options options_;
};

}  // namespace factpipe::segmenter
