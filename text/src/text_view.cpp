#include <factpipe/text/text_view.hpp>

#include <algorithm>

namespace factpipe::text {

int TextView::paragraph_at(std::size_t offset) const {
  auto it = std::upper_bound(paragraphs.begin(), paragraphs.end(), offset,
                             [](std::size_t o, const Span& p) { return o < p.start; });
  if (it == paragraphs.begin()) return -1;
  --it;
  if (offset >= it->end) return -1;
  return static_cast<int>(it - paragraphs.begin());
}

bool is_credit_line(std::string_view text, Span paragraph, const AbbreviationSet& abbreviations,
                    const WordList& credit_cues) {
  auto pieces = scan_pieces(text, paragraph, abbreviations);
  std::vector<std::string> low(pieces.size());
  for (std::size_t k = 0; k < pieces.size(); ++k)
    low[k] = lower(text.substr(pieces[k].span.start, pieces[k].span.size()));
  return is_credit_line(text, pieces, low, credit_cues);
}

bool is_credit_line(std::string_view text, const std::vector<Piece>& pieces, const std::vector<std::string>& low,
                    const WordList& credit_cues) {
  // counted first: most paragraphs are longer, and need no look-up in the cue list
  std::size_t words = 0;
  for (const Piece& p : pieces)
    if (p.kind == PieceKind::word && ++words > 20) return false;
  if (pieces.empty()) return false;
  bool cue = false;
  for (std::size_t k = 0; k < pieces.size() && !cue; ++k)
    cue = pieces[k].kind == PieceKind::word && credit_cues.contains(low[k]);
  const Piece& last = pieces.back();
  bool ends_sentence =
      last.kind == PieceKind::punct && (last.cp == '.' || last.cp == '!' || last.cp == '?' || is_quote_mark(last.cp));
  std::string_view first = text.substr(pieces[0].span.start, pieces[0].span.size());
  if (first == "By" && words <= 8 && !ends_sentence) return true;
  return cue && !ends_sentence;
}

TextView TextView::build(const Document& doc, const AbbreviationSet& abbreviations, const WordList& credit_cues,
                         bool with_sentences) {
  TextView v;
  v.text = doc.text;
  v.paragraphs = paragraph_spans(doc);
  v.credit_paragraph.reserve(v.paragraphs.size());
  v.paragraph_pieces.reserve(v.paragraphs.size());
  v.paragraph_lower.reserve(v.paragraphs.size());
  for (const auto& p : v.paragraphs) {
    auto pieces = scan_pieces(doc.text, p, abbreviations);
    std::vector<std::string> low(pieces.size());
    for (std::size_t k = 0; k < pieces.size(); ++k)
      if (pieces[k].kind == PieceKind::word) low[k] = lower(v.str(pieces[k]));
    v.credit_paragraph.push_back(is_credit_line(doc.text, pieces, low, credit_cues));
    v.paragraph_pieces.push_back(std::move(pieces));
    v.paragraph_lower.push_back(std::move(low));
  }
  if (!with_sentences) return v;
  auto spans = sentence_spans(doc);
  v.sentences.reserve(spans.size());
  std::size_t extra = 0;
  for (const auto& s : spans) {
    int p = v.paragraph_at(s.start);
    if (p < 0 || !v.paragraphs[static_cast<std::size_t>(p)].contains(s))
      extra += scan_pieces(doc.text, s, abbreviations).size();
  }
  v.extra_lower.reserve(extra);  // never reallocated below: the views stay valid
  for (const auto& s : spans) {
    SentenceView sv;
    sv.span = s;
    sv.paragraph = v.paragraph_at(s.start);
    const Span* para = sv.paragraph >= 0 ? &v.paragraphs[static_cast<std::size_t>(sv.paragraph)] : nullptr;
    if (para && para->contains(s)) {
      // a slice of the paragraph's pieces (the scanner works the same on both)
      const auto& pp = v.paragraph_pieces[static_cast<std::size_t>(sv.paragraph)];
      auto b = std::lower_bound(pp.begin(), pp.end(), s.start,
                                [](const Piece& x, std::size_t o) { return x.span.start < o; });
      auto e = std::lower_bound(b, pp.end(), s.end, [](const Piece& x, std::size_t o) { return x.span.start < o; });
      while (e != b && std::prev(e)->span.end > s.end) --e;
      sv.pieces.assign(b, e);
      const auto& pl = v.paragraph_lower[static_cast<std::size_t>(sv.paragraph)];
      auto first = static_cast<std::size_t>(b - pp.begin());
      sv.lower.assign(pl.begin() + static_cast<std::ptrdiff_t>(first),
                      pl.begin() + static_cast<std::ptrdiff_t>(first + sv.pieces.size()));
    } else {
      sv.pieces = scan_pieces(doc.text, s, abbreviations);
      for (const auto& p : sv.pieces) {
        v.extra_lower.push_back(p.kind == PieceKind::word ? lower(v.str(p)) : std::string());
        sv.lower.push_back(v.extra_lower.back());
      }
    }
    v.sentences.push_back(std::move(sv));
  }
  return v;
}

}  // namespace factpipe::text
