// The model file: round trip, and errors that name the file for a missing, corrupt or mismatched model.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include <factpipe/host/stage_config.hpp>
#include "checkworthiness_model.hpp"
#include "claims_test_support.hpp"

using namespace factpipe;
using namespace factpipe::claims;

namespace {

using factpipe::claims::test::TempDir;

CheckworthinessModel small_model(const std::string& feature_set) {
  ModelInfo info;
  info.feature_set = feature_set;
  info.hash_bits = 4;
  info.threshold = 0.25;
  info.recall_threshold = 0.125;
  info.solver = "test";
  info.training = "none";
  info.command = "by hand";
  std::vector<float> w(17, 0.0f);
  w[3] = 0.5f;
  w[9] = -1.25f;
  return CheckworthinessModel(info, w, 0.75);
}

using factpipe::claims::test::error_of;

}  // namespace

TEST(ClaimsModelFile, RoundTripsExactly) {
  TempDir dir;
  auto m = small_model("fs-1");
  m.save(dir.path / "m.model");
  auto back = CheckworthinessModel::load(dir.path / "m.model", "fs-1");
  EXPECT_EQ(back.to_text(), m.to_text());
  EXPECT_EQ(back.threshold(), 0.25);
  EXPECT_EQ(back.recall_threshold(), 0.125);
  std::vector<SparseFeature> x{{3, 1.0}, {9, 1.0}};
  EXPECT_DOUBLE_EQ(back.decision(x), 0.75 + 0.5 - 1.25);
}

TEST(ClaimsModelFile, MissingFileIsNamed) {
  auto msg = error_of([] { CheckworthinessModel::load("/nonexistent/dir/cw.model", "fs-1"); });
  EXPECT_NE(msg.find("/nonexistent/dir/cw.model"), std::string::npos) << msg;
}

TEST(ClaimsModelFile, CorruptFileIsNamedWithItsLine) {
  TempDir dir;
  auto text = small_model("fs-1").to_text();
  auto garbage = dir.write("garbage.model", "this is not a model\n");
  auto msg = error_of([&] { CheckworthinessModel::load(garbage, "fs-1"); });
  EXPECT_NE(msg.find(garbage.string() + ":1"), std::string::npos) << msg;

  auto truncated = dir.write("truncated.model", text.substr(0, text.rfind('\n', text.size() - 2) + 1));
  msg = error_of([&] { CheckworthinessModel::load(truncated, "fs-1"); });
  EXPECT_NE(msg.find(truncated.string()), std::string::npos) << msg;
  EXPECT_NE(msg.find("expected 2 weights"), std::string::npos) << msg;

  std::string bad_weight = text;
  bad_weight.replace(bad_weight.find("9 -1.25"), 7, "9 abc");
  auto bad = dir.write("bad.model", bad_weight);
  msg = error_of([&] { CheckworthinessModel::load(bad, "fs-1"); });
  EXPECT_NE(msg.find(bad.string() + ":"), std::string::npos) << msg;
  EXPECT_NE(msg.find("bad weight"), std::string::npos) << msg;

  // Format 2 (boosted trees stacked on the weights) is research/claims's experiment: named, not half-read.
  std::string stacked = text;
  stacked.replace(0, std::string("factpipe-claims-model 1").size(), "factpipe-claims-model 2");
  auto research = dir.write("stacked.model", stacked + "trees 1 0\ntree 1\n-1 -1 0 0 1 0.5\n");
  msg = error_of([&] { CheckworthinessModel::load(research, "fs-1"); });
  EXPECT_NE(msg.find(research.string() + ":1"), std::string::npos) << msg;
  EXPECT_NE(msg.find("research/claims"), std::string::npos) << msg;
}

TEST(ClaimsModelFile, WrongFeatureSetIsNamed) {
  TempDir dir;
  small_model("claims-features-0+lexicon:0").save(dir.path / "old.model");
  auto msg = error_of([&] { CheckworthinessModel::load(dir.path / "old.model", "claims-features-1+lexicon:x"); });
  EXPECT_NE(msg.find((dir.path / "old.model").string()), std::string::npos) << msg;
  EXPECT_NE(msg.find("claims-features-0"), std::string::npos) << msg;
  EXPECT_NE(msg.find("retrain"), std::string::npos) << msg;
}

TEST(ClaimsModelFile, StageConfigureNamesTheModelFile) {
  TempDir dir;
  auto ctx = Context::for_library(claims::test::plugin_library());
  ClaimsStage stage;
  auto missing = (dir.path / "absent.model").string();
  auto msg = error_of([&] { factpipe::host::configure_stage(stage, Json{{"model", missing}}, ctx); });
  EXPECT_NE(msg.find(missing), std::string::npos) << msg;
  // A model trained for another feature set: the stage refuses it by name.
  small_model("claims-features-0+lexicon:0").save(dir.path / "other.model");
  msg = error_of([&] {
    factpipe::host::configure_stage(stage, Json{{"model", (dir.path / "other.model").string()}}, ctx);
  });
  EXPECT_NE(msg.find((dir.path / "other.model").string()), std::string::npos) << msg;
  EXPECT_NE(msg.find("feature set"), std::string::npos) << msg;
}

TEST(ClaimsModelFile, ShippedModelMatchesTheBuiltFeatureSet) {
  auto extractor = FeatureExtractor::from_data_dir(factpipe::test::source_dir() / "plugins/claims/data");
  auto m = CheckworthinessModel::load(factpipe::test::source_dir() / "plugins/claims/data/checkworthiness.model",
                                      extractor.signature());
  EXPECT_GT(m.threshold(), 0.0);
  EXPECT_LT(m.threshold(), 1.0);
  EXPECT_GT(m.recall_threshold(), 0.0);
  EXPECT_LE(m.recall_threshold(), m.threshold());
  EXPECT_NE(m.info().command.find("factpipe-train-claims"), std::string::npos);
}
