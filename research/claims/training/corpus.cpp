#include "corpus.hpp"

#include "datasets.hpp"
#include "experiment_features.hpp"
#include "sentence_vector_features.hpp"

namespace factpipe::claims {

std::size_t Corpus::clef_sentences() const {
  std::size_t n = 0;
  for (auto& d : debates) n += d.size();
  return n;
}

Corpus load_corpus(const std::filesystem::path& datasets, const FeatureExtractor& extractor,
                   const std::filesystem::path& vector_cache) {
  auto claimbuster = read_claimbuster(datasets / "claimbuster" / "train.json");
  auto debates = read_clef_training(datasets / "clef2019-checkworthiness" / "training");
  std::unordered_map<std::string, std::vector<float>> vectors;
  if (extractor.options().sentence_vector) {
    std::vector<std::string> texts;
    texts.reserve(claimbuster.size());
    for (auto& s : claimbuster) texts.push_back(s.text);
    for (auto& d : debates)
      for (auto& s : d.sentences) texts.push_back(s.text);
    vectors = sentence_vectors(texts, vector_cache);
  }
  auto example = [&](const LabeledSentence& s, bool calibrate) {
    auto a = extractor.analyze(s.text);
    TrainingExample e{extractor.extract(a), s.label, calibrate, hand_features(extractor, a)};
    if (!vectors.empty()) append_sentence_vector(e.x, vectors.at(s.text));
    return e;
  };
  Corpus c;
  for (auto& s : claimbuster) c.claimbuster.push_back(example(s, true));
  for (auto& d : debates) {
    c.debate_names.push_back(d.name);
    auto& out = c.debates.emplace_back();
    for (auto& s : d.sentences) out.push_back(example(s, false));
  }
  return c;
}

ModelInfo model_info(const FeatureExtractor& extractor) {
  ModelInfo info;
  info.feature_set = extractor.signature();
  if (extractor.options().sentence_vector) info.hash_bits = kSentenceVectorHashBits;
  return info;
}

}  // namespace factpipe::claims
