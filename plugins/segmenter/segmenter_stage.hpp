#pragma once
// The `segmenter` pipeline stage: paragraphs, sentences and tokens (see segmenter.hpp).
#include <memory>

#include <factpipe/plugin.hpp>

#include "segmenter.hpp"

namespace factpipe::segmenter {

class SegmenterStage : public factpipe::Stage {
 public:
  static factpipe::PluginInfo describe();
  // `tokens: false` writes no tokens: a stage that requires them cannot follow.
  static factpipe::StageLayers layers(const factpipe::Json& config);
  void configure(const factpipe::Json& config, const factpipe::Context& ctx) override;
  // Throws std::invalid_argument naming line and column when the text is not valid UTF-8.
  void process(factpipe::Document& doc) override;

  const Segmenter& segmenter() const;  // after configure()

 private:
  std::unique_ptr<const Segmenter> segmenter_;
};

}  // namespace factpipe::segmenter
