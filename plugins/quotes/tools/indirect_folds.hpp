#pragma once
// The indirect-speech finder's training data for the quote tools: every article run once through the product
// pipeline with `indirect_candidates: true` and no indirect model (the rules' spans and the proposals).
#include <string>
#include <vector>

#include "eval/polnear.hpp"
#include "training/indirect_training.hpp"

namespace factpipe::quotes::tools {

// Examples of each article (same order as `articles`); prints how many proposals there are.
std::vector<training::IndirectArticle> collect_indirect_examples(const std::vector<const eval::Article*>& articles,
                                                                 const std::string& config,
                                                                 std::vector<std::string> overrides);

}  // namespace factpipe::quotes::tools
