#include <factpipe/text/segmentation.hpp>

#include <algorithm>

#include <factpipe/text/sentence_splitter.hpp>
#include <factpipe/text/tokenizer.hpp>

namespace factpipe::text {

namespace {

// Calls f(paragraph index, paragraph span, its tokens, its sentences as token ranges) for each paragraph.
template <class F>
void for_each_paragraph(std::string_view text, const BoundaryLexicon& lexicon, ParagraphBreaks breaks, F&& f) {
  std::vector<Span> paragraphs;
  find_paragraphs(text, breaks, paragraphs);
  // Scratch buffers, one paragraph at a time (local, so concurrent calls share nothing).
  std::vector<RawToken> raw;
  std::vector<SentenceRange> ranges;
  raw.reserve(512);
  Tokenizer tokenizer(lexicon);
  for (std::size_t p = 0; p < paragraphs.size(); ++p) {
    raw.clear();
    ranges.clear();
    tokenizer.tokenize(text, paragraphs[p].start, paragraphs[p].end, raw);
    split_sentences(text, raw, 0, raw.size(), lexicon, ranges);
    f(p, paragraphs[p], raw, ranges);
  }
}

}  // namespace

TokenRange tokens_in(const std::vector<Token>& tokens, const Span& span) {
  auto first = std::lower_bound(tokens.begin(), tokens.end(), span.start,
                                [](const Token& t, std::size_t offset) { return t.span.start < offset; });
  auto last = std::lower_bound(first, tokens.end(), span.end,
                               [](const Token& t, std::size_t offset) { return t.span.end <= offset; });
  return {static_cast<std::size_t>(first - tokens.begin()), static_cast<std::size_t>(last - tokens.begin())};
}

void segment(std::string_view text, const BoundaryLexicon& lexicon, const SegmentOptions& options, Segmentation& out) {
  out.paragraphs.clear();
  out.sentences.clear();
  out.tokens.clear();
  out.sentences_cut = 0;
  if (options.tokens) out.tokens.reserve(text.size() / 5 + 16);
  out.sentences.reserve(text.size() / 100 + 16);
  const std::size_t cap = options.max_sentence_tokens;
  for_each_paragraph(
      text, lexicon, options.paragraph_breaks,
      [&](std::size_t p, Span ps, const std::vector<RawToken>& raw, const std::vector<SentenceRange>& ranges) {
        out.paragraphs.push_back(Paragraph{ps, Json::object()});
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
        if (options.tokens)
          for (const auto& t : raw) out.tokens.push_back(Token{Span{t.start, t.end}, t.kind});
      });
}

// Declared in sentence_splitter.hpp; here because it is the same walk as segment().
std::vector<Span> split_sentences(std::string_view text, ParagraphBreaks breaks) {
  std::vector<Span> out;
  for_each_paragraph(
      text, BoundaryLexicon::builtin(), breaks,
      [&](std::size_t, Span, const std::vector<RawToken>& raw, const std::vector<SentenceRange>& ranges) {
        for (const auto& r : ranges) out.push_back(Span{raw[r.first].start, raw[r.last].end});
      });
  return out;
}

}  // namespace factpipe::text
