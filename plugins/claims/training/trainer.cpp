#include "trainer.hpp"

#include <linear.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>
#include <stdexcept>

#include "boosted_trees.hpp"
#include "metrics.hpp"

namespace factpipe::claims {
namespace {

void quiet(const char*) {}

// r_i = log((p_i/|p|_1) / (q_i/|q|_1)) with p_i = alpha + label-1 rows holding feature i (q: label 0); the norms
// run over the features present in `data` (hashed buckets no row uses would only add alpha to both). 0 for
// absent features, which get no weight anyway.
std::vector<double> log_count_ratios(const std::vector<const TrainingExample*>& data, int n_features, const TrainOptions& o) {
  std::vector<double> pos(static_cast<std::size_t>(n_features) + 1, 0.0), neg(pos.size(), 0.0);
  std::vector<char> seen(pos.size(), 0);
  for (auto* e : data) {
    const double rows = e->calibrate ? std::max(1u, o.claimbuster_copies) : 1u;
    auto& count = e->label == 1 ? pos : neg;
    for (auto& f : e->x) {
      const auto i = static_cast<std::size_t>(f.index);
      if (f.value != 0.0) { count[i] += rows; seen[i] = 1; }
    }
  }
  double pos_norm = 0.0, neg_norm = 0.0;
  for (std::size_t i = 1; i < pos.size(); ++i)
    if (seen[i]) { pos_norm += pos[i] + o.nb_alpha; neg_norm += neg[i] + o.nb_alpha; }
  std::vector<double> r(pos.size(), 0.0);
  for (std::size_t i = 1; i < pos.size(); ++i)
    if (seen[i]) r[i] = std::log(((pos[i] + o.nb_alpha) / pos_norm) / ((neg[i] + o.nb_alpha) / neg_norm));
  return r;
}

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
  char nb[96] = "";
  if (o.nb) std::snprintf(nb, sizeof nb, " nb=train-rows nb_alpha=%g nb_beta=%g", o.nb_alpha, o.nb_beta);
  char trees[200] = "";
  if (o.trees)
    std::snprintf(trees, sizeof trees, " + xgboost %s trees rounds=%u depth=%u eta=%g min_child_weight=%g stack_folds=%u exact one-thread",
                  xgboost_version().c_str(), o.tree_rounds, o.tree_depth, o.tree_eta, o.tree_min_child_weight, o.stack_folds);
  char buf[640];
  std::snprintf(buf, sizeof buf, "liblinear %d %s C=%g eps=%g positive_weight=%g claimbuster_copies=%u bias=1 threshold_folds=%u recall_target=%g seed=%u%s%s%s%s",
                liblinear_version, std::string(solver_name(o.solver)).c_str(), o.C, o.eps, o.positive_weight, o.claimbuster_copies, o.threshold_folds, o.recall_target, o.seed, o.idf ? " idf=train-rows" : "", nb, o.domain_adapt == 1 ? " domain_adapt=shared+claimbuster" : o.domain_adapt == 2 ? " domain_adapt=shared" : "", trees);
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
  // Domain adaptation by feature augmentation (Daume III 2007): every feature also gets a ClaimBuster-only and a
  // CLEF-only copy (indices + N, + 2N) and each dataset its own intercept (3N+1, 3N+2); the model file keeps the
  // shared + ClaimBuster weights (domain_adapt 1), so CLEF's different notion of a claim lends strength without
  // setting the boundary, or the shared weights alone (2).
  if (options.domain_adapt > 2) throw std::invalid_argument("claims trainer: domain_adapt is 0, 1 or 2");
  const bool adapt = options.domain_adapt != 0, keep_claimbuster = options.domain_adapt == 1;
  const int bias_index = adapt ? 3 * n_features + 3 : n_features + 1;
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
  // NB log-count ratios from the rows being fitted (ClaimBuster copies counted as rows, like in the loss).
  std::vector<double> nb_ratio;
  if (options.nb) nb_ratio = log_count_ratios(data, n_features, options);
  auto scaled = [&](const SparseFeature& f) {
    double v = idf.empty() ? f.value : f.value * idf[static_cast<std::size_t>(f.index)];
    return nb_ratio.empty() ? v : v * nb_ratio[static_cast<std::size_t>(f.index)];
  };
  std::vector<feature_node> nodes;
  std::size_t total = 0;
  // liblinear 2.3 has no instance weights; a row given k times weighs k (the L2R_LR loss is a sum over rows).
  auto copies = [&](const TrainingExample* e) { return e->calibrate ? std::max(1u, options.claimbuster_copies) : 1u; };
  for (auto* e : data) total += (e->x.size() * (adapt ? 2 : 1) + (adapt ? 3 : 2)) * copies(e);
  nodes.reserve(total);
  std::vector<std::size_t> starts;
  std::vector<double> y;
  bool has_pos = false, has_neg = false;
  for (auto* e : data) {
    for (unsigned k = 0; k < copies(e); ++k) {
      starts.push_back(nodes.size());
      for (auto& f : e->x) nodes.push_back({f.index, scaled(f)});
      if (adapt) {
        const int domain = e->calibrate ? 1 : 2;
        for (auto& f : e->x) nodes.push_back({f.index + domain * n_features, scaled(f)});
        nodes.push_back({3 * n_features + domain, 1.0});
      }
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
  std::vector<double> raw(static_cast<std::size_t>(n_features) + 1, 0.0);
  for (int i = 1; i <= n_features; ++i)
    raw[static_cast<std::size_t>(i)] = sign * (get_decfun_coef(m, i, 0) + (keep_claimbuster ? get_decfun_coef(m, i + n_features, 0) : 0.0));
  if (!nb_ratio.empty() && options.nb_beta != 1.0) {
    // interpolation over the features seen in training (the NBSVM paper's vocabulary)
    double sum = 0.0;
    std::size_t seen = 0;
    for (std::size_t i = 1; i < raw.size(); ++i)
      if (nb_ratio[i] != 0.0) { sum += std::fabs(raw[i]); ++seen; }
    const double mean = seen ? sum / static_cast<double>(seen) : 0.0;
    for (std::size_t i = 1; i < raw.size(); ++i)
      if (nb_ratio[i] != 0.0) raw[i] = (1.0 - options.nb_beta) * mean + options.nb_beta * raw[i];
  }
  std::vector<float> w(static_cast<std::size_t>(n_features) + 1, 0.0f);
  for (std::size_t i = 1; i < raw.size(); ++i) {
    double scale = idf.empty() ? 1.0 : idf[i];  // w.(idf*x) == (w*idf).x
    if (!nb_ratio.empty()) scale *= nb_ratio[i];
    w[i] = static_cast<float>(raw[i] * scale);
  }
  double bias = sign * (get_decfun_bias(m, 0) + (keep_claimbuster ? get_decfun_coef(m, 3 * n_features + 1, 0) : 0.0));
  free_and_destroy_model(&m);
  info.solver = describe(options);
  info.threshold = 0.5;
  return CheckworthinessModel(std::move(info), std::move(w), bias);
}

namespace {

std::vector<int> strata_of(const std::vector<const TrainingExample*>& data) {
  std::vector<int> strata;  // ClaimBuster/CLEF x label, so each inner fold has its share of positives
  for (auto* e : data) strata.push_back(e->label * 2 + (e->calibrate ? 1 : 0));
  return strata;
}

}  // namespace

CheckworthinessModel fit_model(const std::vector<const TrainingExample*>& data, const TrainOptions& options, ModelInfo info) {
  if (!options.trees) return fit(data, options, std::move(info));
  if (options.stack_folds < 2) throw std::invalid_argument("claims trainer: stacking needs stack_folds >= 2");
  if (!have_xgboost()) fit_trees({}, {}, options);  // throws the "install libxgboost-dev" error before any work
  // Out-of-fold linear decisions: the trees must learn how far to trust the linear score on rows it has not seen.
  auto folds = assign_stratified_folds(strata_of(data), options.stack_folds, options.seed ^ 0x85ebca6bu);
  std::vector<double> linear(data.size(), 0.0);
  for (unsigned k = 0; k < options.stack_folds; ++k) {
    std::vector<const TrainingExample*> part;
    for (std::size_t i = 0; i < data.size(); ++i)
      if (folds[i] != k) part.push_back(data[i]);
    auto m = fit(part, options, info);
    for (std::size_t i = 0; i < data.size(); ++i)
      if (folds[i] == k) linear[i] = m.decision(data[i]->x);
  }
  auto model = fit(data, options, std::move(info));
  model.set_trees(fit_trees(data, linear, options));
  return model;
}

CheckworthinessModel train(const std::vector<const TrainingExample*>& data, const TrainOptions& options, ModelInfo info) {
  double threshold = 0.5, recall = 0.5;
  if (options.threshold_folds >= 2) {
    auto folds = assign_stratified_folds(strata_of(data), options.threshold_folds, options.seed ^ 0x9e3779b9u);
    std::vector<double> scores;
    std::vector<int> labels;
    for (unsigned k = 0; k < options.threshold_folds; ++k) {
      std::vector<const TrainingExample*> train_part;
      for (std::size_t i = 0; i < data.size(); ++i)
        if (folds[i] != k) train_part.push_back(data[i]);
      auto m = fit_model(train_part, options, info);
      for (std::size_t i = 0; i < data.size(); ++i)
        if (folds[i] == k && data[i]->calibrate) {
          scores.push_back(m.probability(data[i]->x, &data[i]->hand));
          labels.push_back(data[i]->label);
        }
    }
    if (!scores.empty()) {
      threshold = best_f1_threshold(scores, labels);
      recall = std::min(threshold, recall_threshold(scores, labels, options.recall_target));
    }
  }
  auto model = fit_model(data, options, std::move(info));
  model.set_thresholds(threshold, recall);
  return model;
}

}  // namespace factpipe::claims
