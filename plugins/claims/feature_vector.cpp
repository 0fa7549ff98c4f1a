#include "feature_vector.hpp"

#include <algorithm>
#include <cmath>

namespace factpipe::claims {

std::vector<SparseFeature> FeatureVector::finish() && {
  std::sort(raw_.begin(), raw_.end());
  std::vector<SparseFeature> out;
  out.reserve(raw_.size());
  for (auto index : raw_) {
    if (!out.empty() && out.back().index == static_cast<int>(index)) out.back().value += 1.0;
    else out.push_back({static_cast<int>(index), 1.0});
  }
  double norm = 0.0;
  for (auto& f : out) norm += f.value * f.value;
  if (norm > 0.0) {
    double inv = 1.0 / std::sqrt(norm);
    for (auto& f : out) f.value *= inv;
  }
  return out;
}

}  // namespace factpipe::claims
