#pragma once
// The quotes stage: every quotation (direct, partial, indirect) with its speaker, cue and confidence.
#include <memory>

#include <factpipe/plugin.hpp>

#include "attribution.hpp"
#include "quote_lexicon.hpp"

namespace factpipe::quotes {

class QuotesStage : public factpipe::Stage {
 public:
  static factpipe::PluginInfo describe();
  void configure(const factpipe::Json& config, const factpipe::Context& ctx) override;
  void process(factpipe::Document& doc) override;  // const after configure: safe on many threads

 private:
  QuoteLexicon lexicon_;
  AttributionOptions options_;
  std::shared_ptr<const SpeakerModel> model_;  // the learned speaker ranker, when configured
  std::shared_ptr<const IndirectModel> indirect_model_;  // the learned indirect-speech finder, when configured
  bool dump_indirect_ = false;                           // indirect_candidates: write its proposals (training)
};

}  // namespace factpipe::quotes
