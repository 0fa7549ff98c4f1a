#include "feature_vector.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace factpipe::claims {
namespace {

// LSD radix sort of the packed (index << 2 | group) keys, 3 passes of 7 bits: with character n-grams a
// sentence has hundreds of keys and std::sort was a third of the stage's time.
constexpr unsigned kRadixBits = 7, kRadixPasses = 3;
static_assert(kHashBits + 1 + 2 <= kRadixBits * kRadixPasses, "packed keys must fit the radix passes");

void radix_sort(std::vector<std::uint32_t>& keys) {
  // The scratch buffer lives as long as the thread: one allocation per worker, not one per sentence.
  thread_local std::vector<std::uint32_t> tmp;
  tmp.resize(keys.size());
  for (unsigned pass = 0; pass < kRadixPasses; ++pass) {
    const unsigned shift = pass * kRadixBits;
    std::array<std::uint32_t, (1u << kRadixBits) + 1> start{};
    for (auto k : keys) ++start[((k >> shift) & ((1u << kRadixBits) - 1)) + 1];
    for (std::size_t b = 1; b < start.size(); ++b) start[b] += start[b - 1];
    for (auto k : keys) tmp[start[(k >> shift) & ((1u << kRadixBits) - 1)]++] = k;
    keys.swap(tmp);
  }
}

}  // namespace

std::vector<SparseFeature> FeatureVector::finish(const GroupWeighting& weighting) && {
  radix_sort(raw_);
  std::vector<SparseFeature> out;
  out.reserve(raw_.size());
  auto term = [&](std::uint32_t group, double count) {
    if (count == 1.0 || !weighting.log_tf) return weighting.scale[group] * count;  // most features: no log
    return weighting.scale[group] * (1.0 + std::log(count));
  };
  // raw_ is sorted by (index, group): runs of one value are one feature of one group.
  for (std::size_t i = 0; i < raw_.size();) {
    std::size_t j = i;
    while (j < raw_.size() && raw_[j] == raw_[i]) ++j;
    int index = static_cast<int>(raw_[i] >> 2);
    double v = term(raw_[i] & 3u, static_cast<double>(j - i));
    if (!out.empty() && out.back().index == index) out.back().value += v;
    else out.push_back({index, v});
    i = j;
  }
  double norm = 0.0;
  for (auto& f : out) norm += f.value * f.value;
  if (norm > 0.0) {
    double inv = 1.0 / std::sqrt(norm);
    for (auto& f : out) f.value *= inv;
  }
  return out;
}

std::vector<SparseFeature> FeatureVector::finish_counts() && {
  radix_sort(raw_);
  std::vector<SparseFeature> out;
  for (std::size_t i = 0; i < raw_.size();) {
    std::size_t j = i;
    while (j < raw_.size() && raw_[j] == raw_[i]) ++j;
    int index = static_cast<int>(raw_[i] >> 2);
    if (!out.empty() && out.back().index == index) out.back().value += static_cast<double>(j - i);
    else out.push_back({index, static_cast<double>(j - i)});
    i = j;
  }
  return out;
}

}  // namespace factpipe::claims
