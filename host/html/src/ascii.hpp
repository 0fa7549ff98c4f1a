#pragma once
// ASCII case folding for tag and charset names (HTML's are ASCII case-insensitive).
#include <cstddef>
#include <string_view>

namespace factpipe::html {

inline char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// `lower_word` (lower case) stands in `s` at `at`, in any case.
inline bool ascii_starts_with_ci(std::string_view s, std::size_t at, std::string_view lower_word) {
  if (at + lower_word.size() > s.size()) return false;
  for (std::size_t i = 0; i < lower_word.size(); ++i)
    if (ascii_lower(s[at + i]) != lower_word[i]) return false;
  return true;
}

}  // namespace factpipe::html
