// What the host adds per stage per document, around a stage that does nothing (target: < 2 µs).
//   BM_PipelinePerStage/N  N empty stages through Pipeline::process (the bridge call, timing, provenance,
//                          layers): the per_stage counter is the host's cost per stage per document
//   BM_BridgeCall          one StageInstance::process: the extern "C" call and the status check alone
#include <benchmark/benchmark.h>

#include <factpipe/host/pipeline.hpp>
#include <factpipe/host/plugin_library.hpp>
#include <factpipe/host/stage_instance.hpp>

using namespace factpipe;
using namespace factpipe::host;

namespace {

std::shared_ptr<const PluginLibrary> empty_plugin() {
  static auto lib = PluginLibrary::load(std::filesystem::path(FACTPIPE_FIXTURE_PLUGIN_DIR) / "factpipe-fx_empty.so");
  return lib;
}

Document sample_document() {
  std::string text;
  while (text.size() < 2000) text += "The council approved the bridge on Tuesday. ";
  return Document("bench", text);
}

void BM_PipelinePerStage(benchmark::State& state) {
  const auto stages = static_cast<std::size_t>(state.range(0));
  ValidatedPipeline v;
  v.name = "bench";
  v.file = "bench.yaml";
  for (std::size_t i = 0; i < stages; ++i)
    v.stages.push_back({"empty" + std::to_string(i), empty_plugin(), Json::object(), {}, ""});
  Pipeline pipeline(v, 1);
  std::vector<double> seconds(stages, 0.0);
  Document doc = sample_document();
  for (auto _ : state) {
    pipeline.process(doc, 0, seconds.data());
    benchmark::DoNotOptimize(doc.provenance.stages.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * doc.text.size()));
  state.counters["per_stage"] = benchmark::Counter(static_cast<double>(state.iterations() * stages),
                                                   benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_PipelinePerStage)->Arg(1)->Arg(5)->Arg(20);

void BM_BridgeCall(benchmark::State& state) {
  StageInstance stage(empty_plugin(), "empty", "");
  stage.configure(Json::object());
  Document doc = sample_document();
  for (auto _ : state) stage.process(doc);
}
BENCHMARK(BM_BridgeCall);

}  // namespace

BENCHMARK_MAIN();
