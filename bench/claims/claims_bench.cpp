// The claims stage alone (scoring every sentence, extracting claims) over the PolNeAR train+dev texts.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include <benchmark/benchmark.h>

#include "claims_stage.hpp"
#include "plain_sentences.hpp"
#ifdef FACTPIPE_CLAIMS_BENCH_SEGMENTER
#include <factpipe/host/stage_config.hpp>
#include "segmenter.hpp"
#endif

namespace fs = std::filesystem;
using namespace factpipe;

namespace {

struct Corpus {
  std::vector<Document> docs;  // segmented, with empty entity and quote layers
  std::size_t bytes = 0;
  std::string how;
};

const Corpus& corpus() {
  static const Corpus c = [] {
    Corpus out;
    // $FACTPIPE_SHARED_DIR, or ../shared next to the checkout (absent in a worktree)
    const char* shared = std::getenv("FACTPIPE_SHARED_DIR");
    fs::path root = fs::path(shared && *shared ? shared : FACTPIPE_SHARED_DIR) / "datasets/polnear";
    if (!fs::exists(root)) return out;
    std::vector<fs::path> files;
    for (auto sub : {"train/text", "dev/text"})
      if (fs::exists(root / sub))
        for (auto& e : fs::directory_iterator(root / sub)) files.push_back(e.path());
    std::sort(files.begin(), files.end());
#ifdef FACTPIPE_CLAIMS_BENCH_SEGMENTER
    auto seg = segmenter::Segmenter::from_data_dir(fs::path(FACTPIPE_PLUGIN_DIR) / "factpipe-segmenter.data");
    out.how = "segmenter sentences";
#else
    out.how = "plain full-stop sentences";
#endif
    for (auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      Document doc(f.stem().string(), ss.str());
#ifdef FACTPIPE_CLAIMS_BENCH_SEGMENTER
      seg.annotate(doc);
#else
      claims::add_plain_sentences(doc);
#endif
      doc.add_layer("entities");
      doc.add_layer("quotes");
      out.bytes += doc.text.size();
      out.docs.push_back(std::move(doc));
    }
    return out;
  }();
  return c;
}

void BM_ClaimsStage(benchmark::State& state) {
  const Corpus& c = corpus();
  if (c.docs.empty()) {
    state.SkipWithError("PolNeAR texts not present under ../shared/datasets/polnear");
    return;
  }
  claims::ClaimsStage stage;
  factpipe::host::configure_stage(stage, Json::object(),
                                  Context::for_library(fs::path(FACTPIPE_PLUGIN_DIR) / "factpipe-claims.so"));
  std::vector<Document> work = c.docs;
  std::size_t claims = 0;
  for (auto _ : state) {
    for (auto& d : work) {
      stage.process(d);
      claims += d.claims.size();
    }
  }
  benchmark::DoNotOptimize(claims);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * c.bytes));
  state.SetLabel(std::to_string(c.docs.size()) + " PolNeAR texts, " + std::to_string(c.bytes) + " bytes, " + c.how);
}
BENCHMARK(BM_ClaimsStage)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
