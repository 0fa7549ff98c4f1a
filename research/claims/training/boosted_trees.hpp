#pragma once
// Gradient-boosted trees (XGBoost, C API) over the linear model's decision value and the raw hand features,
// converted into a TreeEnsemble that the stage evaluates without XGBoost. Training only.
#include <string>
#include <vector>

#include "../tree_ensemble.hpp"
#include "trainer.hpp"

namespace factpipe::claims {

// False when the build found no XGBoost (libxgboost-dev): fit_trees and xgboost_margins_for_test then throw.
bool have_xgboost();
std::string xgboost_version();  // "major.minor.patch" of the linked library, "none" without it

// One XGBoost fit (binary:logistic, exact greedy splits, one thread, no subsampling: deterministic).
// `linear[i]` is the linear decision value of `data[i]` (out-of-fold when training the stack); `calibrate`
// rows weigh options.claimbuster_copies, like in the linear fit.
TreeEnsemble fit_trees(const std::vector<const TrainingExample*>& data, const std::vector<double>& linear,
                       const TrainOptions& options);

// XGBoost's own prediction (margins) for the same inputs: the tests check TreeEnsemble::margin against it.
std::vector<double> xgboost_margins_for_test(const std::vector<const TrainingExample*>& data,
                                             const std::vector<double>& linear, const TrainOptions& options);

// The JSON model of XGBoost 1.x (XGBoosterSaveModelToBuffer with format json) as a TreeEnsemble; throws on a
// document it does not understand.
TreeEnsemble trees_from_xgboost_json(const std::string& json);

}  // namespace factpipe::claims
