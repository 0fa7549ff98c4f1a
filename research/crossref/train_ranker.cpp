// factpipe-train-crossref-ranker [--datasets DIR] [--work DIR] [--out FILE] [--candidates N] [--dense-candidates N]
//                                [--author-candidates N] [--folds K] [--more-features] [--ranksvm]
// Fits the learned re-ranker (data/ranker.json) on CLEF-2020 CheckThat! task 2 TRAIN only (dev is never read):
//   1. index the verified claims as fact-checks (with their sentence vectors: the encoder's model must be
//      present), take each train tweet as `factpipe run --claims` queries it (tools/clef2020.hpp, run_query) and
//      collect the ranking features (learned_ranker.hpp) of its candidates twice: with sentence vectors (the
//      word candidates plus the fact-checks nearest the tweet's vector, cosine features known) and without
//      (word candidates only: what a machine without the model gets); both with the fact-checks of the query on
//      the tweet's byline author (--author-candidates N, EngineConfig::author_candidates; 0: without them);
//   2. standardise the features; pairwise logistic regression (liblinear L2R_LR, no bias): one row per
//      (gold, other candidate) pair of a tweet, the difference of their vectors, both signs;
//   3. the feature set (with vectors: the word features alone or with cosine features) and C by K-fold
//      cross-validation over tweets (fold = tweet number mod K: deterministic), mean MAP@5 of the held-out
//      tweets (the worst fold printed too); the best is refitted on all of train. The words-only model is chosen
//      the same way on the words-only candidates and written as the model's "without_dense". --more-features
//      adds the sets tried and not kept (cosine_z, cosine x coverage products, whether the word first stage found
//      the candidate) to the choice; --ranksvm adds RankSVM (liblinear L2R_L2LOSS_SVC on the same pairs) as an
//      objective.
// Deterministic: the same data, model and build give the same file.
#include <linear.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <factpipe/text/wordnet_files.hpp>

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

// The pairwise objectives: logistic regression, or RankSVM (squared hinge loss on the same pairs).
enum class Objective { logistic, ranksvm };
const char* name_of(Objective o) { return o == Objective::logistic ? "pairwise-LR" : "RankSVM"; }

// A pairwise linear model on the given queries; returns the weights.
std::vector<double> fit(const std::vector<Query>& queries, const std::vector<std::size_t>& use, double C,
                        std::size_t dims, Objective objective) {
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
  param.solver_type = objective == Objective::logistic ? L2R_LR : L2R_L2LOSS_SVC;
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

// One candidate pool per train tweet, features standardised in place; returns (mean, scale).
struct Pool {
  std::vector<Query> queries;
  std::vector<double> mean, scale;
  std::size_t with_gold = 0;
};

Pool collect(Engine& engine, const ClefSplit& train) {
  Pool pool;
  const std::size_t dims = ranking_feature_names().size();
  for (std::size_t q = 0; q < train.tweets.size(); ++q) {
    Query Q;
    Q.gold_ids = train.gold[q];
    const RunQuery& rq = train.run_queries[q];
    for (auto& r : engine.rank(ClaimInput{rq.text, {}, rq.claimant, rq.claimant}, 1000)) {
      // A near-duplicate group is one result: gold when any of its records is.
      std::string id = r.sid;
      if (!train.gold[q].count(id))
        for (const auto& d : r.duplicates)
          if (train.gold[q].count(d)) id = d;
      Q.x.push_back(r.ranking_features);
      Q.gold.push_back(train.gold[q].count(id) > 0);
      Q.sid.push_back(std::move(id));
    }
    pool.with_gold += std::find(Q.gold.begin(), Q.gold.end(), true) != Q.gold.end();
    pool.queries.push_back(std::move(Q));
  }
  // Standardise (mean 0, sd 1 over all candidates) so one C suits every feature.
  pool.mean.assign(dims, 0);
  pool.scale.assign(dims, 0);
  double count = 0;
  for (auto& Q : pool.queries)
    for (auto& x : Q.x) {
      for (std::size_t d = 0; d < dims; ++d) pool.mean[d] += x[d];
      count += 1;
    }
  for (auto& m : pool.mean) m /= std::max(count, 1.0);
  for (auto& Q : pool.queries)
    for (auto& x : Q.x)
      for (std::size_t d = 0; d < dims; ++d) pool.scale[d] += (x[d] - pool.mean[d]) * (x[d] - pool.mean[d]);
  for (auto& sc : pool.scale) sc = std::sqrt(sc / std::max(count, 1.0));
  for (auto& sc : pool.scale) sc = sc > 1e-9 ? sc : 1.0;
  for (auto& Q : pool.queries)
    for (auto& x : Q.x)
      for (std::size_t d = 0; d < dims; ++d) x[d] = (x[d] - pool.mean[d]) / pool.scale[d];
  return pool;
}

// The pool's queries with only the given feature columns.
std::vector<Query> columns_of(const std::vector<Query>& queries, const std::vector<std::size_t>& cols) {
  std::vector<Query> out = queries;
  for (auto& Q : out)
    for (auto& x : Q.x) {
      std::vector<double> y;
      for (std::size_t c : cols) y.push_back(x[c]);
      x = std::move(y);
    }
  return out;
}

struct Choice {
  std::string set;
  std::vector<std::size_t> cols;
  Objective objective = Objective::logistic;
  double C = 0, cv = -1, worst = 0;
  std::vector<double> weights;
};

// Every (feature set, objective, C) by K-fold CV over tweets; the best refitted on all of the pool.
Choice choose(const Pool& pool, const std::vector<std::pair<std::string, std::vector<std::size_t>>>& sets,
              const std::vector<Objective>& objectives, std::size_t folds, const char* label) {
  const double grid[] = {0.001, 0.01, 0.1, 1.0, 10.0};
  Choice best;
  for (const auto& [name, cols] : sets) {
    auto queries = columns_of(pool.queries, cols);
    for (Objective objective : objectives)
      for (double C : grid) {
        double sum = 0, worst = 1;
        std::string per;
        for (std::size_t f = 0; f < folds; ++f) {
          std::vector<std::size_t> fit_on, held;
          for (std::size_t q = 0; q < queries.size(); ++q) (q % folds == f ? held : fit_on).push_back(q);
          auto w = fit(queries, fit_on, C, cols.size(), objective);
          double m = map5(queries, held, w);
          worst = std::min(worst, m);
          sum += m * static_cast<double>(held.size());
          char buf[16];
          std::snprintf(buf, sizeof buf, " %.4f", m);
          per += buf;
        }
        double cv = sum / static_cast<double>(queries.size());
        std::printf("  %-6s %-32s %-11s C=%-6g %zu-fold CV MAP@5 %.4f (worst fold %.4f; folds%s)\n", label,
                    name.c_str(), name_of(objective), C, folds, cv, worst, per.c_str());
        std::fflush(stdout);
        if (cv > best.cv + 1e-9) {
          best.set = name;
          best.cols = cols;
          best.objective = objective;
          best.C = C;
          best.cv = cv;
          best.worst = worst;
        }
      }
  }
  auto queries = columns_of(pool.queries, best.cols);
  std::vector<std::size_t> all(queries.size());
  for (std::size_t q = 0; q < all.size(); ++q) all[q] = q;
  best.weights = fit(queries, all, best.C, best.cols.size(), best.objective);
  std::printf("  %-6s chosen: %s, %s, C=%g (CV MAP@5 %.4f, worst fold %.4f); train MAP@5 fitted on it %.4f\n", label,
              best.set.c_str(), name_of(best.objective), best.C, best.cv, best.worst, map5(queries, all, best.weights));
  return best;
}

RankerModel model_of(const Pool& pool, const Choice& c, const std::string& about) {
  const auto& names = ranking_feature_names();
  std::vector<std::string> features;
  std::vector<double> mean, scale;
  for (std::size_t col : c.cols) {
    features.push_back(names[col]);
    mean.push_back(pool.mean[col]);
    scale.push_back(pool.scale[col]);
  }
  RankerModel m = RankerModel::make(features, mean, scale, c.weights, "factpipe-train-crossref-ranker");
  m.about = about;
  return m;
}

std::string about_of(const Choice& c, const Pool& pool, std::size_t folds, const char* pool_name) {
  char about[768];
  std::snprintf(about, sizeof about,
                "pairwise %s (liblinear %d %s, no bias) on CLEF-2020 CheckThat! task 2 train "
                "(%zu tweets as `factpipe run --claims` reads them, %s; %zu with a gold fact-check among them); "
                "features \"%s\" and C=%g by %zu-fold CV over tweets: mean MAP@5 %.4f, worst fold %.4f; written by "
                "factpipe-train-crossref-ranker",
                c.objective == Objective::logistic ? "logistic regression" : "RankSVM", liblinear_version,
                c.objective == Objective::logistic ? "L2R_LR" : "L2R_L2LOSS_SVC", pool.queries.size(), pool_name,
                pool.with_gold, c.set.c_str(), c.C, folds, c.cv, c.worst);
  return about;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path datasets = fs::path(FACTPIPE_DEFAULT_SHARED_DIR) / "datasets";
  fs::path work = fs::temp_directory_path() / "factpipe-train-crossref-ranker";
  fs::path out = fs::path(CROSSREF_DATA_DIR) / "ranker.json";
  int candidates = EngineConfig{}.candidates;
  int dense_candidates = EngineConfig{}.dense_candidates;
  int author_candidates = EngineConfig{}.author_candidates;
  std::size_t folds = 5;
  bool more_features = false, ranksvm = false;
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
    else if (a == "--dense-candidates") dense_candidates = std::stoi(next());
    else if (a == "--author-candidates") author_candidates = std::stoi(next());
    else if (a == "--folds") folds = static_cast<std::size_t>(std::stoul(next()));
    else if (a == "--more-features") more_features = true;
    else if (a == "--ranksvm") ranksvm = true;
    else {
      std::printf(
          "usage: factpipe-train-crossref-ranker [--datasets DIR] [--work DIR] [--out FILE] [--candidates N] "
          "[--dense-candidates N] [--author-candidates N] [--folds K] [--more-features] [--ranksvm]\n  fits the "
          "learned re-ranker on CLEF-2020 "
          "task 2 "
          "train (default out: %s)\n"
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
    const fs::path wordnet_dir(factpipe::text::wordnet::kDefaultDir);
    if (fs::exists(wordnet_dir / "data.noun")) wn = WordNet::shared(wordnet_dir);
    EngineConfig config;
    config.candidates = candidates;
    config.dense_candidates = dense_candidates;
    config.author_candidates = author_candidates;
    config.ranker = std::make_shared<const RankerModel>(RankerModel::zeros());  // collects features, keeps order
    Engine with_vectors(db, config, wn);
    if (!with_vectors.dense())
      throw std::runtime_error("no sentence vectors: run scripts/fetch-model.sh, then delete " + db.string() +
                               " so that it is indexed with them");
    config.dense = false;
    Engine words_only(db, config, wn);
    Pool dense = collect(with_vectors, train), words = collect(words_only, train);
    std::printf(
        "  %zu train tweets; a gold fact-check among the candidates: %zu with vectors (%d + %d nearest), "
        "%zu words only (%d)\n",
        dense.queries.size(), dense.with_gold, candidates, dense_candidates, words.with_gold, candidates);
    const auto& names = ranking_feature_names();
    std::vector<std::size_t> base;
    for (std::size_t c = 0; c < names.size(); ++c)
      if (!is_dense_feature(names[c])) base.push_back(c);
    auto col = [&](const char* n) {
      return static_cast<std::size_t>(std::find(names.begin(), names.end(), n) - names.begin());
    };
    auto with = [&](std::initializer_list<const char*> extra) {
      auto cols = base;
      for (const char* n : extra) cols.push_back(col(n));
      return cols;
    };
    std::vector<Objective> objectives = {Objective::logistic};
    if (ranksvm) objectives.push_back(Objective::ranksvm);
    Choice words_choice = choose(words, {{"words", base}}, objectives, folds, "words");
    std::vector<std::pair<std::string, std::vector<std::size_t>>> dense_sets = {
        {"words", base},
        {"words+cosine", with({"cosine"})},
        {"words+cosine+gap", with({"cosine", "cosine_gap"})},
        {"words+cosine+rank", with({"cosine", "cosine_rank_inv"})},
        {"words+cosine+gap+rank", with({"cosine", "cosine_gap", "cosine_rank_inv"})},
        // The title's own vector (2026-12-07 session 11; README, "Variants tried").
        {"words+cosine+rank+title", with({"cosine", "cosine_rank_inv", "cosine_title", "cosine_title_rank_inv"})},
        {"words+cosine+rank+best", with({"cosine", "cosine_rank_inv", "cosine_best"})},
        {"words+cosine+rank+title+best",
         with({"cosine", "cosine_rank_inv", "cosine_title", "cosine_title_rank_inv", "cosine_best"})}};
    // Tried 2026-12-07 (README, "Variants tried"): below the sets above or within fold noise of them, so not
    // among the default choices; --more-features prints them again (with --ranksvm, RankSVM too).
    if (more_features) {
      dense_sets.push_back({"words+cosine+rank+z", with({"cosine", "cosine_rank_inv", "cosine_z"})});
      dense_sets.push_back(
          {"words+cosine+rank+products", with({"cosine", "cosine_rank_inv", "cosine_coverage", "cosine_title_words"})});
      dense_sets.push_back({"words+cosine+rank+z+products",
                            with({"cosine", "cosine_rank_inv", "cosine_z", "cosine_coverage", "cosine_title_words"})});
      dense_sets.push_back(
          {"words+cosine+rank+wordcand", with({"cosine", "cosine_rank_inv", "cosine_word_candidate"})});
      dense_sets.push_back(
          {"words+cosine+rank+title+wordcand",
           with({"cosine", "cosine_rank_inv", "cosine_title", "cosine_title_rank_inv", "cosine_word_candidate"})});
    }
    Choice dense_choice = choose(dense, dense_sets, objectives, folds, "dense");
    const std::string author_pool =
        author_candidates > 0 ? ", up to " + std::to_string(author_candidates) + " of the author query" : "";
    const std::string dense_pool = std::to_string(candidates) + " word candidates and the " +
                                   std::to_string(dense_candidates) + " fact-checks nearest its sentence vector" +
                                   author_pool;
    const std::string words_pool = std::to_string(candidates) + " word candidates" + author_pool;
    RankerModel model = model_of(dense, dense_choice, about_of(dense_choice, dense, folds, dense_pool.c_str()));
    if (model.needs_dense())
      model.without_dense = std::make_shared<const RankerModel>(
          model_of(words, words_choice, about_of(words_choice, words, folds, words_pool.c_str())));
    std::ofstream o(out);
    if (!o) throw std::runtime_error("cannot write " + out.string());
    o << model.to_json().dump(1) << '\n';
    std::printf("  wrote %s\n", out.string().c_str());
    for (std::size_t d = 0; d < model.features.size(); ++d)
      std::printf("    %-22s %+.4f\n", model.features[d].c_str(), model.weights[d]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "factpipe-train-crossref-ranker: %s\n", e.what());
    return 1;
  }
  return 0;
}
