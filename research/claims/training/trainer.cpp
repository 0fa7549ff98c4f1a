#include "trainer.hpp"

#include <linear.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>
#include <stdexcept>

#include "blend.hpp"
#include "boosted_trees.hpp"
#include "metrics.hpp"
#include "sentence_vector_features.hpp"

namespace factpipe::claims {
namespace {

void quiet(const char*) {}

// r_i = log((p_i/|p|_1) / (q_i/|q|_1)) with p_i = alpha + label-1 rows holding feature i (q: label 0); the norms
// run over the features present in `data` (hashed buckets no row uses would only add alpha to both). 0 for
// absent features, which get no weight anyway.
std::vector<double> log_count_ratios(const std::vector<const TrainingExample*>& data, int n_features,
                                     const TrainOptions& o) {
  std::vector<double> pos(static_cast<std::size_t>(n_features) + 1, 0.0), neg(pos.size(), 0.0);
  std::vector<char> seen(pos.size(), 0);
  for (auto* e : data) {
    const double rows = e->calibrate ? std::max(1u, o.claimbuster_copies) : 1u;
    auto& count = e->label == 1 ? pos : neg;
    for (auto& f : e->x) {
      const auto i = static_cast<std::size_t>(f.index);
      if (f.value != 0.0) {
        count[i] += rows;
        seen[i] = 1;
      }
    }
  }
  double pos_norm = 0.0, neg_norm = 0.0;
  for (std::size_t i = 1; i < pos.size(); ++i)
    if (seen[i]) {
      pos_norm += pos[i] + o.nb_alpha;
      neg_norm += neg[i] + o.nb_alpha;
    }
  std::vector<double> r(pos.size(), 0.0);
  for (std::size_t i = 1; i < pos.size(); ++i)
    if (seen[i]) r[i] = std::log(((pos[i] + o.nb_alpha) / pos_norm) / ((neg[i] + o.nb_alpha) / neg_norm));
  return r;
}

}  // namespace

std::string_view solver_name(Solver s) {
  switch (s) {
    case Solver::l2r_lr:
      return "L2R_LR";
    case Solver::l2r_l2loss_svc_dual:
      return "L2R_L2LOSS_SVC_DUAL";
    case Solver::l2r_l2loss_svc:
      return "L2R_L2LOSS_SVC";
    case Solver::l1r_lr:
      return "L1R_LR";
  }
  return "?";
}

Solver parse_solver(std::string_view name) {
  for (Solver s : {Solver::l2r_lr, Solver::l2r_l2loss_svc_dual, Solver::l2r_l2loss_svc, Solver::l1r_lr})
    if (solver_name(s) == name) return s;
  throw std::invalid_argument("unknown solver '" + std::string(name) +
                              "' (L2R_LR, L2R_L2LOSS_SVC_DUAL, L2R_L2LOSS_SVC, L1R_LR)");
}

std::string describe(const TrainOptions& o) {
  char nb[96] = "";
  if (o.nb) std::snprintf(nb, sizeof nb, " nb=train-rows nb_alpha=%g nb_beta=%g", o.nb_alpha, o.nb_beta);
  char trees[200] = "";
  if (o.trees)
    std::snprintf(trees, sizeof trees,
                  " + xgboost %s trees rounds=%u depth=%u eta=%g min_child_weight=%g stack_folds=%u exact one-thread",
                  xgboost_version().c_str(), o.tree_rounds, o.tree_depth, o.tree_eta, o.tree_min_child_weight,
                  o.stack_folds);
  char buf[640];
  std::snprintf(buf, sizeof buf,
                "liblinear %d %s C=%g eps=%g positive_weight=%g claimbuster_copies=%u bias=1 threshold_folds=%u "
                "recall_target=%g seed=%u%s%s%s%s",
                liblinear_version, std::string(solver_name(o.solver)).c_str(), o.C, o.eps, o.positive_weight,
                o.claimbuster_copies, o.threshold_folds, o.recall_target, o.seed, o.idf ? " idf=train-rows" : "", nb,
                o.domain_adapt == 1   ? " domain_adapt=shared+claimbuster"
                : o.domain_adapt == 2 ? " domain_adapt=shared"
                : o.domain_adapt == 3 ? " domain_adapt=shared+clef"
                                      : "",
                trees);
  char vectors[48] = "";  // only when changed, so the headers of models without the vector stay as they were
  if (o.vector_scale != 1.0) std::snprintf(vectors, sizeof vectors, " vector_scale=%g", o.vector_scale);
  return std::string(buf) + vectors;
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
  if (options.domain_adapt > 3) throw std::invalid_argument("claims trainer: domain_adapt is 0, 1, 2 or 3");
  const bool adapt = options.domain_adapt != 0;
  // the domain copy the saved model keeps besides the shared weights: 1 ClaimBuster, 3 CLEF (news), 2 none
  const int kept_domain = options.domain_adapt == 1 ? 1 : options.domain_adapt == 3 ? 2 : 0;
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
    if (is_sentence_vector_feature(f.index)) v *= options.vector_scale;
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
    raw[static_cast<std::size_t>(i)] =
        sign * (get_decfun_coef(m, i, 0) + (kept_domain ? get_decfun_coef(m, i + kept_domain * n_features, 0) : 0.0));
  if (!nb_ratio.empty() && options.nb_beta != 1.0) {
    // interpolation over the features seen in training (the NBSVM paper's vocabulary)
    double sum = 0.0;
    std::size_t seen = 0;
    for (std::size_t i = 1; i < raw.size(); ++i)
      if (nb_ratio[i] != 0.0) {
        sum += std::fabs(raw[i]);
        ++seen;
      }
    const double mean = seen ? sum / static_cast<double>(seen) : 0.0;
    for (std::size_t i = 1; i < raw.size(); ++i)
      if (nb_ratio[i] != 0.0) raw[i] = (1.0 - options.nb_beta) * mean + options.nb_beta * raw[i];
  }
  std::vector<float> w(static_cast<std::size_t>(n_features) + 1, 0.0f);
  for (std::size_t i = 1; i < raw.size(); ++i) {
    double scale = idf.empty() ? 1.0 : idf[i];  // w.(idf*x) == (w*idf).x
    if (!nb_ratio.empty()) scale *= nb_ratio[i];
    if (is_sentence_vector_feature(static_cast<int>(i))) scale *= options.vector_scale;
    w[i] = static_cast<float>(raw[i] * scale);
  }
  double bias =
      sign * (get_decfun_bias(m, 0) + (kept_domain ? get_decfun_coef(m, 3 * n_features + kept_domain, 0) : 0.0));
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

StackedModel fit_model(const std::vector<const TrainingExample*>& data, const TrainOptions& options, ModelInfo info) {
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
  return StackedModel(fit(data, options, std::move(info)), fit_trees(data, linear, options));
}

OutOfFold out_of_fold(const std::vector<const TrainingExample*>& data, const TrainOptions& options,
                      const ModelInfo& info) {
  OutOfFold out;
  if (options.threshold_folds < 2) return out;
  auto folds = assign_stratified_folds(strata_of(data), options.threshold_folds, options.seed ^ 0x9e3779b9u);
  for (unsigned k = 0; k < options.threshold_folds; ++k) {
    std::vector<const TrainingExample*> train_part;
    for (std::size_t i = 0; i < data.size(); ++i)
      if (folds[i] != k) train_part.push_back(data[i]);
    auto m = fit_model(train_part, options, info);
    for (std::size_t i = 0; i < data.size(); ++i)
      if (folds[i] == k && data[i]->calibrate) {
        out.row.push_back(i);
        out.scores.push_back(m.probability(data[i]->x, &data[i]->hand));
        out.labels.push_back(data[i]->label);
      }
  }
  return out;
}

StackedModel train(const std::vector<const TrainingExample*>& data, const TrainOptions& options, ModelInfo info) {
  double threshold = 0.5, recall = 0.5;
  auto oof = out_of_fold(data, options, info);
  if (!oof.scores.empty()) {
    threshold = best_f1_threshold(oof.scores, oof.labels);
    recall = std::min(threshold, recall_threshold(oof.scores, oof.labels, options.recall_target));
  }
  auto model = fit_model(data, options, std::move(info));
  model.set_thresholds(threshold, recall);
  return model;
}

CheckworthinessModel train_blend(const std::vector<const TrainingExample*>& data,
                                 const std::vector<TrainOptions>& members, ModelInfo info,
                                 std::vector<double>* weights_out) {
  if (members.empty()) throw std::invalid_argument("claims trainer: a blend needs members");
  std::vector<std::vector<double>> logits;
  std::vector<int> labels;
  std::vector<CheckworthinessModel> fitted;
  for (const auto& o : members) {
    if (o.trees) throw std::invalid_argument("claims trainer: blend members must be linear (no trees)");
    if (o.threshold_folds < 2 || o.threshold_folds != members[0].threshold_folds || o.seed != members[0].seed)
      throw std::invalid_argument("claims trainer: blend members need the same threshold_folds (>= 2) and seed");
    auto oof = out_of_fold(data, o, info);
    if (oof.scores.empty()) throw std::invalid_argument("claims trainer: no calibration rows for the blend");
    auto& z = logits.emplace_back();
    for (double p : oof.scores) {
      p = std::clamp(p, 1e-12, 1.0 - 1e-12);
      z.push_back(std::log(p / (1.0 - p)));
    }
    labels = oof.labels;
    fitted.push_back(fit(data, o, info));
  }
  const Blend blend = choose_blend(logits, labels);
  std::vector<double> blended_oof(labels.size());
  for (std::size_t i = 0; i < labels.size(); ++i)
    for (std::size_t m = 0; m < members.size(); ++m) blended_oof[i] += blend.weights[m] * logits[m][i];
  auto sigmoid = [](double z) { return 1.0 / (1.0 + std::exp(-z)); };
  const double threshold = sigmoid(blend.threshold);
  const double recall = std::min(threshold, sigmoid(recall_threshold(blended_oof, labels, members[0].recall_target)));
  std::vector<float> w(fitted[0].weights().size(), 0.0f);
  double bias = 0.0;
  std::string solver;
  for (std::size_t m = 0; m < members.size(); ++m) {
    const double a = blend.weights[m];
    for (std::size_t i = 1; i < w.size(); ++i) w[i] += static_cast<float>(a * fitted[m].weights()[i]);
    bias += a * fitted[m].bias();
    char weight[16];
    std::snprintf(weight, sizeof weight, "%.1f", a);
    solver += (m ? " + " : "blend of decision values: ") + std::string(weight) + " * (" + fitted[m].info().solver + ")";
  }
  if (weights_out) *weights_out = blend.weights;
  info.solver = solver;
  CheckworthinessModel model(std::move(info), std::move(w), bias);
  model.set_thresholds(threshold, recall);
  return model;
}

}  // namespace factpipe::claims
