// A library's code runs as soon as it is loaded, so the host loads only the plugins a valid pipeline names,
// and a library found outside the bundled plugin folders may not silently replace a bundled stage.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include <factpipe/host/pipeline_config.hpp>
#include <factpipe/host/pipeline_validator.hpp>
#include <factpipe/host/plugin_registry.hpp>

#include "host_test_util.hpp"

using namespace factpipe::host;
using factpipe::test::fixture;
using factpipe::test::fixture_dir;
using ::testing::HasSubstr;

namespace {

std::string issues(const ValidatedPipeline& v) {
  std::string out;
  for (const auto& i : v.issues) out += i.str() + "\n";
  return out;
}

// One check, in order, in a fresh process: a library's global constructors run once per process, at its first
// load, and other tests of this binary load fx_marker too. Returns what went wrong, empty when nothing did.
std::string check_loaded_only_when_named() {
  std::string problems;
  auto expect = [&](bool ok, const std::string& what) {
    if (!ok) problems += what + "\n";
  };
  factpipe::test::TempDir dir;
  auto marker = dir / "loaded.txt";
  setenv("FACTPIPE_TEST_LOAD_MARKER", marker.c_str(), 1);
  PluginRegistry registry({fixture_dir()});

  // An invalid file names the plugin: nothing is loaded.
  auto bad = load_pipeline_file(
      dir.write("bad.yaml", "pipeline: x\ncolour: blue\nstages:\n  - {name: m, plugin: fx_marker}\n"));
  auto v = validate_pipeline(bad, registry);
  expect(issues(v).find("unknown top-level key 'colour'") != std::string::npos, "no unknown-key issue: " + issues(v));
  expect(!std::filesystem::exists(marker), "validating an invalid file ran a plugin library's code");

  // A valid file that does not name it: only the plugins it names are loaded.
  auto other = load_pipeline_file(dir.write("other.yaml", "pipeline: x\nstages:\n  - {name: g, plugin: fx_good}\n"));
  v = validate_pipeline(other, registry);
  expect(v.ok(), "a valid file was refused: " + issues(v));
  expect(!std::filesystem::exists(marker), "a plugin the pipeline does not name was loaded");
  expect(registry.failures().empty(), "libraries the pipeline does not name were tried");

  // A valid file that names it: loaded, from the folder reported.
  auto named = load_pipeline_file(dir.write("named.yaml", "pipeline: x\nstages:\n  - {name: m, plugin: fx_marker}\n"));
  v = validate_pipeline(named, registry);
  expect(v.ok(), "the file naming fx_marker was refused: " + issues(v));
  expect(std::filesystem::exists(marker), "fx_marker's constructor did not run when a valid pipeline named it");
  expect(v.ok() && v.stages.at(0).plugin->path() == fixture("fx_marker"),
         "fx_marker was not loaded from " + fixture("fx_marker").string());
  unsetenv("FACTPIPE_TEST_LOAD_MARKER");
  return problems;
}

TEST(PluginTrust, ALibraryIsLoadedOnlyWhenAValidPipelineNamesIt) {
  // "threadsafe" death tests run the check in a new process that executes this test alone.
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        std::string problems = check_loaded_only_when_named();
        std::fputs(problems.c_str(), stderr);
        std::exit(problems.empty() ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
}

TEST(PluginTrust, ALibraryThatWouldReplaceABundledPluginNeedsTheOption) {
  factpipe::test::TempDir bundled, user;
  std::filesystem::copy_file(fixture("fx_good"), bundled / "factpipe-fx_good.so");
  std::filesystem::copy_file(fixture("fx_good"), user / "factpipe-fx_good.so");
  std::filesystem::copy_file(fixture("fx_boom"), user / "factpipe-fx_boom.so");  // a new name: fine

  PluginRegistry refused({user.path(), bundled.path()}, PluginTrust{{bundled.path()}, false});
  EXPECT_EQ(refused.find("fx_good"), nullptr);
  ASSERT_NE(refused.failure_for("fx_good"), nullptr);
  EXPECT_THAT(refused.failure_for("fx_good")->reason,
              HasSubstr((user / "factpipe-fx_good.so").string() + " would replace the bundled plugin 'fx_good' (" +
                        (bundled / "factpipe-fx_good.so").string() + "); pass --allow-plugin-override"));
  EXPECT_NE(refused.find("fx_boom"), nullptr);

  PluginRegistry allowed({user.path(), bundled.path()}, PluginTrust{{bundled.path()}, true});
  ASSERT_NE(allowed.find("fx_good"), nullptr);
  EXPECT_EQ(allowed.find("fx_good")->path(), user / "factpipe-fx_good.so");
  ASSERT_EQ(allowed.shadowed().size(), 1u);
  EXPECT_EQ(allowed.shadowed()[0].path, bundled / "factpipe-fx_good.so");
}

TEST(PluginTrust, ThePipelineSaysWhyAnOverrideWasRefused) {
  factpipe::test::TempDir bundled, user;
  std::filesystem::copy_file(fixture("fx_good"), bundled / "factpipe-fx_good.so");
  std::filesystem::copy_file(fixture("fx_good"), user / "factpipe-fx_good.so");
  PluginRegistry registry({user.path(), bundled.path()}, PluginTrust{{bundled.path()}, false});
  auto f = load_pipeline_file(user.write("p.yaml", "pipeline: x\nstages:\n  - {name: g, plugin: fx_good}\n"));
  auto v = validate_pipeline(f, registry);
  ASSERT_EQ(v.issues.size(), 1u) << issues(v);
  EXPECT_THAT(v.issues[0].message, HasSubstr("stage 'g': plugin 'fx_good' was found but failed to load"));
  EXPECT_THAT(v.issues[0].message, HasSubstr("--allow-plugin-override"));
}

TEST(PluginTrust, AFileNamedForAnotherPluginIsRefused) {
  factpipe::test::TempDir dir;
  std::filesystem::copy_file(fixture("fx_good"), dir / "factpipe-quotes.so");
  PluginRegistry registry({dir.path()});
  EXPECT_EQ(registry.find("quotes"), nullptr);
  ASSERT_NE(registry.failure_for("quotes"), nullptr);
  EXPECT_THAT(registry.failure_for("quotes")->reason,
              HasSubstr("the plugin calls itself 'fx_good', but its file is named for 'quotes'"));
}

}  // namespace
