#pragma once
// What the quotes stage wrote into a document, in the metric's terms (code point spans): direct and
// partial quotations with their speakers, and the indirect ones.
#include <vector>

#include <factpipe/document.hpp>

#include "polnear.hpp"
#include "quote_metric.hpp"

namespace factpipe::quotes::eval {

struct DocumentPredictions {
  std::vector<Predicted> direct;  // direct and partial
  std::vector<CpSpan> indirect;
  std::vector<CpSpan> mixed;  // reported speech holding a quotation (kind mixed)
};

DocumentPredictions predictions_of(const Document& doc, const Article& a);

}  // namespace factpipe::quotes::eval
