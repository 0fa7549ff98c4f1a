// Entities + quotes on every PolNeAR text (train and dev), segmented once beforehand. The rate is
// bytes of text per CPU second (Google Benchmark's default), i.e. per core. Skips when the data is absent.
// BM_QuotesManyQuotations: the quotes stage on a made-up document of n quotations, for n = 256 .. 16384
// (Google Benchmark fits the complexity: it must be linear).
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <benchmark/benchmark.h>

#include <factpipe/document_json.hpp>

#include <factpipe/host/stage_config.hpp>
#include "entities_stage.hpp"
#include "many_quotations.hpp"
#include "quotes_stage.hpp"
#include "segmenter_stage.hpp"

namespace fs = std::filesystem;
using namespace factpipe;

namespace {

// $FACTPIPE_SHARED_DIR, or ../shared next to the checkout (absent in a worktree)
fs::path shared_dir() {
  if (const char* e = std::getenv("FACTPIPE_SHARED_DIR"); e && *e) return e;
  return FACTPIPE_SHARED_DIR;
}
const fs::path kPolnear = shared_dir() / "datasets" / "polnear";
const fs::path kPlugins = FACTPIPE_PLUGIN_DIR;

struct Corpus {
  std::vector<Document> docs;  // segmented
  std::size_t bytes = 0;
};

const Corpus& corpus() {
  static const Corpus c = [] {
    Corpus out;
    if (!fs::is_directory(kPolnear)) return out;
    segmenter::SegmenterStage seg;
    factpipe::host::configure_stage(seg, Json::object(), Context::for_library(kPlugins / "factpipe-segmenter.so"));
    std::vector<fs::path> files;
    for (const char* split : {"train", "dev"})
      for (const auto& e : fs::directory_iterator(kPolnear / split / "text"))
        if (e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      Document d = document_from_text(f.stem().string(), ss.str());
      seg.process(d);
      out.bytes += d.text.size();
      out.docs.push_back(std::move(d));
    }
    return out;
  }();
  return c;
}

void run(benchmark::State& state, bool with_entities, bool with_quotes, const Json& quotes_config = Json::object()) {
  const Corpus& c = corpus();
  if (c.docs.empty()) {
    state.SkipWithError(("PolNeAR not found at " + kPolnear.string() + ": nothing to measure").c_str());
    return;
  }
  entities::EntitiesStage ent;
  factpipe::host::configure_stage(ent, Json::object(), Context::for_library(kPlugins / "factpipe-entities.so"));
  quotes::QuotesStage quo;
  factpipe::host::configure_stage(quo, quotes_config, Context::for_library(kPlugins / "factpipe-quotes.so"));
  std::vector<Document> docs = c.docs;
  if (!with_entities)
    for (auto& d : docs) ent.process(d);  // quotes alone: entities done once, outside the timing
  std::size_t quotes = 0;
  for (auto _ : state) {
    for (auto& d : docs) {
      if (with_entities) ent.process(d);
      if (with_quotes) quo.process(d);
      quotes += d.quotes.size();
    }
  }
  benchmark::DoNotOptimize(quotes);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(c.bytes));
  state.counters["documents"] = static_cast<double>(docs.size());
}

// The quotes stage on a document of 2n quotations (many_quotations.hpp): every quotation looks for its
// speaker around it and in the context. It must take time linear in n (it was cubic: each quotation
// looked at every speech verb and mention of its paragraph, and walked back over the quotations before it).
void BM_QuotesManyQuotations(benchmark::State& state) {
  auto n = static_cast<std::size_t>(state.range(0));
  segmenter::SegmenterStage seg;
  factpipe::host::configure_stage(seg, Json::object(), Context::for_library(kPlugins / "factpipe-segmenter.so"));
  entities::EntitiesStage ent;
  factpipe::host::configure_stage(ent, Json::object(), Context::for_library(kPlugins / "factpipe-entities.so"));
  quotes::QuotesStage quo;
  factpipe::host::configure_stage(quo, Json::object(), Context::for_library(kPlugins / "factpipe-quotes.so"));
  Document d = document_from_text("many", test::many_quotations(n));
  seg.process(d);
  ent.process(d);
  for (auto _ : state) quo.process(d);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(d.text.size()));
  state.counters["quotes"] = static_cast<double>(d.quotes.size());
  state.SetComplexityN(state.range(0));
}

void BM_EntitiesAndQuotes(benchmark::State& state) { run(state, true, true); }
// the rules alone, without the learned speaker ranker: what the ranker costs
void BM_EntitiesAndQuotesRulesOnly(benchmark::State& state) {
  run(state, true, true, Json{{"speaker_model", ""}, {"indirect_model", ""}});
}
// with the opt-in learned indirect-speech finder: what it costs
void BM_EntitiesAndQuotesIndirectFinder(benchmark::State& state) {
  run(state, true, true, Json{{"indirect_model", "indirect_model.tsv"}});
}
void BM_EntitiesOnly(benchmark::State& state) { run(state, true, false); }
void BM_QuotesOnly(benchmark::State& state) { run(state, false, true); }

}  // namespace

BENCHMARK(BM_EntitiesAndQuotes)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EntitiesAndQuotesRulesOnly)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EntitiesAndQuotesIndirectFinder)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EntitiesOnly)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_QuotesOnly)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_QuotesManyQuotations)->RangeMultiplier(4)->Range(256, 16384)->Unit(benchmark::kMillisecond)->Complexity();
BENCHMARK_MAIN();
