// The layer contract: requires/provides checked in pipeline order at validate time (with each stage's config),
// and, after each stage of a run, that the stage changed only what it declared (layer_check.hpp).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <factpipe/host/errors.hpp>
#include <factpipe/host/layer_check.hpp>
#include <factpipe/host/pipeline.hpp>
#include <factpipe/host/pipeline_validator.hpp>

#include "host_test_util.hpp"

using namespace factpipe;
using namespace factpipe::host;
using ::testing::HasSubstr;

namespace {

const PluginRegistry& fixtures() {
  static PluginRegistry registry({factpipe::test::fixture_dir()});
  return registry;
}

std::string run_error(Pipeline& pipeline, const std::string& text) {
  Document doc("d", text);
  try {
    pipeline.process(doc, 0);
  } catch (const StageError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(LayerContract, AStageThatWritesAnUndeclaredLayerFailsNamingStageAndLayer) {
  factpipe::test::TempDir dir;
  auto v = validate_pipeline(
      load_pipeline_file(dir.write("p.yaml", "pipeline: t\nstages:\n  - {name: sneaky, plugin: fx_undeclared}\n")),
      fixtures());
  ASSERT_TRUE(v.ok()) << v.issues[0].str();
  Pipeline pipeline(v, 1);
  pipeline.check_layers(true);
  EXPECT_EQ(run_error(pipeline, "writes only what it declares"), "");
  auto tokens = run_error(pipeline, "WRITE-TOKENS");
  EXPECT_THAT(tokens, HasSubstr("stage 'sneaky'"));
  EXPECT_THAT(tokens, HasSubstr("layer contract: it changed the layer 'tokens', which it does not declare "
                                "(provides: fixture; its own extra key: \"fx_undeclared\")"));
  EXPECT_THAT(run_error(pipeline, "WRITE-FOREIGN-EXTRA"),
              HasSubstr("it changed extra[\"entities_note\"] of the document"));
  EXPECT_THAT(run_error(pipeline, "WRITE-METADATA"), HasSubstr("it changed the document's metadata"));
  // A release build does not look (it costs a pass over the document per stage).
  pipeline.check_layers(false);
  EXPECT_EQ(run_error(pipeline, "WRITE-TOKENS"), "");
}

TEST(LayerContract, CTestTurnsTheCheckOn) {
  // tests/CMakeLists.txt sets FACTPIPE_CHECK_LAYERS=1 for every test, so every pipeline the tests run is checked.
  EXPECT_TRUE(layer_check_by_default());
}

TEST(LayerContract, FingerprintsSeparateLayersSubLayersAndExtraKeys) {
  Document doc("d", "Alpha beta.");
  doc.sentences.push_back({Span{0, 11}, -1, std::nullopt, Json::object()});
  auto before = layer_fingerprint(doc);
  Document scored = doc;
  scored.sentences[0].checkworthiness = 0.5;  // checkworthiness, not sentences
  EXPECT_EQ(*undeclared_change(before, layer_fingerprint(scored), {}, "x"),
            "it changed the layer 'checkworthiness', which it does not declare (provides: nothing; its own extra "
            "key: \"x\")");
  EXPECT_FALSE(undeclared_change(before, layer_fingerprint(scored), {Layer::checkworthiness}, "x"));
  Document noted = doc;
  noted.sentences[0].extra["claims"] = "not a claim";  // a stage's own key in another layer's item
  EXPECT_FALSE(undeclared_change(before, layer_fingerprint(noted), {}, "claims"));
  EXPECT_THAT(*undeclared_change(before, layer_fingerprint(noted), {}, "quotes"),
              HasSubstr("extra[\"claims\"] of the sentences"));
  EXPECT_TRUE(
      undeclared_change(before, layer_fingerprint(noted), {Layer::custom("claims_note")}, "quotes").has_value());
  EXPECT_FALSE(undeclared_change(before, layer_fingerprint(noted), {Layer::sentences}, "quotes"));
  Document marked = doc;
  marked.extra["markup"] = Json::array();  // the markup layer lives in the document's extra
  EXPECT_THAT(*undeclared_change(before, layer_fingerprint(marked), {}, "x"), HasSubstr("the layer 'markup'"));
}

TEST(LayerContract, ValidateChecksTheLayersOfEachStagesConfig) {
  // fx_needs_quotes requires 'fixture' and 'quotes'; fx_good provides 'fixture'.
  factpipe::test::TempDir dir;
  auto v = validate_pipeline(load_pipeline_file(dir.write("p.yaml",
                                                          "pipeline: t\nstages:\n"
                                                          "  - {name: g, plugin: fx_good}\n"
                                                          "  - {name: n, plugin: fx_needs_quotes}\n")),
                             fixtures());
  ASSERT_EQ(v.issues.size(), 1u);
  EXPECT_THAT(
      v.issues[0].message,
      HasSubstr("stage 'n' requires layer 'quotes', which no earlier stage provides; no plugin found provides it"));
}

#ifdef FACTPIPE_HAVE_SEGMENTER
TEST(LayerContract, ASegmenterWithoutTokensDoesNotSatisfyAStageThatRequiresThem) {
  factpipe::test::TempDir dir;
  PluginRegistry registry({factpipe::test::plugin_dir(), factpipe::test::fixture_dir()});
  auto validate = [&](const std::string& tokens) {
    return validate_pipeline(load_pipeline_file(dir.write("p.yaml",
                                                          "pipeline: t\nstages:\n"
                                                          "  - {name: seg, plugin: segmenter, config: {tokens: " +
                                                              tokens +
                                                              "}}\n"
                                                              "  - {name: u, plugin: fx_undeclared, config: "
                                                              "{require_tokens: true}}\n")),
                             registry);
  };
  EXPECT_TRUE(validate("true").ok()) << validate("true").issues.at(0).str();
  auto v = validate("false");
  ASSERT_EQ(v.issues.size(), 1u);
  EXPECT_THAT(v.issues[0].str(), HasSubstr("p.yaml:4:5: stage 'u' requires layer 'tokens', which no earlier stage "
                                           "provides; stage 'seg' (plugin segmenter) provides it with its default "
                                           "config, not with this one"));
  // The stage's layers for its config are what the run adds to the document.
  auto ok = validate("true");
  EXPECT_EQ(layer_names(ok.stages.at(0).layers.provides_layers),
            (std::vector<std::string>{"paragraphs", "sentences", "tokens", "markup"}));
  EXPECT_EQ(layer_names(ok.stages.at(1).layers.requires_layers), std::vector<std::string>{"tokens"});
}
#endif

TEST(Layer, TypedNamesAndCustomLayers) {
  EXPECT_EQ(Layer(Layer::tokens).name(), "tokens");
  EXPECT_EQ(Layer::from_name("quote_verification"), Layer(Layer::quote_verification));
  EXPECT_TRUE(Layer::from_name("wordcount").is_custom());
  EXPECT_EQ(Layer::custom("wordcount"), Layer::from_name("wordcount"));
  EXPECT_FALSE(Layer::custom("wordcount") == Layer(Layer::paragraphs));
  EXPECT_THROW(Layer::custom("tokens"), std::invalid_argument);      // a built-in one: use Layer::tokens
  EXPECT_THROW(Layer::custom("Word Count"), std::invalid_argument);  // it is an extra key
  EXPECT_THROW(Layer::custom(""), std::invalid_argument);
  EXPECT_EQ(Layer::all_builtin().size(), Layer::kBuiltinCount);
}
