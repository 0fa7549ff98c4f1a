#pragma once
// The measures reported by factpipe-eval-claims, with the CLEF CheckThat! 2019 task 1 scorer's definitions:
// sentences ranked by score (ties keep their original order), AP = sum over the ranks of the positives of the
// precision at that rank, divided by the number of positives; R-precision = precision at rank R where R is the
// number of positives; P@k = positives among the top k, divided by k.
#include <cstddef>
#include <vector>

namespace factpipe::claims {

struct RankingScores {
  double average_precision = 0, r_precision = 0, p_at_5 = 0, p_at_10 = 0;
};
RankingScores ranking_scores(const std::vector<double>& scores, const std::vector<int>& labels);

struct BinaryScores {
  std::size_t tp = 0, fp = 0, fn = 0, tn = 0;
  double precision() const { return tp + fp ? double(tp) / double(tp + fp) : 0.0; }
  double recall() const { return tp + fn ? double(tp) / double(tp + fn) : 0.0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
  void add(bool predicted, int label) {
    if (predicted) (label ? tp : fp)++;
    else (label ? fn : tn)++;
  }
};

// The threshold on `scores` that maximises F1 of label 1 (midpoint between neighbouring scores).
double best_f1_threshold(const std::vector<double>& scores, const std::vector<int>& labels);
// The highest threshold whose recall of label 1 reaches `recall` (midpoint to the next score).
double recall_threshold(const std::vector<double>& scores, const std::vector<int>& labels, double recall);

}  // namespace factpipe::claims
