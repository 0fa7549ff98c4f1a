#pragma once
// The two training sets, read and turned into feature vectors once, for the training and eval commands.
#include <filesystem>
#include <string>
#include <vector>

#include "feature_extractor.hpp"
#include "sentence_vector_cache.hpp"
#include "trainer.hpp"

namespace factpipe::claims {

struct Corpus {
  std::vector<TrainingExample> claimbuster;  // calibrate = true
  std::vector<std::string> debate_names;
  std::vector<std::vector<TrainingExample>> debates;  // CLEF-2019 training debates, calibrate = false
  std::size_t clef_sentences() const;
};

// `datasets` is ../shared/datasets: reads claimbuster/train.json and clef2019-checkworthiness/training/*.tsv.
// With extractor.options().sentence_vector, each row also gets the sentence encoder's vector, from
// `vector_cache` (sentence_vector_cache.hpp: encoded on the first run).
Corpus load_corpus(const std::filesystem::path& datasets, const FeatureExtractor& extractor,
                   const std::filesystem::path& vector_cache = default_vector_cache());

// The header fields a model of these features starts with: feature_set, and hash_bits (one more with the vector).
ModelInfo model_info(const FeatureExtractor& extractor);

}  // namespace factpipe::claims
