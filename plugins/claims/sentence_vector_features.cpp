#include "sentence_vector_features.hpp"

#include <stdexcept>
#include <string>

namespace factpipe::claims {

void append_sentence_vector(std::vector<SparseFeature>& x, std::span<const float> v) {
  if (v.size() != kSentenceVectorDimension)
    throw std::invalid_argument("claims: sentence vector of " + std::to_string(v.size()) + " values, expected " +
                                std::to_string(kSentenceVectorDimension));
  x.reserve(x.size() + v.size());
  for (std::size_t j = 0; j < v.size(); ++j)
    x.push_back({kSentenceVectorBase + static_cast<int>(j), static_cast<double>(v[j])});
}

}  // namespace factpipe::claims
