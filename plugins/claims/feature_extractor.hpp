#pragma once
// Sentence -> hashed feature vector for the check-worthiness model. kFeatureSetVersion names this exact
// set of features: bump it whenever a feature changes, and retrain (the model file records it and the
// stage refuses a model trained on another version).
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "analyzed_sentence.hpp"
#include "feature_vector.hpp"
#include "lexicon.hpp"
#include "word_classes.hpp"

namespace factpipe::claims {

inline constexpr std::string_view kFeatureSetVersion = "claims-features-2";

// Which feature groups are on and how they are weighed. The defaults are what the shipped model is trained
// with (the stage always uses them); the other settings exist for factpipe-eval-claims experiments, and
// tag() puts them into the signature, so a model trained with them is refused by the stage.
struct FeatureOptions {
  bool char_ngrams = true;     // character n-grams inside words (+1 F1 point on ClaimBuster at scale 0.5)
  unsigned char_min = 4, char_max = 5;  // their lengths (3-5: same F1 within noise, 25% slower stage)
  bool word_trigrams = false;  // word trigrams (no gain measured)
  bool structure = false;      // combination and ratio hand features (structure_features.cpp; -0.3 F1 points)
  bool word_classes = false;   // WordNet classes of nouns and verbs (word_classes.hpp; -0.5 F1 points, README)
  // Scales of word n-grams, character n-grams, hand features; log tf. Character n-grams are ~4x as many as
  // word features: at scale 1 they dominate the unit norm and F1 drops, at 0.5 it rises (README table).
  GroupWeighting weighting{{1.0, 0.5, 1.0}, true};
  std::string tag() const;
};

class FeatureExtractor {
 public:
  // Reads WordNet from `wordnet` when the options use word classes (throws naming the file).
  explicit FeatureExtractor(Lexicon lexicon, FeatureOptions options = {},
                            const std::filesystem::path& wordnet = std::filesystem::path(kDefaultWordNetDir))
      : lexicon_(std::move(lexicon)), options_(options),
        classes_(options.word_classes ? WordClasses::shared(wordnet) : nullptr) {}
  static FeatureExtractor from_data_dir(const std::filesystem::path& data_dir, FeatureOptions options = {}) {
    return FeatureExtractor(Lexicon::load(data_dir / "lexicon.txt"), options);
  }

  AnalyzedSentence analyze(std::string_view text, std::size_t base = 0) const {
    return claims::analyze(text, lexicon_, base);
  }
  std::vector<SparseFeature> extract(const AnalyzedSentence& s) const;
  std::vector<SparseFeature> extract(std::string_view text) const { return extract(analyze(text)); }
  // The hand features alone, as raw counts (same hashed indices as in extract()): the boosted trees' inputs.
  std::vector<SparseFeature> hand_features(const AnalyzedSentence& s) const;
  std::vector<SparseFeature> hand_features(std::string_view text) const { return hand_features(analyze(text)); }

  const Lexicon& lexicon() const { return lexicon_; }
  const FeatureOptions& options() const { return options_; }
  // The version, the options and the lexicon's fingerprint: what a model must have been trained with.
  std::string signature() const {
    return std::string(kFeatureSetVersion) + "+" + options_.tag() + "+lexicon:" + lexicon_.fingerprint();
  }

 private:
  void add_hand(const AnalyzedSentence& s, FeatureVector& f) const;
  Lexicon lexicon_;
  FeatureOptions options_;
  std::shared_ptr<const WordClasses> classes_;
};

}  // namespace factpipe::claims
