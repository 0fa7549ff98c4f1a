// factpipe-eval-crossref [--datasets DIR] [--work DIR] [--only clef|climate|example] [--tune] [--engine-only]
// (run as `factpipe eval crossref ...`)
//   Every dataset is run through `factpipe run` (the binary next to this tool, its default pipeline or --config,
//   each input one claim: --claims) and what it writes is scored; the engine-only figures (the ranking engine
//   called on pre-cleaned text, skipping the host and the other stages) are printed next to it.
//   CLEF-2020 CheckThat! task 2: index the verified claims as fact-checks (claim + title), rank them for each
//     cleaned tweet (its signature's author as the claimant); MAP@5 (official), MRR, P@1 on train and dev for the
//     BM25 baseline (the same stage, re-ranking off), the weighted sum and the learned re-ranker (--ranker).
//   Climate-FEVER: index every evidence sentence, run each claim; evidence recall@5 (gold SUPPORTS/REFUTES
//     sentences), verdict accuracy and macro-F1 (SUPPORTS / REFUTES / NOT_ENOUGH_INFO; DISPUTED reported apart),
//     next to a bm25-only variant of the stage (BM25 order, no synonyms, no refutation signals); the stage with
//     its default weighted sum, and with the learned re-ranker.
//   --tune: fits the re-ranking weights on CLEF train by coordinate ascent and prints them (dev untouched).
//   --only example: the bundled example corpus, claim by claim against examples' gold file.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include <factpipe/text/sentence_splitter.hpp>
#include <factpipe/text/wordnet_files.hpp>

#include "clef2020.hpp"
#include "crossref_engine.hpp"
#include "pipeline_run.hpp"
#include "source_index.hpp"
#include "wordnet.hpp"

namespace fs = std::filesystem;
using Json = nlohmann::json;
using namespace factpipe::crossref;
using namespace factpipe::crossref::eval;

namespace {

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

std::vector<std::vector<std::string>> run_ranking(Engine& engine, const ClefSplit& split, int k,
                                                  std::vector<double>* latencies = nullptr,
                                                  std::vector<double>* cpu = nullptr) {
  std::vector<std::vector<std::string>> out;
  for (std::size_t i = 0; i < split.tweets.size(); ++i) {
    auto t0 = std::chrono::steady_clock::now();
    double c0 = thread_cpu_ms();
    auto ranked = engine.rank(ClaimInput{split.tweets[i], {}, split.authors[i], split.authors[i]}, k);
    if (cpu) cpu->push_back(thread_cpu_ms() - c0);
    if (latencies)
      latencies->push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    std::vector<std::string> ids;
    for (auto& r : ranked) ids.push_back(r.sid);
    out.push_back(std::move(ids));
  }
  return out;
}

void print_metrics(const char* name, const char* split, const Metrics& m) {
  std::printf("  %-38s %-5s n=%-4zu MAP@5 %.4f  MRR %.4f  P@1 %.4f\n", name, split, m.n, m.map5, m.mrr, m.p1);
}

// Coordinate ascent over the re-ranking weights, on cached features of the train candidates.
Weights tune(Engine& engine, const ClefSplit& train) {
  struct Cand {
    Features f;
    std::string sid;
  };
  std::vector<std::vector<Cand>> cache;
  for (std::size_t i = 0; i < train.tweets.size(); ++i) {
    std::vector<Cand> c;
    for (auto& r :
         engine.rank(ClaimInput{train.tweets[i], {}, train.authors[i], train.authors[i]}, engine.config().candidates))
      c.push_back({r.features, r.sid});
    cache.push_back(std::move(c));
  }
  auto eval = [&](const Weights& w) {
    std::vector<std::vector<std::string>> ranked;
    for (auto& c : cache) {
      std::vector<std::pair<double, std::size_t>> s;
      for (std::size_t i = 0; i < c.size(); ++i) s.emplace_back(w.combine(c[i].f), i);
      std::stable_sort(s.begin(), s.end(), [](auto& a, auto& b) { return a.first > b.first; });
      std::vector<std::string> ids;
      for (std::size_t i = 0; i < s.size() && i < 5; ++i) ids.push_back(c[s[i].second].sid);
      ranked.push_back(std::move(ids));
    }
    return score_ranking(ranked, train.gold).map5;
  };
  Weights w = engine.config().weights;
  double best = eval(w);
  std::printf("  tuning on train: start MAP@5 %.4f\n", best);
  double Weights::*fields[] = {&Weights::bm25,           &Weights::coverage,  &Weights::passage_coverage,
                               &Weights::title_coverage, &Weights::proximity, &Weights::entities,
                               &Weights::numbers,        &Weights::dates,     &Weights::claimant};
  const char* names[] = {"bm25",    "coverage", "passage_coverage", "title_coverage", "proximity", "entities",
                         "numbers", "dates",    "claimant"};
  const double grid[] = {0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0};
  for (int round = 0; round < 3; ++round) {
    for (std::size_t k = 0; k < std::size(fields); ++k) {
      Weights trial = w;
      for (double g : grid) {
        trial.*fields[k] = g;
        double v = eval(trial);
        if (v > best + 1e-9) {
          best = v;
          w = trial;
        }
      }
    }
    std::printf("  round %d: train MAP@5 %.4f\n", round + 1, best);
  }
  std::printf("  tuned weights:");
  for (std::size_t k = 0; k < std::size(fields); ++k) std::printf(" %s=%.2f", names[k], w.*fields[k]);
  std::printf("\n");
  return w;
}

EngineConfig g_overrides;                     // --max-terms, --candidates, --title-weight
std::shared_ptr<const RankerModel> g_ranker;  // --ranker: the learned re-ranker the stage loads by default

std::vector<std::pair<std::string, double>> g_weight_overrides;  // --weights name=value,...
double g_bm25_support_from = StanceOptions{}.support_from;       // --bm25-support-from: the baseline's support bar
std::string g_half = "all";
// The pipeline the evaluation runs through `factpipe run` (the same binary and config a user runs).
factpipe::crossref::eval::PipelineRunOptions g_run;
bool g_engine_only = false;  // --engine-only: skip the `factpipe run` rows  // --half: Climate-FEVER claims evaluated
                             // (all, even or odd positions in the file)

void apply_weight_overrides(Weights& w) {
  for (const auto& [k, v] : g_weight_overrides) {
    if (k == "bm25") w.bm25 = v;
    else if (k == "coverage") w.coverage = v;
    else if (k == "passage_coverage") w.passage_coverage = v;
    else if (k == "title_coverage") w.title_coverage = v;
    else if (k == "proximity") w.proximity = v;
    else if (k == "entities") w.entities = v;
    else if (k == "numbers") w.numbers = v;
    else if (k == "dates") w.dates = v;
    else if (k == "claimant") w.claimant = v;
    else throw std::runtime_error("--weights: unknown weight " + k);
  }
}

void apply_overrides(EngineConfig& c) {
  apply_weight_overrides(c.weights);
  c.max_query_terms = g_overrides.max_query_terms;
  c.candidates = g_overrides.candidates;
  c.title_weight = g_overrides.title_weight;
  c.max_postings = g_overrides.max_postings;
  c.exact_postings = g_overrides.exact_postings;
  c.stance.support_from = g_overrides.stance.support_from;
  c.stance.unrelated_below = g_overrides.stance.unrelated_below;
  c.stance.checked_support_from = g_overrides.stance.checked_support_from;
  c.verdict.strong = g_overrides.verdict.strong;
  c.verdict.disputed = g_overrides.verdict.disputed;
}

// The split's tweets as `factpipe run` inputs (id, text as posted), run with the index as crossref.db; the
// matches of each output record ranked by score, top 5, scored. Every tweet must get its row.
Metrics clef_through_run(const ClefSplit& split, const char* name, const fs::path& db, const fs::path& work,
                         bool vectors) {
  fs::path in = work / (std::string("clef-") + name + ".jsonl"),
           out = work / (std::string("clef-") + name + ".out.jsonl");
  {
    std::ofstream f(in);
    for (std::size_t i = 0; i < split.raw.size(); ++i)
      f << Json{{"id", split.ids[i]}, {"text", split.raw[i]}}.dump(-1, ' ', false, Json::error_handler_t::replace)
        << '\n';
  }
  PipelineRunOptions opt = g_run;
  opt.sets.push_back("crossref.db=" + db.string());
  if (!vectors) opt.sets.push_back("crossref.dense=false");
  auto run = run_pipeline(opt, in, out);
  std::map<std::string, const Json*> by_id;
  for (const auto& d : run.documents) by_id[d.value("id", "")] = &d;
  std::vector<std::vector<std::string>> ranked;
  std::size_t answered = 0, with_claim = 0, with_match = 0;
  for (std::size_t i = 0; i < split.ids.size(); ++i) {
    auto it = by_id.find(split.ids[i]);
    if (it == by_id.end()) {
      ranked.emplace_back();
      continue;
    }
    ++answered;
    with_claim += !it->second->value("claims", Json::array()).empty();
    auto matches = ranked_matches(*it->second);
    with_match += !matches.empty();
    ranked.push_back(scored_ids(matches, split.gold[i], 5));
  }
  Metrics m = score_ranking(ranked, split.gold);
  print_metrics(vectors ? "through `factpipe run`" : "through `factpipe run`, dense=false", name, m);
  std::printf("  %-38s %-5s %zu of %zu tweets answered, %zu with a claim, %zu with a match; whole run %.1f s\n", "",
              name, answered, split.ids.size(), with_claim, with_match, run.seconds);
  std::printf("  %-38s %-5s (%s)\n", "", name, run.command.c_str());
  return m;
}

void eval_clef(const fs::path& datasets, const fs::path& work, std::shared_ptr<const WordNet> wn, bool do_tune) {
  fs::path dir = datasets / "clef2020-claimretrieval";
  if (!fs::exists(dir / "verified_claims.docs.tsv")) {
    std::printf("CLEF-2020 task 2: SKIPPED (not present: %s)\n", dir.string().c_str());
    return;
  }
  std::printf("CLEF-2020 CheckThat! task 2 (claim retrieval): %s\n", dir.string().c_str());
  std::vector<SourceRecord> records = read_verified_claims(dir / "verified_claims.docs.tsv");
  std::printf("  %zu verified claims\n", records.size());
  fs::path db = build_index(work, "clef2020-vclaims", records);
  ClefSplit train = read_clef_split(dir / "train"), dev = read_clef_split(dir / "dev");
  EngineConfig base;
  base.rerank = false;
  base.synonyms = false;
  apply_overrides(base);
  base.idf_candidates = false;  // the baseline is FTS5's own bm25() over all of the tweet's words
  base.max_postings = std::int64_t{1} << 40;
  Engine bm25(db, base, nullptr);
  EngineConfig full;
  apply_overrides(full);
  full.idf_candidates = g_overrides.idf_candidates;
  full.dense = false;  // the weighted sum reads no vectors: its rows stay comparable with earlier ones
  Engine ours(db, full, wn);
  if (do_tune) {
    Weights w = tune(ours, train);
    full.weights = w;
  }
  Engine tuned(db, full, wn);
  EngineConfig learned_config = full;
  learned_config.ranker = g_ranker;
  learned_config.dense = true;
  Engine learned(db, learned_config, wn);
  learned_config.dense = false;
  Engine learned_words(db, learned_config, wn);
  std::printf("  sentence vectors: %s\n", learned.dense() ? "in use (the encoder's model and the index's vectors)"
                                                          : "NOT in use (no encoder model or no vectors in the index)");
  for (auto* split : {&train, &dev}) {
    const char* name = split == &train ? "train" : "dev";
    if (!g_engine_only) {
      clef_through_run(*split, name, db, work, true);
      clef_through_run(*split, name, db, work, false);
    }
    {
      auto cands = run_ranking(bm25, *split, base.candidates);
      std::size_t hit = 0, total = 0;
      for (std::size_t q = 0; q < cands.size(); ++q)
        for (auto& g : split->gold[q]) {
          ++total;
          hit += std::find(cands[q].begin(), cands[q].end(), g) != cands[q].end();
        }
      std::printf("  %-26s %-5s BM25 candidates (%d) hold %.4f of the gold fact-checks\n", "", name, base.candidates,
                  total ? static_cast<double>(hit) / static_cast<double>(total) : 0.0);
    }
    print_metrics("engine only, bm25", name, score_ranking(run_ranking(bm25, *split, 5), split->gold));
    std::vector<double> lat, cpu;
    auto m = score_ranking(run_ranking(tuned, *split, 5, &lat, &cpu), split->gold);
    print_metrics(do_tune ? "engine only, weighted sum (tuned now)" : "engine only, weighted sum (the stage's)", name,
                  m);
    if (g_ranker) {
      lat.clear();
      cpu.clear();
      print_metrics("engine only, learned, words only", name,
                    score_ranking(run_ranking(learned_words, *split, 5), split->gold));
      m = score_ranking(run_ranking(learned, *split, 5, &lat, &cpu), split->gold);
      print_metrics(learned.dense() ? "engine only, learned, vectors" : "engine only, learned (no vectors)", name, m);
    }
    std::sort(lat.begin(), lat.end());
    std::sort(cpu.begin(), cpu.end());
    std::printf("  %-26s %-5s per tweet: wall p50 %.2f ms, p99 %.2f ms; cpu p50 %.2f ms, p99 %.2f ms\n", "", name,
                lat[lat.size() / 2], lat[std::min(lat.size() - 1, lat.size() * 99 / 100)], cpu[cpu.size() / 2],
                cpu[std::min(cpu.size() - 1, cpu.size() * 99 / 100)]);
  }
}

const char* label_of(const std::string& verdict) {
  if (verdict == "supported") return "SUPPORTS";
  if (verdict == "refuted") return "REFUTES";
  if (verdict == "disputed") return "DISPUTED";
  return "NOT_ENOUGH_INFO";
}

using Confusion = std::map<std::string, std::map<std::string, int>>;
const char* const kLabels[] = {"SUPPORTS", "REFUTES", "NOT_ENOUGH_INFO", "DISPUTED"};

// Verdict accuracy (all claims; without DISPUTED gold), macro-F1 over the three labels, the confusion matrix.
void print_verdict_metrics(Confusion& confusion, std::size_t correct, std::size_t correct3, std::size_t n,
                           std::size_t n3) {
  double f1sum = 0;
  std::string per;
  for (int c = 0; c < 3; ++c) {
    double tp = confusion[kLabels[c]][kLabels[c]], fp = 0, fn = 0;
    for (auto g : kLabels)
      if (std::string(g) != kLabels[c]) fp += confusion[g][kLabels[c]];
    for (auto p : kLabels)
      if (std::string(p) != kLabels[c]) fn += confusion[kLabels[c]][p];
    double prec = tp + fp > 0 ? tp / (tp + fp) : 0, rec = tp + fn > 0 ? tp / (tp + fn) : 0;
    double f1 = prec + rec > 0 ? 2 * prec * rec / (prec + rec) : 0;
    f1sum += f1;
    char buf[64];
    std::snprintf(buf, sizeof buf, " %s %.3f", kLabels[c], f1);
    per += buf;
  }
  std::printf("  %-34s verdict accuracy %.4f (all %zu, DISPUTED gold always wrong), %.4f (%zu without DISPUTED)\n", "",
              static_cast<double>(correct) / static_cast<double>(n), n,
              static_cast<double>(correct3) / static_cast<double>(n3), n3);
  std::printf("  %-34s macro-F1 (3 labels) %.4f; F1%s\n", "", f1sum / 3, per.c_str());
  std::printf("  %-34s gold \\ predicted:", "");
  for (auto p : kLabels) std::printf(" %s", p);
  std::printf("\n");
  for (auto g : kLabels) {
    std::printf("  %-34s   %-16s", "", g);
    for (auto p : kLabels) std::printf(" %6d", confusion[g][p]);
    std::printf("\n");
  }
}

void eval_climate(const fs::path& datasets, const fs::path& work, std::shared_ptr<const WordNet> wn) {
  fs::path file = datasets / "climate-fever" / "climate-fever.dev.jsonl";
  if (!fs::exists(file)) {
    std::printf("Climate-FEVER: SKIPPED (not present: %s)\n", file.string().c_str());
    return;
  }
  std::printf("Climate-FEVER: %s\n", file.string().c_str());
  struct Item {
    std::string claim, label;
    std::set<std::string> gold;
  };
  std::vector<Item> items;
  std::vector<SourceRecord> corpus;
  std::set<std::string> seen;
  std::ifstream in(file);
  std::string line;
  std::size_t line_no = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    Json j = Json::parse(line);
    Item it;
    it.claim = j["claim"];
    it.label = j["claim_label"];
    for (auto& e : j["evidences"]) {
      std::string id = e["evidence_id"];
      std::string lab = e["evidence_label"];
      if (lab == "SUPPORTS" || lab == "REFUTES") it.gold.insert(id);
      if (seen.insert(id).second) {
        SourceRecord r;
        r.id = id;
        r.title = e["article"];
        r.text = e["evidence"];
        corpus.push_back(r);
      }
    }
    // --half even|odd: every other claim (a split for tuning on one half and reporting on the other).
    std::size_t index = line_no++;
    if (g_half == "all" || (g_half == "even") == (index % 2 == 0)) items.push_back(std::move(it));
  }
  std::printf("  %zu claims (%s), %zu evidence sentences\n", items.size(), g_half.c_str(), corpus.size());
  fs::path db = build_index(work, "climate-fever-evidence", corpus);
  EngineConfig base;
  base.rerank = false;
  base.synonyms = false;
  base.idf_candidates = false;  // FTS5 bm25() over all of the claim's words
  base.max_postings = std::int64_t{1} << 40;
  base.stance.refutation_signals = false;
  base.stance.support_from = g_bm25_support_from;
  EngineConfig full;
  apply_overrides(full);
  full.idf_candidates = g_overrides.idf_candidates;
  EngineConfig learned = full;
  learned.ranker = g_ranker;
  // 0: bm25-only; 1: the stage as configured by default (weighted sum); 2: the stage with the learned ranker.
  for (int variant = 0; variant < (g_ranker ? 3 : 2); ++variant) {
    Engine engine(db, variant == 0 ? base : variant == 1 ? full : learned, variant == 0 ? nullptr : wn);
    double recall = 0;
    std::size_t with_gold = 0, correct = 0, correct3 = 0, n3 = 0;
    Confusion confusion;
    for (const auto& it : items) {
      auto ranked = engine.rank(ClaimInput{it.claim, {}, "", ""}, 5);
      if (!it.gold.empty()) {
        ++with_gold;
        std::size_t hit = 0;
        for (auto& r : ranked) hit += it.gold.count(r.sid);
        if (std::getenv("CROSSREF_DEBUG")) {  // claim, variant, the top 5 with their score (* = gold)
          std::printf("    rank %zu %d", static_cast<std::size_t>(&it - items.data()), variant);
          for (auto& r : ranked) std::printf("|%s%s|%.3f", it.gold.count(r.sid) ? "*" : "", r.sid.c_str(), r.score);
          std::printf("\n");
        }
        recall += static_cast<double>(hit) / static_cast<double>(it.gold.size());
      }
      auto ev = engine.evidence(ClaimInput{it.claim, {}, "", ""});
      std::string pred = label_of(decide_verdict(ev, engine.config().verdict).label);
      if (variant > 0 && std::getenv("CROSSREF_DEBUG"))  // gold, predicted, and why each piece of evidence
        for (auto& e : ev)
          std::printf("    debug %zu %s %s %s %.2f %s\n", static_cast<std::size_t>(&it - items.data()),
                      it.label.c_str(), pred.c_str(), std::string(factpipe::to_string(e.stance)).c_str(), e.confidence,
                      e.extra["crossref"]["reason"].get<std::string>().c_str());
      confusion[it.label][pred]++;
      correct += pred == it.label;
      if (it.label != "DISPUTED") {
        ++n3;
        correct3 += pred == it.label;
      }
    }
    std::printf("  %-34s recall@5 %.4f (%zu claims with gold evidence)\n",
                variant == 0   ? "bm25-only variant"
                : variant == 1 ? "crossref stage (weighted sum)"
                               : "crossref stage (learned ranker)",
                recall / static_cast<double>(with_gold), with_gold);
    print_verdict_metrics(confusion, correct, correct3, items.size(), n3);
  }
  if (g_engine_only) return;
  // The same claims through `factpipe run` (each input one claim): the evidence it writes, the verdict it writes.
  fs::path run_in = work / ("climate-fever-" + g_half + ".jsonl"),
           run_out = work / ("climate-fever-" + g_half + ".out.jsonl");
  {
    std::ofstream f(run_in);
    for (std::size_t i = 0; i < items.size(); ++i)
      f << Json{{"id", "cf-" + std::to_string(i)}, {"text", items[i].claim}}.dump(-1, ' ', false,
                                                                                  Json::error_handler_t::replace)
        << '\n';
  }
  PipelineRunOptions opt = g_run;
  opt.sets.push_back("crossref.db=" + db.string());
  auto run = run_pipeline(opt, run_in, run_out);
  std::map<std::string, const Json*> by_id;
  for (const auto& d : run.documents) by_id[d.value("id", "")] = &d;
  double recall = 0;
  std::size_t with_gold = 0, correct = 0, correct3 = 0, n3 = 0, answered = 0;
  Confusion confusion;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& it = items[i];
    auto found = by_id.find("cf-" + std::to_string(i));
    std::string pred = "NOT_ENOUGH_INFO";
    std::vector<OutputMatch> matches;
    if (found != by_id.end()) {
      ++answered;
      matches = ranked_matches(*found->second);
      for (const auto& c : found->second->value("claims", Json::array()))
        if (c.contains("verdict")) pred = label_of(c["verdict"].value("label", ""));
    }
    if (!it.gold.empty()) {
      ++with_gold;
      std::size_t hit = 0;
      for (std::size_t k = 0; k < matches.size() && k < 5; ++k) hit += it.gold.count(matches[k].source_id);
      recall += static_cast<double>(hit) / static_cast<double>(it.gold.size());
    }
    confusion[it.label][pred]++;
    correct += pred == it.label;
    if (it.label != "DISPUTED") {
      ++n3;
      correct3 += pred == it.label;
    }
  }
  std::printf("  %-34s recall@5 %.4f (%zu claims with gold evidence); %zu of %zu answered; whole run %.1f s\n",
              "through `factpipe run`", recall / static_cast<double>(std::max<std::size_t>(with_gold, 1)), with_gold,
              answered, items.size(), run.seconds);
  print_verdict_metrics(confusion, correct, correct3, items.size(), n3);
  std::printf("  %-34s (%s)\n", "", run.command.c_str());
}

// The bundled example: each gold claim's sentence as the claim, its expected sources against what we find.
void eval_example(const fs::path& examples, const fs::path& claims_file, const fs::path& work,
                  std::shared_ptr<const WordNet> wn) {
  Json normalized = Json::object();
  if (fs::exists(claims_file)) {
    std::ifstream cf(claims_file);
    normalized = Json::parse(cf);
  }
  if (!fs::exists(examples / "sources")) {
    std::printf("example: SKIPPED (not present: %s)\n", examples.string().c_str());
    return;
  }
  fs::create_directories(work);
  fs::path db = work / "examples.sqlite";
  SourceIndex(db).update({examples / "sources"});
  EngineConfig config;  // the stage's defaults (unless overridden on the command line)
  apply_overrides(config);
  Engine engine(db, config, wn);
  std::size_t expected = 0, found = 0, wrong_stance = 0;
  for (auto& article : {"harbor-bridge-2026", "transit-fares-2026"}) {
    std::ifstream t(examples / "articles" / (std::string(article) + ".txt"));
    std::string text((std::istreambuf_iterator<char>(t)), std::istreambuf_iterator<char>());
    std::ifstream g(examples / "articles" / (std::string(article) + ".gold.json"));
    Json gold = Json::parse(g);
    // gold offsets are code points; find the anchor text instead (it is unique in practice)
    auto sentences = factpipe::text::split_sentences(text);
    std::printf("%s\n", article);
    for (auto& c : gold["claims"]) {
      std::string anchor = c["anchor"];
      auto pos = text.find(anchor);
      std::string sentence = anchor;
      for (auto& s : sentences)
        if (pos != std::string::npos && s.start <= pos && pos < s.end) sentence = text.substr(s.start, s.size());
      std::string key = std::string(article) + "/" + c["id"].get<std::string>();
      if (normalized.contains(key)) sentence = normalized[key].get<std::string>();
      ClaimInput in{sentence, {}, c["claimant"].is_string() ? c["claimant"].get<std::string>() : "", ""};
      auto ev = engine.evidence(in);
      auto v = decide_verdict(ev, engine.config().verdict);
      if (std::getenv("CROSSREF_DEBUG")) {
        ClaimProfile prof;
        for (auto& r : engine.rank(in, 10, &prof)) {
          auto e = engine.to_evidence(prof, r);
          std::printf("      ranked %.3f %-30s %s cov=%.2f %s\n", r.score, r.sid.substr(0, 30).c_str(),
                      std::string(factpipe::to_string(e.stance)).c_str(), r.features.coverage,
                      e.extra["crossref"]["reason"].get<std::string>().c_str());
        }
      }
      std::printf("  %s %-18s %s\n", c["id"].get<std::string>().c_str(), v.label.c_str(), anchor.c_str());
      for (auto& e : ev)
        std::printf("      %-9s %.2f %-40s %s\n", std::string(factpipe::to_string(e.stance)).c_str(), e.confidence,
                    e.source_id.substr(0, 40).c_str(), e.extra["crossref"]["reason"].get<std::string>().c_str());
      for (const char* role : {"supports", "refutes", "discusses"}) {
        for (auto& sid : c.value(role, Json::array())) {
          ++expected;
          std::string want = sid;
          if (want == "council-transcript-2026-03-10") want = "council-transcript-2026-03-10";
          auto it = std::find_if(ev.begin(), ev.end(), [&](auto& e) { return e.source_id == want; });
          if (it == ev.end()) {
            std::printf("      MISSING %s %s\n", role, want.c_str());
          } else {
            ++found;
            if (std::string(factpipe::to_string(it->stance)) != role) {
              ++wrong_stance;
              std::printf("      STANCE %s expected %s\n", want.c_str(), role);
            }
          }
        }
      }
    }
    for (auto& q : gold["quotes"]) {
      if (q["kind"] == "indirect") continue;
      auto r =
          engine.verify_quote(q["text"], q["speaker"].is_string() ? q["speaker"].get<std::string>() : "", "2026-03-14");
      std::string got = r ? r->status + " " + r->source_id : "(no candidate source)";
      std::string want = q.value("transcript", std::string("-"));
      std::printf("  quote %s want %-10s got %s %.2f\n", q["id"].get<std::string>().c_str(), want.c_str(), got.c_str(),
                  r ? r->similarity : 0.0);
    }
  }
  std::printf("example: %zu of %zu expected sources found, %zu with another stance\n", found, expected, wrong_stance);
}

}  // namespace

int main(int argc, char** argv) {
  fs::path shared = FACTPIPE_DEFAULT_SHARED_DIR;
  fs::path datasets = shared / "datasets";
  fs::path work = fs::temp_directory_path() / "factpipe-eval-crossref";
  fs::path examples = FACTPIPE_DEFAULT_EXAMPLES_DIR;
  fs::path claims_file = FACTPIPE_DEFAULT_CLAIMS_FILE;
  load_word_lists(CROSSREF_DATA_DIR);
  g_run.factpipe = default_factpipe_binary();
  std::string only;
  bool do_tune = false;
  std::string ranker_file = std::string(CROSSREF_DATA_DIR) + "/ranker.json";
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
      return argv[++i];
    };
    if (a == "--datasets") datasets = next();
    else if (a == "--work") work = next();
    else if (a == "--only") only = next();
    else if (a == "--examples") examples = next();
    else if (a == "--claims") claims_file = next();
    else if (a == "--tune") do_tune = true;
    else if (a == "--engine-only") g_engine_only = true;
    else if (a == "--as-documents") g_run.claims = false;
    else if (a == "--factpipe") g_run.factpipe = next();
    else if (a == "--config") g_run.config = next();
    else if (a == "--set") g_run.sets.push_back(next());
    else if (a == "--half") {
      g_half = next();
      if (g_half != "all" && g_half != "even" && g_half != "odd") throw std::runtime_error("--half: all, even or odd");
    } else if (a == "--ranker") ranker_file = next();
    else if (a == "--max-terms") g_overrides.max_query_terms = std::stoi(next());
    else if (a == "--candidates") g_overrides.candidates = std::stoi(next());
    else if (a == "--max-postings") g_overrides.max_postings = std::stoll(next());
    else if (a == "--fts5-bm25") g_overrides.idf_candidates = false;
    else if (a == "--exact-postings") g_overrides.exact_postings = std::stoll(next());
    else if (a == "--support-from") g_overrides.stance.support_from = std::stod(next());
    else if (a == "--unrelated-below") g_overrides.stance.unrelated_below = std::stod(next());
    else if (a == "--verdict-threshold") g_overrides.verdict.strong = std::stod(next());
    else if (a == "--checked-support-from") g_overrides.stance.checked_support_from = std::stod(next());
    else if (a == "--dispute-threshold") g_overrides.verdict.disputed = std::stod(next());
    else if (a == "--bm25-support-from") g_bm25_support_from = std::stod(next());
    else if (a == "--title-weight") g_overrides.title_weight = std::stod(next());
    else if (a == "--weights") {
      std::istringstream ws(next());
      std::string item;
      while (std::getline(ws, item, ',')) {
        auto eq = item.find('=');
        if (eq == std::string::npos) throw std::runtime_error("--weights: expected name=value, got " + item);
        g_weight_overrides.emplace_back(item.substr(0, eq), std::stod(item.substr(eq + 1)));
      }
    } else if (a == "-h" || a == "--help") {
      std::printf(
          "usage: factpipe eval crossref [--datasets DIR] [--work DIR] [--only clef|climate|example] [--tune]\n"
          "  --datasets  folder with clef2020-claimretrieval/ and climate-fever/ (default %s)\n"
          "  --work      where the evaluation indexes are built and reused (default %s)\n"
          "  --examples  the bundled examples folder (for --only example)\n"
          "  --tune      fit re-ranking weights on CLEF train and report dev with them\n"
          "  --factpipe PATH  the factpipe binary run as a user would (default: the one next to this tool)\n"
          "  --config FILE    its pipeline (default: factpipe's default pipeline); --set S.K=V: its overrides\n"
          "  --engine-only    only the engine rows (no `factpipe run`)\n"
          "  --as-documents   give `factpipe run` the inputs as documents, not as claims (no --claims)\n"
          "  --half all|even|odd  Climate-FEVER: every claim, or those at even / odd positions (a tuning split)\n"
          "  --fts5-bm25 candidates of the full stage by FTS5 bm25() instead of summed idf\n"
          "  --max-terms N, --max-postings N, --exact-postings N, --candidates N, --title-weight W: query settings\n"
          "  --support-from X, --unrelated-below X, --verdict-threshold X: stance and verdict settings\n"
          "  --checked-support-from X, --dispute-threshold X: the stage's support bar after the refutation checks,\n"
          "      the strength both sides need for disputed; --bm25-support-from X: the bm25-only variant's support "
          "bar\n"
          "  --weights name=value,...  override re-ranking weights (ablations)\n"
          "  --ranker FILE  learned re-ranking model for the learned rows (default: the plugin's data/ranker.json);\n"
          "                none: no learned rows\n"
          "\nExamples:\n"
          "  factpipe eval crossref                   # CLEF-2020, Climate-FEVER and the bundled example\n"
          "  factpipe eval crossref --only clef --engine-only --candidates 200\n",
          datasets.string().c_str(), work.string().c_str());
      return 0;
    } else {
      std::fprintf(stderr, "factpipe eval crossref: unknown argument %s\n", a.c_str());
      return 2;
    }
  }
  try {
    std::shared_ptr<const WordNet> wn;
    const fs::path wordnet_dir(factpipe::text::wordnet::kDefaultDir);
    if (fs::exists(wordnet_dir / "data.noun")) wn = WordNet::shared(wordnet_dir);
    else std::printf("(WordNet not installed: no synonyms or antonyms)\n");
    if (ranker_file != "none" && fs::exists(ranker_file)) g_ranker = RankerModel::load(ranker_file);
    std::printf("re-ranking: %s\n", g_ranker ? ("learned model " + ranker_file).c_str() : "weighted sum of features");
    if (only.empty() || only == "clef") eval_clef(datasets, work, wn, do_tune);
    if (only.empty() || only == "climate") eval_climate(datasets, work, wn);
    if (only == "example") eval_example(examples, claims_file, work, wn);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "factpipe eval crossref: %s\n", e.what());
    return 1;
  }
  return 0;
}
