#pragma once
// Shared by the encoder tests: the model folder (skip when absent) and the TensorFlow.js reference fixture.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <factpipe/encoder/sentence_encoder.hpp>

namespace factpipe::encoder::testing {

inline const std::filesystem::path kReferenceFixture =
    std::filesystem::path(FACTPIPE_SOURCE_DIR) / "tests/encoder/data/use_lite_reference.json";

struct ReferenceCase {
  std::string text;
  std::vector<std::int32_t> ids;
  std::vector<float> vector;
};

// The committed fixture; a missing or unreadable fixture fails the calling test.
inline std::vector<ReferenceCase> reference_cases() {
  std::ifstream in(kReferenceFixture);
  EXPECT_TRUE(in.good()) << "missing fixture " << kReferenceFixture << " (tools/encoder-reference makes it)";
  if (!in) return {};
  const auto doc = nlohmann::json::parse(in);
  std::vector<ReferenceCase> cases;
  for (const auto& c : doc.at("cases")) {
    EXPECT_TRUE(c.at("vector").is_array()) << "the reference has no vector for " << c.at("text");
    if (!c.at("vector").is_array()) continue;
    cases.push_back({c.at("text").get<std::string>(), c.at("ids").get<std::vector<std::int32_t>>(),
                     c.at("vector").get<std::vector<float>>()});
  }
  EXPECT_GE(cases.size(), 20u);
  return cases;
}

inline bool model_present() { return std::filesystem::exists(default_model_dir() / "model.json"); }

#define FACTPIPE_SKIP_WITHOUT_MODEL()                                                               \
  if (!::factpipe::encoder::testing::model_present())                                               \
  GTEST_SKIP() << "sentence encoder model absent from " << ::factpipe::encoder::default_model_dir() \
               << ": run scripts/fetch-model.sh"

}  // namespace factpipe::encoder::testing
