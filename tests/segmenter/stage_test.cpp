// The stage: description, config schema, defaults, errors naming files, process() on a document.
#include <thread>

#include <gmock/gmock.h>

#include <factpipe/host/stage_config.hpp>
#include "segmenter_stage.hpp"
#include "segmenter_test_support.hpp"

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using namespace factpipe;
using factpipe::segmenter::SegmenterStage;

namespace {
Context plugin_context() { return Context::for_library(factpipe::test::plugin_dir() / "factpipe-segmenter.so"); }

std::string error_of(const Json& config) {
  SegmenterStage stage;
  try {
    factpipe::host::configure_stage(stage, config, plugin_context());
  } catch (const std::exception& e) {
    return e.what();
  }
  return "<no error>";
}
}  // namespace

TEST(SegmenterStage, DescribesItself) {
  auto info = SegmenterStage::describe();
  EXPECT_EQ(info.name, "segmenter");
  EXPECT_TRUE(info.thread_safe);
  EXPECT_TRUE(info.requires_layers.empty());
  EXPECT_THAT(layer_names(info.provides_layers), ElementsAre("paragraphs", "sentences", "tokens", "markup"));
  // `tokens: false` writes no tokens, and says so.
  EXPECT_THAT(layer_names(SegmenterStage::layers(Json{{"tokens", false}}).provides_layers),
              ElementsAre("paragraphs", "sentences", "markup"));
  const Json& schema = info.config_schema;
  EXPECT_EQ(schema.at("additionalProperties"), false);
  for (auto& [key, prop] : schema.at("properties").items()) {
    EXPECT_TRUE(prop.contains("default")) << key;
    EXPECT_TRUE(prop.contains("description")) << key;
  }
  EXPECT_EQ(schema["properties"]["paragraph_breaks"]["default"], "auto");
  EXPECT_EQ(schema["properties"]["tokens"]["default"], true);
}

TEST(SegmenterStage, EmptyConfigEqualsSchemaDefaults) {
  std::string text = "Gov. Smith spoke.\nThe U.S. agreed. \"Fine,\" he said.";
  SegmenterStage a, b;
  factpipe::host::configure_stage(a, Json::object(), plugin_context());
  Json defaults = Json::object();
  const Json schema = SegmenterStage::describe().config_schema;  // a named copy: items() does not extend lifetimes
  for (auto& [key, prop] : schema.at("properties").items()) defaults[key] = prop.at("default");
  factpipe::host::configure_stage(b, defaults, plugin_context());
  Document da("a", text), db("b", text);
  a.process(da);
  b.process(db);
  EXPECT_EQ(da.sentences, db.sentences);
  EXPECT_EQ(da.tokens, db.tokens);
  EXPECT_EQ(da.paragraphs.size(), 2u);
  EXPECT_EQ(da.sentences.size(), 3u);
  EXPECT_THAT(da.layers, ElementsAre("paragraphs", "sentences", "tokens"));
}

TEST(SegmenterStage, TokensCanBeSwitchedOff) {
  SegmenterStage stage;
  factpipe::host::configure_stage(stage, Json{{"tokens", false}}, plugin_context());
  Document d("d", "One. Two.");
  stage.process(d);
  EXPECT_EQ(d.sentences.size(), 2u);
  EXPECT_TRUE(d.tokens.empty());
  EXPECT_FALSE(d.has_layer("tokens"));
}

TEST(SegmenterStage, ConfigErrorsNameTheProblem) {
  EXPECT_THAT(error_of(Json{{"abbreviations_file", "/nonexistent/abbr.txt"}}), HasSubstr("/nonexistent/abbr.txt"));
  EXPECT_THAT(error_of(Json{{"sentence_starters_file", "/nonexistent/st.txt"}}), HasSubstr("/nonexistent/st.txt"));
  // The schema's checks, as the host words them (the stage no longer checks by hand).
  EXPECT_THAT(
      error_of(Json{{"paragraph_breaks", "lines"}}),
      HasSubstr("config key 'paragraph_breaks': must be one of [\"auto\",\"blank_line\",\"newline\"], got \"lines\""));
  EXPECT_THAT(error_of(Json{{"colour", 1}}), HasSubstr("unknown configuration property 'colour' (allowed: "));
  EXPECT_THAT(error_of(Json{{"tokens", "yes"}}), HasSubstr("config key 'tokens': expected boolean"));
}

TEST(SegmenterStage, MalformedListsNameFileAndLine) {
  auto dir = std::filesystem::temp_directory_path() / ("segmenter-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  { std::ofstream(dir / "bad.txt") << "# comment\nMr. title\nGov. boss\n"; }
  EXPECT_THAT(error_of(Json{{"abbreviations_file", (dir / "bad.txt").string()}}),
              ::testing::AllOf(HasSubstr("bad.txt:3:"), HasSubstr("unknown class 'boss'")));
  { std::ofstream(dir / "bad2.txt") << "Mr. title\nGov\n"; }
  EXPECT_THAT(error_of(Json{{"abbreviations_file", (dir / "bad2.txt").string()}}), HasSubstr("bad2.txt:2:"));
  std::filesystem::remove_all(dir);
}

TEST(SegmenterStage, CustomAbbreviationListIsUsed) {
  auto dir = std::filesystem::temp_directory_path() / ("segmenter-test2-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  { std::ofstream(dir / "abbr.txt") << "Blvd. title\nZyx. title\n"; }
  SegmenterStage stage;
  factpipe::host::configure_stage(stage, Json{{"abbreviations_file", (dir / "abbr.txt").string()}}, plugin_context());
  Document d("d", "See Zyx. Smith now. Gov. Brown left.");
  stage.process(d);
  std::vector<std::string> got;
  for (const auto& s : d.sentences) got.emplace_back(d.slice(s.span));
  EXPECT_THAT(got, ElementsAre("See Zyx. Smith now.", "Gov.", "Brown left."));  // Gov. is no longer listed
  std::filesystem::remove_all(dir);
}

TEST(SegmenterStage, RejectsInvalidUtf8WithLineAndColumn) {
  SegmenterStage stage;
  factpipe::host::configure_stage(stage, Json::object(), plugin_context());
  Document d("bad-doc", "fine\nab\xC3(x");
  try {
    stage.process(d);
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& e) {
    EXPECT_THAT(e.what(), AllOf(HasSubstr("bad-doc"), HasSubstr("line 2, column 3")));
  }
}

TEST(SegmenterStage, ReplacesEarlierLayersAndHandlesEmptyText) {
  SegmenterStage stage;
  factpipe::host::configure_stage(stage, Json::object(), plugin_context());
  Document d("d", "One. Two.");
  stage.process(d);
  stage.process(d);  // twice: no duplicates
  EXPECT_EQ(d.sentences.size(), 2u);
  for (const char* text : {"", " ", "\n\n\t \r\n", "\xC2\xA0\xE2\x80\x89\n"}) {
    Document e("e", text);
    stage.process(e);
    EXPECT_TRUE(e.paragraphs.empty()) << '"' << text << '"';
    EXPECT_TRUE(e.sentences.empty());
    EXPECT_TRUE(e.tokens.empty());
    EXPECT_TRUE(e.has_layer("sentences"));
  }
}

TEST(SegmenterStage, OneInstanceServesManyThreads) {
  SegmenterStage stage;
  factpipe::host::configure_stage(stage, Json::object(), plugin_context());
  std::string text;
  for (int i = 0; i < 200; ++i) text += "Gov. Smith said \"We will win.\" The U.S. agreed.\n\n";
  Document reference("r", text);
  stage.process(reference);
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int k = 0; k < 20; ++k) {
        Document d("d", text);
        stage.process(d);
        ok[t] += d.sentences == reference.sentences && d.tokens == reference.tokens;
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_THAT(ok, ElementsAre(20, 20, 20, 20));
  EXPECT_EQ(reference.sentences.size(), 400u);
}
