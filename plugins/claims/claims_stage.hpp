#pragma once
// The claims stage: scores every sentence's check-worthiness with the trained linear model, and turns the
// sentences (or clauses) above the threshold into claims with type, claimant, quote, entities, numbers,
// dates and a decontextualised text. Immutable after configure(), hence thread-safe.
#include <memory>
#include <string>

#include <factpipe/plugin.hpp>

#include "checkworthiness_model.hpp"
#include "feature_extractor.hpp"

namespace factpipe::claims {

struct ClaimsConfig {
  std::string model = "checkworthiness.model";
  std::string lexicon = "lexicon.txt";
  std::optional<double> threshold;  // nullopt: the model's threshold for `operating_point`
  std::string operating_point = "recall";  // "recall" (model's recall_threshold) or "f1" (model's threshold)
  bool split_clauses = true;
  bool identity_appositives = true;
  std::string publication = "the publication";
};

class ClaimsStage : public factpipe::Stage {
 public:
  static factpipe::PluginInfo describe();
  void configure(const factpipe::Json& config, const factpipe::Context& ctx) override;
  void process(factpipe::Document& doc) override;

  // For tests and tools: configure from parts already loaded.
  void configure(ClaimsConfig config, FeatureExtractor extractor, CheckworthinessModel model);
  double threshold() const { return threshold_; }
  const CheckworthinessModel& model() const { return *model_; }

 private:
  ClaimsConfig config_;
  std::unique_ptr<const FeatureExtractor> extractor_;
  std::unique_ptr<const CheckworthinessModel> model_;
  double threshold_ = 0.5;
};

}  // namespace factpipe::claims
