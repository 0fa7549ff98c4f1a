#pragma once
// Sentence -> hashed feature vector for the check-worthiness model. kFeatureSetVersion names this exact
// set of features: bump it whenever a feature changes, and retrain (the model file records it and the
// stage refuses a model trained on another version).
#include <filesystem>
#include <string_view>
#include <vector>

#include "analyzed_sentence.hpp"
#include "feature_vector.hpp"
#include "lexicon.hpp"

namespace factpipe::claims {

inline constexpr std::string_view kFeatureSetVersion = "claims-features-1";

class FeatureExtractor {
 public:
  explicit FeatureExtractor(Lexicon lexicon) : lexicon_(std::move(lexicon)) {}
  static FeatureExtractor from_data_dir(const std::filesystem::path& data_dir) {
    return FeatureExtractor(Lexicon::load(data_dir / "lexicon.txt"));
  }

  AnalyzedSentence analyze(std::string_view text, std::size_t base = 0) const {
    return claims::analyze(text, lexicon_, base);
  }
  std::vector<SparseFeature> extract(const AnalyzedSentence& s) const;
  std::vector<SparseFeature> extract(std::string_view text) const { return extract(analyze(text)); }

  const Lexicon& lexicon() const { return lexicon_; }
  // The version plus the lexicon's fingerprint: what a model must have been trained with.
  std::string signature() const { return std::string(kFeatureSetVersion) + "+lexicon:" + lexicon_.fingerprint(); }

 private:
  Lexicon lexicon_;
};

}  // namespace factpipe::claims
