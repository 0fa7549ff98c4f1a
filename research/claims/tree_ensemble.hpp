#pragma once
// Gradient-boosted trees stacked on the linear model (trained with XGBoost by factpipe-train-claims, evaluated
// here without XGBoost). Inputs: slot 0 = the linear model's decision value,
// then the raw counts of the hand features (hashed indices, FeatureExtractor::hand_features). A feature a
// sentence does not have is "missing" and takes the node's default branch, as in XGBoost's sparse input.
// The output is a margin: base_margin + the sum of the leaves reached; probability = logistic(margin).
#include <cstdint>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <vector>

#include "feature_vector.hpp"

namespace factpipe::claims {

struct TreeNode {
  int left = -1, right = -1;  // children (node indices in the tree); -1: a leaf
  int feature = 0;            // input feature: 0 = linear decision, else a hashed feature index
  float threshold = 0.0f;     // go left when value < threshold
  bool default_left = true;   // branch of a missing value
  float leaf = 0.0f;          // leaf value (leaves only)
};

class TreeEnsemble {
 public:
  TreeEnsemble() = default;
  TreeEnsemble(std::vector<std::vector<TreeNode>> trees, double base_margin);

  bool empty() const { return trees_.empty(); }
  std::size_t size() const { return trees_.size(); }
  double base_margin() const { return base_margin_; }
  const std::vector<std::vector<TreeNode>>& trees() const { return trees_; }

  // `hand` sorted by index (any values; absent = missing), `linear` the linear decision value.
  double margin(double linear, const std::vector<SparseFeature>& hand) const;

  // Text form used inside the model file: "trees <count> <base_margin>", then per tree "tree <nodes>" and one
  // line per node: "<left> <right> <feature> <threshold> <default_left 0|1> <leaf>".
  std::string to_text() const;
  // Reads the lines after "trees ..." via `next_line` (returns false at end of file, sets `line`); `fail` throws
  // naming the file and line. Checks every child index and that each tree is a tree rooted at node 0.
  template <class NextLine, class Fail>
  static TreeEnsemble parse(std::size_t count, double base_margin, NextLine&& next_line, const std::string& line_ref,
                            Fail&& fail);

 private:
  void index_features();
  std::vector<std::vector<TreeNode>> trees_;
  double base_margin_ = 0.0;
  std::unordered_map<int, int> slot_;  // feature -> dense slot (features the trees use)
  std::vector<int> slot_feature_;      // slot -> feature
};

// Parses one node line; false on a malformed line.
bool parse_tree_node(const std::string& line, TreeNode& node);

template <class NextLine, class Fail>
TreeEnsemble TreeEnsemble::parse(std::size_t count, double base_margin, NextLine&& next_line, const std::string& line,
                                 Fail&& fail) {
  std::vector<std::vector<TreeNode>> trees;
  for (std::size_t t = 0; t < count; ++t) {
    if (!next_line()) fail("expected " + std::to_string(count) + " trees, found " + std::to_string(t));
    unsigned long n = 0;
    if (std::sscanf(line.c_str(), "tree %lu", &n) != 1 || n == 0 || n > 1000000)
      fail("expected 'tree <nodes>', got '" + line.substr(0, 40) + "'");
    std::vector<TreeNode> nodes(n);
    for (auto& node : nodes) {
      if (!next_line()) fail("tree " + std::to_string(t) + " ends early");
      if (!parse_tree_node(line, node)) fail("bad tree node '" + line.substr(0, 60) + "'");
    }
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      const auto& node = nodes[i];
      const bool leaf = node.left < 0 && node.right < 0;
      // children come after their parent, so every path ends (no cycles)
      if (!leaf && (node.left <= static_cast<int>(i) || node.right <= static_cast<int>(i) ||
                    node.left >= static_cast<int>(n) || node.right >= static_cast<int>(n) || node.feature < 0))
        fail("tree " + std::to_string(t) + " node " + std::to_string(i) + ": bad children or feature");
    }
    trees.push_back(std::move(nodes));
  }
  return TreeEnsemble(std::move(trees), base_margin);
}

}  // namespace factpipe::claims
