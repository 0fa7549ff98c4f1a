// crossref speed.
//   BM_IndexSourceText: `factpipe index` throughput (bytes/second) over the PolNeAR article texts.
//   BM_ClaimLookup: per-claim latency of the real stage code (BM25 candidates, re-ranking, stance) against an
//     index of about 1 million passages built from the datasets' text (PolNeAR articles, CLEF fact-checks,
//     Climate-FEVER evidence, repeated until 1M passages). The index is built once into
//     <build>/bench-data/crossref/ and reused; delete it to rebuild. Claims: CLEF dev tweets and Climate-FEVER
//     claims. p50 / p99 are printed as counters (milliseconds).
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

#include "crossref_engine.hpp"
#include "source_formats.hpp"
#include "source_index.hpp"
#include "wordnet.hpp"

namespace fs = std::filesystem;
using Json = nlohmann::json;
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

// Documents from the datasets' text, as source records.
std::vector<SourceRecord> corpus_records() {
  std::vector<SourceRecord> out;
  for (const char* split : {"train", "dev"}) {
    fs::path dir = datasets() / "polnear" / split / "text";
    if (!fs::exists(dir)) continue;
    for (auto& f : fs::directory_iterator(dir)) {
      SourceRecord r;
      r.id = f.path().stem().string();
      r.text = read(f.path());
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

void write_jsonl(const fs::path& p, const std::vector<SourceRecord>& records, const std::string& id_suffix) {
  std::ofstream out(p);
  for (const auto& r : records)
    out << Json{{"id", r.id + id_suffix}, {"title", r.title}, {"text", r.text}}.dump(-1, ' ', false,
                                                                                         Json::error_handler_t::replace)
        << '\n';
}

// The ~1M-passage index, built once.
fs::path big_index(benchmark::State& state) {
  fs::path dir = CROSSREF_BENCH_DIR;
  fs::path db = dir / "crossref-1m.sqlite";
  if (fs::exists(db)) return db;
  fs::create_directories(dir / "corpus");
  auto records = corpus_records();
  if (records.empty()) return {};
  // How many passages one copy makes: index one copy first.
  write_jsonl(dir / "corpus" / "copy-00.jsonl", records, "");
  SourceIndex index(dir / "building.sqlite");
  auto first = index.update({dir / "corpus"});
  std::size_t copies = std::max<std::size_t>(1, (1000000 + first.passages - 1) / first.passages);
  for (std::size_t c = 1; c < copies; ++c) {
    char name[32];
    std::snprintf(name, sizeof name, "copy-%02zu.jsonl", c);
    char suffix[32];
    std::snprintf(suffix, sizeof suffix, "#%zu", c % 1000);
    write_jsonl(dir / "corpus" / name, records, suffix);
  }
  auto rest = index.update({dir / "corpus"});
  double mb = static_cast<double>(first.bytes + rest.bytes) / 1e6, s = first.seconds + rest.seconds;
  state.counters["build_MB_per_s"] = mb / s;
  std::fprintf(stderr, "built %s: %zu passages from %.1f MB in %.1f s (%.1f MB/s)\n", db.string().c_str(),
               index.passage_count(), mb, s, mb / s);
  fs::rename(dir / "building.sqlite", db);
  for (const char* suffix : {"-wal", "-shm"})
    if (fs::exists(dir / (std::string("building.sqlite") + suffix)))
      fs::rename(dir / (std::string("building.sqlite") + suffix), dir / (std::string("crossref-1m.sqlite") + suffix));
  return db;
}

void BM_IndexSourceText(benchmark::State& state) {
  fs::path dir = datasets() / "polnear" / "train" / "text";
  if (!fs::exists(dir)) {
    state.SkipWithError(("not present: " + dir.string()).c_str());
    return;
  }
  fs::path db = fs::temp_directory_path() / "crossref-bench-index.sqlite";
  std::uint64_t bytes = 0;
  double cpu = 0;
  for (auto _ : state) {
    state.PauseTiming();
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db.string() + suffix);
    state.ResumeTiming();
    auto c0 = std::clock();
    SourceIndex index(db);
    auto s = index.update({dir});
    cpu += static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    bytes += s.bytes;
  }
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db.string() + suffix);
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
  state.counters["MB_per_cpu_s"] = static_cast<double>(bytes) / 1e6 / cpu;
}
BENCHMARK(BM_IndexSourceText)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

void BM_ClaimLookup(benchmark::State& state) {
  load_word_lists(CROSSREF_DATA_DIR);
  fs::path db = big_index(state);
  if (db.empty()) {
    state.SkipWithError("datasets not present");
    return;
  }
  std::shared_ptr<const WordNet> wn;
  if (fs::exists("/usr/share/wordnet/data.noun")) wn = WordNet::shared("/usr/share/wordnet");
  EngineConfig config;
  // CROSSREF_IDF_CANDIDATES=0: candidates by FTS5 bm25() (slower on a large index) instead of summed idf.
  if (const char* e = std::getenv("CROSSREF_IDF_CANDIDATES"); e && *e == '0') config.idf_candidates = false;
  Engine engine(db, config, wn);
  auto qs = claims();
  std::vector<double> ms, cpu_ms;
  std::size_t i = 0, evidence = 0;
  auto thread_cpu_ms = [] {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
  };
  for (auto _ : state) {
    auto t0 = std::chrono::steady_clock::now();
    double c0 = thread_cpu_ms();
    auto ev = engine.evidence(ClaimInput{qs[i++ % qs.size()], {}, ""});
    cpu_ms.push_back(thread_cpu_ms() - c0);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    evidence += ev.size();
    benchmark::DoNotOptimize(ev);
  }
  std::sort(ms.begin(), ms.end());
  state.counters["p50_ms"] = ms[ms.size() / 2];
  state.counters["p99_ms"] = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
  std::sort(cpu_ms.begin(), cpu_ms.end());
  state.counters["cpu_p50_ms"] = cpu_ms[cpu_ms.size() / 2];
  state.counters["cpu_p99_ms"] = cpu_ms[std::min(cpu_ms.size() - 1, cpu_ms.size() * 99 / 100)];
  std::fprintf(stderr, "claim lookup over %zu claims: wall p50 %.2f ms p99 %.2f ms; cpu p50 %.2f ms p99 %.2f ms\n",
               ms.size(), ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 99 / 100)], cpu_ms[cpu_ms.size() / 2],
               cpu_ms[std::min(cpu_ms.size() - 1, cpu_ms.size() * 99 / 100)]);
  state.counters["evidence_per_claim"] = static_cast<double>(evidence) / static_cast<double>(ms.size());
}
BENCHMARK(BM_ClaimLookup)->Unit(benchmark::kMillisecond)->Iterations(300)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
