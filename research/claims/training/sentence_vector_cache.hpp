#pragma once
// The sentence encoder's vectors of the training sentences, encoded once (~3 ms of CPU each, ~24k sentences) and
// kept in a file outside the repository (it holds the datasets' text), so every cross-validation run reuses them.
#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

namespace factpipe::claims {

// $FACTPIPE_CLAIMS_VECTOR_CACHE, else /tmp/factpipe-claims-use-lite-0.2.0.vectors.
std::filesystem::path default_vector_cache();

// The vector of every text, read from `cache` when there, else encoded with the model in `model_dir`
// (factpipe::encoder::default_model_dir() when empty; a missing model throws the encoder's "run
// scripts/fetch-model.sh" error) and the cache rewritten. Vectors are those of SentenceEncoder::encode.
std::unordered_map<std::string, std::vector<float>> sentence_vectors(const std::vector<std::string>& texts,
                                                                     const std::filesystem::path& cache,
                                                                     const std::filesystem::path& model_dir = {});

}  // namespace factpipe::claims
