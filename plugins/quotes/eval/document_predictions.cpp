#include "document_predictions.hpp"

#include <factpipe/utf8.hpp>

namespace factpipe::quotes::eval {

DocumentPredictions predictions_of(const Document& doc, const Article& a) {
  DocumentPredictions out;
  utf8::OffsetMap map(doc.text);
  auto cp = [&](const Span& s) { return CpSpan{map.to_code_point(s.start), map.to_code_point(s.end)}; };
  for (const auto& q : doc.quotes) {
    if (!quoted_verbatim(q.kind)) {
      (q.kind == QuoteKind::mixed ? out.mixed : out.indirect).push_back(cp(q.span));
      continue;
    }
    Predicted p;
    p.span = cp(q.span);
    p.words = count_words(a.cps, p.span);
    if (q.speaker) {
      if (q.speaker->mention) p.mention = cp(*q.speaker->mention);
      p.name = q.speaker->name;
    }
    out.direct.push_back(std::move(p));
  }
  return out;
}

}  // namespace factpipe::quotes::eval
