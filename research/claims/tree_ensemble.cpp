#include "tree_ensemble.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace factpipe::claims {

TreeEnsemble::TreeEnsemble(std::vector<std::vector<TreeNode>> trees, double base_margin)
    : trees_(std::move(trees)), base_margin_(base_margin) {
  index_features();
}

void TreeEnsemble::index_features() {
  // Dense slots for the features the trees test: a sentence's inputs go into a small array once, then every
  // node is an array access (the trees run on every sentence of every document).
  for (auto& tree : trees_)
    for (auto& node : tree) {
      if (node.left < 0) continue;
      auto [it, added] = slot_.try_emplace(node.feature, static_cast<int>(slot_feature_.size()));
      if (added) slot_feature_.push_back(node.feature);
      node.feature = it->second;  // from now on: the slot
    }
}

double TreeEnsemble::margin(double linear, const std::vector<SparseFeature>& hand) const {
  thread_local std::vector<float> value;
  value.assign(slot_feature_.size(), std::numeric_limits<float>::quiet_NaN());
  if (auto it = slot_.find(0); it != slot_.end())
    value[static_cast<std::size_t>(it->second)] = static_cast<float>(linear);
  for (const auto& f : hand)
    if (f.index != 0)
      if (auto it = slot_.find(f.index); it != slot_.end())
        value[static_cast<std::size_t>(it->second)] = static_cast<float>(f.value);
  double sum = base_margin_;
  for (const auto& tree : trees_) {
    const TreeNode* node = &tree[0];
    while (node->left >= 0) {
      const float v = value[static_cast<std::size_t>(node->feature)];
      const bool left = std::isnan(v) ? node->default_left : v < node->threshold;
      node = &tree[static_cast<std::size_t>(left ? node->left : node->right)];
    }
    sum += node->leaf;
  }
  return sum;
}

std::string TreeEnsemble::to_text() const {
  std::string out;
  char buf[160];
  std::snprintf(buf, sizeof buf, "trees %zu %.9g\n", trees_.size(), base_margin_);
  out += buf;
  for (const auto& tree : trees_) {
    out += "tree " + std::to_string(tree.size()) + "\n";
    for (const auto& n : tree) {
      const int feature = n.left < 0 ? 0 : slot_feature_[static_cast<std::size_t>(n.feature)];
      std::snprintf(buf, sizeof buf, "%d %d %d %.9g %d %.9g\n", n.left, n.right, feature,
                    static_cast<double>(n.threshold), n.default_left ? 1 : 0, static_cast<double>(n.leaf));
      out += buf;
    }
  }
  return out;
}

bool parse_tree_node(const std::string& line, TreeNode& node) {
  const char* p = line.c_str();
  char* end = nullptr;
  long v[3];
  for (long& x : v) {
    x = std::strtol(p, &end, 10);
    if (end == p || *end != ' ') return false;
    p = end + 1;
  }
  double threshold = std::strtod(p, &end);
  if (end == p || *end != ' ' || !std::isfinite(threshold)) return false;
  p = end + 1;
  long default_left = std::strtol(p, &end, 10);
  if (end == p || *end != ' ' || (default_left != 0 && default_left != 1)) return false;
  p = end + 1;
  double leaf = std::strtod(p, &end);
  if (end == p || *end || !std::isfinite(leaf)) return false;
  if ((v[0] < 0) != (v[1] < 0) || v[0] < -1 || v[1] < -1) return false;
  node = {static_cast<int>(v[0]),        static_cast<int>(v[1]), static_cast<int>(v[2]),
          static_cast<float>(threshold), default_left == 1,      static_cast<float>(leaf)};
  return true;
}

}  // namespace factpipe::claims
