#pragma once
// Hashed sparse features (the "hashing trick"): a feature is a name, hashed into a fixed space of 2^bits
// indices, so no vocabulary is built from data and nothing leaks between training and test folds.
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace factpipe::claims {

inline constexpr unsigned kHashBits = 18;

struct SparseFeature {
  int index = 0;  // 1-based, as liblinear expects
  double value = 0.0;
};

class FeatureVector {
 public:
  // Adds 1 to the indicator feature named by the parts, e.g. add("u", word) or add("b", w1, w2);
  // a feature added twice counts 2.
  void add(std::string_view group) { add_hash(mix(seed(), group)); }
  void add(std::string_view group, std::string_view a) { add_hash(mix(mix(seed(), group), a)); }
  void add(std::string_view group, std::string_view a, std::string_view b) {
    add_hash(mix(mix(mix(seed(), group), a), b));
  }
  // Sorted by index, duplicates summed, scaled to unit length (so long and short sentences compare).
  std::vector<SparseFeature> finish() &&;

 private:
  static constexpr std::uint64_t seed() { return 1469598103934665603ull; }
  static std::uint64_t mix(std::uint64_t h, std::string_view s) {
    for (unsigned char c : s) { h ^= c; h *= 1099511628211ull; }
    h ^= 0x1f;  // separator, so ("ab","c") and ("a","bc") differ
    return h * 1099511628211ull;
  }
  void add_hash(std::uint64_t h) {
    h ^= h >> 29;  // fold high bits in: FNV's low bits alone are weak
    raw_.push_back(static_cast<std::uint32_t>(h & ((1u << kHashBits) - 1)) + 1);
  }
  std::vector<std::uint32_t> raw_;  // hashed indices; sorting plain integers is what makes finish() cheap
};

}  // namespace factpipe::claims
