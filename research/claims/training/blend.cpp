#include "blend.hpp"

#include <cmath>
#include <stdexcept>

#include "metrics.hpp"

namespace factpipe::claims {
namespace {

// Every weight vector over `n` members with entries k * step summing to 1, in lexicographically falling order.
void grid(std::size_t n, int units_left, std::vector<int>& cur, std::vector<std::vector<int>>& out) {
  if (cur.size() + 1 == n) {
    cur.push_back(units_left);
    out.push_back(cur);
    cur.pop_back();
    return;
  }
  for (int u = units_left; u >= 0; --u) {
    cur.push_back(u);
    grid(n, units_left - u, cur, out);
    cur.pop_back();
  }
}

}  // namespace

double blended(const Blend& b, const std::vector<double>& member_scores) {
  double p = 0.0;
  for (std::size_t m = 0; m < b.weights.size(); ++m) p += b.weights[m] * member_scores[m];
  return p;
}

Blend choose_blend(const std::vector<std::vector<double>>& members, const std::vector<int>& labels, double step) {
  if (members.empty()) throw std::invalid_argument("choose_blend: no members");
  for (auto& m : members)
    if (m.size() != labels.size()) throw std::invalid_argument("choose_blend: a member has the wrong number of scores");
  const int units = static_cast<int>(std::lround(1.0 / step));
  std::vector<std::vector<int>> combos;
  std::vector<int> cur;
  grid(members.size(), units, cur, combos);
  Blend best;
  best.f1 = -1.0;
  std::vector<double> scores(labels.size());
  for (auto& c : combos) {
    Blend b;
    for (int u : c) b.weights.push_back(static_cast<double>(u) / units);
    for (std::size_t i = 0; i < labels.size(); ++i) {
      double p = 0.0;
      for (std::size_t m = 0; m < members.size(); ++m) p += b.weights[m] * members[m][i];
      scores[i] = p;
    }
    b.threshold = best_f1_threshold(scores, labels);
    BinaryScores s;
    for (std::size_t i = 0; i < labels.size(); ++i) s.add(scores[i] >= b.threshold, labels[i]);
    b.f1 = s.f1();
    if (b.f1 > best.f1) best = b;
  }
  return best;
}

}  // namespace factpipe::claims
