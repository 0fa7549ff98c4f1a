// What the encoder says when its model is absent or malformed: the command to run, the file and the field.
#include <fstream>

#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "encoder_test_support.hpp"

namespace factpipe::encoder {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

class EncoderModelError : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("factpipe_encoder_test_" + std::to_string(::getpid()) + "_" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }
  std::string load_error() {
    try {
      SentenceEncoder::load(dir_);
    } catch (const ModelError& e) {
      return e.what();
    }
    ADD_FAILURE() << "load succeeded";
    return {};
  }
  std::filesystem::path dir_;
};

TEST_F(EncoderModelError, AbsentModelNamesTheCommandToRun) {
  EXPECT_THAT(load_error(), AllOf(HasSubstr((dir_ / "model.json").string()), HasSubstr("scripts/fetch-model.sh")));
}

TEST_F(EncoderModelError, MissingManifestIsNamed) {
  write("model.json", R"({"modelTopology": {"node": []}})");
  EXPECT_THAT(load_error(), AllOf(HasSubstr("model.json"), HasSubstr("missing field 'weightsManifest'")));
}

TEST_F(EncoderModelError, WeightWithoutShapeIsNamed) {
  write("model.json", R"({"modelTopology": {"node": []}, "weightsManifest": [{"paths": [],
      "weights": [{"name": "w", "dtype": "float32"}]}]})");
  EXPECT_THAT(load_error(), HasSubstr("weightsManifest[0].weights[0]: missing field 'shape'"));
}

TEST_F(EncoderModelError, WrongFieldTypeIsNamed) {
  write("model.json", R"({"modelTopology": {"node": [{"name": "a", "op": 3}]}, "weightsManifest": []})");
  EXPECT_THAT(load_error(), HasSubstr("modelTopology.node[0].op: expected string, found number"));
}

TEST_F(EncoderModelError, MissingShardIsNamed) {
  write("model.json", R"({"modelTopology": {"node": []}, "weightsManifest": [{"paths": ["shard1"], "weights": []}]})");
  EXPECT_THAT(load_error(), AllOf(HasSubstr("weightsManifest[0].paths[0]"), HasSubstr("shard1")));
}

TEST_F(EncoderModelError, ShortShardIsNamed) {
  write("model.json", R"({"modelTopology": {"node": []}, "weightsManifest": [{"paths": ["shard1"],
      "weights": [{"name": "w", "shape": [4], "dtype": "float32"}]}]})");
  write("shard1", "12345678");
  EXPECT_THAT(load_error(), AllOf(HasSubstr("weightsManifest[0].weights[0]"), HasSubstr("runs past the end")));
}

TEST_F(EncoderModelError, GraphWithoutTheEncoderNodesNamesTheNode) {
  write("model.json", R"({"modelTopology": {"node": []}, "weightsManifest": []})");
  EXPECT_THAT(load_error(),
              HasSubstr("no node named 'module_apply_default/Encoder_en/KonaTransformer/Encode/embedding_lookup'"));
}

// The real graph with one op changed: the port refuses a graph it does not know rather than guessing.
TEST_F(EncoderModelError, ChangedOpInTheRealGraphIsNamed) {
  FACTPIPE_SKIP_WITHOUT_MODEL();
  for (const auto& entry : std::filesystem::directory_iterator(default_model_dir()))
    std::filesystem::copy(entry.path(), dir_ / entry.path().filename());
  std::ifstream in(dir_ / "model.json");
  auto doc = nlohmann::json::parse(in);
  in.close();
  bool changed = false;
  for (auto& node : doc["modelTopology"]["node"])
    if (node["name"] ==
        "module_apply_default/Encoder_en/KonaTransformer/Encode/TransformerStack/Layer_1/TransformerLayer/FFN/conv1/"
        "Relu") {
      node["op"] = "Relu6";
      changed = true;
    }
  ASSERT_TRUE(changed);
  std::ofstream(dir_ / "model.json") << doc.dump();
  EXPECT_THAT(load_error(),
              AllOf(HasSubstr("Layer_1/TransformerLayer/FFN/conv1/Relu"), HasSubstr("op is 'Relu6', expected 'Relu'")));
}

TEST_F(EncoderModelError, MalformedVocabularyEntryIsNamed) {
  FACTPIPE_SKIP_WITHOUT_MODEL();
  for (const auto& entry : std::filesystem::directory_iterator(default_model_dir()))
    if (entry.path().filename() != "vocab.json") std::filesystem::copy(entry.path(), dir_ / entry.path().filename());
  write("vocab.json", R"([["a", 0], ["b", "high"]])");
  EXPECT_THAT(load_error(), AllOf(HasSubstr("vocab.json"), HasSubstr("entry 1")));
}

}  // namespace
}  // namespace factpipe::encoder
