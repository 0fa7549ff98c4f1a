#include "stacked_model.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace factpipe::claims {

namespace {

constexpr std::string_view kLinearHeader = "factpipe-claims-model 1\n";
constexpr std::string_view kStackedHeader = "factpipe-claims-model 2\n";

}  // namespace

double StackedModel::probability(const std::vector<SparseFeature>& x, const std::vector<SparseFeature>* hand) const {
  double z = linear_.decision(x);
  if (!trees_.empty()) {
    if (!hand) throw std::logic_error("claims: this model has trees: probability() needs the hand features");
    z = trees_.margin(z, *hand);
  }
  return 1.0 / (1.0 + std::exp(-z));
}

std::string StackedModel::to_text() const {
  std::string text = linear_.to_text();
  if (trees_.empty()) return text;
  text.replace(0, kLinearHeader.size(), kStackedHeader);
  return text + trees_.to_text();
}

void StackedModel::save(const std::filesystem::path& file) const {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("claims: cannot write model file " + file.string());
  out << to_text();
  if (!out) throw std::runtime_error("claims: error writing model file " + file.string());
}

StackedModel StackedModel::load(const std::filesystem::path& file, const std::string& expected_feature_set) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("claims: cannot read model file " + file.string());
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  const std::string name = file.string();
  if (!text.starts_with(kStackedHeader))
    return StackedModel(CheckworthinessModel::from_text(text, name, expected_feature_set));
  // The linear part ends where the trees begin; its header says version 1 to the stage's reader.
  std::size_t trees_at = text.find("\ntrees ");
  trees_at = trees_at == std::string::npos ? text.size() : trees_at + 1;
  std::string linear_text = text.substr(0, trees_at);
  linear_text.replace(0, kStackedHeader.size(), kLinearHeader);
  CheckworthinessModel linear = CheckworthinessModel::from_text(linear_text, name, expected_feature_set);

  std::istringstream rest(text.substr(trees_at));
  std::size_t line_no = static_cast<std::size_t>(std::count(linear_text.begin(), linear_text.end(), '\n'));
  std::string line;
  auto next_line = [&]() -> bool {
    while (std::getline(rest, line)) {
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty() || line[0] == '#') continue;
      return true;
    }
    return false;
  };
  auto fail = [&](const std::string& what) -> void {
    throw std::runtime_error("claims: model file " + name + ":" + std::to_string(line_no) + ": " + what);
  };
  unsigned long n = 0;
  double base = 0.0;
  char tail = 0;
  if (!next_line() || std::sscanf(line.c_str(), "trees %lu %lf %c", &n, &base, &tail) != 2 || n == 0 ||
      !std::isfinite(base))
    fail("expected 'trees <count> <base_margin>' after the weights (format version 2)");
  TreeEnsemble trees = TreeEnsemble::parse(n, base, next_line, line, fail);
  if (next_line()) fail("unexpected content after the trees: '" + line.substr(0, 40) + "'");
  return StackedModel(std::move(linear), std::move(trees));
}

}  // namespace factpipe::claims
