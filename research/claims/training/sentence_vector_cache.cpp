#include "sentence_vector_cache.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include <factpipe/encoder/sentence_encoder.hpp>

namespace factpipe::claims {

namespace {

// File: "fpvec1\n", then per text: uint32 byte length, the bytes, 512 float32 (host byte order: a local cache).
constexpr char kMagic[] = "fpvec1\n";
constexpr std::size_t kDim = encoder::SentenceEncoder::dimension;

void read_cache(const std::filesystem::path& file, std::unordered_map<std::string, std::vector<float>>& out) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return;
  char magic[sizeof kMagic - 1];
  if (!in.read(magic, sizeof magic) || std::string(magic, sizeof magic) != kMagic)
    throw std::runtime_error("sentence vector cache " + file.string() + ": not a cache file (delete it)");
  std::uint32_t n = 0;
  while (in.read(reinterpret_cast<char*>(&n), sizeof n)) {
    std::string text(n, '\0');
    std::vector<float> v(kDim);
    if (!in.read(text.data(), n) ||
        !in.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(kDim * sizeof(float))))
      throw std::runtime_error("sentence vector cache " + file.string() + ": truncated (delete it)");
    out.emplace(std::move(text), std::move(v));
  }
}

void write_cache(const std::filesystem::path& file, const std::unordered_map<std::string, std::vector<float>>& all) {
  auto tmp = file;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write sentence vector cache " + tmp.string());
    out.write(kMagic, sizeof kMagic - 1);
    for (auto& [text, v] : all) {
      auto n = static_cast<std::uint32_t>(text.size());
      out.write(reinterpret_cast<const char*>(&n), sizeof n);
      out.write(text.data(), n);
      out.write(reinterpret_cast<const char*>(v.data()), static_cast<std::streamsize>(kDim * sizeof(float)));
    }
    if (!out) throw std::runtime_error("cannot write sentence vector cache " + tmp.string());
  }
  std::filesystem::rename(tmp, file);
}

}  // namespace

std::filesystem::path default_vector_cache() {
  if (const char* env = std::getenv("FACTPIPE_CLAIMS_VECTOR_CACHE"); env && *env) return env;
  return "/tmp/factpipe-claims-use-lite-0.2.0.vectors";
}

std::unordered_map<std::string, std::vector<float>> sentence_vectors(const std::vector<std::string>& texts,
                                                                     const std::filesystem::path& cache,
                                                                     const std::filesystem::path& model_dir) {
  std::unordered_map<std::string, std::vector<float>> all;
  read_cache(cache, all);
  std::vector<std::string> missing;
  for (auto& t : texts)
    if (!all.count(t)) {
      all.emplace(t, std::vector<float>());  // placeholder: each text once
      missing.push_back(t);
    }
  if (missing.empty()) return all;
  auto encoder = encoder::SentenceEncoder::load(model_dir.empty() ? encoder::default_model_dir() : model_dir);
  std::fprintf(stderr, "encoding %zu sentences into %s ...\n", missing.size(), cache.string().c_str());
  constexpr std::size_t kChunk = 512;
  for (std::size_t i = 0; i < missing.size(); i += kChunk) {
    std::vector<std::string> chunk(missing.begin() + static_cast<std::ptrdiff_t>(i),
                                   missing.begin() + static_cast<std::ptrdiff_t>(std::min(missing.size(), i + kChunk)));
    auto vs = encoder->encode_batch(chunk);
    for (std::size_t k = 0; k < chunk.size(); ++k) all[chunk[k]] = std::move(vs[k]);
  }
  write_cache(cache, all);
  return all;
}

}  // namespace factpipe::claims
