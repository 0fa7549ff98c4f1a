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

#include <factpipe/encoder/sentence_encoder.hpp>

namespace factpipe::claims {

void print_stage_throughput(const std::filesystem::path& polnear, const std::filesystem::path& data_dir,
                            bool with_encoder) {
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
  FeatureOptions options;
  options.sentence_vector = with_encoder;
  FeatureExtractor extractor = FeatureExtractor::from_data_dir(data_dir, options);
  ClaimsConfig config;
  config.encoder = with_encoder;
  auto model_file = data_dir / (with_encoder ? config.encoder_model : config.model);
  if (with_encoder && !fs::exists(model_file)) {
    std::printf(
        "Claims stage throughput with claims.encoder: skipped, no %s (factpipe-train-claims --sentence-vector 1)\n",
        model_file.string().c_str());
    return;
  }
  auto model = CheckworthinessModel::load(model_file, extractor.signature());
  std::shared_ptr<const encoder::SentenceEncoder> sentence_encoder;
  if (with_encoder) sentence_encoder = encoder::SentenceEncoder::load(encoder::default_model_dir());
  ClaimsStage stage;
  stage.configure(config, std::move(extractor), std::move(model), std::move(sentence_encoder));
  std::size_t claims = 0, sentences = 0, processed = 0, done = 0;
  // CPU time of this (single-threaded) process: the machine may be shared, and the target is per core. Documents
  // in turn until 2 s of CPU (with the encoder one pass over all of them would take minutes).
  auto t0 = std::chrono::steady_clock::now();
  std::clock_t c0 = std::clock();
  double seconds = 0, cpu = 0;
  do {
    auto& d = docs[done++ % docs.size()];
    stage.process(d);
    claims += d.claims.size();
    sentences += d.sentences.size();
    processed += d.text.size();
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    cpu = double(std::clock() - c0) / CLOCKS_PER_SEC;
  } while (cpu < 2.0 || (!with_encoder && done % docs.size() != 0));
  std::printf(
      "Claims stage throughput on PolNeAR (%zu texts, %.1f MB, plain full-stop sentences, one thread%s):\n"
      "  %.2f MB/s per core (CPU time; %.2f MB/s wall clock), %.0f sentences/s, %.1f claims per text\n",
      docs.size(), double(bytes) / 1e6, with_encoder ? ", claims.encoder: true" : "", double(processed) / cpu / 1e6,
      double(processed) / seconds / 1e6, double(sentences) / cpu, double(claims) / double(done));
}

}  // namespace factpipe::claims
