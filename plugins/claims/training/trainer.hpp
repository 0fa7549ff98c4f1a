#pragma once
// Trains the check-worthiness model with liblinear (L2-regularised logistic regression, solver L2R_LR, a
// deterministic trust-region Newton method) and picks the decision threshold by inner cross-validation.
#include <cstdint>
#include <string>
#include <vector>

#include "../checkworthiness_model.hpp"
#include "../feature_vector.hpp"

namespace factpipe::claims {

struct TrainingExample {
  std::vector<SparseFeature> x;
  int label = 0;
  bool calibrate = false;  // used to choose the threshold (ClaimBuster sentences: its labels define "a claim")
};

struct TrainOptions {
  double C = 4.0;                // inverse regularisation strength (chosen on the LOO/CV evaluation)
  double positive_weight = 1.0;  // liblinear class weight of label 1
  double eps = 0.001;            // stopping tolerance
  unsigned threshold_folds = 3;  // inner folds for the thresholds; 0 = keep 0.5
  unsigned claimbuster_copies = 3;  // rows per `calibrate` (ClaimBuster) example: an integer instance weight
  double recall_target = 0.9;    // recall of the stage's default operating point (ModelInfo::recall_threshold)
  std::uint32_t seed = 20190509; // fold shuffling
};

std::string describe(const TrainOptions& o);

// One liblinear fit; threshold 0.5. Deterministic: same examples and options give the same weights.
CheckworthinessModel fit(const std::vector<const TrainingExample*>& data, const TrainOptions& options, ModelInfo info);

// fit() plus, from the out-of-fold probabilities of the `calibrate` examples, the threshold maximising F1
// and the threshold reaching `recall_target`.
CheckworthinessModel train(const std::vector<const TrainingExample*>& data, const TrainOptions& options, ModelInfo info);

// Deterministic fold of each of n items (Fisher-Yates over std::mt19937, whose output the standard fixes).
std::vector<unsigned> assign_folds(std::size_t n, unsigned folds, std::uint32_t seed);

}  // namespace factpipe::claims
