#pragma once
// Where tests find things: set by factpipe_add_test() in tests/CMakeLists.txt.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace factpipe::test {

inline std::filesystem::path source_dir() { return FACTPIPE_SOURCE_DIR; }
inline std::filesystem::path binary_dir() { return FACTPIPE_BINARY_DIR; }
inline std::filesystem::path plugin_dir() { return FACTPIPE_PLUGIN_DIR; }
inline std::filesystem::path document_schema() { return FACTPIPE_DOCUMENT_SCHEMA; }
inline std::filesystem::path shared_dir() { return FACTPIPE_SHARED_DIR; }

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace factpipe::test

// Skips the current test when ../shared (sample article, datasets) is not beside the checkout.
#define FACTPIPE_REQUIRE_SHARED(relative)                                                        \
  do {                                                                                           \
    if (!std::filesystem::exists(::factpipe::test::shared_dir() / (relative)))                   \
      GTEST_SKIP() << "not present: " << (::factpipe::test::shared_dir() / (relative)).string(); \
  } while (0)
