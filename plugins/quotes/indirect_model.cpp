#include "indirect_model.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "model_file.hpp"

namespace factpipe::quotes {

const CueCount* IndirectModel::cue_word(std::string_view word) const {
  auto it = lexicon.find(word);
  if (it == lexicon.end() || it->second.seen < min_count || rate(it->second) < min_rate) return nullptr;
  return &it->second;
}

std::string indirect_feature_name(std::size_t i) {
  constexpr std::size_t n = kIndirectBaseFeatures;
  std::string name = kIndirectFeatureNames[i % n];
  if (i < n) return name;
  return kIndirectFeatureNames[kIndirectCrosses[i / n - 1]] + ("*" + name);
}

IndirectFeatures IndirectModel::features(const IndirectStageFeatures& x, const CueCount& c) {
  constexpr std::size_t n = kIndirectBaseFeatures;
  IndirectFeatures f{};
  for (std::size_t i = 0; i < kIndirectStageFeatures; ++i) f[i] = x[i];
  double r = rate(c);
  f[kIndirectStageFeatures] = std::log(r / (1 - std::min(r, 0.999)));
  f[kIndirectStageFeatures + 1] = std::log1p(c.seen);
  for (std::size_t k = 0; k < std::size(kIndirectCrosses); ++k)
    for (std::size_t i = 0; i < n; ++i) f[(k + 1) * n + i] = f[i] * f[kIndirectCrosses[k]];
  return f;
}

double IndirectModel::probability(const IndirectFeatures& x, std::string_view word, bool after) const {
  double s = 0;
  for (std::size_t i = 0; i < kIndirectFeatureCount; ++i) s += weights[i] * x[i];
  if (auto it = word_weights.find(word); it != word_weights.end()) s += it->second[after ? 1 : 0];
  return 1 / (1 + std::exp(-s));
}

IndirectModel IndirectModel::load(const std::filesystem::path& file) {
  ModelFileReader in(file, "indirect speech model");
  IndirectModel m;
  std::vector<std::string> f;
  std::size_t n = 0;
  while (in.next(f)) {
    const std::string& kind = f[0];
    if ((kind == "threshold" || kind == "min_rate" || kind == "min_count") && f.size() == 2) {
      (kind == "threshold" ? m.threshold : kind == "min_rate" ? m.min_rate : m.min_count) = in.number(f[1]);
    } else if (kind == "w" && f.size() == 3) {
      in.expect_feature(n, kIndirectFeatureCount, f[1], n < kIndirectFeatureCount ? indirect_feature_name(n) : "");
      m.weights[n++] = in.number(f[2]);
    } else if (kind == "ws" && f.size() == 4) {
      m.word_weights[f[1]] = {in.number(f[2]), in.number(f[3])};
    } else if (kind == "lex" && f.size() == 4) {
      m.lexicon[f[1]] = {in.number(f[2]), in.number(f[3])};
    } else {
      in.fail("expected threshold / min_rate / min_count / w / ws / lex line");
    }
  }
  in.expect_feature_count(n, kIndirectFeatureCount);
  m.loaded = true;
  return m;
}

void IndirectModel::save(const std::filesystem::path& file, const std::vector<std::string>& header) const {
  std::ofstream out = create_model_file(file, header);
  out << "threshold\t" << threshold << "\nmin_rate\t" << min_rate << "\nmin_count\t" << min_count << "\n";
  for (std::size_t i = 0; i < kIndirectFeatureCount; ++i)
    out << "w\t" << indirect_feature_name(i) << "\t" << weights[i] << "\n";
  // sorted, so that a retrained file differs from the last one only where the model does
  std::vector<std::string> words;
  for (const auto& [w, _] : word_weights) words.push_back(w);
  std::sort(words.begin(), words.end());
  for (const auto& w : words)
    out << "ws\t" << w << "\t" << word_weights.at(w)[0] << "\t" << word_weights.at(w)[1] << "\n";
  words.clear();
  for (const auto& [w, c] : lexicon)
    if (c.seen >= min_count && rate(c) >= min_rate) words.push_back(w);
  std::sort(words.begin(), words.end());
  for (const auto& w : words) out << "lex\t" << w << "\t" << lexicon.at(w).cue << "\t" << lexicon.at(w).seen << "\n";
  finish_model_file(out, file);
}

std::vector<std::size_t> select_indirect(const std::vector<ScoredSpan>& proposals, double threshold) {
  std::vector<std::size_t> order(proposals.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return proposals[a].p > proposals[b].p; });
  std::vector<std::size_t> taken;
  std::map<std::size_t, std::size_t> used;  // start -> end of the spans taken (they never overlap)
  for (std::size_t i : order) {
    const ScoredSpan& s = proposals[i];
    if (s.p < threshold) break;
    auto next = used.lower_bound(s.start);
    if (next != used.end() && next->first < s.end) continue;
    if (next != used.begin() && std::prev(next)->second > s.start) continue;
    used.emplace(s.start, s.end);
    taken.push_back(i);
  }
  return taken;
}

}  // namespace factpipe::quotes
