// factpipe-train-crossref-ranker [--datasets DIR] [--work DIR] [--out FILE] [--candidates N] [--folds K]
// Fits the learned re-ranker (data/ranker.json) on CLEF-2020 CheckThat! task 2 TRAIN only (dev is never read):
//   1. index the verified claims as fact-checks, take each train tweet's first-stage candidates (the stage's own
//      query and candidate count) and their ranking features (learned_ranker.hpp);
//   2. standardise the features; pairwise logistic regression (liblinear L2R_LR, no bias): one row per
//      (gold, other candidate) pair of a tweet, the difference of their vectors, both signs;
//   3. C by K-fold cross-validation over tweets (fold = tweet number mod K: deterministic), MAP@5 of the held-out
//      tweets; the model with the best C is refitted on all of train and written with how it was made.
// Deterministic: the same data and build give the same file.
#include <linear.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "clef2020.hpp"
#include "crossref_engine.hpp"
#include "learned_ranker.hpp"
#include "wordnet.hpp"

namespace fs = std::filesystem;
using Json = nlohmann::json;
using namespace factpipe::crossref;
using namespace factpipe::crossref::eval;

namespace {

struct Query {
  std::vector<std::vector<double>> x;  // candidates' features (standardised later)
  std::vector<std::string> sid;
  std::vector<bool> gold;
  std::set<std::string> gold_ids;
};

void quiet(const char*) {}

// Pairwise logistic regression on the given queries; returns the weights.
std::vector<double> fit(const std::vector<Query>& queries, const std::vector<std::size_t>& use, double C,
                        std::size_t dims) {
  std::vector<std::vector<feature_node>> rows;
  std::vector<double> y;
  for (std::size_t q : use) {
    const Query& Q = queries[q];
    for (std::size_t p = 0; p < Q.x.size(); ++p) {
      if (!Q.gold[p]) continue;
      for (std::size_t n = 0; n < Q.x.size(); ++n) {
        if (Q.gold[n]) continue;
        for (double sign : {1.0, -1.0}) {
          std::vector<feature_node> row;
          for (std::size_t d = 0; d < dims; ++d) {
            double v = sign * (Q.x[p][d] - Q.x[n][d]);
            if (v != 0) row.push_back(feature_node{static_cast<int>(d + 1), v});
          }
          row.push_back(feature_node{-1, 0});
          rows.push_back(std::move(row));
          y.push_back(sign);
        }
      }
    }
  }
  if (rows.empty()) throw std::runtime_error("no training pairs (no gold fact-check among the candidates)");
  std::vector<feature_node*> xs;
  for (auto& r : rows) xs.push_back(r.data());
  problem prob{};
  prob.l = static_cast<int>(rows.size());
  prob.n = static_cast<int>(dims);
  prob.y = y.data();
  prob.x = xs.data();
  prob.bias = -1;
  parameter param{};
  param.solver_type = L2R_LR;
  param.eps = 0.001;
  param.C = C;
  param.nr_weight = 0;
  param.weight_label = nullptr;
  param.weight = nullptr;
  param.p = 0.1;
  param.init_sol = nullptr;
  if (const char* err = check_parameter(&prob, &param)) throw std::runtime_error(std::string("liblinear: ") + err);
  set_print_string_function(&quiet);
  model* m = train(&prob, &param);
  // The first row is a positive pair, so label[0] == +1 and w scores "gold above the other".
  double sign = m->label[0] == 1 ? 1.0 : -1.0;
  std::vector<double> w(dims);
  for (std::size_t d = 0; d < dims; ++d) w[d] = sign * m->w[d];
  free_and_destroy_model(&m);
  return w;
}

double map5(const std::vector<Query>& queries, const std::vector<std::size_t>& use, const std::vector<double>& w) {
  std::vector<std::vector<std::string>> ranked;
  std::vector<std::set<std::string>> gold;
  for (std::size_t q : use) {
    const Query& Q = queries[q];
    std::vector<std::pair<double, std::size_t>> s;
    for (std::size_t i = 0; i < Q.x.size(); ++i) {
      double v = 0;
      for (std::size_t d = 0; d < w.size(); ++d) v += w[d] * Q.x[i][d];
      s.emplace_back(v, i);
    }
    std::stable_sort(s.begin(), s.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < s.size() && i < 5; ++i) ids.push_back(Q.sid[s[i].second]);
    ranked.push_back(std::move(ids));
    gold.push_back(Q.gold_ids);
  }
  return score_ranking(ranked, gold).map5;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path datasets = fs::path(FACTPIPE_DEFAULT_SHARED_DIR) / "datasets";
  fs::path work = fs::temp_directory_path() / "factpipe-train-crossref-ranker";
  fs::path out = fs::path(CROSSREF_DATA_DIR) / "ranker.json";
  int candidates = EngineConfig{}.candidates;
  std::size_t folds = 5;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "factpipe-train-crossref-ranker: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--datasets") datasets = next();
    else if (a == "--work") work = next();
    else if (a == "--out") out = next();
    else if (a == "--candidates") candidates = std::stoi(next());
    else if (a == "--folds") folds = static_cast<std::size_t>(std::stoul(next()));
    else {
      std::printf(
          "usage: factpipe-train-crossref-ranker [--datasets DIR] [--work DIR] [--out FILE] [--candidates N] "
          "[--folds K]\n  fits the learned re-ranker on CLEF-2020 task 2 train (default out: %s)\n"
          "\nExample:\n  factpipe train-crossref-ranker --folds 5 --out /tmp/ranker.json\n",
          out.string().c_str());
      return a == "-h" || a == "--help" ? 0 : 2;
    }
  }
  try {
    load_word_lists(CROSSREF_DATA_DIR);
    fs::path dir = datasets / "clef2020-claimretrieval";
    auto records = read_verified_claims(dir / "verified_claims.docs.tsv");
    fs::path db = build_index(work, "clef2020-vclaims", records);
    ClefSplit train = read_clef_split(dir / "train");
    std::shared_ptr<const WordNet> wn;
    if (fs::exists("/usr/share/wordnet/data.noun")) wn = WordNet::shared("/usr/share/wordnet");
    EngineConfig config;
    config.candidates = candidates;
    config.ranker = std::make_shared<const RankerModel>(RankerModel::zeros());  // collects features, keeps order
    Engine engine(db, config, wn);
    const std::size_t dims = ranking_feature_names().size();
    std::vector<Query> queries;
    std::size_t with_gold = 0;
    for (std::size_t q = 0; q < train.tweets.size(); ++q) {
      Query Q;
      Q.gold_ids = train.gold[q];
      for (auto& r : engine.rank(ClaimInput{train.tweets[q], {}, train.authors[q]}, candidates)) {
        Q.x.push_back(r.ranking_features);
        Q.sid.push_back(r.sid);
        Q.gold.push_back(train.gold[q].count(r.sid) > 0);
      }
      with_gold += std::find(Q.gold.begin(), Q.gold.end(), true) != Q.gold.end();
      queries.push_back(std::move(Q));
    }
    std::printf("  %zu train tweets, %zu with a gold fact-check among %d candidates\n", queries.size(), with_gold,
                candidates);
    // Standardise (mean 0, sd 1 over all candidates) so one C suits every feature.
    std::vector<double> mean(dims, 0), scale(dims, 0);
    double count = 0;
    for (auto& Q : queries)
      for (auto& x : Q.x) {
        for (std::size_t d = 0; d < dims; ++d) mean[d] += x[d];
        count += 1;
      }
    for (auto& m : mean) m /= std::max(count, 1.0);
    for (auto& Q : queries)
      for (auto& x : Q.x)
        for (std::size_t d = 0; d < dims; ++d) scale[d] += (x[d] - mean[d]) * (x[d] - mean[d]);
    for (auto& s : scale) s = std::sqrt(s / std::max(count, 1.0));
    for (auto& s : scale) s = s > 1e-9 ? s : 1.0;
    for (auto& Q : queries)
      for (auto& x : Q.x)
        for (std::size_t d = 0; d < dims; ++d) x[d] = (x[d] - mean[d]) / scale[d];

    const double grid[] = {0.001, 0.01, 0.1, 1.0, 10.0};
    double best_c = grid[0], best_cv = -1;
    for (double C : grid) {
      double sum = 0;
      for (std::size_t f = 0; f < folds; ++f) {
        std::vector<std::size_t> fit_on, held;
        for (std::size_t q = 0; q < queries.size(); ++q) (q % folds == f ? held : fit_on).push_back(q);
        auto w = fit(queries, fit_on, C, dims);
        sum += map5(queries, held, w) * static_cast<double>(held.size());
      }
      double cv = sum / static_cast<double>(queries.size());
      std::printf("  C=%-6g %zu-fold cross-validated train MAP@5 %.4f\n", C, folds, cv);
      if (cv > best_cv + 1e-9) {
        best_cv = cv;
        best_c = C;
      }
    }
    std::vector<std::size_t> all(queries.size());
    for (std::size_t q = 0; q < all.size(); ++q) all[q] = q;
    auto w = fit(queries, all, best_c, dims);
    std::printf("  C=%g: train MAP@5 (fitted on it) %.4f\n", best_c, map5(queries, all, w));
    if (const char* dump = std::getenv("CROSSREF_RANKER_DUMP")) {  // per tweet: gold, then the top 5 (analysis)
      std::ofstream d(dump);
      for (std::size_t q = 0; q < queries.size(); ++q) {
        const Query& Q = queries[q];
        std::vector<std::pair<double, std::size_t>> s;
        for (std::size_t i = 0; i < Q.x.size(); ++i) {
          double v = 0;
          for (std::size_t k = 0; k < dims; ++k) v += w[k] * Q.x[i][k];
          s.emplace_back(v, i);
        }
        std::stable_sort(s.begin(), s.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        d << q;
        for (auto& g : Q.gold_ids) d << '\t' << g;
        d << "\t|";
        for (std::size_t i = 0; i < s.size() && i < 5; ++i) d << '\t' << Q.sid[s[i].second];
        d << '\n';
      }
    }
    RankerModel model;
    model.features = ranking_feature_names();
    model.mean = mean;
    model.scale = scale;
    model.weights = w;
    char about[512];
    std::snprintf(about, sizeof about,
                  "pairwise logistic regression (liblinear %d L2R_LR, no bias, C=%g by %zu-fold CV over tweets, "
                  "CV MAP@5 %.4f) on CLEF-2020 CheckThat! task 2 train (%zu tweets, %d candidates each); "
                  "written by factpipe-train-crossref-ranker",
                  liblinear_version, best_c, folds, best_cv, queries.size(), candidates);
    model.about = about;
    Json j = model.to_json();
    std::ofstream o(out);
    if (!o) throw std::runtime_error("cannot write " + out.string());
    o << j.dump(1) << '\n';
    std::printf("  wrote %s\n", out.string().c_str());
    for (std::size_t d = 0; d < dims; ++d) std::printf("    %-22s %+.4f\n", model.features[d].c_str(), w[d]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "factpipe-train-crossref-ranker: %s\n", e.what());
    return 1;
  }
  return 0;
}
