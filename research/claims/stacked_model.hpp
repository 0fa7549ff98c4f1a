#pragma once
// The linear check-worthiness model with boosted trees stacked on it (`--trees 1`: an experiment, not shipped).
// File format version 2: the linear model's text (CheckworthinessModel, first line "factpipe-claims-model 2"),
// then TreeEnsemble::to_text. The stage reads version 1 only; without trees this writes version 1, which it reads.
// Probability: 1 / (1 + exp(-trees.margin(bias + w.x, hand features))).
#include <filesystem>
#include <string>
#include <vector>

#include "checkworthiness_model.hpp"
#include "tree_ensemble.hpp"

namespace factpipe::claims {

class StackedModel {
 public:
  StackedModel() = default;
  StackedModel(CheckworthinessModel linear, TreeEnsemble trees = {})  // NOLINT(google-explicit-constructor)
      : linear_(std::move(linear)), trees_(std::move(trees)) {}

  // Version 1 or 2; errors name the file and line, like CheckworthinessModel::load.
  static StackedModel load(const std::filesystem::path& file, const std::string& expected_feature_set);
  void save(const std::filesystem::path& file) const;
  std::string to_text() const;

  double decision(const std::vector<SparseFeature>& x) const { return linear_.decision(x); }
  // `hand`: hand_features() of the sentence; required (std::logic_error) when the model has trees.
  double probability(const std::vector<SparseFeature>& x, const std::vector<SparseFeature>* hand = nullptr) const;

  const CheckworthinessModel& linear() const { return linear_; }
  bool has_trees() const { return !trees_.empty(); }
  const TreeEnsemble& trees() const { return trees_; }
  void set_trees(TreeEnsemble trees) { trees_ = std::move(trees); }

  const ModelInfo& info() const { return linear_.info(); }
  double threshold() const { return linear_.threshold(); }
  double recall_threshold() const { return linear_.recall_threshold(); }
  void set_thresholds(double f1, double recall) { linear_.set_thresholds(f1, recall); }
  const std::vector<float>& weights() const { return linear_.weights(); }
  double bias() const { return linear_.bias(); }

 private:
  CheckworthinessModel linear_;
  TreeEnsemble trees_;
};

}  // namespace factpipe::claims
