// Every pipeline-file problem is found before the first document, all at once, each with file:line:column,
// the stage and the key path.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <factpipe/host/errors.hpp>
#include <factpipe/host/pipeline_config.hpp>
#include <factpipe/host/pipeline_validator.hpp>
#include <factpipe/host/plugin_registry.hpp>
#include <factpipe/host/schema_validation.hpp>

#include "host_test_util.hpp"

using namespace factpipe;
using namespace factpipe::host;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;

namespace {

const PluginRegistry& fixtures() {
  static PluginRegistry registry({factpipe::test::fixture_dir()});
  return registry;
}

class ConfigTest : public ::testing::Test {
 protected:
  PipelineFile load(const std::string& yaml) { return load_pipeline_file(dir_.write("pipeline.yaml", yaml)); }
  ValidatedPipeline validate(const std::string& yaml) { return validate_pipeline(load(yaml), fixtures()); }
  static std::string all(const ValidatedPipeline& v) {
    std::string out;
    for (const auto& i : v.issues) out += i.str() + "\n";
    return out;
  }
  std::string file() const { return (dir_ / "pipeline.yaml").string(); }
  factpipe::test::TempDir dir_;
};

}  // namespace

TEST_F(ConfigTest, AGoodPipelinePassesWithDefaultsFilled) {
  auto v = validate(
      "pipeline: demo\n"
      "stages:\n"
      "  - name: g\n"
      "    plugin: fx_good\n"
      "    config: {count: 3}\n");
  ASSERT_TRUE(v.ok()) << all(v);
  EXPECT_EQ(v.name, "demo");
  ASSERT_EQ(v.stages.size(), 1u);
  const Json& c = v.stages[0].config;
  EXPECT_EQ(c["count"], 3);
  EXPECT_EQ(c["greeting"], "hello");
  EXPECT_EQ(c["mode"], "fast");
  EXPECT_EQ(c["flag"], false);
  EXPECT_EQ(c["nested"]["depth"], 2);
}

TEST_F(ConfigTest, MalformedYamlNamesFileLineColumnAndTheParsersMessage) {
  try {
    load("pipeline: x\nstages:\n  - name: [unclosed\n");
    FAIL() << "parsed malformed YAML";
  } catch (const ConfigError& e) {
    std::string m = e.what();
    EXPECT_THAT(m, HasSubstr(file() + ":"));
    EXPECT_THAT(m, MatchesRegex(".*pipeline\\.yaml:[0-9]+:[0-9]+: .+"));
    EXPECT_THAT(m, HasSubstr("end of sequence flow not found"));
  }
}

TEST_F(ConfigTest, UnknownTopLevelKeyListsTheAllowedOnes) {
  auto v = validate("pipeline: x\npipline_paths: []\nstages:\n  - {name: g, plugin: fx_good}\n");
  EXPECT_THAT(all(v), HasSubstr(file() + ":2:1: unknown top-level key 'pipline_paths' (allowed: pipeline, "
                                         "plugin_paths, stages, report)"));
}

TEST_F(ConfigTest, UnknownPluginListsTheAvailableOnes) {
  auto v = validate("pipeline: x\nstages:\n  - name: q\n    plugin: quotez\n");
  EXPECT_THAT(all(v), HasSubstr(file() + ":4:13: stage 'q': unknown plugin 'quotez' (available: fx_api10, fx_batch, "
                                         "fx_boom, fx_describe_throws, fx_empty, fx_good, fx_hostile, fx_major2, "
                                         "fx_marker, fx_missing_entry, fx_needs_quotes, fx_newminor, fx_noentry, "
                                         "fx_sdk20, fx_skewed, fx_slow, fx_undeclared)"));
}

TEST_F(ConfigTest, APluginThatFailedToLoadSaysWhy) {
  auto v = validate("pipeline: x\nstages:\n  - {name: m, plugin: fx_major2}\n");
  ASSERT_EQ(v.issues.size(), 1u);
  EXPECT_THAT(v.issues[0].message, HasSubstr("stage 'm': plugin 'fx_major2' was found but failed to load"));
  EXPECT_THAT(v.issues[0].message, HasSubstr("factpipe-fx_major2.so"));
  EXPECT_THAT(v.issues[0].message, HasSubstr("API major versions differ"));
  EXPECT_TRUE(v.issues[0].plugin_load);
}

TEST_F(ConfigTest, UnknownConfigKeyIsReportedAtTheKeyWithTheAllowedKeys) {
  auto v = validate(
      "pipeline: x\n"
      "stages:\n"
      "  - name: g\n"
      "    plugin: fx_good\n"
      "    config:\n"
      "      greting: hi\n");
  EXPECT_THAT(all(v), HasSubstr(file() + ":6:7: stage 'g': unknown configuration property 'greting' (allowed: count, "
                                         "fail_configure, flag, greeting, mode, nested, ratio)"));
}

TEST_F(ConfigTest, WrongTypesNameStageKeyPathAndPosition) {
  auto v = validate(
      "pipeline: x\n"
      "stages:\n"
      "  - name: g\n"
      "    plugin: fx_good\n"
      "    config:\n"
      "      count: \"many\"\n"
      "      nested: {depth: deep, extra: 1}\n"
      "      mode: slow\n"
      "      ratio: -2.5\n");
  auto m = all(v);
  EXPECT_THAT(m, HasSubstr(file() + ":6:14: stage 'g': config key 'count': expected integer, got string \"many\""));
  EXPECT_THAT(m, HasSubstr(file() + ":7:23: stage 'g': config key 'nested.depth': expected integer, got string "
                                    "\"deep\""));
  EXPECT_THAT(m, HasSubstr(file() + ":7:29: stage 'g': unknown configuration property 'extra' (allowed: depth)"));
  EXPECT_THAT(m, HasSubstr(file() + ":8:13: stage 'g': config key 'mode': must be one of [\"fast\",\"exact\"], got "
                                    "\"slow\""));
  EXPECT_THAT(m, Not(HasSubstr("'ratio'")));  // a negative number is a number
  EXPECT_EQ(v.issues.size(), 4u) << m;
}

TEST_F(ConfigTest, MinimumIsChecked) {
  auto v = validate("pipeline: x\nstages:\n  - {name: g, plugin: fx_good, config: {count: -1}}\n");
  EXPECT_THAT(all(v), HasSubstr("stage 'g': config key 'count': must be >= 0, got -1"));
}

TEST_F(ConfigTest, DuplicateStageNamesPointAtBoth) {
  auto v = validate(
      "pipeline: x\n"
      "stages:\n"
      "  - {name: g, plugin: fx_good}\n"
      "  - {name: g, plugin: fx_boom}\n");
  EXPECT_THAT(all(v), HasSubstr(file() + ":4:12: duplicate stage name 'g' (first defined at " + file() + ":3:12)"));
}

TEST_F(ConfigTest, RequiresMustBeProvidedByAnEarlierStage) {
  auto v = validate(
      "pipeline: x\n"
      "stages:\n"
      "  - {name: claims, plugin: fx_needs_quotes}\n"
      "  - {name: g, plugin: fx_good}\n");
  auto m = all(v);
  EXPECT_THAT(m, HasSubstr(file() + ":3:5: stage 'claims' requires layer 'quotes', which no earlier stage provides"));
  // fx_good provides 'fixture', but only after the stage that needs it.
  EXPECT_THAT(m, HasSubstr("stage 'claims' requires layer 'fixture', which no earlier stage provides; stage 'g' "
                           "(plugin fx_good) provides it but runs later: move it before"));
  EXPECT_THAT(m, HasSubstr("requires layer 'quotes', which no earlier stage provides; no plugin found provides it"));

  auto ordered = validate(
      "pipeline: x\n"
      "stages:\n"
      "  - {name: g, plugin: fx_good}\n"
      "  - {name: claims, plugin: fx_needs_quotes}\n");
  EXPECT_THAT(all(ordered), HasSubstr("stage 'claims' requires layer 'quotes', which no earlier stage provides"));
  EXPECT_THAT(all(ordered), Not(HasSubstr("'fixture'")));
}

TEST_F(ConfigTest, CollectsAllErrorsNotJustTheFirst) {
  // The file's own errors come all at once, before any plugin is loaded.
  auto v = validate(
      "pipeline: x\n"
      "colour: blue\n"
      "stages:\n"
      "  - {name: a, plugin: nope}\n"
      "  - {name: b, plugin: fx_good, config: {cuont: 1}}\n"
      "  - {name: b, plugin: fx_boom, confg: {}}\n"
      "  - {name: c, plugin: fx_needs_quotes}\n");
  auto m = all(v);
  EXPECT_THAT(m, HasSubstr("unknown top-level key 'colour'"));
  EXPECT_THAT(m, HasSubstr("unknown plugin 'nope'"));
  EXPECT_THAT(m, HasSubstr("duplicate stage name 'b'"));
  EXPECT_THAT(m, HasSubstr(file() + ":6:32: stage 'b': unknown key 'confg' (allowed: name, plugin, config)"));
  EXPECT_EQ(v.issues.size(), 4u) << m;
  EXPECT_TRUE(v.stages.empty());
  // Then, with the file's structure right, every plugin's checks at once.
  v = validate(
      "pipeline: x\n"
      "stages:\n"
      "  - {name: b, plugin: fx_good, config: {cuont: 1}}\n"
      "  - {name: c, plugin: fx_needs_quotes}\n"
      "  - {name: d, plugin: fx_good, config: {count: -5}}\n");
  m = all(v);
  EXPECT_THAT(m, HasSubstr("unknown configuration property 'cuont'"));
  EXPECT_THAT(m, HasSubstr("stage 'c' requires layer 'quotes'"));
  EXPECT_THAT(m, HasSubstr("stage 'd': config key 'count'"));
  EXPECT_EQ(v.issues.size(), 3u) << m;
}

TEST_F(ConfigTest, MissingOrEmptyStages) {
  EXPECT_THAT(all(validate("pipeline: x\n")), HasSubstr("missing 'stages'"));
  EXPECT_THAT(all(validate("pipeline: x\nstages: []\n")), HasSubstr(":2:9: 'stages' must be a non-empty list"));
  EXPECT_THAT(all(validate("pipeline: x\nstages:\n  - {name: a}\n")), HasSubstr("stage 'a': 'plugin' must be"));
}

TEST_F(ConfigTest, ScalarsFollowYamlAndTheSchema) {
  auto v = validate(
      "pipeline: x\n"
      "stages:\n"
      "  - name: g\n"
      "    plugin: fx_good\n"
      "    config:\n"
      "      greeting: 1.10\n"  // unquoted, but the schema wants a string: kept as written
      "      count: 7\n"
      "      ratio: 2\n"  // an integer is a number
      "      flag: true\n");
  ASSERT_TRUE(v.ok()) << all(v);
  const Json& c = v.stages[0].config;
  EXPECT_EQ(c["greeting"], "1.10");
  EXPECT_EQ(c["count"], 7);
  EXPECT_EQ(c["ratio"], 2);
  EXPECT_EQ(c["flag"], true);

  auto quoted = validate("pipeline: x\nstages:\n  - {name: g, plugin: fx_good, config: {flag: \"true\"}}\n");
  EXPECT_THAT(all(quoted), HasSubstr("config key 'flag': expected boolean, got string \"true\""));
}

TEST_F(ConfigTest, SetOverridesAValueAndIsValidatedLikeTheFile) {
  const std::string yaml = "pipeline: x\nstages:\n  - {name: g, plugin: fx_good, config: {count: 1}}\n";
  auto f = load(yaml);
  apply_override(f, "g.count=5");
  apply_override(f, "g.nested.depth=4");
  auto v = validate_pipeline(f, fixtures());
  ASSERT_TRUE(v.ok()) << all(v);
  EXPECT_EQ(v.stages[0].config["count"], 5);
  EXPECT_EQ(v.stages[0].config["nested"]["depth"], 4);

  auto bad = load(yaml);
  apply_override(bad, "g.count=lots");
  apply_override(bad, "g.colour=red");
  auto m = all(validate_pipeline(bad, fixtures()));
  EXPECT_THAT(m, HasSubstr("--set g.count=lots: stage 'g': config key 'count': expected integer, got string \"lots\""));
  EXPECT_THAT(m, HasSubstr("--set g.colour=red: stage 'g': unknown configuration property 'colour'"));
}

TEST_F(ConfigTest, SetNamesAMissingStageOrAMalformedAssignment) {
  auto f = load("pipeline: x\nstages:\n  - {name: g, plugin: fx_good}\n");
  EXPECT_THROW(
      {
        try {
          apply_override(f, "claims.x=1");
        } catch (const ConfigError& e) {
          EXPECT_THAT(e.what(), HasSubstr("--set claims.x=1: no stage named 'claims' (stages: g)"));
          throw;
        }
      },
      ConfigError);
  EXPECT_THROW(apply_override(f, "g=1"), ConfigError);
  EXPECT_THROW(apply_override(f, "g.count"), ConfigError);
}

TEST_F(ConfigTest, PluginPathsAreRelativeToTheFile) {
  std::filesystem::create_directories(dir_ / "myplugins");
  std::filesystem::copy_file(factpipe::test::fixture("fx_boom"), dir_ / "myplugins/factpipe-fx_boom.so");
  auto f = load("pipeline: x\nplugin_paths: [myplugins, missing]\nstages:\n  - {name: b, plugin: fx_boom}\n");
  auto paths = config_plugin_paths(f);
  ASSERT_EQ(paths.size(), 2u);
  EXPECT_EQ(paths[0], (dir_ / "myplugins").lexically_normal());
  PluginRegistry registry(paths);
  auto v = validate_pipeline(f, registry);
  EXPECT_THAT(all(v), HasSubstr(file() + ":2:27: plugin path 'missing' is not a directory"));
  EXPECT_EQ(registry.find("fx_boom")->path(), dir_ / "myplugins/factpipe-fx_boom.so");
}

#ifdef FACTPIPE_HAVE_REPORTS
TEST_F(ConfigTest, TheReportSectionIsCheckedAgainstTheReportWritersSchema) {
  auto v = validate(
      "pipeline: x\n"
      "stages:\n"
      "  - {name: g, plugin: fx_good}\n"
      "report:\n"
      "  organisation: Ledger Checks\n"
      "  organization: typo\n");
  EXPECT_THAT(all(v), HasSubstr(file() + ":6:3: report: unknown configuration property 'organization' (allowed: "));
  EXPECT_EQ(v.issues.size(), 1u);
}

TEST_F(ConfigTest, ReportUrlsAndDateAreCheckedAsTheWritersCheckThem) {
  // What `validate` accepts, the writers accept: a javascript: url never reaches a ClaimReview.
  auto v = validate(
      "pipeline: x\n"
      "stages:\n"
      "  - {name: g, plugin: fx_good}\n"
      "report:\n"
      "  organisation_url: ftp://example.org\n"
      "  review_url_base: 'javascript:alert(1)//'\n"
      "  date: 20 March\n");
  auto m = all(v);
  EXPECT_THAT(m, HasSubstr(file() + ":5:21: report: key 'organisation_url': must match "));
  EXPECT_THAT(m, HasSubstr("(http/https).), got \"ftp://example.org\""));
  EXPECT_THAT(m, HasSubstr(file() + ":6:20: report: key 'review_url_base': must match "));
  EXPECT_THAT(m, HasSubstr(file() + ":7:9: report: key 'date': must match "));
  EXPECT_EQ(v.issues.size(), 3u) << m;
  v = validate(
      "pipeline: x\n"
      "stages:\n"
      "  - {name: g, plugin: fx_good}\n"
      "report: {organisation_url: 'https://example.org', review_url_base: 'HTTP://example.org/r/', date: "
      "'2026-12-06'}\n");
  EXPECT_TRUE(v.ok()) << all(v);
}
#endif

TEST(CommandLinePaths, ARelativePathFromSetIsRelativeToTheCurrentFolder) {
  Json schema = Json::parse(R"({"type": "object", "properties": {
      "db": {"type": "string", "format": "path"},
      "sources": {"type": "array", "items": {"type": "string", "format": "path"}},
      "name": {"type": "string"}}})");
  Json config = {{"db", "fc.db"}, {"sources", {"a", "/abs/b"}}, {"name", "fc.db"}};
  Json from_file = config;
  // db and sources came from --set; name too, but it is no path.
  std::map<std::string, std::string> overrides = {{"/stages/0/config/db", "--set x.db=fc.db"},
                                                  {"/stages/0/config/sources", "--set x.sources=[a,/abs/b]"},
                                                  {"/stages/0/config/name", "--set x.name=fc.db"}};
  absolutize_command_line_paths(config, schema, overrides, "/stages/0/config");
  EXPECT_EQ(config["db"], (std::filesystem::current_path() / "fc.db").string());
  EXPECT_EQ(config["sources"][0], (std::filesystem::current_path() / "a").string());
  EXPECT_EQ(config["sources"][1], "/abs/b");
  EXPECT_EQ(config["name"], "fc.db");
  // Written in the pipeline file: left for the stage to resolve against the file's folder.
  absolutize_command_line_paths(from_file, schema, {}, "/stages/0/config");
  EXPECT_EQ(from_file["db"], "fc.db");
}
