#include "corpus.hpp"

#include "datasets.hpp"
#include "experiment_features.hpp"

namespace factpipe::claims {

std::size_t Corpus::clef_sentences() const {
  std::size_t n = 0;
  for (auto& d : debates) n += d.size();
  return n;
}

Corpus load_corpus(const std::filesystem::path& datasets, const FeatureExtractor& extractor) {
  Corpus c;
  for (auto& s : read_claimbuster(datasets / "claimbuster" / "train.json")) {
    auto a = extractor.analyze(s.text);
    c.claimbuster.push_back({extractor.extract(a), s.label, true, hand_features(extractor, a)});
  }
  for (auto& d : read_clef_training(datasets / "clef2019-checkworthiness" / "training")) {
    c.debate_names.push_back(d.name);
    auto& out = c.debates.emplace_back();
    for (auto& s : d.sentences) {
      auto a = extractor.analyze(s.text);
      out.push_back({extractor.extract(a), s.label, false, hand_features(extractor, a)});
    }
  }
  return c;
}

}  // namespace factpipe::claims
