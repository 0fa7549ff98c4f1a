// factpipe-train-claims: trains the check-worthiness model of the claims stage from ClaimBuster train.json
// and the 19 CLEF-2019 training debates (not with --claimbuster-only) and writes
// plugins/claims/data/checkworthiness.model. Deterministic: liblinear's L2R_LR solver is deterministic and folds use a
// fixed seed.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "../training/corpus.hpp"
#include "../training/model_flags.hpp"
#include "../training/selection.hpp"
#include "../training/trainer.hpp"
#include "feature_extractor.hpp"
#include "tool_paths.hpp"

using namespace factpipe::claims;

namespace {

void usage() {
  std::cout
      << "usage: factpipe-train-claims [--datasets DIR] [--data-dir DIR] [--out FILE] [--claimbuster-only] [--solver "
         "NAME] [--C X]\n"
         "                             [--positive-weight X] [--claimbuster-copies N] [--threshold-folds N] [--seed "
         "N]\n"
         "                             [--nb 0|1] [--nb-alpha X] [--nb-beta X]\n"
         "                             [--member \"FLAGS\"]...  (one linear model blending this model's decision "
         "values with\n"
         "                              those of models trained with FLAGS on top of the others; weights from inner "
         "folds)\n"
         "                             [--domain-adapt 0|1|2|3] [--trees 0|1] [--tree-rounds N] [--tree-depth N] "
         "[--tree-eta X] [--tree-min-child-weight X] [--stack-folds N]\n"
         "                             [--sentence-vector 0|1] [--vector-scale X] [--select \"--C X,Y --vector-scale "
         "X,Y\"]\n"
         "  --datasets DIR     ../shared/datasets (claimbuster/train.json, clef2019-checkworthiness/training)\n"
         "  --data-dir DIR     the plugin's data dir holding lexicon.txt (default: the source tree's)\n"
         "  --out FILE         model file (default: <data-dir>/checkworthiness.model, with --sentence-vector 1\n"
         "                     <data-dir>/checkworthiness-encoder.model: the stage's claims.encoder model)\n"
         "  --sentence-vector 1  add the sentence encoder's 512-d vector to the features (scripts/fetch-model.sh)\n"
         "  --select SPEC      candidate training options (every combination of the comma-separated values);\n"
         "                     the one with the best inner-CV ClaimBuster F1 is trained\n"
         "  --claimbuster-only leave out the 19 CLEF-2019 debates (+2 F1 points on ClaimBuster, but misses a gold\n"
         "                     claim of examples/articles/transit-fares-2026 at the recall operating point)\n"
         "\nExample:\n"
         "  factpipe train-claims --out /tmp/checkworthiness.model   # then --set "
         "claims.model=/tmp/checkworthiness.model\n";
}

// "--domain-adapt 0 --nb 1" -> the main options with those flags applied.
TrainOptions member_options(const std::string& spec, TrainOptions options) {
  for (const auto& [flag, value] : split_member_flags(spec))
    if (!apply_training_flag(flag, value, options))
      throw std::runtime_error("--member '" + spec + "': not a training flag: " + flag);
  return options;
}

}  // namespace

int main(int argc, char** argv) try {
  std::filesystem::path datasets = tools::default_datasets_dir(), data_dir = tools::source_data_dir(), out;
  TrainOptions options;
  std::string command = "factpipe-train-claims";
  bool with_clef = true;
  std::vector<std::string> members;  // --member: further models whose decision values are blended with this one
  bool sentence_vector = false;      // --sentence-vector 1: the encoder's vector as features (claims.encoder)
  std::string select;                // --select: candidates chosen among by inner CV
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
    else if (a == "--out") out = value();
    else if (a == "--claimbuster-only") {
      with_clef = false;
      command += " --claimbuster-only";
    } else if (i + 1 < argc && apply_training_flag(a, argv[i + 1], options)) command += " " + a + " " + argv[++i];
    else if (a == "--sentence-vector") {
      sentence_vector = value() != "0";
      command += std::string(" --sentence-vector ") + (sentence_vector ? "1" : "0");
    } else if (a == "--select") {
      select = value();
      command += " --select '" + select + "'";
    } else if (a == "--member") {
      members.push_back(value());
      command += " --member '" + members.back() + "'";
    } else {
      usage();
      throw std::runtime_error("unknown argument '" + a + "'");
    }
  }
  if (out.empty()) out = data_dir / (sentence_vector ? "checkworthiness-encoder.model" : "checkworthiness.model");
  FeatureOptions features;
  features.sentence_vector = sentence_vector;
  auto extractor = FeatureExtractor::from_data_dir(data_dir, features);
  std::cerr << "reading " << datasets.string() << "\n";
  Corpus corpus = load_corpus(datasets, extractor);
  std::vector<const TrainingExample*> all;
  for (auto& e : corpus.claimbuster) all.push_back(&e);
  if (with_clef)
    for (auto& d : corpus.debates)
      for (auto& e : d) all.push_back(&e);
  ModelInfo info = model_info(extractor);
  info.training = "claimbuster/train.json (" + std::to_string(corpus.claimbuster.size()) + " sentences)" +
                  (with_clef ? " + clef2019-checkworthiness/training (" + std::to_string(corpus.debates.size()) +
                                   " debates, " + std::to_string(corpus.clef_sentences()) + " sentences)"
                             : std::string()) +
                  "; thresholds from out-of-fold ClaimBuster probabilities (max F1; recall target)";
  info.command = command;
  std::vector<TrainOptions> blend{options};
  for (auto& spec : members) blend.push_back(member_options(spec, options));
  std::vector<double> blend_weights;
  auto candidates = option_grid(options, select);
  if (!members.empty() && candidates.size() > 1) throw std::runtime_error("--select and --member do not combine");
  Selection chosen;
  auto model =
      members.empty() ? train_selected(all, candidates, info, &chosen) : train_blend(all, blend, info, &blend_weights);
  for (std::size_t c = 0; candidates.size() > 1 && c < candidates.size(); ++c)
    std::cerr << (c == chosen.best ? "chosen " : "       ") << describe(candidates[c]) << ": inner-CV F1 "
              << chosen.inner_f1[c] << "\n";
  for (std::size_t m = 0; m < blend_weights.size(); ++m)
    std::cerr << "blend weight of member " << m << ": " << blend_weights[m] << "\n";
  model.save(out);
  std::size_t nonzero = 0;
  for (float w : model.weights()) nonzero += w != 0.0f;
  std::cerr << "wrote " << out.string() << " (" << nonzero << " weights, threshold " << model.threshold()
            << ", recall_threshold " << model.recall_threshold() << ")\n";
  return 0;
} catch (const std::exception& e) {
  std::cerr << "factpipe-train-claims: " << e.what() << "\n";
  return 1;
}
