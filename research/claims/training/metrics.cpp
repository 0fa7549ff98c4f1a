#include "metrics.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace factpipe::claims {

RankingScores ranking_scores(const std::vector<double>& scores, const std::vector<int>& labels) {
  if (scores.size() != labels.size()) throw std::invalid_argument("ranking_scores: sizes differ");
  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
  std::size_t positives = static_cast<std::size_t>(std::count(labels.begin(), labels.end(), 1));
  RankingScores r;
  std::size_t correct = 0;
  double sum_precision = 0;
  for (std::size_t rank = 0; rank < order.size(); ++rank) {
    if (labels[order[rank]] == 1) {
      ++correct;
      sum_precision += double(correct) / double(rank + 1);
    }
    if (rank + 1 == positives) r.r_precision = double(correct) / double(positives);
    if (rank + 1 == 5) r.p_at_5 = double(correct) / 5.0;
    if (rank + 1 == 10) r.p_at_10 = double(correct) / 10.0;
  }
  // Fewer than k sentences: the scorer still divides by k.
  if (order.size() < 5) r.p_at_5 = double(correct) / 5.0;
  if (order.size() < 10) r.p_at_10 = double(correct) / 10.0;
  r.average_precision = positives ? sum_precision / double(positives) : 0.0;
  return r;
}

double best_f1_threshold(const std::vector<double>& scores, const std::vector<int>& labels) {
  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
  std::size_t positives = static_cast<std::size_t>(std::count(labels.begin(), labels.end(), 1));
  double best_f1 = -1, best_t = 0.5;
  std::size_t tp = 0;
  for (std::size_t k = 0; k < order.size(); ++k) {
    tp += labels[order[k]] == 1;
    if (k + 1 < order.size() && scores[order[k + 1]] == scores[order[k]]) continue;  // cut only between values
    double p = double(tp) / double(k + 1), rc = positives ? double(tp) / double(positives) : 0;
    double f1 = p + rc > 0 ? 2 * p * rc / (p + rc) : 0;
    if (f1 > best_f1) {
      best_f1 = f1;
      best_t = k + 1 < order.size() ? (scores[order[k]] + scores[order[k + 1]]) / 2 : scores[order[k]];
    }
  }
  return best_t;
}

double recall_threshold(const std::vector<double>& scores, const std::vector<int>& labels, double recall) {
  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
  std::size_t positives = static_cast<std::size_t>(std::count(labels.begin(), labels.end(), 1));
  std::size_t tp = 0;
  for (std::size_t k = 0; k < order.size(); ++k) {
    tp += labels[order[k]] == 1;
    if (k + 1 < order.size() && scores[order[k + 1]] == scores[order[k]]) continue;
    if (positives && double(tp) >= recall * double(positives))
      return k + 1 < order.size() ? (scores[order[k]] + scores[order[k + 1]]) / 2 : scores[order[k]];
  }
  return order.empty() ? 0.5 : scores[order.back()];
}

}  // namespace factpipe::claims
