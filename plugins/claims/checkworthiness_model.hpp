#pragma once
// The trained linear model: weights over the hashed feature space, a bias and a decision threshold.
// Immutable after load, so one instance serves any number of threads.
//
// File format (text, one item per line, "#" lines are comments):
//   factpipe-claims-model 1           (2: research/claims's stacked trees follow the weights; not read here)
//   feature_set <FeatureExtractor::signature()>
//   hash_bits <bits>
//   solver <liblinear solver and parameters>
//   training <the data it was trained on>
//   command <the command that wrote it>
//   threshold <decision threshold on the probability: max F1 on ClaimBuster, out-of-fold>
//   recall_threshold <lower threshold reaching the recall target on ClaimBuster, out-of-fold: the stage's default>
//   bias <weight of the constant feature>
//   weights <count>
//   <index> <weight>          (count lines, 1-based indices, increasing; zero weights omitted)
// The probability of "check-worthy" is 1 / (1 + exp(-(bias + sum weight[i] * x[i]))).
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "feature_vector.hpp"

namespace factpipe::claims {

struct ModelInfo {
  std::string feature_set, solver, training, command;
  unsigned hash_bits = kHashBits;
  double threshold = 0.5;         // max-F1 operating point
  double recall_threshold = 0.5;  // high-recall operating point (<= threshold)
};

class CheckworthinessModel {
 public:
  CheckworthinessModel() = default;
  CheckworthinessModel(ModelInfo info, std::vector<float> weights, double bias);

  // Throws std::runtime_error naming `file` (and the line) on any problem; when `expected_feature_set`
  // is not empty the file's feature_set must equal it.
  static CheckworthinessModel load(const std::filesystem::path& file, const std::string& expected_feature_set);
  // The same from the file's text; `name` is the file named in errors.
  static CheckworthinessModel from_text(std::string_view text, const std::string& name,
                                        const std::string& expected_feature_set);
  void save(const std::filesystem::path& file) const;
  std::string to_text() const;

  double decision(const std::vector<SparseFeature>& x) const;
  double probability(const std::vector<SparseFeature>& x) const;

  const ModelInfo& info() const { return info_; }
  double threshold() const { return info_.threshold; }
  double recall_threshold() const { return info_.recall_threshold; }
  void set_thresholds(double f1, double recall) {
    info_.threshold = f1;
    info_.recall_threshold = recall;
  }
  const std::vector<float>& weights() const { return weights_; }  // index 0 unused
  double bias() const { return bias_; }

 private:
  ModelInfo info_;
  std::vector<float> weights_;  // dense, size 2^hash_bits + 1
  double bias_ = 0.0;
};

}  // namespace factpipe::claims
