// crossref speed (targets in issue #5: `factpipe index` >= 20 MB/s; claim lookup p50 <= 2 ms, p99 <= 10 ms on
// 1M passages).
//   BM_IndexSourceText: `factpipe index` throughput over the PolNeAR train article texts (840 .txt files,
//     3.9 MB): a fresh index file per iteration, SourceIndex construction, update() and close all timed.
//     Counters: bytes/second (wall), MB_per_cpu_s (process CPU, both threads of the pipelined build) and
//     MB_per_writer_cpu_s (the SQLite writer thread alone: the bound on wall throughput when both threads have a
//     core each; on a shared machine wall follows total CPU instead). CROSSREF_BENCH_PRETOKENIZE=0 lets the writer
//     tokenize (IndexOptions::pretokenize off: the same index, the way it was built before).
//   BM_ClaimLookup: per-claim latency of CrossrefStage::process (the stage's own code: query, candidates,
//     re-ranking, stance, verdict) on a document holding one claim, against an index of about 1 million
//     passages, with the stage's default settings: the index holds fact-checks with sentence vectors, so when
//     the encoder's model is present every claim is encoded and scanned against them (the `dense` counter says
//     whether it was). Batch linking and quote checks are off (they do not touch the index). Every claim of
//     CLEF-2020 dev (tweets) and Climate-FEVER dev is run once, after 100 untimed warm-up claims (first
//     statements, page cache); p50 / p99 of wall and thread-CPU time are counters, in milliseconds.
//   BM_ClaimLookupWordsOnly: the same with `dense: false` (no encoding: what a machine without the model does).
//   BM_DocumentLookup: the same claims, 20 to a document (an article has ~21), so that the stage encodes a
//     document's claims together (one encode_batch call); p50 / p99 per document, and the CPU time per claim.
//     BM_DocumentLookupWordsOnly: the same with `dense: false`.
//   BM_FactcheckCosines: the cosine scan alone (dense_vectors.hpp `cosines`) of one query over 10,375 vectors of
//     512 floats (as many as CLEF-2020's verified claims), thread CPU time per scan.
//   The 1M-passage index is built from the datasets' text (PolNeAR articles, CLEF verified claims,
//     Climate-FEVER dev evidence), written as JSON lines and repeated (about 22 copies, ids suffixed) until
//     1M passages: so every passage has ~21 exact duplicates, every indexed word a document frequency >= ~22,
//     and a claim's candidates (20 by default) are copies of a few distinct passages. The work per candidate is the
//     real work, but term statistics are those of a small corpus scaled up, not of 1M distinct passages. The 10,375
//     CLEF verified claims are in it once more as fact-checks (`kind: factcheck`, with their sentence vectors
//     when the model is present: indexing encodes them), as `factpipe index` makes a fact-check collection.
//     Built once into <build>/bench-data/crossref/ (its build speed is printed) and reused while its schema
//     version matches this build; CROSSREF_BENCH_REBUILD=1 rebuilds it. CROSSREF_BENCH_CLAIMS=N times the
//     first N claims only (for profilers); CROSSREF_BENCH_CONFIG='{"candidates": 30}' adds stage settings.
// Datasets: $FACTPIPE_SHARED_DIR/datasets or ../shared/datasets next to the checkout; skipped when absent.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <factpipe/encoder/sentence_encoder.hpp>
#include <factpipe/host/stage_config.hpp>

#include "crossref_stage.hpp"
#include "dense_vectors.hpp"
#include "source_formats.hpp"
#include "source_index.hpp"
#include "sqlite_handle.hpp"

namespace fs = std::filesystem;
using Json = nlohmann::json;
using namespace factpipe;
using namespace factpipe::crossref;

namespace {

fs::path datasets() {
  if (const char* e = std::getenv("FACTPIPE_SHARED_DIR"); e && *e) return fs::path(e) / "datasets";
  return fs::path(FACTPIPE_SHARED_DIR) / "datasets";
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

double process_cpu_s() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// Documents from the datasets' text, as source records.
std::vector<SourceRecord> corpus_records() {
  std::vector<SourceRecord> out;
  for (const char* split : {"train", "dev"}) {
    fs::path dir = datasets() / "polnear" / split / "text";
    if (!fs::exists(dir)) continue;
    std::vector<fs::path> files;
    for (auto& f : fs::directory_iterator(dir)) files.push_back(f.path());
    std::sort(files.begin(), files.end());
    for (auto& f : files) {
      SourceRecord r;
      r.id = f.stem().string();
      r.text = read(f);
      out.push_back(std::move(r));
    }
  }
  std::ifstream clef(datasets() / "clef2020-claimretrieval" / "verified_claims.docs.tsv");
  std::string line;
  std::getline(clef, line);
  while (std::getline(clef, line)) {
    auto t1 = line.find('\t'), t2 = line.find('\t', t1 + 1);
    if (t1 == std::string::npos || t2 == std::string::npos) continue;
    SourceRecord r;
    r.id = "vclaim-" + line.substr(0, t1);
    r.text = line.substr(t1 + 1, t2 - t1 - 1);
    r.title = line.substr(t2 + 1);
    out.push_back(std::move(r));
  }
  std::ifstream cf(datasets() / "climate-fever" / "climate-fever.dev.jsonl");
  while (std::getline(cf, line)) {
    if (line.empty()) continue;
    for (auto& e : Json::parse(line)["evidences"]) {
      SourceRecord r;
      r.id = e["evidence_id"];
      r.title = e["article"];
      r.text = e["evidence"];
      out.push_back(std::move(r));
    }
  }
  return out;
}

std::vector<std::string> claims() {
  std::vector<std::string> out;
  std::ifstream tq(datasets() / "clef2020-claimretrieval" / "dev" / "tweets.queries.tsv");
  std::string line;
  std::getline(tq, line);
  while (std::getline(tq, line)) {
    auto t = line.find('\t');
    if (t != std::string::npos) out.push_back(line.substr(t + 1));
  }
  std::ifstream cf(datasets() / "climate-fever" / "climate-fever.dev.jsonl");
  while (std::getline(cf, line))
    if (!line.empty()) out.push_back(Json::parse(line)["claim"]);
  return out;
}

void write_jsonl(const fs::path& p, const std::vector<SourceRecord>& records, const std::string& id_suffix,
                 const char* kind = "source") {
  std::ofstream out(p);
  for (const auto& r : records)
    out << Json{{"id", r.id + id_suffix}, {"title", r.title}, {"text", r.text}, {"kind", kind}}.dump(
               -1, ' ', false, Json::error_handler_t::replace)
        << '\n';
}

bool current_schema(const fs::path& db) {
  try {
    Database d(db.string(), Database::Mode::read_only);
    auto st = d.prepare("SELECT value FROM meta WHERE key = 'schema'");
    return st.step() && st.text(0) == std::to_string(kSchemaVersion);
  } catch (const std::exception&) {
    return false;
  }
}

void remove_db(const fs::path& db) {
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(db.string() + suffix);
}

// The ~1M-passage index, built once (and again when this build's schema differs).
fs::path big_index() {
  fs::path dir = CROSSREF_BENCH_DIR;
  fs::path db = dir / "crossref-1m-factchecks.sqlite";
  const char* rebuild = std::getenv("CROSSREF_BENCH_REBUILD");
  if (fs::exists(db) && current_schema(db) && !(rebuild && *rebuild == '1')) return db;
  auto records = corpus_records();
  if (records.empty()) return {};
  fs::remove_all(dir / "corpus");
  fs::create_directories(dir / "corpus");
  // How many passages one copy makes: index one copy first.
  write_jsonl(dir / "corpus" / "copy-00.jsonl", records, "");
  fs::path building = dir / "building.sqlite";
  remove_db(building);
  auto w0 = std::chrono::steady_clock::now();
  double c0 = process_cpu_s();
  std::size_t passages = 0;
  std::uint64_t bytes = 0;
  {
    SourceIndex index(building);
    auto first = index.update({dir / "corpus"});
    std::size_t copies = std::max<std::size_t>(1, (1000000 + first.passages - 1) / first.passages);
    double c1 = process_cpu_s();
    auto w1 = std::chrono::steady_clock::now();
    for (std::size_t c = 1; c < copies; ++c) {  // writing the copies is not indexing: not counted
      char name[32];
      std::snprintf(name, sizeof name, "copy-%02zu.jsonl", c);
      char suffix[32];
      std::snprintf(suffix, sizeof suffix, "#%zu", c % 1000);
      write_jsonl(dir / "corpus" / name, records, suffix);
    }
    std::vector<SourceRecord> factchecks;
    for (const auto& r : records)
      if (r.id.rfind("vclaim-", 0) == 0) factchecks.push_back(r);
    write_jsonl(dir / "corpus" / "factchecks.jsonl", factchecks, "#factcheck", "factcheck");
    w0 += std::chrono::steady_clock::now() - w1;
    c0 += process_cpu_s() - c1;
    auto rest = index.update({dir / "corpus"});
    passages = index.passage_count();
    bytes = first.bytes + rest.bytes;
  }
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
  double cpu = process_cpu_s() - c0;
  double mb = static_cast<double>(bytes) / 1e6;
  std::fprintf(stderr,
               "built %s: %zu passages from %.1f MB in %.1f s wall (%.1f MB/s), %.1f s CPU (%.1f MB per CPU s)\n",
               db.string().c_str(), passages, mb, wall, mb / wall, cpu, mb / cpu);
  remove_db(db);
  fs::rename(building, db);
  return db;
}

void BM_IndexSourceText(benchmark::State& state) {
  fs::path dir = datasets() / "polnear" / "train" / "text";
  if (!fs::exists(dir)) {
    state.SkipWithError(("not present: " + dir.string()).c_str());
    return;
  }
  fs::path db = fs::temp_directory_path() / "crossref-bench-index.sqlite";
  IndexOptions options;
  if (const char* e = std::getenv("CROSSREF_BENCH_PRETOKENIZE"); e && *e == '0') options.pretokenize = false;
  std::uint64_t bytes = 0;
  double cpu = 0, writer_ms = 0;
  for (auto _ : state) {
    state.PauseTiming();
    remove_db(db);
    state.ResumeTiming();
    double c0 = process_cpu_s();
    double w0 = thread_cpu_ms();  // this thread is the writer
    {
      SourceIndex index(db, options);
      bytes += index.update({dir}).bytes;
    }
    writer_ms += thread_cpu_ms() - w0;
    cpu += process_cpu_s() - c0;
  }
  remove_db(db);
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
  state.counters["MB_per_cpu_s"] = static_cast<double>(bytes) / 1e6 / cpu;
  state.counters["MB_per_writer_cpu_s"] = static_cast<double>(bytes) / 1e6 / (writer_ms / 1e3);
}
BENCHMARK(BM_IndexSourceText)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(static_cast<double>(v.size()) * p))];
}

// `words_only`: the stage's `dense: false`. `per_document`: claims in one document (each document is timed).
void claim_lookup(benchmark::State& state, bool words_only, std::size_t per_document = 1) {
  fs::path db = big_index();
  auto qs = claims();
  // CROSSREF_BENCH_CLAIMS=N: the first N claims only (for profilers).
  if (const char* e = std::getenv("CROSSREF_BENCH_CLAIMS"); e && *e)
    qs.resize(std::min(qs.size(), static_cast<std::size_t>(std::stoul(e))));
  if (db.empty() || qs.empty()) {
    state.SkipWithError("datasets not present");
    return;
  }
  CrossrefStage stage;
  Json config{{"db", db.string()}, {"link_documents", false}, {"verify_quotes", false}};
  if (!fs::exists("/usr/share/wordnet/data.noun")) config["wordnet"] = "";
  if (words_only) config["dense"] = false;
  const bool model = fs::exists(factpipe::encoder::default_model_dir() / "model.json");
  // CROSSREF_IDF_CANDIDATES=0: candidates by FTS5 bm25() (slower on a large index) instead of summed idf.
  if (const char* e = std::getenv("CROSSREF_IDF_CANDIDATES"); e && *e == '0') config["idf_candidates"] = false;
  // CROSSREF_BENCH_CONFIG='{"candidates": 30}': stage settings on top (to measure a trade-off).
  if (const char* e = std::getenv("CROSSREF_BENCH_CONFIG"); e && *e) config.merge_patch(Json::parse(e));
  factpipe::host::configure_stage(stage, config,
                                  Context::for_library(fs::path(FACTPIPE_PLUGIN_DIR) / "factpipe-crossref.so"));
  // The claims [first, last) as one document: its text is the claims one after another, each claim its span.
  auto one = [&](std::size_t first, std::size_t last) {
    std::string text;
    std::vector<Span> spans;
    for (std::size_t i = first; i < last; ++i) {
      if (!text.empty()) text += ' ';
      spans.push_back(Span{text.size(), text.size() + qs[i].size()});
      text += qs[i];
    }
    Document doc("bench", text);
    for (std::size_t i = first; i < last; ++i) {
      Claim c;
      c.span = spans[i - first];
      c.text = qs[i];
      c.normalized = qs[i];
      doc.claims.push_back(std::move(c));
    }
    doc.add_layer("claims");
    stage.process(doc);
    std::size_t evidence = 0;
    for (const auto& c : doc.claims) evidence += c.evidence.size();
    return evidence;
  };
  for (std::size_t i = 0; i < std::min<std::size_t>(100, qs.size()); i += per_document)
    one(i, std::min(qs.size(), i + per_document));
  std::vector<double> ms, cpu_ms;
  std::size_t evidence = 0;
  double total_cpu_ms = 0;
  for (auto _ : state) {
    for (std::size_t i = 0; i < qs.size(); i += per_document) {
      auto t0 = std::chrono::steady_clock::now();
      double c0 = thread_cpu_ms();
      evidence += one(i, std::min(qs.size(), i + per_document));
      cpu_ms.push_back(thread_cpu_ms() - c0);
      total_cpu_ms += cpu_ms.back();
      ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
  }
  const char* unit = per_document == 1 ? "claims" : "documents";
  state.counters[unit] = static_cast<double>(ms.size());
  state.counters["p50_ms"] = percentile(ms, 0.50);
  state.counters["p99_ms"] = percentile(ms, 0.99);
  state.counters["cpu_p50_ms"] = percentile(cpu_ms, 0.50);
  state.counters["cpu_p99_ms"] = percentile(cpu_ms, 0.99);
  state.counters["cpu_ms_per_claim"] = total_cpu_ms / static_cast<double>(qs.size());
  state.counters["evidence_per_claim"] = static_cast<double>(evidence) / static_cast<double>(qs.size());
  state.counters["dense"] = words_only || !model ? 0 : 1;  // claims encoded and scanned against the vectors
  std::fprintf(stderr,
               "%s lookup%s over %zu %s: wall p50 %.2f ms p99 %.2f ms; cpu p50 %.2f ms p99 %.2f ms; cpu %.2f ms per "
               "claim\n",
               per_document == 1 ? "claim" : "document",
               words_only ? " (words only)"
               : model    ? " (encoding the claims)"
                          : " (no encoder model: words only)",
               ms.size(), unit, percentile(ms, 0.50), percentile(ms, 0.99), percentile(cpu_ms, 0.50),
               percentile(cpu_ms, 0.99), total_cpu_ms / static_cast<double>(qs.size()));
}
void BM_FactcheckCosines(benchmark::State& state) {
  DenseIndex index;
  index.dim = 512;
  const std::size_t rows = 10375;
  index.sources.reserve(rows);
  index.passages.reserve(rows);
  index.vectors.reserve(rows * static_cast<std::size_t>(index.dim));
  std::uint32_t seed = 12345;
  auto next = [&] {
    seed = seed * 1664525u + 1013904223u;
    return static_cast<float>(seed >> 8) / 16777216.0f - 0.5f;
  };
  for (std::size_t r = 0; r < rows; ++r) {
    index.sources.push_back(static_cast<std::int64_t>(r + 1));
    index.passages.push_back(static_cast<std::int64_t>(r + 1));
    for (int j = 0; j < index.dim; ++j) index.vectors.push_back(next());
  }
  std::vector<float> query(static_cast<std::size_t>(index.dim));
  for (auto& q : query) q = next();
  std::vector<double> cpu_ms;
  for (auto _ : state) {
    double c0 = thread_cpu_ms();
    benchmark::DoNotOptimize(cosines(index, query));
    cpu_ms.push_back(thread_cpu_ms() - c0);
  }
  state.counters["cpu_p50_ms"] = percentile(cpu_ms, 0.50);
}
BENCHMARK(BM_FactcheckCosines)->Unit(benchmark::kMillisecond)->MinTime(1.0);

void BM_ClaimLookup(benchmark::State& state) { claim_lookup(state, false); }
void BM_ClaimLookupWordsOnly(benchmark::State& state) { claim_lookup(state, true); }
void BM_DocumentLookup(benchmark::State& state) { claim_lookup(state, false, 20); }
void BM_DocumentLookupWordsOnly(benchmark::State& state) { claim_lookup(state, true, 20); }
// One iteration runs every claim once (1226 with the datasets present).
BENCHMARK(BM_ClaimLookup)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();
BENCHMARK(BM_ClaimLookupWordsOnly)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();
BENCHMARK(BM_DocumentLookup)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();
BENCHMARK(BM_DocumentLookupWordsOnly)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

}  // namespace

// What factpipe-index does before its first connection.
int main(int argc, char** argv) {
  factpipe::crossref::disable_sqlite_memory_statistics();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
