#include "segmenter.hpp"

namespace factpipe::segmenter {

Segmenter::Segmenter(BoundaryLexicon lexicon, Options options) : lexicon_(std::move(lexicon)), options_(options) {}

Segmenter Segmenter::from_data_dir(const std::filesystem::path& data_dir, Options options) {
  return Segmenter(BoundaryLexicon::load_dir(data_dir), options);
}

Segmentation Segmenter::segment(std::string_view text) const {
  Segmentation out;
  segment(text, out);
  return out;
}

void Segmenter::annotate(Document& doc) const {
  Segmentation s;
  segment(doc.text, s);
  doc.paragraphs = std::move(s.paragraphs);
  doc.sentences = std::move(s.sentences);
  if (s.sentences_cut > 0)  // said once per document so a reader of the output sees the cap was reached
    doc.extra["segmenter"]["sentences_cut"] =
        Json{{"count", s.sentences_cut}, {"max_sentence_tokens", options_.max_sentence_tokens}};
  doc.add_layer("paragraphs");
  doc.add_layer("sentences");
  if (options_.tokens) {  // with tokens off, an earlier stage's tokens stay as they were
    doc.tokens = std::move(s.tokens);
    doc.add_layer("tokens");
  }
}

}  // namespace factpipe::segmenter
