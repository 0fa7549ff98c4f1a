#pragma once
// The claims stage: scores every sentence's check-worthiness with the trained linear model, and turns the
// sentences (or clauses) above the threshold into claims with type, claimant, quote, entities, numbers,
// dates and a decontextualised text. Immutable after configure(), hence thread-safe.
#include <memory>
#include <string>

#include <factpipe/plugin.hpp>
#include <factpipe/text/social_markup.hpp>

#include "checkworthiness_model.hpp"
#include "feature_extractor.hpp"

#include <factpipe/encoder/sentence_encoder.hpp>

namespace factpipe::claims {

struct ClaimsConfig {
  std::string model = "checkworthiness.model";
  std::string lexicon = "lexicon.txt";
  std::optional<double> threshold;         // nullopt: the model's threshold for `operating_point`
  std::string operating_point = "recall";  // "recall" (model's recall_threshold) or "f1" (model's threshold)
  bool split_clauses = true;
  bool identity_appositives = true;
  std::string publication = "the publication";
  // A document this short (code points of its cleaned text: a post's length) that states something but in
  // which no claim was found is checked as a whole: a post, a headline, a claim pasted in. 0: never. An input
  // marked as a claim always is.
  std::size_t whole_document_max_chars = 280;
  // Opt-in: the sentence encoder's vector as features too (encoder_model instead of model). ~3 ms of CPU per
  // sentence: the stage runs ~250x slower per core (README: 302 against 72k sentences/s), so it is off by default.
  bool encoder = false;
  std::string encoder_model = "checkworthiness-encoder.model";
  std::string encoder_dir;  // the encoder's model folder; "": factpipe::encoder::default_model_dir()
};

class ClaimsStage : public factpipe::Stage {
 public:
  static factpipe::PluginInfo describe();
  void configure(const factpipe::Json& config, const factpipe::Context& ctx) override;
  void process(factpipe::Document& doc) override;

  // For tests and tools: configure from parts already loaded. `encoder` is required by, and only by, an extractor
  // with options().sentence_vector.
  void configure(ClaimsConfig config, FeatureExtractor extractor, CheckworthinessModel model,
                 std::shared_ptr<const encoder::SentenceEncoder> encoder = nullptr);
  double threshold() const { return threshold_; }
  const CheckworthinessModel& model() const { return *model_; }

 private:
  ClaimsConfig config_;
  std::unique_ptr<const FeatureExtractor> extractor_;
  std::unique_ptr<const CheckworthinessModel> model_;
  std::shared_ptr<const encoder::SentenceEncoder> encoder_;  // with claims.encoder only
  double threshold_ = 0.5;

  // The document (without an embedded tweet's byline) as its one claim.
  void add_whole_text_claim(Document& doc, const std::vector<text::Markup>& markup, const std::string& claimant,
                            double score) const;
};

}  // namespace factpipe::claims
