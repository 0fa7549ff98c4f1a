#pragma once
// The sentence encoder's vector (factpipe::encoder: USE lite, 512-d, unit length) as dense features of the
// check-worthiness model, placed after the hashed ones (indices 2^kHashBits + 1 ... + 512), so a model that uses
// them has hash_bits kHashBits + 1. Opt-in (`claims.encoder`): encoding costs ~3 ms of CPU per sentence, far more
// than the rest of the stage. The trainer may scale these features in the fit; it folds the scale into the
// weights, so the stage appends the vector as it comes.
#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "feature_vector.hpp"

namespace factpipe::claims {

inline constexpr int kSentenceVectorBase = (1 << kHashBits) + 1;  // index of the vector's first component
inline constexpr std::size_t kSentenceVectorDimension = 512;
inline constexpr unsigned kSentenceVectorHashBits = kHashBits + 1;         // hash_bits of a model with the vector
inline constexpr std::string_view kSentenceVectorTag = "+use-lite-0.2.0";  // in the feature signature

inline bool is_sentence_vector_feature(int index) { return index >= kSentenceVectorBase; }

// Appends `v` (kSentenceVectorDimension values) to `x`, whose indices are all hashed ones: x stays sorted.
// Throws std::invalid_argument when v has another size.
void append_sentence_vector(std::vector<SparseFeature>& x, std::span<const float> v);

}  // namespace factpipe::claims
