#pragma once
// Hashed sparse features (the "hashing trick"): a feature is a name, hashed into a fixed space of 2^bits
// indices, so no vocabulary is built from data and nothing leaks between training and test folds.
// Features belong to a group (word n-grams, character n-grams, hand-made features); finish() weighs each
// group by its own scale, so a large group (character n-grams) does not drown a small one in the L2 norm.
#include <array>
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

enum class FeatureGroup : std::uint32_t { words = 0, chars = 1, hand = 2 };

struct GroupWeighting {
  std::array<double, 3> scale{1.0, 1.0, 1.0};  // per FeatureGroup, applied before the L2 normalisation
  bool log_tf = false;                         // a feature seen n times counts 1 + ln(n) instead of n
};

class FeatureVector {
 public:
  // Room for n features before the first reallocation.
  void reserve(std::size_t n) { raw_.reserve(n); }
  // Features added from now on belong to `g` (words until told otherwise).
  void set_group(FeatureGroup g) { group_ = static_cast<std::uint32_t>(g); }

  // Adds 1 to the indicator feature named by the parts, e.g. add("u", word) or add("b", w1, w2);
  // a feature added twice counts 2.
  void add(std::string_view group) { add_hash(mix(seed(), group)); }
  void add(std::string_view group, std::string_view a) { add_hash(mix(mix(seed(), group), a)); }
  void add(std::string_view group, std::string_view a, std::string_view b) {
    add_hash(mix(mix(mix(seed(), group), a), b));
  }
  void add(std::string_view group, std::string_view a, std::string_view b, std::string_view c) {
    add_hash(mix(mix(mix(mix(seed(), group), a), b), c));
  }
  // add(group, s) for every substring s of `text` of min_n..max_n bytes, hashing each start position once
  // (same indices as the add() calls, at a third of the work for 3..5-grams).
  void add_substrings(std::string_view group, std::string_view text, std::size_t min_n, std::size_t max_n) {
    const std::uint64_t g = mix(seed(), group);
    for (std::size_t i = 0; i + min_n <= text.size(); ++i) {
      std::uint64_t h = g;
      for (std::size_t n = 1; n <= max_n && i + n <= text.size(); ++n) {
        h = (h ^ static_cast<unsigned char>(text[i + n - 1])) * 1099511628211ull;
        if (n >= min_n) add_hash(((h ^ 0x1f) * 1099511628211ull));
      }
    }
  }
  // Sorted by index, duplicates summed (per group, then weighted), scaled to unit length (so long and
  // short sentences compare).
  std::vector<SparseFeature> finish(const GroupWeighting& weighting = {}) &&;
  // Sorted by index, duplicates summed, raw counts (no group scale, no log, no normalisation): the inputs of
  // the boosted trees, which split on counts.
  std::vector<SparseFeature> finish_counts() &&;

 private:
  static constexpr std::uint64_t seed() { return 1469598103934665603ull; }
  static std::uint64_t mix(std::uint64_t h, std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0x1f;  // separator, so ("ab","c") and ("a","bc") differ
    return h * 1099511628211ull;
  }
  void add_hash(std::uint64_t h) {
    h ^= h >> 29;  // fold high bits in: FNV's low bits alone are weak
    // index in the high bits, group in the low 2: sorting plain integers is what makes finish() cheap
    raw_.push_back(((static_cast<std::uint32_t>(h & ((1u << kHashBits) - 1)) + 1) << 2) | group_);
  }
  std::vector<std::uint32_t> raw_;
  std::uint32_t group_ = 0;
};

}  // namespace factpipe::claims
