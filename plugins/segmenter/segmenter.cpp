#include "segmenter.hpp"

#include <algorithm>

#include "sentence_splitter.hpp"
#include "tokenizer.hpp"

namespace factpipe::segmenter {

TokenRange tokens_in(const std::vector<Token>& tokens, const Span& span) {
  auto first = std::lower_bound(tokens.begin(), tokens.end(), span.start,
                                [](const Token& t, std::size_t offset) { return t.span.start < offset; });
  auto last = std::lower_bound(first, tokens.end(), span.end,
                               [](const Token& t, std::size_t offset) { return t.span.end <= offset; });
  return {static_cast<std::size_t>(first - tokens.begin()), static_cast<std::size_t>(last - tokens.begin())};
}

Segmenter::Segmenter(BoundaryLexicon lexicon, Options options) : lexicon_(std::move(lexicon)), options_(options) {}

Segmenter Segmenter::from_data_dir(const std::filesystem::path& data_dir, Options options) {
  return Segmenter(BoundaryLexicon::load_dir(data_dir), options);
}

Segmentation Segmenter::segment(std::string_view text) const {
  Segmentation out;
  segment(text, out);
  return out;
}

void Segmenter::segment(std::string_view text, Segmentation& out) const {
  out.paragraphs.clear();
  out.sentences.clear();
  out.tokens.clear();
  out.sentences_cut = 0;

  std::vector<Span> paragraphs;
  find_paragraphs(text, options_.paragraph_breaks, paragraphs);
  out.paragraphs.reserve(paragraphs.size());
  if (options_.tokens) out.tokens.reserve(text.size() / 5 + 16);
  out.sentences.reserve(text.size() / 100 + 16);

  // Scratch buffers, one paragraph at a time (local, so concurrent calls share nothing).
  std::vector<RawToken> raw;
  std::vector<SentenceRange> ranges;
  raw.reserve(512);
  Tokenizer tokenizer(lexicon_);
  for (std::size_t p = 0; p < paragraphs.size(); ++p) {
    const Span& ps = paragraphs[p];
    out.paragraphs.push_back(Paragraph{ps, Json::object()});
    raw.clear();
    ranges.clear();
    tokenizer.tokenize(text, ps.start, ps.end, raw);
    split_sentences(text, raw, 0, raw.size(), lexicon_, ranges);
    const std::size_t cap = options_.max_sentence_tokens;
    for (const auto& r : ranges) {
      const bool cut = cap > 0 && r.last - r.first + 1 > cap;
      if (cut) ++out.sentences_cut;
      for (std::size_t first = r.first; first <= r.last; first += cut ? cap : r.last - r.first + 1) {
        const std::size_t last = cut ? std::min(r.last, first + cap - 1) : r.last;
        Sentence s;
        s.span = Span{raw[first].start, raw[last].end};
        s.paragraph = static_cast<int>(p);
        if (cut) s.extra["segmenter"] = Json{{"cut_at_max_sentence_tokens", cap}};
        out.sentences.push_back(std::move(s));
      }
    }
    if (options_.tokens)
      for (const auto& t : raw) out.tokens.push_back(Token{Span{t.start, t.end}, t.kind});
  }
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
