// Real shared libraries through the host: the version check, missing entry points, errors across the
// boundary, and the library's lifetime.
#include <dlfcn.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <factpipe/host/errors.hpp>
#include <factpipe/host/plugin_library.hpp>
#include <factpipe/host/plugin_registry.hpp>
#include <factpipe/host/stage_instance.hpp>

#include "host_test_util.hpp"

using namespace factpipe;
using namespace factpipe::host;
using factpipe::test::fixture;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

std::string load_error(const std::string& name) {
  try {
    PluginLibrary::load(fixture(name));
  } catch (const PluginError& e) {
    return e.what();
  }
  return "(loaded fine)";
}

bool is_mapped(const std::filesystem::path& p) {
  // RTLD_NOLOAD: a handle only if the library is already in the process.
  void* h = dlopen(p.c_str(), RTLD_NOW | RTLD_NOLOAD);
  if (h) dlclose(h);
  return h != nullptr;
}

}  // namespace

TEST(PluginLibrary, LoadsAGoodPluginAndDescribesIt) {
  auto lib = PluginLibrary::load(fixture("fx_good"));
  EXPECT_EQ(lib->name(), "fx_good");
  EXPECT_EQ(lib->info().version, "1.2.3");
  EXPECT_EQ(layer_names(lib->info().provides_layers), std::vector<std::string>{"fixture"});
  EXPECT_EQ(lib->api_version().major, kApiVersion.major);
  EXPECT_TRUE(lib->info().config_schema["properties"].contains("greeting"));
}

TEST(PluginLibrary, RejectsAnotherApiMajorNamingTheRule) {
  auto e = load_error("fx_major2");
  EXPECT_THAT(e, HasSubstr("factpipe-fx_major2.so"));
  EXPECT_THAT(e, HasSubstr("API major versions differ (plugin " + std::to_string(kApiVersion.major + 1) + "." +
                           std::to_string(kApiVersion.minor) + ".0, host " + kApiVersion.str() + ")"));
}

TEST(PluginLibrary, RefusesAnApi1PluginBuiltBeforeTheDocumentHadAuthors) {
  // API 2.0 added Metadata::authors: a 1.x plugin sees another document layout and must be rebuilt.
  auto e = load_error("fx_api10");
  EXPECT_THAT(e, HasSubstr("API major versions differ (plugin 1.0.0, host " + kApiVersion.str() +
                           "): rebuild the plugin against this SDK"));
}

TEST(PluginLibrary, RefusesAPluginBuiltAgainstTheApi20Headers) {
  // tests/plugins_fixture/sdk-2.0: the previous release's headers, with string layers and no layout fingerprint.
  auto e = load_error("fx_sdk20");
  EXPECT_THAT(e, HasSubstr("factpipe-fx_sdk20.so: incompatible plugin: API major versions differ (plugin 2.0.0, host " +
                           kApiVersion.str() + "): rebuild the plugin against this SDK"));
}

TEST(PluginLibrary, ComparesTheLayoutBeforeTheVersionNamingWhatDiffers) {
  // Today's headers and API version, but Metadata::authors a string instead of a list (a layout change without a
  // major bump, as the version rule once allowed): the version rule would pass it; the layout, compared first, not.
  auto e = load_error("fx_skewed");
  const std::string less = std::to_string(sizeof(Metadata) - sizeof(std::vector<std::string>) + sizeof(std::string));
  EXPECT_THAT(e, HasSubstr("factpipe-fx_skewed.so: incompatible plugin: the layout of the types crossing the boundary "
                           "differs (sizeof(Metadata): plugin " +
                           less + ", host " + std::to_string(sizeof(Metadata)) +
                           "): rebuild the plugin against this SDK with the host's compiler and libraries"));
  // The host's own layout has every boundary type in it.
  const std::string& layout = factpipe::bridge::abi_layout();
  EXPECT_THAT(layout, HasSubstr("sizeof(Document)="));
  EXPECT_THAT(layout, HasSubstr("offset(Document::extra)="));
  EXPECT_THAT(layout, HasSubstr("nlohmann_json=3."));
  EXPECT_EQ(factpipe::abi::layout_difference(layout, layout), "");
  EXPECT_EQ(factpipe::abi::layout_difference("compiler=gcc 12;sizeof(Document)=712;",
                                             "compiler=gcc 12;sizeof(Document)=736;"),
            "sizeof(Document): plugin 712, host 736");
}

TEST(PluginLibrary, AnApi11PluginHasTheBatchEntryPointAndSaysWhetherItWantsIt) {
  auto batch = PluginLibrary::load(fixture("fx_batch"));
  EXPECT_NE(batch->entry_points().prepare_batch, nullptr);
  EXPECT_TRUE(batch->info().prepare_batch);
  EXPECT_EQ(batch->description()["prepare_batch"], true);
  EXPECT_FALSE(PluginLibrary::load(fixture("fx_good"))->info().prepare_batch);
}

TEST(PluginLibrary, RejectsANewerMinorNamingTheRule) {
  auto e = load_error("fx_newminor");
  EXPECT_THAT(e, HasSubstr("host minor must be >= plugin minor"));
  EXPECT_THAT(e, Not(HasSubstr("major")));
}

TEST(PluginLibrary, RejectsALibraryWithoutTheVersionEntryPoint) {
  EXPECT_THAT(load_error("fx_noentry"), HasSubstr("not a factpipe plugin: missing entry point factpipe_api_version"));
}

TEST(PluginLibrary, NamesEveryMissingRequiredEntryPoint) {
  auto e = load_error("fx_missing_entry");
  EXPECT_THAT(e, HasSubstr("missing required entry point(s): factpipe_stage_process, factpipe_last_error, "
                           "factpipe_stage_layers, factpipe_stage_start_run"));
}

TEST(PluginLibrary, ReportsADescribeThatThrows) {
  EXPECT_THAT(load_error("fx_describe_throws"), HasSubstr("describe() failed: describe exploded"));
}

TEST(PluginLibrary, ReportsAFileThatIsNoLibrary) {
  factpipe::test::TempDir dir;
  auto bogus = dir.write("factpipe-bogus.so", "not an ELF file");
  try {
    PluginLibrary::load(bogus);
    FAIL() << "loaded a text file";
  } catch (const PluginError& e) {
    EXPECT_THAT(e.what(), AllOf(HasSubstr("factpipe-bogus.so"), HasSubstr("cannot load library")));
  }
}

TEST(StageInstance, ConfiguresWithHostServicesAndProcesses) {
  auto lib = PluginLibrary::load(fixture("fx_good"));
  StageInstance stage(lib, "greeter", "/some/config/dir");
  stage.configure(Json{{"greeting", "hey"}});
  Document doc("d1", "text");
  stage.process(doc);
  EXPECT_EQ(doc.extra["fx_good"]["greeting"], "hey");
  EXPECT_EQ(doc.extra["fx_good"]["_stage_name"], "greeter");
  EXPECT_EQ(doc.extra["fx_good"]["_config_dir"], "/some/config/dir");
}

TEST(StageInstance, ConfigureErrorNamesStageAndPluginMessage) {
  auto lib = PluginLibrary::load(fixture("fx_good"));
  StageInstance stage(lib, "greeter", "");
  try {
    stage.configure(Json{{"fail_configure", true}});
    FAIL();
  } catch (const PluginError& e) {
    EXPECT_THAT(e.what(), HasSubstr("stage 'greeter' (plugin fx_good): configure failed: configure refused"));
  }
}

TEST(StageInstance, ProcessErrorNamesStageAndDocument) {
  auto lib = PluginLibrary::load(fixture("fx_boom"));
  StageInstance stage(lib, "exploder", "");
  stage.configure(Json::object());
  Document fine("calm", "nothing here");
  stage.process(fine);
  EXPECT_EQ(fine.extra["fx_boom"], "survived");
  Document bad("doc-7", "a BOOM inside");
  try {
    stage.process(bad);
    FAIL();
  } catch (const StageError& e) {
    EXPECT_EQ(e.stage, "exploder");
    EXPECT_EQ(e.document_id, "doc-7");
    EXPECT_THAT(e.what(), HasSubstr("stage 'exploder' failed on document 'doc-7': found BOOM in the text"));
  }
}

TEST(StageInstance, KeepsTheLibraryLoadedWhileAStageLives) {
  // A private copy, so no other test's handle keeps it mapped.
  factpipe::test::TempDir dir;
  auto copy = dir / "factpipe-fx_empty_copy.so";
  std::filesystem::copy_file(fixture("fx_empty"), copy);
  ASSERT_FALSE(is_mapped(copy));
  std::weak_ptr<const PluginLibrary> observer;
  {
    std::unique_ptr<StageInstance> stage;
    {
      auto lib = PluginLibrary::load(copy);
      observer = lib;
      stage = std::make_unique<StageInstance>(lib, "empty", "");
    }  // the host's own handle is gone; the stage still holds one
    EXPECT_FALSE(observer.expired());
    EXPECT_TRUE(is_mapped(copy));
    stage->configure(Json::object());
    Document doc("x", "y");
    stage->process(doc);  // would crash if the code were unmapped
    EXPECT_EQ(doc.id(), "x");
  }
  // The last owner was the stage: the library handle is released (dlclose) after the object is destroyed.
  // Whether the code really leaves memory is up to the dynamic loader (a plugin's thread_local state
  // is a GNU unique symbol, which keeps it), so only the ownership is asserted.
  EXPECT_TRUE(observer.expired());
}

TEST(PluginRegistry, ListsPluginsAndWhyOthersFailed) {
  PluginRegistry registry({factpipe::test::fixture_dir()});
  EXPECT_TRUE(registry.failures().empty()) << "nothing is loaded before it is asked for";
  std::vector<std::string> names;
  for (const auto& p : registry.plugins()) names.push_back(p->name());  // loads every one
  EXPECT_THAT(names, ::testing::IsSupersetOf({"fx_good", "fx_boom", "fx_empty", "fx_needs_quotes"}));
  EXPECT_THAT(names, Not(::testing::Contains("fx_major2")));
  EXPECT_THAT(registry.names(), ::testing::Contains("fx_major2"));  // found, by its file name
  std::string failures;
  for (const auto& f : registry.failures()) failures += f.reason + "\n";
  EXPECT_THAT(failures, HasSubstr("factpipe-fx_major2.so: incompatible plugin: API major versions differ"));
  EXPECT_THAT(failures, HasSubstr("factpipe-fx_noentry.so: not a factpipe plugin"));
  EXPECT_THAT(failures, HasSubstr("factpipe-fx_missing_entry.so: missing required entry point(s)"));
  EXPECT_THAT(failures, HasSubstr("factpipe-fx_describe_throws.so: describe() failed"));
  ASSERT_NE(registry.failure_for("fx_major2"), nullptr);
}

TEST(PluginRegistry, FirstPluginOfANameWinsAndLaterOnesAreShadowed) {
  factpipe::test::TempDir a, b;
  std::filesystem::copy_file(fixture("fx_good"), a / "factpipe-fx_good.so");
  std::filesystem::copy_file(fixture("fx_good"), b / "factpipe-fx_good.so");
  PluginRegistry registry({a.path(), b.path(), a / "does-not-exist"});
  ASSERT_NE(registry.find("fx_good"), nullptr);
  EXPECT_EQ(registry.find("fx_good")->path(), a / "factpipe-fx_good.so");
  ASSERT_EQ(registry.shadowed().size(), 1u);
  EXPECT_EQ(registry.shadowed()[0].path, b / "factpipe-fx_good.so");
  EXPECT_EQ(registry.shadowed()[0].shadowed_by, a / "factpipe-fx_good.so");
}

TEST(PluginRegistry, SearchOrderIsConfigThenEnvironmentThenInstallThenBuildTree) {
  setenv("FACTPIPE_PLUGIN_PATH", "/env/one:/env/two", 1);
  auto dirs = plugin_search_dirs({"/from/config"});
  unsetenv("FACTPIPE_PLUGIN_PATH");
  ASSERT_GE(dirs.size(), 5u);
  EXPECT_EQ(dirs[0], "/from/config");
  EXPECT_EQ(dirs[1], "/env/one");
  EXPECT_EQ(dirs[2], "/env/two");
  EXPECT_EQ(dirs[3].filename(), "plugins");
  EXPECT_EQ(dirs[3].parent_path().filename(), "factpipe");
  // a test runs from the build tree's bin/: its plugins folder comes last, found from there, not compiled in
  EXPECT_EQ(std::filesystem::weakly_canonical(dirs.back()), std::filesystem::weakly_canonical(FACTPIPE_PLUGIN_DIR));
}
