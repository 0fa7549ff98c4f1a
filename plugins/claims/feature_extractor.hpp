#pragma once
// Sentence -> hashed feature vector for the check-worthiness model. kFeatureSetVersion names this exact
// set of features: bump it whenever a feature changes, and retrain (the model file records it and the
// stage refuses a model trained on another version).
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analyzed_sentence.hpp"
#include "checkworthiness_lexicon.hpp"
#include "feature_vector.hpp"

namespace factpipe::claims {

inline constexpr std::string_view kFeatureSetVersion = "claims-features-3";  // 3: words from text::scan_pieces

// Which feature groups are on and how they are weighed. The defaults are what the shipped model is trained
// with (the stage always uses them); the other settings exist for the experiments of research/claims, and
// tag() puts them into the signature, so a model trained with them is refused by the stage.
struct FeatureOptions {
  bool char_ngrams = true;              // character n-grams inside words (+1 F1 point on ClaimBuster at scale 0.5)
  unsigned char_min = 4, char_max = 5;  // their lengths (3-5: same F1 within noise, 25% slower stage)
  bool word_trigrams = false;           // word trigrams (no gain measured)
  // Scales of word n-grams, character n-grams, hand features; log tf. Character n-grams are ~4x as many as
  // word features: at scale 1 they dominate the unit norm and F1 drops, at 0.5 it rises (README table).
  GroupWeighting weighting{{1.0, 0.5, 1.0}, true};
  // The sentence encoder's vector after the hashed features (sentence_vector_features.hpp). extract() does not
  // add it (it needs the encoder, and batches are faster): the caller appends it; the flag puts it in the signature.
  bool sentence_vector = false;
  // `extension_tag`: FeatureExtension::tag() of the experiment's extra features, "" for none.
  std::string tag(std::string_view extension_tag = {}) const;
};

// Feature groups that only experiments use (research/claims: WordNet classes, structure features): the shipped
// model has none, so the stage never builds one. Their tag goes into the signature, so the stage refuses a
// model trained with them.
class FeatureExtension {
 public:
  virtual ~FeatureExtension() = default;
  virtual std::string tag() const = 0;
  virtual void add_words(const AnalyzedSentence&, FeatureVector&) const {}  // into the word group
  virtual void add_hand(const AnalyzedSentence&, FeatureVector&) const {}   // after the hand features
};

class FeatureExtractor {
 public:
  explicit FeatureExtractor(CheckworthinessLexicon lexicon, FeatureOptions options = {},
                            std::shared_ptr<const FeatureExtension> extension = nullptr)
      : lexicon_(std::move(lexicon)), options_(options), extension_(std::move(extension)) {}
  static FeatureExtractor from_data_dir(const std::filesystem::path& data_dir, FeatureOptions options = {},
                                        std::shared_ptr<const FeatureExtension> extension = nullptr) {
    return FeatureExtractor(CheckworthinessLexicon::load(data_dir / "lexicon.txt"), options, std::move(extension));
  }

  AnalyzedSentence analyze(std::string_view text, std::size_t base = 0) const {
    return claims::analyze(text, lexicon_, base);
  }
  std::vector<SparseFeature> extract(const AnalyzedSentence& s) const;
  std::vector<SparseFeature> extract(std::string_view text) const { return extract(analyze(text)); }
  // The hand features (and the extension's) into `f`: extract() adds them; research's stacked trees read them
  // alone as raw counts.
  void add_hand(const AnalyzedSentence& s, FeatureVector& f) const;

  const CheckworthinessLexicon& lexicon() const { return lexicon_; }
  const FeatureOptions& options() const { return options_; }
  // The version, the options and the lexicon's fingerprint: what a model must have been trained with.
  std::string signature() const {
    return std::string(kFeatureSetVersion) + "+" + options_.tag(extension_ ? extension_->tag() : "") +
           "+lexicon:" + lexicon_.fingerprint();
  }

 private:
  CheckworthinessLexicon lexicon_;
  FeatureOptions options_;
  std::shared_ptr<const FeatureExtension> extension_;
};

}  // namespace factpipe::claims
