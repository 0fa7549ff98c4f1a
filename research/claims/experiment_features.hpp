#pragma once
// The feature experiments of research/claims: the product's FeatureOptions plus the groups the shipped model
// leaves out (README, third round: structure -0.3 and WordNet classes -0.5 F1 points on ClaimBuster). They enter
// the stage's FeatureExtractor as a FeatureExtension and name themselves in its signature, so the stage refuses
// a model trained with them.
#include <filesystem>
#include <vector>

#include "analyzed_sentence.hpp"
#include "feature_extractor.hpp"
#include "feature_vector.hpp"
#include "word_classes.hpp"

namespace factpipe::claims {

struct ExperimentFeatures {
  FeatureOptions options;
  bool structure = false;     // combination and ratio hand features (features/structure_features.cpp)
  bool word_classes = false;  // WordNet classes of nouns and verbs (word_classes.hpp)
  // Reads WordNet from `wordnet` when word_classes is on (throws naming the file).
  FeatureExtractor extractor(const std::filesystem::path& data_dir,
                             const std::filesystem::path& wordnet = std::filesystem::path(kDefaultWordNetDir)) const;
};

// The hand features (and the experiments') alone, as raw counts, with the hashed indices of extract(): the inputs
// of the boosted trees stacked on the linear model.
std::vector<SparseFeature> hand_features(const FeatureExtractor& extractor, const AnalyzedSentence& s);
inline std::vector<SparseFeature> hand_features(const FeatureExtractor& extractor, std::string_view text) {
  return hand_features(extractor, extractor.analyze(text));
}

namespace features {
void add_word_classes(const AnalyzedSentence& s, const WordClasses& classes, FeatureVector& f);  // WordNet
void add_structure(const AnalyzedSentence& s, FeatureVector& f);  // combinations and ratios
}  // namespace features

}  // namespace factpipe::claims
