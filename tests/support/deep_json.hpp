#pragma once
// JSON nested deeper than any limit, built without recursion (for the depth-limit tests).
#include <cstddef>
#include <string>

#include <factpipe/document.hpp>

namespace factpipe::test {

// [[[...]]]: `depth` levels of arrays.
inline Json nested_arrays(std::size_t depth) {
  Json j = Json::array();
  for (std::size_t i = 1; i < depth; ++i) {
    Json outer = Json::array();
    outer.push_back(std::move(j));
    j = std::move(outer);
  }
  return j;
}

// The same as JSON text.
inline std::string nested_arrays_text(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

}  // namespace factpipe::test
