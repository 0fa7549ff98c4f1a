#pragma once
// The entities stage: people, organisations, places and groups, each with a canonical name and all of
// its mentions (names, short forms, nominals such as "the Russian leader", pronouns).
#include <factpipe/plugin.hpp>

#include "coreference.hpp"
#include "name_lexicon.hpp"

namespace factpipe::entities {

class EntitiesStage : public factpipe::Stage {
 public:
  static factpipe::PluginInfo describe();
  void configure(const factpipe::Json& config, const factpipe::Context& ctx) override;
  void process(factpipe::Document& doc) override;  // const after configure: safe on many threads

  const NameLexicon& lexicon() const { return lexicon_; }

 private:
  NameLexicon lexicon_;
  CorefOptions options_;
};

}  // namespace factpipe::entities
