#include "feature_extractor.hpp"

#include <cstdio>

#include "features/features.hpp"

namespace factpipe::claims {

std::string FeatureOptions::tag() const {
  char buf[128];
  char chars[32] = "";
  if (char_ngrams) std::snprintf(chars, sizeof chars, "c%u-%u", char_min, char_max);
  std::snprintf(buf, sizeof buf, "w%s%s%s%s:%g,%g,%g%s", word_trigrams ? "123" : "12", chars, structure ? "s" : "",
                word_classes ? "wn3" : "",
                weighting.scale[0], weighting.scale[1], weighting.scale[2], weighting.log_tf ? ":logtf" : "");
  return buf;
}

std::vector<SparseFeature> FeatureExtractor::extract(const AnalyzedSentence& s) const {
  FeatureVector f;
  // About 25 features a word with character n-grams (a dozen n-grams, uni-, bi-, trigram, stem, class).
  f.reserve(32 * s.words.size() + 64);
  f.set_group(FeatureGroup::words);
  features::add_ngrams(s, f);
  if (options_.word_trigrams) features::add_word_trigrams(s, f);
  if (classes_) features::add_word_classes(s, *classes_, f);
  if (options_.char_ngrams) {
    f.set_group(FeatureGroup::chars);
    features::add_char_ngrams(s, options_.char_min, options_.char_max, f);
  }
  f.set_group(FeatureGroup::hand);
  add_hand(s, f);
  return std::move(f).finish(options_.weighting);
}

std::vector<SparseFeature> FeatureExtractor::hand_features(const AnalyzedSentence& s) const {
  FeatureVector f;
  f.set_group(FeatureGroup::hand);
  add_hand(s, f);
  return std::move(f).finish_counts();
}

void FeatureExtractor::add_hand(const AnalyzedSentence& s, FeatureVector& f) const {
  features::add_numbers(s, f);
  features::add_dates(s, f);
  features::add_entities(s, f);
  features::add_comparisons(s, f);
  features::add_tense(s, f);
  features::add_reporting(s, f);
  features::add_hedges_opinion(s, f);
  features::add_person(s, f);
  features::add_shape(s, f);
  if (options_.structure) features::add_structure(s, f);
}

}  // namespace factpipe::claims
