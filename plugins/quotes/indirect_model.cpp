#include "indirect_model.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <numeric>
#include <sstream>
#include <stdexcept>

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
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read indirect speech model " + file.string());
  IndirectModel m;
  std::string line;
  std::size_t lineno = 0, n = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (line.empty() || line[0] == '#') continue;
    auto fail = [&](const std::string& why) {
      throw std::runtime_error(file.string() + ":" + std::to_string(lineno) + ": " + why);
    };
    std::vector<std::string> f;
    std::istringstream ls(line);
    for (std::string s; std::getline(ls, s, '\t');) f.push_back(s);
    auto num = [&](const std::string& s) {
      std::size_t used = 0;
      double v = 0;
      try {
        v = std::stod(s, &used);
      } catch (const std::exception&) {
        fail("bad number '" + s + "'");
      }
      if (used != s.size() || !std::isfinite(v)) fail("bad number '" + s + "'");
      return v;
    };
    const std::string& kind = f[0];
    if ((kind == "threshold" || kind == "min_rate" || kind == "min_count") && f.size() == 2) {
      (kind == "threshold" ? m.threshold : kind == "min_rate" ? m.min_rate : m.min_count) = num(f[1]);
    } else if (kind == "w" && f.size() == 3) {
      if (n >= kIndirectFeatureCount) fail("more features than this build knows; retrain the model");
      if (f[1] != indirect_feature_name(n)) {
        std::string why = "feature '";
        why += f[1];
        why += "' where this build expects '";
        why += indirect_feature_name(n);
        why += "'; retrain the model";
        fail(why);
      }
      m.weights[n++] = num(f[2]);
    } else if (kind == "ws" && f.size() == 4) {
      m.word_weights[f[1]] = {num(f[2]), num(f[3])};
    } else if (kind == "lex" && f.size() == 4) {
      m.lexicon[f[1]] = {num(f[2]), num(f[3])};
    } else {
      fail("expected threshold / min_rate / min_count / w / ws / lex line");
    }
  }
  if (n != kIndirectFeatureCount)
    throw std::runtime_error(file.string() + ": " + std::to_string(n) + " features, this build expects " +
                             std::to_string(kIndirectFeatureCount) + "; retrain the model");
  m.loaded = true;
  return m;
}

void IndirectModel::save(const std::filesystem::path& file, const std::vector<std::string>& header) const {
  std::ofstream out(file);
  if (!out) throw std::runtime_error("cannot write " + file.string());
  for (const auto& h : header) out << "# " << h << "\n";
  out.precision(9);
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
  if (!out) throw std::runtime_error("cannot write " + file.string());
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
