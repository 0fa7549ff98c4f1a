#include "feature_extractor.hpp"

#include "features/features.hpp"

namespace factpipe::claims {

std::vector<SparseFeature> FeatureExtractor::extract(const AnalyzedSentence& s) const {
  FeatureVector f;
  features::add_ngrams(s, f);
  features::add_numbers(s, f);
  features::add_dates(s, f);
  features::add_entities(s, f);
  features::add_comparisons(s, f);
  features::add_tense(s, f);
  features::add_reporting(s, f);
  features::add_hedges_opinion(s, f);
  features::add_person(s, f);
  features::add_shape(s, f);
  return std::move(f).finish();
}

}  // namespace factpipe::claims
