#include "stage_throughput.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>
#include <vector>

#include "checkworthiness_model.hpp"
#include "claims_stage.hpp"
#include "plain_sentences.hpp"

namespace factpipe::claims {

void print_stage_throughput(const std::filesystem::path& polnear, const std::filesystem::path& data_dir) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  for (auto sub : {"train/text", "dev/text"})
    if (fs::exists(polnear / sub))
      for (auto& e : fs::directory_iterator(polnear / sub)) files.push_back(e.path());
  if (files.empty()) {
    std::printf("Claims stage throughput: skipped, no PolNeAR texts under %s\n", polnear.string().c_str());
    return;
  }
  std::sort(files.begin(), files.end());
  std::vector<Document> docs;
  std::size_t bytes = 0;
  for (auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    Document d(f.stem().string(), ss.str());
    add_plain_sentences(d);
    d.add_layer("entities");
    d.add_layer("quotes");
    bytes += d.text.size();
    docs.push_back(std::move(d));
  }
  FeatureExtractor extractor = FeatureExtractor::from_data_dir(data_dir);
  auto model = CheckworthinessModel::load(data_dir / "checkworthiness.model", extractor.signature());
  ClaimsStage stage;
  stage.configure(ClaimsConfig{}, std::move(extractor), std::move(model));
  std::size_t claims = 0, sentences = 0, rounds = 0;
  // CPU time of this (single-threaded) process: the machine may be shared, and the target is per core.
  auto t0 = std::chrono::steady_clock::now();
  std::clock_t c0 = std::clock();
  double seconds = 0, cpu = 0;
  do {
    for (auto& d : docs) {
      stage.process(d);
      claims += d.claims.size();
      sentences += d.sentences.size();
    }
    ++rounds;
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    cpu = double(std::clock() - c0) / CLOCKS_PER_SEC;
  } while (cpu < 2.0);
  std::printf(
      "Claims stage throughput on PolNeAR (%zu texts, %.1f MB, plain full-stop sentences, one thread):\n"
      "  %.1f MB/s per core (CPU time; %.1f MB/s wall clock), %.0f sentences/s, %.1f claims per text\n",
      docs.size(), double(bytes) / 1e6, double(bytes) * double(rounds) / cpu / 1e6,
      double(bytes) * double(rounds) / seconds / 1e6, double(sentences) / cpu,
      double(claims) / double(rounds) / double(docs.size()));
}

}  // namespace factpipe::claims
