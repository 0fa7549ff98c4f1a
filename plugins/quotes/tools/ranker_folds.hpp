#pragma once
// The speaker ranker's training data for the quote tools: every article run once through the product
// pipeline with the rules alone and `speaker_candidates: true`, its quotations' candidates labelled by gold.
#include <string>
#include <vector>

#include "eval/polnear.hpp"
#include "training/speaker_training.hpp"

namespace factpipe::quotes::tools {

// Examples of each article (same order as `articles`); prints how often the right speaker is a candidate.
std::vector<std::vector<training::RankExample>> collect_rank_examples(const std::vector<const eval::Article*>& articles,
                                                                      const std::string& config,
                                                                      std::vector<std::string> overrides);

}  // namespace factpipe::quotes::tools
