// Segmenter throughput on real news text (target >= 25 MB/s per core): the PolNeAR texts from
// ../shared/datasets (skipped with a message when absent) and the bundled example articles.
//   build-segmenter/bin/segmenter_bench [--benchmark_repetitions=5]
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <factpipe/host/stage_config.hpp>
#include "segmenter.hpp"
#include "segmenter_stage.hpp"

namespace fs = std::filesystem;
using namespace factpipe::segmenter;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> read_texts(const std::vector<fs::path>& dirs) {
  std::vector<fs::path> files;
  for (const auto& dir : dirs) {
    if (!fs::exists(dir)) continue;
    for (const auto& e : fs::directory_iterator(dir))
      if (e.path().extension() == ".txt") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> texts;
  for (const auto& f : files) texts.push_back(read_file(f));
  return texts;
}

const Segmenter& segmenter(bool tokens = true) {
  static const BoundaryLexicon lexicon =
      BoundaryLexicon::load_dir(fs::path(FACTPIPE_PLUGIN_DIR) / "factpipe-segmenter.data");
  static const Segmenter with_tokens(lexicon, Options{ParagraphBreaks::automatic, true});
  static const Segmenter without_tokens(lexicon, Options{ParagraphBreaks::automatic, false});
  return tokens ? with_tokens : without_tokens;
}

// One document at a time, as the pipeline calls it; storage reused like a long-running worker.
void run(benchmark::State& state, const std::vector<std::string>& texts, bool tokens) {
  if (texts.empty()) {
    state.SkipWithError("no texts found (see the benchmark's source for the folders it reads)");
    return;
  }
  std::size_t bytes = 0, sentences = 0, token_count = 0;
  for (const auto& t : texts) bytes += t.size();
  Segmentation out;
  for (auto _ : state) {
    for (const auto& t : texts) {
      segmenter(tokens).segment(t, out);
      sentences += out.sentences.size();
      token_count += out.tokens.size();
      benchmark::DoNotOptimize(out.sentences.data());
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes * state.iterations()));
  state.counters["docs"] = static_cast<double>(texts.size());
  state.counters["MB"] = static_cast<double>(bytes) / 1e6;
  state.counters["sentences/doc"] =
      static_cast<double>(sentences) / static_cast<double>(texts.size() * state.iterations());
  state.counters["tokens/doc"] =
      static_cast<double>(token_count) / static_cast<double>(texts.size() * state.iterations());
}

const std::vector<std::string>& polnear() {
  static const auto texts = read_texts({fs::path(FACTPIPE_SHARED_DIR) / "datasets/polnear/train/text",
                                        fs::path(FACTPIPE_SHARED_DIR) / "datasets/polnear/dev/text"});
  return texts;
}

const std::vector<std::string>& examples() {
  static const auto texts = read_texts({fs::path(FACTPIPE_SOURCE_DIR) / "examples/articles"});
  return texts;
}

// The whole stage as the host runs it: UTF-8 validation, segmentation, layers moved into the document.
void BM_Stage_PolNeAR(benchmark::State& state) {
  const auto& texts = polnear();
  if (texts.empty()) {
    state.SkipWithError("no PolNeAR texts");
    return;
  }
  SegmenterStage stage;
  factpipe::host::configure_stage(
      stage, factpipe::Json::object(),
      factpipe::Context::for_library(fs::path(FACTPIPE_PLUGIN_DIR) / "factpipe-segmenter.so"));
  std::size_t bytes = 0;
  for (const auto& t : texts) bytes += t.size();
  std::vector<factpipe::Document> docs;
  for (std::size_t i = 0; i < texts.size(); ++i) docs.emplace_back(std::to_string(i), texts[i]);
  for (auto _ : state)
    for (auto& d : docs) {
      stage.process(d);
      benchmark::DoNotOptimize(d.tokens.data());
    }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes * state.iterations()));
}

void BM_Segment_PolNeAR(benchmark::State& state) { run(state, polnear(), true); }
void BM_Segment_PolNeAR_NoTokens(benchmark::State& state) { run(state, polnear(), false); }
void BM_Segment_ExampleArticles(benchmark::State& state) { run(state, examples(), true); }

}  // namespace

BENCHMARK(BM_Segment_PolNeAR)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Segment_PolNeAR_NoTokens)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Stage_PolNeAR)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Segment_ExampleArticles)->Unit(benchmark::kMicrosecond);

int main(int argc, char** argv) {
  if (polnear().empty())
    std::cerr << "segmenter_bench: PolNeAR texts not found under " << FACTPIPE_SHARED_DIR
              << "/datasets/polnear/{train,dev}/text: skipping those benchmarks\n";
  if (examples().empty()) std::cerr << "segmenter_bench: no examples/articles/*.txt: skipping that benchmark\n";
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
