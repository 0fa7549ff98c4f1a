#include "trainer.hpp"

#include <linear.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>
#include <stdexcept>

#include "metrics.hpp"

namespace factpipe::claims {
namespace {

void quiet(const char*) {}

}  // namespace

std::string_view solver_name(Solver s) {
  switch (s) {
    case Solver::l2r_lr: return "L2R_LR";
    case Solver::l2r_l2loss_svc_dual: return "L2R_L2LOSS_SVC_DUAL";
    case Solver::l2r_l2loss_svc: return "L2R_L2LOSS_SVC";
    case Solver::l1r_lr: return "L1R_LR";
  }
  return "?";
}

Solver parse_solver(std::string_view name) {
  for (Solver s : {Solver::l2r_lr, Solver::l2r_l2loss_svc_dual, Solver::l2r_l2loss_svc, Solver::l1r_lr})
    if (solver_name(s) == name) return s;
  throw std::invalid_argument("unknown solver '" + std::string(name) + "' (L2R_LR, L2R_L2LOSS_SVC_DUAL, L2R_L2LOSS_SVC, L1R_LR)");
}

std::string describe(const TrainOptions& o) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "liblinear %d %s C=%g eps=%g positive_weight=%g claimbuster_copies=%u bias=1 threshold_folds=%u recall_target=%g seed=%u%s",
                liblinear_version, std::string(solver_name(o.solver)).c_str(), o.C, o.eps, o.positive_weight, o.claimbuster_copies, o.threshold_folds, o.recall_target, o.seed, o.idf ? " idf=train-rows" : "");
  return buf;
}

std::vector<unsigned> assign_folds(std::size_t n, unsigned folds, std::uint32_t seed) {
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  std::mt19937 rng(seed);
  for (std::size_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
  std::vector<unsigned> fold(n);
  for (std::size_t k = 0; k < n; ++k) fold[order[k]] = static_cast<unsigned>(k % folds);
  return fold;
}

std::vector<unsigned> assign_stratified_folds(const std::vector<int>& strata, unsigned folds, std::uint32_t seed) {
  std::vector<std::size_t> shuffled(strata.size());
  for (std::size_t i = 0; i < shuffled.size(); ++i) shuffled[i] = i;
  std::mt19937 rng(seed);
  for (std::size_t i = shuffled.size(); i > 1; --i) std::swap(shuffled[i - 1], shuffled[rng() % i]);
  std::vector<unsigned> fold(strata.size());
  std::map<int, std::size_t> dealt;  // per stratum, items dealt so far
  for (std::size_t i : shuffled) fold[i] = static_cast<unsigned>(dealt[strata[i]]++ % folds);
  return fold;
}

CheckworthinessModel fit(const std::vector<const TrainingExample*>& data, const TrainOptions& options, ModelInfo info) {
  if (data.empty()) throw std::invalid_argument("claims trainer: no training examples");
  const int n_features = 1 << info.hash_bits;
  const int bias_index = n_features + 1;
  // liblinear wants each row as feature_node[] ending in index -1; the bias is an extra feature.
  // idf from the rows being fitted (never from a test fold): rare n-grams get a weaker penalty per unit of evidence
  std::vector<double> idf;
  if (options.idf) {
    std::vector<std::uint32_t> df(static_cast<std::size_t>(n_features) + 1, 0);
    for (auto* e : data)
      for (auto& f : e->x) ++df[static_cast<std::size_t>(f.index)];
    idf.resize(df.size());
    double rows = static_cast<double>(data.size());
    for (std::size_t i = 0; i < df.size(); ++i) idf[i] = std::log((rows + 1.0) / (df[i] + 1.0)) + 1.0;
  }
  auto scaled = [&](const SparseFeature& f) { return idf.empty() ? f.value : f.value * idf[static_cast<std::size_t>(f.index)]; };
  std::vector<feature_node> nodes;
  std::size_t total = 0;
  // liblinear 2.3 has no instance weights; a row given k times weighs k (the L2R_LR loss is a sum over rows).
  auto copies = [&](const TrainingExample* e) { return e->calibrate ? std::max(1u, options.claimbuster_copies) : 1u; };
  for (auto* e : data) total += (e->x.size() + 2) * copies(e);
  nodes.reserve(total);
  std::vector<std::size_t> starts;
  std::vector<double> y;
  bool has_pos = false, has_neg = false;
  for (auto* e : data) {
    for (unsigned k = 0; k < copies(e); ++k) {
      starts.push_back(nodes.size());
      for (auto& f : e->x) nodes.push_back({f.index, scaled(f)});
      nodes.push_back({bias_index, 1.0});
      nodes.push_back({-1, 0.0});
      y.push_back(e->label == 1 ? 1.0 : 0.0);
    }
    (e->label == 1 ? has_pos : has_neg) = true;
  }
  if (!has_pos || !has_neg) throw std::invalid_argument("claims trainer: need examples of both labels");
  std::vector<feature_node*> rows;
  for (auto s : starts) rows.push_back(&nodes[s]);
  problem prob{};
  prob.l = static_cast<int>(y.size());
  prob.n = bias_index;
  prob.y = y.data();
  prob.x = rows.data();
  prob.bias = 1.0;
  int weight_label[1] = {1};
  double weight[1] = {options.positive_weight};
  parameter param{};
  param.solver_type = static_cast<int>(options.solver);
  param.eps = options.eps;
  param.C = options.C;
  param.nr_weight = 1;
  param.weight_label = weight_label;
  param.weight = weight;
  param.p = 0.1;
  param.init_sol = nullptr;
  if (const char* err = check_parameter(&prob, &param)) throw std::runtime_error(std::string("liblinear: ") + err);
  set_print_string_function(&quiet);
  model* m = train(&prob, &param);
  // In a two-class model, w scores model->label[0]; orient the weights towards label 1.
  int labels[2];
  get_labels(m, labels);
  double sign = labels[0] == 1 ? 1.0 : -1.0;
  std::vector<float> w(static_cast<std::size_t>(n_features) + 1, 0.0f);
  for (int i = 1; i <= n_features; ++i) {
    double scale = idf.empty() ? 1.0 : idf[static_cast<std::size_t>(i)];  // w.(idf*x) == (w*idf).x
    w[static_cast<std::size_t>(i)] = static_cast<float>(sign * get_decfun_coef(m, i, 0) * scale);
  }
  double bias = sign * get_decfun_bias(m, 0);
  free_and_destroy_model(&m);
  info.solver = describe(options);
  info.threshold = 0.5;
  return CheckworthinessModel(std::move(info), std::move(w), bias);
}

CheckworthinessModel train(const std::vector<const TrainingExample*>& data, const TrainOptions& options, ModelInfo info) {
  double threshold = 0.5, recall = 0.5;
  if (options.threshold_folds >= 2) {
    std::vector<int> strata;  // ClaimBuster/CLEF x label, so each inner fold has its share of positives
    for (auto* e : data) strata.push_back(e->label * 2 + (e->calibrate ? 1 : 0));
    auto folds = assign_stratified_folds(strata, options.threshold_folds, options.seed ^ 0x9e3779b9u);
    std::vector<double> scores;
    std::vector<int> labels;
    for (unsigned k = 0; k < options.threshold_folds; ++k) {
      std::vector<const TrainingExample*> train_part;
      for (std::size_t i = 0; i < data.size(); ++i)
        if (folds[i] != k) train_part.push_back(data[i]);
      auto m = fit(train_part, options, info);
      for (std::size_t i = 0; i < data.size(); ++i)
        if (folds[i] == k && data[i]->calibrate) {
          scores.push_back(m.probability(data[i]->x));
          labels.push_back(data[i]->label);
        }
    }
    if (!scores.empty()) {
      threshold = best_f1_threshold(scores, labels);
      recall = std::min(threshold, recall_threshold(scores, labels, options.recall_target));
    }
  }
  auto model = fit(data, options, std::move(info));
  model.set_thresholds(threshold, recall);
  return model;
}

}  // namespace factpipe::claims
