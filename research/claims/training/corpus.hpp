#pragma once
// The two training sets, read and turned into feature vectors once, for the training and eval commands.
#include <filesystem>
#include <string>
#include <vector>

#include "feature_extractor.hpp"
#include "trainer.hpp"

namespace factpipe::claims {

struct Corpus {
  std::vector<TrainingExample> claimbuster;  // calibrate = true
  std::vector<std::string> debate_names;
  std::vector<std::vector<TrainingExample>> debates;  // CLEF-2019 training debates, calibrate = false
  std::size_t clef_sentences() const;
};

// `datasets` is ../shared/datasets: reads claimbuster/train.json and clef2019-checkworthiness/training/*.tsv.
Corpus load_corpus(const std::filesystem::path& datasets, const FeatureExtractor& extractor);

}  // namespace factpipe::claims
