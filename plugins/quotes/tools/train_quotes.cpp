// factpipe-train-quotes (`factpipe train-quotes`): trains the speaker ranker and the indirect-speech finder on
// PolNeAR train + dev (every annotated article in ../shared) and writes the models the quotes stage ships:
//   build/bin/factpipe-train-quotes --out plugins/quotes/data/speaker_ranker.tsv
//       --indirect-out plugins/quotes/data/indirect_model.tsv
// Their choices (features, L2, iterations, the finder's target precision) are made with
// `factpipe eval quotes --cv 5`, which retrains both per fold.
#include <cstdio>
#include <filesystem>

#include <CLI/CLI.hpp>

#include "eval/polnear.hpp"
#include "indirect_folds.hpp"
#include "product_pipeline.hpp"
#include "ranker_folds.hpp"
#include "training/speaker_training.hpp"

namespace fs = std::filesystem;
using namespace factpipe::quotes;

int main(int argc, char** argv) {
  CLI::App app{"Train the quotes stage's speaker ranker and indirect-speech finder on PolNeAR train + dev"};
  std::string polnear = FACTPIPE_DEFAULT_POLNEAR;
  std::string out = FACTPIPE_QUOTES_SOURCE_DATA_DIR "/speaker_ranker.tsv";
  std::string config;
  std::vector<std::string> overrides;
  training::TrainOptions opt;
  app.add_option("--polnear", polnear, "PolNeAR folder (with train/ and dev/)")->capture_default_str();
  app.add_option("--out", out, "Speaker ranker file to write (\"\": none)")->capture_default_str();
  std::string indirect_out = FACTPIPE_QUOTES_SOURCE_DATA_DIR "/indirect_model.tsv";
  training::IndirectTrainOptions indirect;
  app.add_option("--indirect-out", indirect_out, "Indirect-speech finder file to write (\"\": none)")
      ->capture_default_str();
  app.add_option("--indirect-precision", indirect.target_precision,
                 "Inner-CV precision (rules + learned) its threshold aims at")
      ->capture_default_str();
  app.add_option("--indirect-l2", indirect.l2, "Its L2 penalty per example")->capture_default_str();
  app.add_option("--indirect-iterations", indirect.iterations, "Its Adam steps")->capture_default_str();
  app.add_option("--indirect-word-min", indirect.word_min_seen, "Words seen this often get their own weights")
      ->capture_default_str();
  app.add_option("--indirect-min-rate", indirect.min_rate, "Words with a lower cue rate propose nothing")
      ->capture_default_str();
  app.add_option("-c,--config", config, "Pipeline file (default: the one `factpipe run` uses)");
  app.add_option("--set", overrides, "STAGE.KEY=VALUE, as for `factpipe run`");
  app.add_option("--l2", opt.l2, "L2 penalty per example")->capture_default_str();
  app.add_option("--iterations", opt.iterations, "Full-batch Adam steps")->capture_default_str();
  app.footer(
      "\nExample:\n  factpipe train-quotes --out /tmp/speaker_ranker.tsv   # then --set "
      "quotes.speaker_model=/tmp/speaker_ranker.tsv");
  CLI11_PARSE(app, argc, argv);
  try {
    if (!fs::is_directory(polnear))
      throw std::runtime_error("PolNeAR not found at '" + polnear +
                               "' (give --polnear DIR; see ../shared/datasets/README.md)");
    auto articles = eval::read_split(polnear, "train");
    auto dev = eval::read_split(polnear, "dev");
    articles.insert(articles.end(), std::make_move_iterator(dev.begin()), std::make_move_iterator(dev.end()));
    std::vector<const eval::Article*> all;
    for (const auto& a : articles) all.push_back(&a);
    if (!out.empty()) {
      auto examples = tools::collect_rank_examples(all, config, overrides);
      std::vector<const training::RankExample*> train;
      for (const auto& per : examples)
        for (const auto& e : per) train.push_back(&e);
      SpeakerModel model = training::train_ranker(train, opt);
      model.save(out,
                 {"factpipe quotes speaker ranker: conditional logit over candidate speakers (speaker_features.hpp)",
                  "trained on PolNeAR train + dev (" + std::to_string(articles.size()) + " articles, " +
                      std::to_string(train.size()) + " matched quotations) by:",
                  "  build/bin/factpipe-train-quotes --l2 " + std::to_string(opt.l2) + " --iterations " +
                      std::to_string(opt.iterations) + " --out plugins/quotes/data/speaker_ranker.tsv"});
      std::printf("wrote %s\n", out.c_str());
    }
    if (!indirect_out.empty()) {
      auto per_article = tools::collect_indirect_examples(all, config, overrides);
      std::vector<const training::IndirectArticle*> arts;
      arts.reserve(per_article.size());
      for (const auto& a : per_article) arts.push_back(&a);
      std::string log;
      IndirectModel finder = training::train_indirect(arts, indirect, &log);
      std::printf("indirect finder: %s\n", log.c_str());
      char opts[200];
      std::snprintf(opts, sizeof opts,
                    "--indirect-precision %g --indirect-l2 %g --indirect-iterations %d --indirect-word-min %g "
                    "--indirect-min-rate %g",
                    indirect.target_precision, indirect.l2, indirect.iterations, indirect.word_min_seen,
                    indirect.min_rate);
      finder.save(indirect_out,
                  {"factpipe quotes indirect-speech finder: cue lexicon from PolNeAR's Cue spans and a logistic "
                   "regression over proposed contents (indirect_model.hpp)",
                   "trained on PolNeAR train + dev (" + std::to_string(articles.size()) + " articles; " + log + ") by:",
                   std::string("  build/bin/factpipe-train-quotes ") + opts +
                       " --out plugins/quotes/data/speaker_ranker.tsv --indirect-out "
                       "plugins/quotes/data/indirect_model.tsv"});
      std::printf("wrote %s\n", indirect_out.c_str());
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "factpipe-train-quotes: %s\n", e.what());
    return 1;
  }
  return 0;
}
