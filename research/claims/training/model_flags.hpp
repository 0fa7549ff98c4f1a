#pragma once
// The command-line flags that define one model: its training options and its features. Shared by
// factpipe-train-claims, factpipe-eval-claims and their `--member "FLAGS"` (one flag list, one parser).
#include <string>
#include <utility>
#include <vector>

#include "experiment_features.hpp"
#include "trainer.hpp"

namespace factpipe::claims {

// Sets the training option `flag` (e.g. "--C") to `value`; false when `flag` is not a training flag.
// Throws std::invalid_argument (naming the flag) for a value that does not parse.
bool apply_training_flag(const std::string& flag, const std::string& value, TrainOptions& options);
// The same for feature flags (experiments only: the stage accepts a model trained with the default features).
bool apply_feature_flag(const std::string& flag, const std::string& value, ExperimentFeatures& features);

// "--C 1 --domain-adapt 1" -> {{"--C", "1"}, {"--domain-adapt", "1"}}; throws naming the spec when a flag
// has no value.
std::vector<std::pair<std::string, std::string>> split_member_flags(const std::string& spec);

}  // namespace factpipe::claims
