// factpipe-eval-claims (`factpipe eval claims`): measures the check-worthiness model the way issue 4 asks, with
// the training setup of the shipped model (ClaimBuster + CLEF; --claimbuster-only leaves the CLEF debates out).
//  1. CLEF-2019 CheckThat! task 1 over the 19 training debates: for each debate, train on ClaimBuster + the
//     other 18 debates (ClaimBuster alone with --claimbuster-only), rank the debate's sentences by probability; MAP over debates (official
//     measure), mean R-precision, P@5, P@10 (the scorer's definitions, see training/metrics.hpp).
//  2. ClaimBuster train.json, 5-fold cross-validation (folds stratified by label, fixed seed): train on 4 folds
//     + all 19 CLEF debates (not with --claimbuster-only), with the threshold chosen by inner cross-validation on those 4
//     folds only; precision, recall and F1 of label 1 on the held-out fold, pooled over the 5 folds (micro) and
//     averaged (macro).
//  3. Throughput of the claims stage on the PolNeAR texts, when present.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include "../feature_extractor.hpp"
#include "../training/corpus.hpp"
#include "../training/datasets.hpp"
#include "../training/metrics.hpp"
#include "../training/trainer.hpp"
#include "stage_throughput.hpp"
#include "tool_paths.hpp"

using namespace factpipe::claims;

namespace {

void usage() {
  std::cout << "usage: factpipe-eval-claims [--datasets DIR] [--data-dir DIR] [--only clef|claimbuster|speed]\n"
               "                            [--solver L2R_LR|L2R_L2LOSS_SVC_DUAL|L2R_L2LOSS_SVC|L1R_LR] [--C X] [--positive-weight X]\n"
               "                            [--claimbuster-copies N] [--seed N] [--quiet] [--claimbuster-only] [--unstratified]\n"
               "                            [--dump-predictions FILE]   (held-out ClaimBuster: fold, label, probability, threshold, text; keep it out of the repo)\n"
               "                            [--nb 0|1] [--nb-alpha X] [--nb-beta X]   (NBSVM log-count-ratio scaling)\n"
               "                            [--domain-adapt 0|1|2]   (shared + per-dataset feature copies; keeps 1: shared + ClaimBuster, 2: shared)\n"
               "                            [--trees 0|1] [--tree-rounds N] [--tree-depth N] [--tree-eta X] [--tree-min-child-weight X]\n"
               "                            [--stack-folds N]   (XGBoost trees stacked on the linear decision + hand features)\n"
               "  feature experiments (the stage only accepts a model trained with the defaults):\n"
               "                            [--char-ngrams 0|1] [--char-min N] [--char-max N] [--word-trigrams 0|1] [--log-tf 0|1] [--idf 0|1]\n"
               "                            [--scale-words X] [--scale-chars X] [--scale-hand X]\n";
}

}  // namespace

int main(int argc, char** argv) try {
  std::filesystem::path datasets = tools::default_datasets_dir(), data_dir = tools::source_data_dir();
  TrainOptions options;
  std::string only;
  std::filesystem::path dump;  // error analysis: held-out ClaimBuster probabilities (outside the repo!)
  FeatureOptions features;
  bool quiet = false, claimbuster_with_clef = true, stratified = true;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error("missing value after " + a);
      return argv[++i];
    };
    if (a == "--help" || a == "-h") { usage(); return 0; }
    if (a == "--datasets") datasets = value();
    else if (a == "--data-dir") data_dir = value();
    else if (a == "--only") only = value();
    else if (a == "--solver") options.solver = parse_solver(value());
    else if (a == "--char-ngrams") features.char_ngrams = std::stoi(value()) != 0;
    else if (a == "--char-min") features.char_min = static_cast<unsigned>(std::stoul(value()));
    else if (a == "--char-max") features.char_max = static_cast<unsigned>(std::stoul(value()));
    else if (a == "--word-trigrams") features.word_trigrams = std::stoi(value()) != 0;
    else if (a == "--log-tf") features.weighting.log_tf = std::stoi(value()) != 0;
    else if (a == "--scale-words") features.weighting.scale[0] = std::stod(value());
    else if (a == "--scale-chars") features.weighting.scale[1] = std::stod(value());
    else if (a == "--scale-hand") features.weighting.scale[2] = std::stod(value());
    else if (a == "--idf") options.idf = std::stoi(value()) != 0;
    else if (a == "--domain-adapt") options.domain_adapt = static_cast<unsigned>(std::stoul(value()));
    else if (a == "--trees") options.trees = std::stoi(value()) != 0;
    else if (a == "--tree-rounds") options.tree_rounds = static_cast<unsigned>(std::stoul(value()));
    else if (a == "--tree-depth") options.tree_depth = static_cast<unsigned>(std::stoul(value()));
    else if (a == "--tree-eta") options.tree_eta = std::stod(value());
    else if (a == "--tree-min-child-weight") options.tree_min_child_weight = std::stod(value());
    else if (a == "--stack-folds") options.stack_folds = static_cast<unsigned>(std::stoul(value()));
    else if (a == "--nb") options.nb = std::stoi(value()) != 0;
    else if (a == "--nb-alpha") options.nb_alpha = std::stod(value());
    else if (a == "--nb-beta") options.nb_beta = std::stod(value());
    else if (a == "--unstratified") stratified = false;
    else if (a == "--C") options.C = std::stod(value());
    else if (a == "--positive-weight") options.positive_weight = std::stod(value());
    else if (a == "--claimbuster-copies") options.claimbuster_copies = static_cast<unsigned>(std::stoul(value()));
    else if (a == "--seed") options.seed = static_cast<std::uint32_t>(std::stoul(value()));
    else if (a == "--quiet") quiet = true;
    else if (a == "--dump-predictions") dump = value();
    else if (a == "--claimbuster-only") claimbuster_with_clef = false;
    else { usage(); throw std::runtime_error("unknown argument '" + a + "'"); }
  }
  for (double scale : features.weighting.scale)
    if (!(scale > 0)) throw std::runtime_error("feature group scales must be > 0");
  if (features.char_min < 1 || features.char_max < features.char_min) throw std::runtime_error("need 1 <= --char-min <= --char-max");
  auto extractor = FeatureExtractor::from_data_dir(data_dir, features);
  std::printf("factpipe claims evaluation\nfeature set: %s\nsolver: %s\ndatasets: %s\n\n", extractor.signature().c_str(),
              describe(options).c_str(), datasets.string().c_str());
  bool need_corpus = only.empty() || only == "clef" || only == "claimbuster";
  Corpus corpus;
  if (need_corpus) corpus = load_corpus(datasets, extractor);
  ModelInfo info;
  info.feature_set = extractor.signature();

  if (only.empty() || only == "clef") {
    std::printf("CLEF-2019 CheckThat! task 1, leave-one-debate-out (train: ClaimBuster%s)\n",
                claimbuster_with_clef ? " + other 18 debates" : " only");
    RankingScores mean;
    TrainOptions o = options;
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
                mean.average_precision / n, mean.r_precision / n, mean.p_at_5 / n, mean.p_at_10 / n, corpus.debates.size());
  }

  if (only.empty() || only == "claimbuster") {
    constexpr unsigned kFolds = 5;
    std::printf("ClaimBuster train.json, %u-fold %scross-validation (seed %u; train: 4 folds%s;\n"
                "threshold: max F1 by inner %u-fold CV on the 4 training folds)\n", kFolds, stratified ? "stratified " : "", options.seed,
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
    double macro_p = 0, macro_r = 0, macro_f = 0;
    for (unsigned k = 0; k < kFolds; ++k) {
      std::vector<const TrainingExample*> train_set;
      for (std::size_t i = 0; i < corpus.claimbuster.size(); ++i)
        if (folds[i] != k) train_set.push_back(&corpus.claimbuster[i]);
      if (claimbuster_with_clef)
        for (auto& d : corpus.debates)
          for (auto& e : d) train_set.push_back(&e);
      auto model = train(train_set, options, info);
      BinaryScores fold;
      for (std::size_t i = 0; i < corpus.claimbuster.size(); ++i)
        if (folds[i] == k) {
          const auto& e = corpus.claimbuster[i];
          const double p = model.probability(e.x, &e.hand);
          bool predicted = p >= model.threshold();
          fold.add(predicted, corpus.claimbuster[i].label);
          micro.add(predicted, corpus.claimbuster[i].label);
          micro_recall.add(p >= model.recall_threshold(), corpus.claimbuster[i].label);
          if (dump_out.is_open()) dump_out << k << '\t' << e.label << '\t' << p << '\t' << model.threshold() << '\t' << texts.at(i) << '\n';
        }
      if (!quiet)
        std::printf("  fold %u: threshold=%.3f  P=%.4f  R=%.4f  F1=%.4f  (recall_threshold=%.3f)\n", k, model.threshold(),
                    fold.precision(), fold.recall(), fold.f1(), model.recall_threshold());
      macro_p += fold.precision();
      macro_r += fold.recall();
      macro_f += fold.f1();
    }
    std::printf("  label 1 at the model's threshold (max F1): precision=%.4f  recall=%.4f  F1=%.4f  (pooled over folds; tp=%zu fp=%zu fn=%zu)\n",
                micro.precision(), micro.recall(), micro.f1(), micro.tp, micro.fp, micro.fn);
    std::printf("  mean over folds: precision=%.4f  recall=%.4f  F1=%.4f\n", macro_p / kFolds, macro_r / kFolds, macro_f / kFolds);
    std::printf("  at the stage's default operating point (recall_threshold, %.0f%% recall target): precision=%.4f  recall=%.4f  F1=%.4f\n\n",
                100 * options.recall_target, micro_recall.precision(), micro_recall.recall(), micro_recall.f1());
  }

  if (only.empty() || only == "speed") print_stage_throughput(datasets / "polnear", data_dir);
  return 0;
} catch (const std::exception& e) {
  std::cerr << "factpipe-eval-claims: " << e.what() << "\n";
  return 1;
}
