// factpipe-eval-claims (`factpipe eval claims`): measures the check-worthiness model the way issue 4 asks, with
// the training setup of the shipped model (ClaimBuster + CLEF; --claimbuster-only leaves the CLEF debates out).
//  1. CLEF-2019 CheckThat! task 1 over the 19 training debates: for each debate, train on ClaimBuster + the
//     other 18 debates (ClaimBuster alone with --claimbuster-only), rank the debate's sentences by probability; MAP
//     over debates (official measure), mean R-precision, P@5, P@10 (the scorer's definitions, see
//     training/metrics.hpp).
//  2. ClaimBuster train.json, 5-fold cross-validation (folds stratified by label, fixed seed): train on 4 folds
//     + all 19 CLEF debates (not with --claimbuster-only), with the threshold chosen by inner cross-validation on those
//     4 folds only; precision, recall and F1 of label 1 on the held-out fold, pooled over the 5 folds (micro) and
//     averaged (macro).
//  3. Throughput of the claims stage on the PolNeAR texts, when present.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <utility>

#include "../training/blend.hpp"
#include "../training/corpus.hpp"
#include "../training/datasets.hpp"
#include "../training/metrics.hpp"
#include "../training/model_flags.hpp"
#include "../training/selection.hpp"
#include "../training/trainer.hpp"
#include "feature_extractor.hpp"
#include "stage_throughput.hpp"
#include "tool_paths.hpp"

#include <factpipe/encoder/sentence_encoder.hpp>

using namespace factpipe::claims;

namespace {

void usage() {
  std::cout
      << "usage: factpipe-eval-claims [--datasets DIR] [--data-dir DIR] [--only clef|claimbuster|speed]\n"
         "                            [--solver L2R_LR|L2R_L2LOSS_SVC_DUAL|L2R_L2LOSS_SVC|L1R_LR] [--C X] "
         "[--positive-weight X]\n"
         "                            [--claimbuster-copies N] [--seed N] [--quiet] [--claimbuster-only] "
         "[--unstratified]\n"
         "                            [--member \"FLAGS\"]...   (ClaimBuster CV of an averaged-probability ensemble: "
         "this model +\n"
         "                             one per --member, e.g. --member \"--char-ngrams 0 --C 1\"; weights and "
         "threshold from inner folds)\n"
         "                            [--blend probability|logit]   (ensemble average of probabilities (default) or of "
         "decision values)\n"
         "                            [--dump-predictions FILE]   (held-out ClaimBuster: fold, label, probability, "
         "threshold, text; keep it out of the repo)\n"
         "                            [--nb 0|1] [--nb-alpha X] [--nb-beta X]   (NBSVM log-count-ratio scaling)\n"
         "                            [--domain-adapt 0|1|2|3]   (shared + per-dataset feature copies; keeps 1: shared "
         "+ ClaimBuster, 2: shared, 3: shared + CLEF)\n"
         "                            [--trees 0|1] [--tree-rounds N] [--tree-depth N] [--tree-eta X] "
         "[--tree-min-child-weight X]\n"
         "                            [--stack-folds N]   (XGBoost trees stacked on the linear decision + hand "
         "features)\n"
         "  feature experiments (the stage only accepts a model trained with the defaults):\n"
         "                            [--char-ngrams 0|1] [--char-min N] [--char-max N] [--word-trigrams 0|1] "
         "[--structure 0|1] [--word-classes 0|1] [--log-tf 0|1] [--idf 0|1]\n"
         "                            [--scale-words X] [--scale-chars X] [--scale-hand X]\n"
         "  sentence encoder (issue 13; the stage's opt-in claims.encoder):\n"
         "                            [--sentence-vector 0|1|both]   (the encoder's 512-d vector as features; default "
         "both\n"
         "                             when the encoder model is present (scripts/fetch-model.sh), else 0)\n"
         "                            [--vector-scale X]   (its scale in the fit)\n"
         "                            [--select \"--C X,Y --vector-scale X,Y\"]   (candidates; each model is the one "
         "of "
         "best inner-CV\n"
         "                             ClaimBuster F1; for CLEF chosen once by 3-fold CV on ClaimBuster alone)\n"
         "\nExamples:\n"
         "  factpipe eval claims                    # CLEF-2019 and ClaimBuster by cross-validation, and the speed\n"
         "  factpipe eval claims --only claimbuster --C 0.5\n";
}

// "--C 1 --domain-adapt 1" -> the base options with those flags applied.
std::pair<TrainOptions, ExperimentFeatures> member_options(const std::string& spec, TrainOptions options,
                                                           ExperimentFeatures features) {
  for (const auto& [flag, value] : split_member_flags(spec))
    if (!apply_training_flag(flag, value, options) && !apply_feature_flag(flag, value, features))
      throw std::runtime_error("--member '" + spec + "': not a model flag: " + flag);
  return {options, features};
}

}  // namespace

// ClaimBuster 5-fold CV of an ensemble averaging probabilities (or, logit_space, decision values): member 0 = the
// command line's model, then one per
// --member. In each outer fold every member gives out-of-fold probabilities on the training part's ClaimBuster
// rows (the inner folds of train()); the weights (grid 0.1) and the threshold are chosen there, then applied to
// the held-out fold. Nothing of the held-out fold is used but for scoring.
void ensemble_claimbuster_cv(const std::filesystem::path& datasets, const std::filesystem::path& data_dir,
                             const std::vector<std::pair<TrainOptions, ExperimentFeatures>>& members, bool with_clef,
                             bool stratified, bool quiet, bool logit_space) {
  // logit space: the blend of members sharing one feature set is itself one linear model (w = sum a_m w_m)
  auto space = [&](double p) {
    p = std::clamp(p, 1e-12, 1.0 - 1e-12);
    return logit_space ? std::log(p / (1.0 - p)) : p;
  };
  constexpr unsigned kFolds = 5;
  std::map<std::string, Corpus> corpora;  // by feature signature: members sharing features share one corpus
  std::vector<const Corpus*> corpus_of;
  std::vector<ModelInfo> infos;
  for (auto& [o, f] : members) {
    auto extractor = f.extractor(data_dir);
    auto sig = extractor.signature();
    if (!corpora.count(sig)) corpora.emplace(sig, load_corpus(datasets, extractor));
    corpus_of.push_back(&corpora.at(sig));
    infos.push_back(model_info(extractor));
    std::printf("member %zu: %s | %s\n", corpus_of.size() - 1, sig.c_str(), describe(o).c_str());
  }
  const auto& base = *corpus_of[0];
  std::vector<int> labels;
  for (auto& e : base.claimbuster) labels.push_back(e.label);
  const auto seed = members[0].first.seed;
  auto folds = stratified ? assign_stratified_folds(labels, kFolds, seed) : assign_folds(labels.size(), kFolds, seed);
  BinaryScores micro;
  std::vector<BinaryScores> single(members.size());  // each member alone, its own inner-fold threshold
  for (unsigned k = 0; k < kFolds; ++k) {
    std::vector<std::vector<double>> inner(members.size()), test(members.size());
    std::vector<int> inner_labels, test_labels;
    for (std::size_t m = 0; m < members.size(); ++m) {
      const Corpus& c = *corpus_of[m];
      std::vector<const TrainingExample*> train_set;
      for (std::size_t i = 0; i < c.claimbuster.size(); ++i)
        if (folds[i] != k) train_set.push_back(&c.claimbuster[i]);
      if (with_clef)
        for (auto& d : c.debates)
          for (auto& e : d) train_set.push_back(&e);
      auto oof = out_of_fold(train_set, members[m].first, infos[m]);
      inner[m] = oof.scores;
      if (m == 0) inner_labels = oof.labels;
      else if (oof.labels != inner_labels) throw std::logic_error("ensemble members disagree on the inner folds");
      const double own_threshold = best_f1_threshold(oof.scores, oof.labels);
      for (auto& p : inner[m]) p = space(p);
      auto model = fit_model(train_set, members[m].first, infos[m]);
      for (std::size_t i = 0; i < c.claimbuster.size(); ++i)
        if (folds[i] == k) {
          const auto& e = c.claimbuster[i];
          const double p = model.probability(e.x, &e.hand);
          test[m].push_back(space(p));
          if (m == 0) test_labels.push_back(e.label);
          single[m].add(p >= own_threshold, e.label);
        }
    }
    auto blend = choose_blend(inner, inner_labels);
    BinaryScores fold;
    std::vector<double> scores(members.size());
    for (std::size_t i = 0; i < test_labels.size(); ++i) {
      for (std::size_t m = 0; m < members.size(); ++m) scores[m] = test[m][i];
      const bool predicted = blended(blend, scores) >= blend.threshold;
      fold.add(predicted, test_labels[i]);
      micro.add(predicted, test_labels[i]);
    }
    if (!quiet) {
      std::printf("  fold %u: weights", k);
      for (double w : blend.weights) std::printf(" %.1f", w);
      std::printf("  threshold=%.3f  inner F1=%.4f  held-out P=%.4f R=%.4f F1=%.4f\n", blend.threshold, blend.f1,
                  fold.precision(), fold.recall(), fold.f1());
    }
  }
  for (std::size_t m = 0; m < members.size(); ++m)
    std::printf("  member %zu alone: precision=%.4f  recall=%.4f  F1=%.4f\n", m, single[m].precision(),
                single[m].recall(), single[m].f1());
  std::printf("  ensemble, label 1 (pooled over folds): precision=%.4f  recall=%.4f  F1=%.4f  (tp=%zu fp=%zu fn=%zu)\n",
              micro.precision(), micro.recall(), micro.f1(), micro.tp, micro.fp, micro.fn);
}

// CLEF-2019 leave-one-debate-out and ClaimBuster 5-fold CV of one feature set; with several candidate training
// options, each model is trained with the one its own training part's inner CV prefers.
void evaluate(const std::filesystem::path& datasets, const std::filesystem::path& data_dir,
              const ExperimentFeatures& features, const std::vector<TrainOptions>& candidates, const std::string& only,
              bool quiet, bool claimbuster_with_clef, bool stratified, const std::filesystem::path& dump) {
  auto extractor = features.extractor(data_dir);
  const TrainOptions& options = candidates.front();
  std::printf("factpipe claims evaluation\nfeature set: %s\nsolver: %s\ndatasets: %s\n\n",
              extractor.signature().c_str(), describe(options).c_str(), datasets.string().c_str());
  bool need_corpus = only.empty() || only == "clef" || only == "claimbuster";
  Corpus corpus;
  if (need_corpus) corpus = load_corpus(datasets, extractor);
  ModelInfo info = model_info(extractor);
  if (candidates.size() > 1) {
    std::printf("candidates (chosen per model by inner CV):\n");
    for (std::size_t c = 0; c < candidates.size(); ++c) std::printf("  %zu: %s\n", c, describe(candidates[c]).c_str());
  }

  if (only.empty() || only == "clef") {
    std::printf("CLEF-2019 CheckThat! task 1, leave-one-debate-out (train: ClaimBuster%s)\n",
                claimbuster_with_clef ? " + other 18 debates" : " only");
    RankingScores mean;
    TrainOptions o = options;
    if (candidates.size() > 1) {  // chosen without any CLEF label: 3-fold CV on ClaimBuster alone
      std::vector<const TrainingExample*> claimbuster;
      for (auto& e : corpus.claimbuster) claimbuster.push_back(&e);
      Selection chosen;
      train_selected(claimbuster, candidates, info, &chosen);
      o = candidates[chosen.best];
      std::printf("  options chosen by ClaimBuster-only inner CV (F1 %.4f): %s\n", chosen.inner_f1[chosen.best],
                  describe(o).c_str());
    }
    o.threshold_folds = 0;  // ranking only
    for (std::size_t d = 0; d < corpus.debates.size(); ++d) {
      std::vector<const TrainingExample*> train_set;
      for (auto& e : corpus.claimbuster) train_set.push_back(&e);
      for (std::size_t k = 0; k < corpus.debates.size() && claimbuster_with_clef; ++k)
        if (k != d)
          for (auto& e : corpus.debates[k]) train_set.push_back(&e);
      auto model = fit_model(train_set, o, info);
      std::vector<double> scores;
      std::vector<int> labels;
      for (auto& e : corpus.debates[d]) {
        scores.push_back(model.probability(e.x, &e.hand));
        labels.push_back(e.label);
      }
      auto r = ranking_scores(scores, labels);
      if (!quiet)
        std::printf("  %-28s n=%5zu pos=%3d  AP=%.4f  R-P=%.4f  P@5=%.2f  P@10=%.2f\n", corpus.debate_names[d].c_str(),
                    scores.size(), static_cast<int>(std::count(labels.begin(), labels.end(), 1)), r.average_precision,
                    r.r_precision, r.p_at_5, r.p_at_10);
      mean.average_precision += r.average_precision;
      mean.r_precision += r.r_precision;
      mean.p_at_5 += r.p_at_5;
      mean.p_at_10 += r.p_at_10;
    }
    double n = static_cast<double>(corpus.debates.size());
    std::printf("  MAP=%.4f  mean R-precision=%.4f  mean P@5=%.4f  mean P@10=%.4f  (%zu debates)\n\n",
                mean.average_precision / n, mean.r_precision / n, mean.p_at_5 / n, mean.p_at_10 / n,
                corpus.debates.size());
  }

  if (only.empty() || only == "claimbuster") {
    constexpr unsigned kFolds = 5;
    std::printf(
        "ClaimBuster train.json, %u-fold %scross-validation (seed %u; train: 4 folds%s;\n"
        "threshold: max F1 by inner %u-fold CV on the 4 training folds)\n",
        kFolds, stratified ? "stratified " : "", options.seed,
        claimbuster_with_clef ? " + all 19 CLEF debates" : " only", options.threshold_folds);
    std::vector<int> labels;
    for (auto& e : corpus.claimbuster) labels.push_back(e.label);
    auto folds = stratified ? assign_stratified_folds(labels, kFolds, options.seed)
                            : assign_folds(corpus.claimbuster.size(), kFolds, options.seed);
    BinaryScores micro, micro_recall;
    std::vector<std::string> texts;
    std::ofstream dump_out;
    if (!dump.empty()) {
      for (auto& s : read_claimbuster(datasets / "claimbuster" / "train.json")) texts.push_back(s.text);
      dump_out.open(dump);
      if (!dump_out) throw std::runtime_error("cannot write " + dump.string());
    }
    double macro_p = 0, macro_r = 0, macro_f = 0, worst_f = 1.0;
    for (unsigned k = 0; k < kFolds; ++k) {
      std::vector<const TrainingExample*> train_set;
      for (std::size_t i = 0; i < corpus.claimbuster.size(); ++i)
        if (folds[i] != k) train_set.push_back(&corpus.claimbuster[i]);
      if (claimbuster_with_clef)
        for (auto& d : corpus.debates)
          for (auto& e : d) train_set.push_back(&e);
      Selection chosen;
      auto model = train_selected(train_set, candidates, info, &chosen);
      BinaryScores fold;
      for (std::size_t i = 0; i < corpus.claimbuster.size(); ++i)
        if (folds[i] == k) {
          const auto& e = corpus.claimbuster[i];
          const double p = model.probability(e.x, &e.hand);
          bool predicted = p >= model.threshold();
          fold.add(predicted, corpus.claimbuster[i].label);
          micro.add(predicted, corpus.claimbuster[i].label);
          micro_recall.add(p >= model.recall_threshold(), corpus.claimbuster[i].label);
          if (dump_out.is_open())
            dump_out << k << '\t' << e.label << '\t' << p << '\t' << model.threshold() << '\t' << texts.at(i) << '\n';
        }
      if (!quiet)
        std::printf("  fold %u: threshold=%.3f  P=%.4f  R=%.4f  F1=%.4f  (recall_threshold=%.3f)%s\n", k,
                    model.threshold(), fold.precision(), fold.recall(), fold.f1(), model.recall_threshold(),
                    candidates.size() > 1 ? (" candidate " + std::to_string(chosen.best)).c_str() : "");
      worst_f = std::min(worst_f, fold.f1());
      macro_p += fold.precision();
      macro_r += fold.recall();
      macro_f += fold.f1();
    }
    std::printf(
        "  label 1 at the model's threshold (max F1): precision=%.4f  recall=%.4f  F1=%.4f  (pooled over folds; tp=%zu "
        "fp=%zu fn=%zu)\n",
        micro.precision(), micro.recall(), micro.f1(), micro.tp, micro.fp, micro.fn);
    std::printf("  mean over folds: precision=%.4f  recall=%.4f  F1=%.4f  (worst fold F1=%.4f)\n", macro_p / kFolds,
                macro_r / kFolds, macro_f / kFolds, worst_f);
    std::printf(
        "  at the stage's default operating point (recall_threshold, %.0f%% recall target): precision=%.4f  "
        "recall=%.4f  F1=%.4f\n\n",
        100 * options.recall_target, micro_recall.precision(), micro_recall.recall(), micro_recall.f1());
  }
}

int main(int argc, char** argv) try {
  std::filesystem::path datasets = tools::default_datasets_dir(), data_dir = tools::source_data_dir();
  TrainOptions options;
  std::string only;
  std::filesystem::path dump;  // error analysis: held-out ClaimBuster probabilities (outside the repo!)
  ExperimentFeatures features;
  bool quiet = false, claimbuster_with_clef = true, stratified = true;
  std::vector<std::string> members;  // --member: further models of an averaged-probability ensemble
  bool blend_logits = false;         // --blend logit: average decision values instead of probabilities
  const bool encoder_present = std::filesystem::exists(factpipe::encoder::default_model_dir() / "model.json");
  std::string sentence_vector_mode = encoder_present ? "both" : "0";
  bool vector_option_given = false;
  std::string select;  // --select: candidate training options, chosen by inner CV
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error("missing value after " + a);
      return argv[++i];
    };
    if (a == "--help" || a == "-h") {
      usage();
      return 0;
    }
    if (a == "--datasets") datasets = value();
    else if (a == "--data-dir") data_dir = value();
    else if (a == "--only") only = value();
    else if (a == "--unstratified") stratified = false;
    else if (a == "--sentence-vector") {
      sentence_vector_mode = value();
      vector_option_given = true;
    } else if (a == "--select") select = value();
    else if (i + 1 < argc &&
             (apply_training_flag(a, argv[i + 1], options) || apply_feature_flag(a, argv[i + 1], features)))
      ++i;
    else if (a == "--member") members.push_back(value());
    else if (a == "--blend") {
      auto v = value();
      if (v != "logit" && v != "probability")
        throw std::runtime_error("--blend is logit or probability, not '" + v + "'");
      blend_logits = v == "logit";
    } else if (a == "--quiet") quiet = true;
    else if (a == "--dump-predictions") dump = value();
    else if (a == "--claimbuster-only") claimbuster_with_clef = false;
    else {
      usage();
      throw std::runtime_error("unknown argument '" + a + "'");
    }
  }
  for (double scale : features.options.weighting.scale)
    if (!(scale > 0)) throw std::runtime_error("feature group scales must be > 0");
  if (features.options.char_min < 1 || features.options.char_max < features.options.char_min)
    throw std::runtime_error("need 1 <= --char-min <= --char-max");
  if (!members.empty()) {
    std::vector<std::pair<TrainOptions, ExperimentFeatures>> all{{options, features}};
    for (auto& spec : members) all.push_back(member_options(spec, options, features));
    std::printf("factpipe claims evaluation: %s ensemble, ClaimBuster 5-fold CV%s\n",
                blend_logits ? "averaged-logit" : "averaged-probability",
                claimbuster_with_clef ? " (train: 4 folds + all 19 CLEF debates)" : " (train: 4 folds)");
    ensemble_claimbuster_cv(datasets, data_dir, all, claimbuster_with_clef, stratified, quiet, blend_logits);
    return 0;
  }
  std::vector<bool> vector_settings;
  if (sentence_vector_mode == "both") vector_settings = {false, true};
  else if (sentence_vector_mode == "1") vector_settings = {true};
  else if (sentence_vector_mode == "0") vector_settings = {false};
  else throw std::runtime_error("--sentence-vector is 0, 1 or both, not '" + sentence_vector_mode + "'");
  if (only != "speed")
    for (bool with_vector : vector_settings) {
      features.options.sentence_vector = with_vector;
      std::printf("=== sentence encoder features %s ===\n", with_vector ? "ON (+use-lite-0.2.0)" : "OFF");
      auto candidates = option_grid(options, select);
      if (!with_vector) {  // the vector's scale means nothing without it: one candidate per other setting
        std::vector<TrainOptions> distinct;
        for (auto c : candidates) {
          c.vector_scale = 1.0;
          if (std::none_of(distinct.begin(), distinct.end(), [&](auto& d) { return describe(d) == describe(c); }))
            distinct.push_back(c);
        }
        candidates = distinct;
      }
      evaluate(datasets, data_dir, features, candidates, only, quiet, claimbuster_with_clef, stratified, dump);
    }
  if (!encoder_present && sentence_vector_mode == "0" && !vector_option_given)
    std::printf("(sentence encoder features skipped: no model in %s; run scripts/fetch-model.sh)\n\n",
                factpipe::encoder::default_model_dir().string().c_str());
  if (only.empty() || only == "speed")
    for (bool with_vector : vector_settings) print_stage_throughput(datasets / "polnear", data_dir, with_vector);
  return 0;
} catch (const std::exception& e) {
  std::cerr << "factpipe-eval-claims: " << e.what() << "\n";
  return 1;
}
