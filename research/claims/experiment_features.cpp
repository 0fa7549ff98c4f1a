#include "experiment_features.hpp"

#include <memory>
#include <string>
#include <utility>

namespace factpipe::claims {

namespace {

class Experiments final : public FeatureExtension {
 public:
  Experiments(bool structure, std::shared_ptr<const WordClasses> classes)
      : structure_(structure), classes_(std::move(classes)) {}
  // The letters the signature had when these options lived in FeatureOptions: old experiment logs still match.
  std::string tag() const override { return std::string(structure_ ? "s" : "") + (classes_ ? "wn3" : ""); }
  void add_words(const AnalyzedSentence& s, FeatureVector& f) const override {
    if (classes_) features::add_word_classes(s, *classes_, f);
  }
  void add_hand(const AnalyzedSentence& s, FeatureVector& f) const override {
    if (structure_) features::add_structure(s, f);
  }

 private:
  bool structure_;
  std::shared_ptr<const WordClasses> classes_;
};

}  // namespace

FeatureExtractor ExperimentFeatures::extractor(const std::filesystem::path& data_dir,
                                               const std::filesystem::path& wordnet) const {
  std::shared_ptr<const FeatureExtension> extension;
  if (structure || word_classes)
    extension = std::make_shared<Experiments>(structure, word_classes ? WordClasses::shared(wordnet) : nullptr);
  return FeatureExtractor::from_data_dir(data_dir, options, std::move(extension));
}

std::vector<SparseFeature> hand_features(const FeatureExtractor& extractor, const AnalyzedSentence& s) {
  FeatureVector f;
  f.set_group(FeatureGroup::hand);
  extractor.add_hand(s, f);
  return std::move(f).finish_counts();
}

}  // namespace factpipe::claims
