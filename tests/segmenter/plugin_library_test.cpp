// The built factpipe-segmenter.so through its C entry points, as the host loads it (dlopen, no host code):
// describe, create, configure with {} (data found next to the library), process, last_error, destroy.
#include <dlfcn.h>

#include <gmock/gmock.h>

#include <factpipe/plugin.hpp>

#include <factpipe/host/stage_config.hpp>
#include "test_paths.hpp"

using ::testing::HasSubstr;

namespace {
struct Library {
  void* handle = nullptr;
  explicit Library(const std::filesystem::path& p) : handle(dlopen(p.c_str(), RTLD_NOW | RTLD_LOCAL)) {}
  ~Library() {
    if (handle) dlclose(handle);
  }
  template <class F>
  F* symbol(const char* name) const {
    return reinterpret_cast<F*>(dlsym(handle, name));
  }
};
}  // namespace

TEST(SegmenterPluginLibrary, LoadsConfiguresAndProcessesThroughTheCEntryPoints) {
  auto path = factpipe::test::plugin_dir() / "factpipe-segmenter.so";
  Library lib(path);
  ASSERT_NE(lib.handle, nullptr) << dlerror();
  auto describe = lib.symbol<const char*()>("factpipe_plugin_describe");
  auto create = lib.symbol<void*()>("factpipe_stage_create");
  auto destroy = lib.symbol<void(void*)>("factpipe_stage_destroy");
  auto configure = lib.symbol<int(void*, const char*, const factpipe_host*)>("factpipe_stage_configure");
  auto process = lib.symbol<int(void*, void*)>("factpipe_stage_process");
  auto last_error = lib.symbol<const char*()>("factpipe_last_error");
  ASSERT_TRUE(describe && create && destroy && configure && process && last_error);
  // Only the bridge is exported: the segmenter's own classes stay hidden (name as in libsegmenter_core.a).
  EXPECT_EQ(dlsym(lib.handle, "_ZNK8factpipe9segmenter9Segmenter7segmentESt17basic_string_viewIcSt11char_traitsIcEE"),
            nullptr);

  auto info = factpipe::plugin_info_from_json(factpipe::Json::parse(describe()));
  EXPECT_EQ(info.name, "segmenter");
  EXPECT_THAT(layer_names(info.provides_layers), ::testing::ElementsAre("paragraphs", "sentences", "tokens", "markup"));

  std::string lib_path = path.string();
  factpipe_host host{sizeof(factpipe_host), nullptr, nullptr, "segmenter", lib_path.c_str(), ""};
  void* stage = create();
  ASSERT_NE(stage, nullptr);
  // As the host gives it: validated, the schema's defaults filled in.
  std::string config = factpipe::host::stage_config(info, factpipe::Json::object()).dump();
  ASSERT_EQ(configure(stage, config.c_str(), &host), 0) << last_error();
  factpipe::Document doc("d", "Gov. Smith spoke. \xE2\x80\x9CWe will win!\xE2\x80\x9D she said.\n\nThe U.S. agreed.");
  ASSERT_EQ(process(stage, &doc), 0) << last_error();
  EXPECT_EQ(doc.paragraphs.size(), 2u);
  ASSERT_EQ(doc.sentences.size(), 3u);
  EXPECT_EQ(doc.slice(doc.sentences[1].span), "\xE2\x80\x9CWe will win!\xE2\x80\x9D she said.");
  EXPECT_TRUE(doc.has_layer("tokens"));

  factpipe::Document bad("bad", "ok \xFF");
  EXPECT_EQ(process(stage, &bad), 1);
  EXPECT_THAT(last_error(), HasSubstr("not valid UTF-8"));
  destroy(stage);

  void* other = create();
  std::string missing =
      factpipe::host::stage_config(info, factpipe::Json{{"abbreviations_file", "missing-list.txt"}}).dump();
  EXPECT_EQ(configure(other, missing.c_str(), &host), 1);
  EXPECT_THAT(last_error(), HasSubstr("missing-list.txt"));
  destroy(other);
}
