#pragma once
// Choosing among training options (C, the sentence vector's scale, ...) by inner cross-validation only: each
// candidate's out-of-fold ClaimBuster probabilities on the rows being fitted (the same inner folds that pick the
// thresholds), scored by F1 at their best threshold; the best candidate is then fitted on all the rows.
#include <string>
#include <vector>

#include "trainer.hpp"

namespace factpipe::claims {

struct Selection {
  std::size_t best = 0;
  std::vector<double> inner_f1;  // per candidate
};

// train() with the candidate of the best inner-CV F1 (ties: the first); its thresholds come from that candidate's
// out-of-fold probabilities. One candidate: plain train(). Candidates need threshold_folds >= 2.
StackedModel train_selected(const std::vector<const TrainingExample*>& data,
                            const std::vector<TrainOptions>& candidates, const ModelInfo& info,
                            Selection* selection = nullptr);

// "--C 1,4 --vector-scale 0.5,1" -> every combination of the listed values applied on top of `base`
// (training flags only; throws naming a flag that is not one).
std::vector<TrainOptions> option_grid(const TrainOptions& base, const std::string& spec);

}  // namespace factpipe::claims
