#include "feature_extractor.hpp"

#include <cstdio>

#include "features/features.hpp"
#include "sentence_vector_features.hpp"

namespace factpipe::claims {

std::string FeatureOptions::tag(std::string_view extension_tag) const {
  char buf[160];
  char chars[32] = "";
  if (char_ngrams) std::snprintf(chars, sizeof chars, "c%u-%u", char_min, char_max);
  std::snprintf(buf, sizeof buf, "w%s%s%.*s:%g,%g,%g%s", word_trigrams ? "123" : "12", chars,
                static_cast<int>(extension_tag.size()), extension_tag.data(), weighting.scale[0], weighting.scale[1],
                weighting.scale[2], weighting.log_tf ? ":logtf" : "");
  return std::string(buf) + (sentence_vector ? std::string(kSentenceVectorTag) : std::string());
}

std::vector<SparseFeature> FeatureExtractor::extract(const AnalyzedSentence& s) const {
  FeatureVector f;
  // About 25 features a word with character n-grams (a dozen n-grams, uni-, bi-, trigram, stem, class).
  f.reserve(32 * s.words.size() + 64);
  f.set_group(FeatureGroup::words);
  features::add_ngrams(s, f);
  if (options_.word_trigrams) features::add_word_trigrams(s, f);
  if (extension_) extension_->add_words(s, f);
  if (options_.char_ngrams) {
    f.set_group(FeatureGroup::chars);
    features::add_char_ngrams(s, options_.char_min, options_.char_max, f);
  }
  f.set_group(FeatureGroup::hand);
  add_hand(s, f);
  return std::move(f).finish(options_.weighting);
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
  if (extension_) extension_->add_hand(s, f);
}

}  // namespace factpipe::claims
