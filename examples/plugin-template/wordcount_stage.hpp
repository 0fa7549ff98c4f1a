#pragma once
// wordcount: how many words each sentence has, in sentence.extra["wordcount"], and totals in
// doc.extra["wordcount"]. Long sentences are a cheap signal of hard-to-check prose.
#include <factpipe/plugin.hpp>

namespace factpipe::wordcount {

class WordcountStage : public Stage {
 public:
  static PluginInfo describe();
  void configure(const Json& config, const Context& ctx) override;
  void process(Document& doc) override;

 private:
  bool count_numbers_ = true;
  std::size_t long_sentence_ = 40;
};

}  // namespace factpipe::wordcount
