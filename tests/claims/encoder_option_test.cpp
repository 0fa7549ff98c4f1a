// The opt-in sentence-encoder path of the claims stage (claims.encoder, issue 13): off by default, a missing
// model or encoder is an error that says what to run, and when on it scores sentences differently.
#include <cmath>
#include <filesystem>

#include <gtest/gtest.h>

#include <factpipe/encoder/sentence_encoder.hpp>
#include <factpipe/host/stage_config.hpp>
#include "claims_test_support.hpp"
#include "sentence_vector_features.hpp"
#include "test_paths.hpp"

using namespace factpipe;
using namespace factpipe::claims;
using namespace factpipe::claims::test;

namespace {

bool encoder_present() { return std::filesystem::exists(encoder::default_model_dir() / "model.json"); }

Document sample_doc() {
  return make_doc({"Unemployment fell to 4.1 percent in March, the lowest rate since 2001.",
                   "Thank you all for coming tonight.", "We will build a better future together.",
                   "The bridge cost $2 billion more than the city had planned."});
}

}  // namespace

TEST(ClaimsEncoderOption, OffByDefault) {
  auto info = ClaimsStage::describe();
  EXPECT_FALSE(info.config_schema["properties"]["encoder"]["default"].get<bool>());
  ClaimsStage stage = configured_stage();
  EXPECT_EQ(stage.model().info().feature_set.find(kSentenceVectorTag), std::string::npos);
}

TEST(ClaimsEncoderOption, MissingModelSaysWhatToRun) {
  TempDir dir;
  auto ctx = Context::for_library(plugin_library());
  ClaimsStage stage;
  // The encoder's folder is empty: the encoder's own message, which names the script.
  auto msg = error_of([&] {
    factpipe::host::configure_stage(stage, Json{{"encoder", true}, {"encoder_dir", dir.path.string()}}, ctx);
  });
  EXPECT_NE(msg.find("scripts/fetch-model.sh"), std::string::npos) << msg;
  EXPECT_NE(msg.find("claims.encoder"), std::string::npos) << msg;
  if (!encoder_present()) GTEST_SKIP() << "no encoder model (scripts/fetch-model.sh)";
  // The encoder is there, the model file is not: the training command.
  const auto absent = (dir.path / "absent-encoder.model").string();
  msg = error_of([&] {
    factpipe::host::configure_stage(stage, Json{{"encoder", true}, {"encoder_model", absent}}, ctx);
  });
  EXPECT_NE(msg.find(absent), std::string::npos) << msg;
  EXPECT_NE(msg.find("factpipe-train-claims --sentence-vector 1"), std::string::npos) << msg;
}

TEST(ClaimsEncoderOption, TheDefaultModelIsRefusedAsTheEncoderModel) {
  auto ctx = Context::for_library(plugin_library());
  ClaimsStage stage;
  if (!encoder_present()) GTEST_SKIP() << "no encoder model (scripts/fetch-model.sh)";
  auto msg = error_of([&] {
    factpipe::host::configure_stage(stage, Json{{"encoder", true}, {"encoder_model", "checkworthiness.model"}}, ctx);
  });
  EXPECT_NE(msg.find("feature set"), std::string::npos) << msg;
}

TEST(ClaimsEncoderOption, OnScoresDifferentlyFromTheDefault) {
  if (!encoder_present()) GTEST_SKIP() << "no encoder model (scripts/fetch-model.sh)";
  ClaimsStage off = configured_stage();
  ClaimsStage on = configured_stage(Json{{"encoder", true}});
  EXPECT_NE(on.model().info().feature_set.find(kSentenceVectorTag), std::string::npos);
  Document a = sample_doc(), b = sample_doc();
  off.process(a);
  on.process(b);
  double largest = 0;
  for (std::size_t i = 0; i < a.sentences.size(); ++i) {
    ASSERT_TRUE(a.sentences[i].checkworthiness && b.sentences[i].checkworthiness);
    largest = std::max(largest, std::fabs(*a.sentences[i].checkworthiness - *b.sentences[i].checkworthiness));
  }
  EXPECT_GT(largest, 0.01);
  // Both still rank the statistic over the greeting.
  EXPECT_GT(*b.sentences[0].checkworthiness, *b.sentences[1].checkworthiness);
  EXPECT_GT(*b.sentences[3].checkworthiness, *b.sentences[1].checkworthiness);
}
