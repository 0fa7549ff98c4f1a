// factpipe-eval-quotes (run as `factpipe eval quotes ...`): runs the pipeline of `factpipe run` (the default
// pipeline file or --config, with --set overrides) up to its quotes stage over PolNeAR and prints the
// quote-attribution metric of issue 3: on one split, or (--cv K) K-fold cross-validation by article over
// train + dev with folds fixed by --seed, reporting mean, min and max over the folds (issue 14). When the
// pipeline uses a learned speaker ranker (quotes.speaker_model), each fold is scored with a ranker trained
// on the other folds only (the stage runs with --set quotes.speaker_model=<that fold's model>).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <numeric>

#include <CLI/CLI.hpp>

#include <factpipe/document_json.hpp>

#include <unistd.h>
#include "eval/document_predictions.hpp"
#include "eval/folds.hpp"
#include "eval/polnear.hpp"
#include "eval/quote_metric.hpp"
#include "indirect_folds.hpp"
#include "product_pipeline.hpp"
#include "ranker_folds.hpp"
#include "training/speaker_training.hpp"

namespace fs = std::filesystem;
using namespace factpipe;
using namespace factpipe::quotes::eval;
using factpipe::quotes::tools::ProductPipeline;

namespace {

void print_counts(const char* label, const Counts& c) {
  std::printf("%-22s gold %5zu  predicted %5zu  matched %5zu  P %.4f  R %.4f  F1 %.4f\n", label, c.gold, c.predicted,
              c.matched, c.precision(), c.recall(), c.f1());
  std::printf("%-22s speaker accuracy %.4f (%zu/%zu)  attribution P %.4f R %.4f F1 %.4f\n", "", c.speaker_accuracy(),
              c.speaker_correct, c.matched, c.attribution_precision(), c.attribution_recall(), c.attribution_f1());
}

struct Scored {
  Counts three, all;
  double seconds = 0;
  std::size_t bytes = 0;
};

Scored score(const ProductPipeline& pipe, const std::vector<const Article*>& articles,
             std::vector<std::string>* mismatches) {
  Scored s;
  for (const Article* a : articles) {
    Document doc = pipe.run(a->id, a->text, &s.seconds);
    s.bytes += doc.text.size();
    auto pred = predictions_of(doc, *a);
    s.three += score_article(*a, pred.direct, pred.indirect, 3, mismatches);
    s.all += score_article(*a, pred.direct, pred.indirect, 1);
    score_mixed(*a, pred.mixed, s.three);
  }
  return s;
}

struct Stat {
  const char* name;
  std::vector<double> v;
};

void print_stat(const Stat& s) {
  double mean = s.v.empty() ? 0 : std::accumulate(s.v.begin(), s.v.end(), 0.0) / double(s.v.size());
  auto [mn, mx] = std::minmax_element(s.v.begin(), s.v.end());
  std::printf("%-34s mean %.4f  min %.4f  max %.4f  folds", s.name, mean, *mn, *mx);
  for (double x : s.v) std::printf(" %.4f", x);
  std::printf("\n");
}

int cross_validate(const std::vector<Article>& articles, unsigned k, unsigned long long seed, const std::string& config,
                   const std::vector<std::string>& overrides, bool print_folds,
                   const factpipe::quotes::training::TrainOptions& train_options,
                   const factpipe::quotes::training::IndirectTrainOptions& indirect_options,
                   std::vector<std::string>* mismatches) {
  auto fold = assign_folds(articles.size(), k, seed);
  std::printf("PolNeAR train + dev: %zu articles, %u folds by article, seed %llu (mt19937_64)\n", articles.size(), k,
              seed);
  Stat f1{"direct quotes >= 3 words F1", {}}, acc{"speaker accuracy (>= 3 words)", {}},
      attr{"attribution F1 (>= 3 words)", {}}, ir{"indirect recall", {}}, ip{"indirect precision", {}};
  Stat mp{"mixed speech precision", {}};
  Counts pooled;
  double seconds = 0;
  std::size_t bytes = 0;
  bool ranker = !ProductPipeline(config, overrides).quotes_config().value("speaker_model", std::string()).empty();
  std::vector<std::vector<factpipe::quotes::training::RankExample>> examples;
  if (ranker) {
    std::vector<const Article*> all;
    for (const auto& a : articles) all.push_back(&a);
    examples = factpipe::quotes::tools::collect_rank_examples(all, config, overrides);
    std::printf("speaker ranker: trained per fold on the other folds (--ranker-l2 %g --ranker-iterations %d)\n",
                train_options.l2, train_options.iterations);
  } else {
    std::printf("speaker ranker: none (quotes.speaker_model is empty): the rules alone\n");
  }
  bool indirect_model =
      !ProductPipeline(config, overrides).quotes_config().value("indirect_model", std::string()).empty();
  std::vector<factpipe::quotes::training::IndirectArticle> indirect_examples;
  if (indirect_model) {
    std::vector<const Article*> all;
    all.reserve(articles.size());
    for (const auto& a : articles) all.push_back(&a);
    indirect_examples = factpipe::quotes::tools::collect_indirect_examples(all, config, overrides);
    std::printf(
        "indirect finder: trained per fold on the other folds, its threshold by inner %u-fold CV there for "
        "precision >= %.2f\n",
        indirect_options.inner_folds, indirect_options.target_precision);
  } else {
    std::printf("indirect finder: none (quotes.indirect_model is empty): the rules alone\n");
  }
  for (unsigned f = 0; f < k; ++f) {
    std::vector<const Article*> held_out, rest;
    for (std::size_t i = 0; i < articles.size(); ++i) (fold[i] == f ? held_out : rest).push_back(&articles[i]);
    std::printf("fold %u: %zu articles", f, held_out.size());
    if (print_folds)
      for (const Article* a : held_out) std::printf(" %s", a->id.c_str());
    else std::printf(" (%s, %s, ...)", held_out[0]->id.c_str(), held_out[1 % held_out.size()]->id.c_str());
    std::printf("\n");
    std::vector<std::string> fold_overrides = overrides;
    fs::path model_file;
    if (ranker) {
      std::vector<const factpipe::quotes::training::RankExample*> train;
      for (std::size_t i = 0; i < articles.size(); ++i)
        if (fold[i] != f)
          for (const auto& e : examples[i]) train.push_back(&e);
      auto model = factpipe::quotes::training::train_ranker(train, train_options);
      model_file = fs::temp_directory_path() /
                   ("factpipe-quotes-cv-" + std::to_string(::getpid()) + "-fold" + std::to_string(f) + ".tsv");
      model.save(model_file, {"fold " + std::to_string(f) + " of a cross-validation (temporary)"});
      fold_overrides.push_back("quotes.speaker_model=\"" + model_file.string() + "\"");
    }
    fs::path indirect_file;
    if (indirect_model) {
      std::vector<const factpipe::quotes::training::IndirectArticle*> train;
      for (std::size_t i = 0; i < articles.size(); ++i)
        if (fold[i] != f) train.push_back(&indirect_examples[i]);
      std::string log;
      auto model = factpipe::quotes::training::train_indirect(train, indirect_options, &log);
      std::printf("  indirect finder: %s\n", log.c_str());
      indirect_file = fs::temp_directory_path() /
                      ("factpipe-quotes-cv-" + std::to_string(::getpid()) + "-indirect" + std::to_string(f) + ".tsv");
      model.save(indirect_file, {"fold " + std::to_string(f) + " of a cross-validation (temporary)"});
      fold_overrides.push_back("quotes.indirect_model=\"" + indirect_file.string() + "\"");
    }
    ProductPipeline pipe(config, fold_overrides);
    Scored s = score(pipe, held_out, mismatches);
    if (!model_file.empty()) fs::remove(model_file);
    if (!indirect_file.empty()) fs::remove(indirect_file);
    std::printf("  F1 %.4f  speaker accuracy %.4f  attribution F1 %.4f  indirect R %.4f P %.4f\n", s.three.f1(),
                s.three.speaker_accuracy(), s.three.attribution_f1(), s.three.indirect_recall(),
                s.three.indirect_precision());
    std::fflush(stdout);
    f1.v.push_back(s.three.f1());
    acc.v.push_back(s.three.speaker_accuracy());
    attr.v.push_back(s.three.attribution_f1());
    ir.v.push_back(s.three.indirect_recall());
    ip.v.push_back(s.three.indirect_precision());
    if (s.three.mixed_predicted) mp.v.push_back(s.three.mixed_precision());
    pooled += s.three;
    seconds += s.seconds;
    bytes += s.bytes;
  }
  std::printf("over the %u held-out folds:\n", k);
  for (const Stat* s : {&f1, &acc, &attr, &ir, &ip}) print_stat(*s);
  if (mp.v.size() == k) print_stat(mp);
  print_counts("pooled, >= 3 words", pooled);
  std::printf("indirect attributions   recall %.4f (%zu/%zu)  precision %.4f (%zu/%zu)\n", pooled.indirect_recall(),
              pooled.indirect_found, pooled.indirect_gold, pooled.indirect_precision(), pooled.indirect_right,
              pooled.indirect_predicted);
  if (pooled.mixed_predicted)
    std::printf("mixed speech (kind mixed)  precision %.4f (%zu/%zu)\n", pooled.mixed_precision(), pooled.mixed_right,
                pooled.mixed_predicted);
  std::printf("throughput entities+quotes: %.2f MB/s (stage wall time %.3f s, shared machine)\n",
              double(bytes) / 1e6 / seconds, seconds);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "Quote attribution on PolNeAR: direct-quote P/R/F1, speaker accuracy, attribution F1, indirect "
      "recall and precision, on one split or by cross-validation"};
  std::string polnear = FACTPIPE_DEFAULT_POLNEAR;
  std::string split = "dev";
  std::string config;
  std::vector<std::string> overrides;
  std::string errors, dump;
  unsigned cv = 0;
  unsigned long long seed = 1;
  bool print_folds = false, rules_only = false;
  factpipe::quotes::training::TrainOptions train_options;
  app.add_option("--polnear", polnear, "PolNeAR folder (with train/ and dev/)")->capture_default_str();
  app.add_option("--split", split, "dev or train (without --cv)")
      ->check(CLI::IsMember({"dev", "train"}))
      ->capture_default_str();
  app.add_option("--cv", cv, "K-fold cross-validation by article over train + dev");
  app.add_option("--seed", seed, "Seed of the fold assignment")->capture_default_str();
  app.add_flag("--print-folds", print_folds, "Print every article id of every fold");
  app.add_flag("--rules-only", rules_only,
               "Without the learned speaker ranker and indirect finder (--set quotes.speaker_model=\"\" "
               "quotes.indirect_model=\"\")");
  factpipe::quotes::training::IndirectTrainOptions indirect_options;
  app.add_option("--indirect-precision", indirect_options.target_precision,
                 "Under --cv: the inner-CV precision the per-fold indirect finders' thresholds aim at")
      ->capture_default_str();
  app.add_option("--indirect-l2", indirect_options.l2, "Under --cv: their L2 penalty")->capture_default_str();
  app.add_option("--ranker-l2", train_options.l2, "Under --cv: L2 penalty of the per-fold speaker rankers")
      ->capture_default_str();
  app.add_option("--ranker-iterations", train_options.iterations, "Under --cv: their Adam steps")
      ->capture_default_str();
  app.add_option("-c,--config", config, "Pipeline file (default: the one `factpipe run` uses)");
  app.add_option("--set", overrides, "STAGE.KEY=VALUE, as for `factpipe run`");
  app.add_option("--errors", errors, "Write every missed / extra / wrongly attributed quotation to this file");
  app.add_option("--dump", dump, "Run on one text file and print the document JSON instead");
  app.footer(
      "\nExamples:\n  factpipe eval quotes                 # PolNeAR dev\n"
      "  factpipe eval quotes --cv 5 --errors /tmp/quote-errors.txt");
  CLI11_PARSE(app, argc, argv);

  if (rules_only) {
    overrides.push_back("quotes.speaker_model=\"\"");
    overrides.push_back("quotes.indirect_model=\"\"");
  }
  try {
    if (!dump.empty()) {
      ProductPipeline pipe(config, overrides);
      std::ifstream in(dump, std::ios::binary);
      if (!in) throw std::runtime_error("cannot read " + dump);
      std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      Json j = to_json(pipe.run(fs::path(dump).stem().string(), text));
      j.erase("tokens");
      j.erase("sentences");
      j.erase("paragraphs");
      std::cout << j.dump(1) << "\n";
      return 0;
    }
    if (!fs::is_directory(polnear))
      throw std::runtime_error("PolNeAR not found at '" + polnear +
                               "' (give --polnear DIR; see ../shared/datasets/README.md)");
    std::vector<std::string> mismatches;
    auto* mm = errors.empty() ? nullptr : &mismatches;
    int rc = 0;
    if (cv > 0) {
      auto articles = read_split(polnear, "train");
      auto dev = read_split(polnear, "dev");
      articles.insert(articles.end(), std::make_move_iterator(dev.begin()), std::make_move_iterator(dev.end()));
      rc = cross_validate(articles, cv, seed, config, overrides, print_folds, train_options, indirect_options, mm);
    } else {
      auto articles = read_split(polnear, split);
      if (articles.empty()) throw std::runtime_error("no annotated articles in " + polnear + "/" + split);
      std::vector<const Article*> all;
      for (const auto& a : articles) all.push_back(&a);
      ProductPipeline pipe(config, overrides);
      Scored s = score(pipe, all, mm);
      std::printf("PolNeAR %s: %zu articles, %.2f MB\n", split.c_str(), articles.size(), double(s.bytes) / 1e6);
      print_counts("direct quotes >= 3 words", s.three);
      print_counts("direct quotes all lengths", s.all);
      std::printf("indirect attributions   recall %.4f (%zu/%zu)  precision %.4f (%zu/%zu)\n",
                  s.three.indirect_recall(), s.three.indirect_found, s.three.indirect_gold,
                  s.three.indirect_precision(), s.three.indirect_right, s.three.indirect_predicted);
      std::printf(
          "throughput entities+quotes: %.2f MB/s (stage wall time %.3f s, shared machine; quotes_bench measures CPU)\n",
          double(s.bytes) / 1e6 / s.seconds, s.seconds);
    }
    if (!errors.empty()) {
      std::ofstream out(errors);
      if (!out) throw std::runtime_error("cannot write " + errors);
      for (const auto& m : mismatches) out << m << "\n";
    }
    return rc;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "factpipe eval quotes: %s\n", e.what());
    return 1;
  }
}
