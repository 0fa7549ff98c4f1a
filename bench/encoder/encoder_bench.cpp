// The sentence encoder on sentences of about 45 pieces: one at a time, batched by length, latency per
// sentence (p50/p99) and the resident memory the loaded model adds; and one at a time on short claims of
// 10-25 pieces (a tweet or a pasted claim, as crossref encodes each claim it looks up).
#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <unistd.h>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <factpipe/encoder/sentence_encoder.hpp>

namespace fs = std::filesystem;
using factpipe::encoder::SentenceEncoder;

namespace {

constexpr std::size_t kMinPieces = 40, kMaxPieces = 50, kSentences = 256;
constexpr std::size_t kShortMin = 10, kShortMax = 25;

const SentenceEncoder* encoder() {
  static const std::unique_ptr<SentenceEncoder> loaded = [] {
    try {
      return SentenceEncoder::load(factpipe::encoder::default_model_dir());
    } catch (const factpipe::encoder::ModelError&) {
      return std::unique_ptr<SentenceEncoder>();
    }
  }();
  return loaded.get();
}

// Built-in claims, joined in pairs when a shorter sentence is needed to reach ~45 pieces.
const char* const kBuiltIn[] = {
    "The government says unemployment has fallen to its lowest level in nearly fifty years, but economists note that "
    "the figures leave out people who have stopped looking for work.",
    "According to the city council, bus fares will rise by an average of 4.5 per cent from January, the largest "
    "increase since the network was taken back into public ownership.",
    "The senator claimed that crime in the state's largest cities doubled over the last decade, although police "
    "records show violent offences falling in most of them since 2015.",
    "A spokesperson for the health ministry said more than 12 million people had received a booster dose by the end of "
    "March, well ahead of the target set in the autumn.",
    "Opposition leaders argue that the new tax on imported steel will cost manufacturers around 3 billion dollars a "
    "year and put thousands of factory jobs at risk.",
    "The report found that average rents in the capital rose by 11 per cent in twelve months, while wages grew by less "
    "than half that, pushing more families into debt.",
    "Scientists at the university said the glacier had lost a third of its volume since 1990 and could disappear "
    "entirely within the lifetime of today's schoolchildren.",
    "The prime minister told parliament that the country now generates more than 40 per cent of its electricity from "
    "wind and solar power, up from 7 per cent a decade ago.",
};

std::vector<std::string> sentences(std::size_t min_pieces, std::size_t max_pieces) {
  std::vector<std::string> pool;
  const fs::path claimbuster = fs::path(FACTPIPE_SHARED_DIR) / "datasets/claimbuster";
  if (fs::exists(claimbuster))
    for (const auto& entry : fs::directory_iterator(claimbuster)) {
      if (entry.path().extension() != ".json") continue;
      std::ifstream in(entry.path());
      const auto doc = nlohmann::json::parse(in, nullptr, false);
      if (doc.is_array())
        for (const auto& item : doc)
          if (item.contains("text") && item["text"].is_string()) pool.push_back(item["text"].get<std::string>());
    }
  if (pool.empty()) pool.assign(std::begin(kBuiltIn), std::end(kBuiltIn));
  std::vector<std::string> picked;
  for (const auto& text : pool) {
    const auto pieces = encoder()->tokenize(text).size();
    if (pieces >= min_pieces && pieces <= max_pieces) picked.push_back(text);
    if (picked.size() == kSentences) break;
  }
  return picked;
}

const std::vector<std::string>& corpus() {
  static const std::vector<std::string> texts =
      encoder() ? sentences(kMinPieces, kMaxPieces) : std::vector<std::string>{};
  return texts;
}

const std::vector<std::string>& short_claims() {
  static const std::vector<std::string> texts =
      encoder() ? sentences(kShortMin, kShortMax) : std::vector<std::string>{};
  return texts;
}

bool ready(benchmark::State& state) {
  if (!encoder()) {
    state.SkipWithError("sentence encoder model absent: run scripts/fetch-model.sh");
    return false;
  }
  if (corpus().empty()) {
    state.SkipWithError("no sentence of 40-50 pieces");
    return false;
  }
  return true;
}

double mean_pieces(const std::vector<std::string>& texts) {
  double total = 0;
  for (const auto& t : texts) total += static_cast<double>(encoder()->tokenize(t).size());
  return total / static_cast<double>(texts.size());
}

std::size_t resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::size_t pages_total = 0, pages_resident = 0;
  statm >> pages_total >> pages_resident;
  return pages_resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

double thread_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

double percentile(std::vector<double> values, int p) {
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1, values.size() * static_cast<std::size_t>(p) / 100)];
}

// Loads a second copy of the model and reports the resident memory it adds and the load time.
void BM_ModelMemory(benchmark::State& state) {
  if (!ready(state)) return;
  for (auto _ : state) {
    const std::size_t before = resident_bytes();
    const auto start = std::chrono::steady_clock::now();
    auto copy = SentenceEncoder::load(factpipe::encoder::default_model_dir());
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    state.counters["model_rss_mb"] = static_cast<double>(resident_bytes() - before) / (1024.0 * 1024.0);
    state.counters["load_ms"] = seconds * 1000.0;
    benchmark::DoNotOptimize(copy);
  }
}
BENCHMARK(BM_ModelMemory)->Iterations(1)->Unit(benchmark::kMillisecond);

// One sentence per call, as a stage encoding claims one by one would; latency percentiles over all calls.
void encode_one_by_one(benchmark::State& state, const std::vector<std::string>& texts) {
  if (!ready(state)) return;
  if (texts.empty()) {
    state.SkipWithError("no sentence of the length wanted");
    return;
  }
  std::vector<double> wall, cpu;
  std::size_t i = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    const double cpu_start = thread_cpu_ms();
    benchmark::DoNotOptimize(encoder()->encode(texts[i++ % texts.size()]));
    cpu.push_back(thread_cpu_ms() - cpu_start);
    wall.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  // Wall-clock latency depends on what else runs on the machine; CPU time per sentence does much less.
  state.counters["p50_ms"] = percentile(wall, 50);
  state.counters["p99_ms"] = percentile(wall, 99);
  state.counters["p50_cpu_ms"] = percentile(cpu, 50);
  state.counters["p99_cpu_ms"] = percentile(cpu, 99);
  state.counters["pieces"] = mean_pieces(texts);
}
void BM_EncodeOneByOne(benchmark::State& state) { encode_one_by_one(state, corpus()); }
void BM_EncodeShortClaim(benchmark::State& state) { encode_one_by_one(state, short_claims()); }
BENCHMARK(BM_EncodeOneByOne)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_EncodeShortClaim)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// encode_batch over batches of state.range(0) sentences; items/s is sentences per second on one core.
void BM_EncodeBatch(benchmark::State& state) {
  if (!ready(state)) return;
  const auto size = static_cast<std::size_t>(state.range(0));
  std::vector<std::string> batch;
  std::size_t i = 0;
  for (auto _ : state) {
    state.PauseTiming();
    batch.clear();
    for (std::size_t k = 0; k < size; ++k) batch.push_back(corpus()[i++ % corpus().size()]);
    state.ResumeTiming();
    benchmark::DoNotOptimize(encoder()->encode_batch(batch));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * size));
}
BENCHMARK(BM_EncodeBatch)->Arg(8)->Arg(32)->Arg(128)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
