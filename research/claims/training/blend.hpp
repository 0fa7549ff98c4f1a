#pragma once
// Averaged-probability ensembles: the weights of the members and the decision threshold are chosen together
// on out-of-fold probabilities (never on a test fold), maximising F1 of label 1.
#include <vector>

namespace factpipe::claims {

struct Blend {
  std::vector<double> weights;  // one per member, summing to 1
  double threshold = 0.5;
  double f1 = 0.0;  // on the scores it was chosen on
};

// members[m][i]: probability of item i by member m; weights on a grid of `step` over the simplex (ties keep
// the first, i.e. the earlier members' larger weights).
Blend choose_blend(const std::vector<std::vector<double>>& members, const std::vector<int>& labels, double step = 0.1);
double blended(const Blend& b, const std::vector<double>& member_scores);

}  // namespace factpipe::claims
