#include "selection.hpp"

#include <algorithm>
#include <sstream>
#include <stdexcept>

#include "metrics.hpp"
#include "model_flags.hpp"

namespace factpipe::claims {

StackedModel train_selected(const std::vector<const TrainingExample*>& data,
                            const std::vector<TrainOptions>& candidates, const ModelInfo& info, Selection* selection) {
  if (candidates.empty()) throw std::invalid_argument("claims trainer: no candidate options to select from");
  if (candidates.size() == 1) return train(data, candidates[0], info);
  Selection s;
  std::vector<OutOfFold> oofs;
  for (auto& c : candidates) {
    if (c.threshold_folds < 2) throw std::invalid_argument("claims trainer: selection needs threshold_folds >= 2");
    oofs.push_back(out_of_fold(data, c, info));
    auto& o = oofs.back();
    const double t = best_f1_threshold(o.scores, o.labels);
    BinaryScores f;
    for (std::size_t i = 0; i < o.scores.size(); ++i) f.add(o.scores[i] >= t, o.labels[i]);
    s.inner_f1.push_back(f.f1());
  }
  s.best = static_cast<std::size_t>(std::max_element(s.inner_f1.begin(), s.inner_f1.end()) - s.inner_f1.begin());
  const auto& o = oofs[s.best];
  const double threshold = best_f1_threshold(o.scores, o.labels);
  const double recall = std::min(threshold, recall_threshold(o.scores, o.labels, candidates[s.best].recall_target));
  auto model = fit_model(data, candidates[s.best], info);
  model.set_thresholds(threshold, recall);
  if (selection) *selection = s;
  return model;
}

std::vector<TrainOptions> option_grid(const TrainOptions& base, const std::string& spec) {
  std::vector<TrainOptions> grid{base};
  for (const auto& [flag, values] : split_member_flags(spec)) {
    std::vector<TrainOptions> next;
    std::istringstream in(values);
    for (std::string v; std::getline(in, v, ',');)
      for (auto o : grid) {
        if (!apply_training_flag(flag, v, o)) throw std::invalid_argument("--select: not a training flag: " + flag);
        next.push_back(o);
      }
    grid = std::move(next);
  }
  return grid;
}

}  // namespace factpipe::claims
