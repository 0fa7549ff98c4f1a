#include "checkworthiness_model.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace factpipe::claims {

CheckworthinessModel::CheckworthinessModel(ModelInfo info, std::vector<float> weights, double bias)
    : info_(std::move(info)), weights_(std::move(weights)), bias_(bias) {
  weights_.resize((std::size_t{1} << info_.hash_bits) + 1, 0.0f);
}

double CheckworthinessModel::decision(const std::vector<SparseFeature>& x) const {
  double z = bias_;
  for (const auto& f : x)
    if (f.index > 0 && static_cast<std::size_t>(f.index) < weights_.size())
      z += weights_[static_cast<std::size_t>(f.index)] * f.value;
  return z;
}

double CheckworthinessModel::probability(const std::vector<SparseFeature>& x) const {
  return 1.0 / (1.0 + std::exp(-decision(x)));
}

std::string CheckworthinessModel::to_text() const {
  std::string out;
  char buf[64];
  out += "factpipe-claims-model 1\n";
  out += "# Check-worthiness model of the factpipe claims stage: logistic regression over hashed features.\n";
  out += "# Reproduce with the command below (see plugins/claims/README.md).\n";
  out += "feature_set " + info_.feature_set + "\n";
  out += "hash_bits " + std::to_string(info_.hash_bits) + "\n";
  out += "solver " + info_.solver + "\n";
  out += "training " + info_.training + "\n";
  out += "command " + info_.command + "\n";
  std::snprintf(buf, sizeof buf, "threshold %.6f\n", info_.threshold);
  out += buf;
  std::snprintf(buf, sizeof buf, "recall_threshold %.6f\n", info_.recall_threshold);
  out += buf;
  std::snprintf(buf, sizeof buf, "bias %.9g\n", bias_);
  out += buf;
  std::size_t nonzero = 0;
  for (std::size_t i = 1; i < weights_.size(); ++i) nonzero += weights_[i] != 0.0f;
  out += "weights " + std::to_string(nonzero) + "\n";
  for (std::size_t i = 1; i < weights_.size(); ++i) {
    if (weights_[i] == 0.0f) continue;
    std::snprintf(buf, sizeof buf, "%zu %.7g\n", i, static_cast<double>(weights_[i]));
    out += buf;
  }
  return out;
}

void CheckworthinessModel::save(const std::filesystem::path& file) const {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("claims: cannot write model file " + file.string());
  out << to_text();
  if (!out) throw std::runtime_error("claims: error writing model file " + file.string());
}

CheckworthinessModel CheckworthinessModel::load(const std::filesystem::path& file,
                                                const std::string& expected_feature_set) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("claims: cannot read model file " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw std::runtime_error("claims: cannot read model file " + file.string());
  return from_text(text.str(), file.string(), expected_feature_set);
}

CheckworthinessModel CheckworthinessModel::from_text(std::string_view text, const std::string& name,
                                                     const std::string& expected_feature_set) {
  std::istringstream in{std::string(text)};
  auto fail = [&](std::size_t line, const std::string& what) -> void {
    throw std::runtime_error("claims: model file " + name + ":" + std::to_string(line) + ": " + what);
  };
  std::string line;
  std::size_t line_no = 0;
  auto next_line = [&]() -> bool {
    while (std::getline(in, line)) {
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty() || line[0] == '#') continue;
      return true;
    }
    return false;
  };
  const bool have_first_line = next_line();
  if (have_first_line && line == "factpipe-claims-model 2")
    fail(line_no,
         "format 2 (boosted trees stacked on the linear model) is an experiment of research/claims: the "
         "stage reads format 1");
  if (!have_first_line || line != "factpipe-claims-model 1")
    fail(line_no, "not a factpipe claims model (expected first line 'factpipe-claims-model 1')");
  ModelInfo info;
  double bias = 0.0;
  bool have_bias = false, have_threshold = false, have_recall_threshold = false;
  std::size_t count = 0;
  bool have_weights = false;
  while (!have_weights && next_line()) {
    auto space = line.find(' ');
    std::string key = line.substr(0, space);
    std::string value = space == std::string::npos ? "" : line.substr(space + 1);
    char* end = nullptr;
    if (key == "feature_set") info.feature_set = value;
    else if (key == "solver") info.solver = value;
    else if (key == "training") info.training = value;
    else if (key == "command") info.command = value;
    else if (key == "hash_bits") {
      long bits = std::strtol(value.c_str(), &end, 10);
      if (end == value.c_str() || *end || bits < 1 || bits > 28) fail(line_no, "bad hash_bits '" + value + "'");
      info.hash_bits = static_cast<unsigned>(bits);
    } else if (key == "threshold") {
      info.threshold = std::strtod(value.c_str(), &end);
      if (end == value.c_str() || *end || !(info.threshold >= 0.0 && info.threshold <= 1.0))
        fail(line_no, "bad threshold '" + value + "' (a probability in [0,1])");
      have_threshold = true;
    } else if (key == "recall_threshold") {
      info.recall_threshold = std::strtod(value.c_str(), &end);
      if (end == value.c_str() || *end || !(info.recall_threshold >= 0.0 && info.recall_threshold <= 1.0))
        fail(line_no, "bad recall_threshold '" + value + "' (a probability in [0,1])");
      have_recall_threshold = true;
    } else if (key == "bias") {
      bias = std::strtod(value.c_str(), &end);
      if (end == value.c_str() || *end || !std::isfinite(bias)) fail(line_no, "bad bias '" + value + "'");
      have_bias = true;
    } else if (key == "weights") {
      unsigned long long c = std::strtoull(value.c_str(), &end, 10);
      if (end == value.c_str() || *end) fail(line_no, "bad weights count '" + value + "'");
      count = static_cast<std::size_t>(c);
      have_weights = true;
    } else {
      fail(line_no, "unknown key '" + key + "'");
    }
  }
  if (!have_weights) fail(line_no, "missing 'weights' section");
  if (info.feature_set.empty()) fail(line_no, "missing 'feature_set'");
  if (!have_bias || !have_threshold || !have_recall_threshold)
    fail(line_no, "missing 'bias', 'threshold' or 'recall_threshold'");
  if (!expected_feature_set.empty() && info.feature_set != expected_feature_set)
    throw std::runtime_error("claims: model file " + name + " was trained for feature set '" + info.feature_set +
                             "' but this build extracts '" + expected_feature_set +
                             "': retrain it with factpipe-train-claims (see plugins/claims/README.md)");
  std::vector<float> weights((std::size_t{1} << info.hash_bits) + 1, 0.0f);
  std::size_t previous = 0;
  for (std::size_t k = 0; k < count; ++k) {
    if (!next_line()) fail(line_no, "expected " + std::to_string(count) + " weights, found " + std::to_string(k));
    const char* p = line.c_str();
    char* end = nullptr;
    unsigned long long index = std::strtoull(p, &end, 10);
    if (end == p || *end != ' ') fail(line_no, "expected '<index> <weight>', got '" + line + "'");
    const char* q = end + 1;
    double w = std::strtod(q, &end);
    if (end == q || *end || !std::isfinite(w)) fail(line_no, "bad weight in '" + line + "'");
    if (index == 0 || index >= weights.size() || index <= previous)
      fail(line_no, "index " + std::to_string(index) + " out of range or not increasing");
    weights[index] = static_cast<float>(w);
    previous = index;
  }
  if (next_line()) fail(line_no, "unexpected content after the weights: '" + line.substr(0, 40) + "'");
  return CheckworthinessModel(std::move(info), std::move(weights), bias);
}

}  // namespace factpipe::claims
