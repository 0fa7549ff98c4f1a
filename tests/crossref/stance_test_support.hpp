#pragma once
// The stance of one passage toward one claim, as the stage judges it (word lists from the source tree, WordNet
// when wordnet-base is installed): shared by the stance and evidence-precision tests.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <factpipe/text/wordnet_files.hpp>

#include "evidence_scoring.hpp"
#include "test_paths.hpp"
#include "text_analysis.hpp"
#include "wordnet.hpp"

namespace factpipe::crossref {

inline std::shared_ptr<const WordNet> wordnet() {
  if (!std::filesystem::exists("/usr/share/wordnet/data.noun")) return nullptr;
  return WordNet::shared(std::filesystem::path(factpipe::text::wordnet::kDefaultDir));
}

inline StanceResult stance(const std::string& claim, const std::string& passage, const StanceOptions& opt = {},
                           const std::vector<NamedEntity>& claim_entities = {}) {
  load_word_lists((test::source_dir() / "plugins/crossref/data").string());
  auto wn = wordnet();
  ClaimProfile c = profile_claim(claim, claim_entities, "", nullptr, wn.get());
  PassageProfile p = profile_passage(passage);
  Features f = compute_features(c, p, "", "");
  return judge_stance(c, p, f, opt);
}

}  // namespace factpipe::crossref
