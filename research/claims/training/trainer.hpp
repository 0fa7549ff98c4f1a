#pragma once
// Trains the check-worthiness model with liblinear (L2-regularised logistic regression, solver L2R_LR, a
// deterministic trust-region Newton method) and picks the decision threshold by inner cross-validation.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "checkworthiness_model.hpp"
#include "feature_vector.hpp"
#include "stacked_model.hpp"

namespace factpipe::claims {

struct TrainingExample {
  std::vector<SparseFeature> x;
  int label = 0;
  bool calibrate = false;           // used to choose the threshold (ClaimBuster sentences: its labels define "a claim")
  std::vector<SparseFeature> hand;  // hand_features() (inputs of the stacked trees)
};

// The liblinear solvers tried (liblinear's solver_type numbers). For the SVM solvers the model's
// "probability" is the logistic of the SVM decision value: a monotone score, fine for ranking and thresholds.
enum class Solver { l2r_lr = 0, l2r_l2loss_svc_dual = 1, l2r_l2loss_svc = 2, l1r_lr = 6 };
std::string_view solver_name(Solver s);
Solver parse_solver(std::string_view name);  // "L2R_LR", ...; throws on an unknown name

struct TrainOptions {
  Solver solver = Solver::l2r_lr;
  double C = 4.0;                // inverse regularisation strength (C grid in the README table)
  double positive_weight = 1.0;  // liblinear class weight of label 1
  double eps = 0.001;            // stopping tolerance
  bool idf = false;              // scale feature i by idf_i = ln((N+1)/(df_i+1)) + 1, df counted on the training
                                 // rows only; folded into the weights afterwards, so the model file stays w.x
  // NBSVM (Wang & Manning 2012): each feature is scaled by its log-count ratio r_i = log((p_i/|p|_1)/(q_i/|q|_1)),
  // p_i = nb_alpha + rows of label 1 holding feature i (q: label 0), counted on the rows being fitted only;
  // the fitted weights are interpolated towards their mean magnitude, w' = (1-beta) mean|w| + beta w, and
  // r is folded into them afterwards (the model file stays w.x).
  bool nb = false;
  // Feature augmentation for the two datasets (see fit()): 0 off; the saved weights are 1 = shared +
  // ClaimBuster-specific, 2 = shared only (news articles are a third domain: neither dataset's own weights),
  // 3 = shared + CLEF-specific (the copy fitted on journalists' choices; thresholds still from ClaimBuster folds).
  unsigned domain_adapt = 0;
  double nb_alpha = 1.0;
  double nb_beta = 1.0;
  // Boosted trees stacked on the linear model (XGBoost): inputs = the linear decision, out-of-fold over
  // `stack_folds` inner folds of the rows being fitted, and the raw hand features.
  bool trees = false;
  unsigned stack_folds = 5;
  unsigned tree_rounds = 200;
  unsigned tree_depth = 4;
  double tree_eta = 0.1;
  double tree_min_child_weight = 1.0;
  // Scale of the sentence-vector features (sentence_vector_features.hpp) in the fit, against the unit-length hashed
  // vector: with C, it sets how strongly their weights are penalised. Folded into the saved weights.
  double vector_scale = 1.0;
  unsigned threshold_folds = 3;     // inner folds for the thresholds; 0 = keep 0.5
  unsigned claimbuster_copies = 3;  // rows per `calibrate` (ClaimBuster) example: an integer instance weight
                                    // (on ClaimBuster alone it just multiplies C)
  double recall_target = 0.9;       // recall of the stage's default operating point (ModelInfo::recall_threshold)
  std::uint32_t seed = 20190509;    // fold shuffling (inner folds: seed mixed with a constant per use)
};

std::string describe(const TrainOptions& o);

// One liblinear fit; threshold 0.5. Deterministic: same examples and options give the same weights.
CheckworthinessModel fit(const std::vector<const TrainingExample*>& data, const TrainOptions& options, ModelInfo info);

// The linear model alone (fit), or with options.trees the linear model fitted on all rows plus boosted trees
// fitted on its out-of-fold decision values (stack_folds inner folds of `data`) and the hand features.
StackedModel fit_model(const std::vector<const TrainingExample*>& data, const TrainOptions& options, ModelInfo info);

// Probabilities of the `calibrate` rows of `data`, each from a fit_model() on the other threshold_folds - 1
// inner folds (stratified by dataset and label, fixed seed); empty when threshold_folds < 2. `row` indexes `data`.
struct OutOfFold {
  std::vector<std::size_t> row;
  std::vector<double> scores;
  std::vector<int> labels;
};
OutOfFold out_of_fold(const std::vector<const TrainingExample*>& data, const TrainOptions& options,
                      const ModelInfo& info);

// fit_model() plus, from the out-of-fold probabilities of the `calibrate` examples, the threshold maximising F1
// and the threshold reaching `recall_target`.
StackedModel train(const std::vector<const TrainingExample*>& data, const TrainOptions& options, ModelInfo info);

// One linear model from several (e.g. with and without domain adaptation or NB scaling) over the same features:
// each member gives out-of-fold decision values on the `calibrate` rows (out_of_fold, same inner folds), the
// blend weights (grid 0.1, summing to 1) and both thresholds are chosen on their weighted sum, and the saved
// model is w = sum a_m w_m, bias = sum a_m b_m: its decision is exactly the blended decision. Members must be
// linear (no trees) and threshold_folds >= 2. `weights_out`, when given, receives the blend weights.
CheckworthinessModel train_blend(const std::vector<const TrainingExample*>& data,
                                 const std::vector<TrainOptions>& members, ModelInfo info,
                                 std::vector<double>* weights_out = nullptr);

// Deterministic fold of each of n items (Fisher-Yates over std::mt19937, whose output the standard fixes).
std::vector<unsigned> assign_folds(std::size_t n, unsigned folds, std::uint32_t seed);
// The same, stratified: items of each stratum (e.g. label) are shuffled and dealt round-robin on their own,
// so every fold holds the same share of each stratum (sizes differ by at most one per stratum).
std::vector<unsigned> assign_stratified_folds(const std::vector<int>& strata, unsigned folds, std::uint32_t seed);

}  // namespace factpipe::claims
