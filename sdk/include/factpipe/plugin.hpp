#pragma once
// Writing a stage: derive from factpipe::Stage, give it a static describe(), and put
// FACTPIPE_PLUGIN(YourStage) in one .cpp file. The macro generates the only exported symbols,
// a handful of extern "C" functions; nothing else of the plugin is visible to the host.
//
//   class Shout : public factpipe::Stage {
//    public:
//     static factpipe::PluginInfo describe() { return {.name = "shout", .version = "1.0.0", ...}; }
//     // optional, when the layers depend on the config (see layers.hpp):
//     static factpipe::StageLayers layers(const factpipe::Json& config);
//     void configure(const factpipe::Json& config, const factpipe::Context& ctx) override;
//     void process(factpipe::Document& doc) override;
//   };
//   FACTPIPE_PLUGIN(Shout)
//
// Ownership: the host creates and destroys stages through the entry points; a string returned by an
// entry point stays valid until the next call on the same thread. Exceptions never cross the boundary.
#include <concepts>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <factpipe/abi_layout.hpp>
#include <factpipe/document.hpp>
#include <factpipe/export.hpp>
#include <factpipe/layers.hpp>
#include <factpipe/version.hpp>

extern "C" {
// Host services, passed in by the host at configure time (never linked as singletons).
// Valid for as long as the stage lives.
struct factpipe_host {
  std::uint32_t struct_size;  // sizeof(factpipe_host) as the host knows it; fields are only ever appended
  void* context;
  void (*log)(void* context, int level, const char* message);  // level: 0 trace .. 4 error
  const char* stage_name;                                      // instance name in the pipeline
  const char* library_path;                                    // this plugin's shared library
  const char* config_dir;  // directory of the pipeline file, for relative paths in the config
};
}

namespace factpipe {

enum class LogLevel : int { trace = 0, debug = 1, info = 2, warn = 3, error = 4 };

// What a stage may ask of the host.
class FACTPIPE_SDK_API Context {
 public:
  Context() = default;  // a context without a host: logs nowhere (for tests and tools)
  explicit Context(const factpipe_host& host);

  void log(LogLevel level, std::string_view message) const;
  void debug(std::string_view m) const { log(LogLevel::debug, m); }
  void info(std::string_view m) const { log(LogLevel::info, m); }
  void warn(std::string_view m) const { log(LogLevel::warn, m); }

  const std::string& stage_name() const { return stage_name_; }
  const std::filesystem::path& library_path() const { return library_path_; }
  // Data shipped with the plugin (factpipe_add_plugin(... DATA_DIR dir)): next to the library,
  // in "<library stem>.data/".
  std::filesystem::path data_dir() const;
  const std::filesystem::path& config_dir() const { return config_dir_; }
  // A path from the config: absolute as is; relative to the pipeline file when it exists there,
  // otherwise relative to the plugin's data dir.
  std::filesystem::path resolve(const std::filesystem::path& p) const;

  // For tests and tools that run a stage without a host.
  static Context for_library(std::filesystem::path library_path, std::string stage_name = "test");

 private:
  void* host_context_ = nullptr;
  void (*log_)(void*, int, const char*) = nullptr;
  std::string stage_name_;
  std::filesystem::path library_path_, config_dir_;
};

// A stage's description of itself; needs no running (no configure, no document).
struct PluginInfo {
  std::string name;     // what the pipeline file calls it: `plugin: quotes`
  std::string version;  // the plugin's own semver
  std::string description;
  std::string license = "";
  // What process() reads and writes (layers.hpp), for the default config; a stage whose layers follow its
  // config also defines `static StageLayers layers(const Json& config)`. Since API 3.0 typed ("requires" and
  // "provides" in JSON, by name). Every layer in requires must be provided by an earlier stage; a stage may change
  // only the layers it provides (and extra["<its plugin name>"] anywhere).
  std::vector<Layer> requires_layers;
  std::vector<Layer> provides_layers;
  Json config_schema = Json{{"type", "object"}, {"additionalProperties", false}, {"properties", Json::object()}};
  bool thread_safe = false;  // may one configured instance process documents on several threads at once?
  // Since API 1.1. True: the host calls prepare_batch() with every document of the run, after the stages
  // before this one and before this stage's first process(). The host then holds the run's documents in
  // memory between those two steps (`factpipe run --batch-size N` bounds that to N documents at a time).
  bool prepare_batch = false;
};

FACTPIPE_SDK_API Json to_json(const PluginInfo& info);
FACTPIPE_SDK_API PluginInfo plugin_info_from_json(const Json& j);
FACTPIPE_SDK_API Json to_json(const StageLayers& layers);  // {"requires": [names], "provides": [names]}
FACTPIPE_SDK_API StageLayers stage_layers_from_json(const Json& j);

// The interface of a pipeline stage. The out-of-line destructor in the SDK library is its key function,
// so there is exactly one typeinfo for it across host and plugins.
class FACTPIPE_SDK_API Stage {
 public:
  virtual ~Stage();
  // Called once, before any document, with the config already validated against the schema and with
  // the schema's defaults filled in. Load models and data here and fail here, naming the file.
  // Keep a copy of `ctx` to log later; the host services it refers to outlive the stage.
  virtual void configure(const Json& config, const Context& ctx) = 0;
  // Called per document. May be called concurrently only when describe().thread_safe is true.
  virtual void process(Document& doc) = 0;
  // Since API 1.1; called only when describe().prepare_batch is true. Every document of the batch that
  // the earlier stages processed without error, in input order, read-only; called once per batch on every
  // instance of the stage, from one thread, before process() sees any of them. For stages that relate
  // documents to each other (the same claim in two articles) independently of the order they run in.
  virtual void prepare_batch(const std::vector<const Document*>& documents);
  // Since API 3.0. Called from one thread, between runs, when the host reuses configured stages for a new and
  // independent run (the Python module between calls, each Dask partition): forget what the documents of
  // earlier runs left behind (crossref's claims remembered to link documents), so that the next batch is
  // processed as if it were the first. Much cheaper than configuring again. The default does nothing.
  virtual void start_run();
};

}  // namespace factpipe

// ---- the bridge: everything below is used by FACTPIPE_PLUGIN only ----

// Lets a test build a plugin that claims another API version; real plugins never set these.
#ifndef FACTPIPE_PLUGIN_API_MAJOR
#define FACTPIPE_PLUGIN_API_MAJOR FACTPIPE_API_VERSION_MAJOR
#endif
#ifndef FACTPIPE_PLUGIN_API_MINOR
#define FACTPIPE_PLUGIN_API_MINOR FACTPIPE_API_VERSION_MINOR
#endif

namespace factpipe::bridge {

inline std::string& last_error() {
  thread_local std::string message;
  return message;
}

// Runs `f`, turning any exception into a status code and a message kept for factpipe_last_error().
template <class F>
int guarded(F&& f) noexcept {
  try {
    f();
    return 0;
  } catch (const std::exception& e) {
    try {
      last_error() = e.what();
    } catch (...) {
    }
  } catch (...) {
    try {
      last_error() = "unknown exception (not derived from std::exception)";
    } catch (...) {
    }
  }
  return 1;
}

// The stage's layers for a config: its own layers(config) when it has one, else describe()'s.
template <class StageClass>
std::string layers_json(const char* config_json) {
  if constexpr (requires(const Json& c) {
                  { StageClass::layers(c) } -> std::same_as<StageLayers>;
                }) {
    return to_json(StageClass::layers(Json::parse(config_json))).dump();
  } else {
    PluginInfo info = StageClass::describe();
    return to_json(StageLayers{info.requires_layers, info.provides_layers}).dump();
  }
}

inline const std::string& abi_layout() {
  static const std::string layout = ::factpipe::abi::layout(sizeof(PluginInfo), sizeof(factpipe_host));
  return layout;
}

}  // namespace factpipe::bridge

// API 1.1 entry point; left out when a test builds a plugin that claims API 1.0, which has no such entry.
#if FACTPIPE_PLUGIN_API_MAJOR == 1 && FACTPIPE_PLUGIN_API_MINOR < 1
#define FACTPIPE_DETAIL_PREPARE_BATCH_ENTRY(StageClass)
#else
#define FACTPIPE_DETAIL_PREPARE_BATCH_ENTRY(StageClass)                                                         \
  FACTPIPE_EXPORT int factpipe_stage_prepare_batch(void* stage, const void* const* documents,                   \
                                                   std::size_t count) noexcept {                                \
    return ::factpipe::bridge::guarded([&] {                                                                    \
      std::vector<const ::factpipe::Document*> docs(count);                                                     \
      for (std::size_t i = 0; i < count; ++i) docs[i] = static_cast<const ::factpipe::Document*>(documents[i]); \
      static_cast<::factpipe::Stage*>(stage)->prepare_batch(docs);                                              \
    });                                                                                                         \
  }
#endif

#define FACTPIPE_PLUGIN(StageClass)                                                                                   \
  static_assert(std::is_base_of_v<::factpipe::Stage, StageClass>, #StageClass " must derive from factpipe::Stage");   \
  static_assert(std::is_same_v<decltype(StageClass::describe()), ::factpipe::PluginInfo>,                             \
                #StageClass " needs `static factpipe::PluginInfo describe()`");                                       \
  static_assert(std::is_default_constructible_v<StageClass>,                                                          \
                #StageClass " must be default constructible (configure() takes the config)");                         \
  extern "C" {                                                                                                        \
  FACTPIPE_EXPORT const char* factpipe_abi_layout() noexcept {                                                        \
    const char* layout = nullptr;                                                                                     \
    ::factpipe::bridge::guarded([&] { layout = ::factpipe::bridge::abi_layout().c_str(); });                          \
    return layout;                                                                                                    \
  }                                                                                                                   \
  FACTPIPE_EXPORT void factpipe_api_version(std::uint32_t* major, std::uint32_t* minor,                               \
                                            std::uint32_t* patch) noexcept {                                          \
    *major = FACTPIPE_PLUGIN_API_MAJOR;                                                                               \
    *minor = FACTPIPE_PLUGIN_API_MINOR;                                                                               \
    *patch = FACTPIPE_API_VERSION_PATCH;                                                                              \
  }                                                                                                                   \
  FACTPIPE_EXPORT const char* factpipe_plugin_describe() noexcept {                                                   \
    thread_local std::string described;                                                                               \
    int rc = ::factpipe::bridge::guarded([] { described = ::factpipe::to_json(StageClass::describe()).dump(); });     \
    return rc == 0 ? described.c_str() : nullptr;                                                                     \
  }                                                                                                                   \
  FACTPIPE_EXPORT const char* factpipe_stage_layers(const char* config_json) noexcept {                               \
    thread_local std::string layers;                                                                                  \
    int rc = ::factpipe::bridge::guarded([&] { layers = ::factpipe::bridge::layers_json<StageClass>(config_json); }); \
    return rc == 0 ? layers.c_str() : nullptr;                                                                        \
  }                                                                                                                   \
  FACTPIPE_EXPORT void* factpipe_stage_create() noexcept {                                                            \
    ::factpipe::Stage* stage = nullptr;                                                                               \
    ::factpipe::bridge::guarded([&] { stage = new StageClass(); });                                                   \
    return stage;                                                                                                     \
  }                                                                                                                   \
  FACTPIPE_EXPORT void factpipe_stage_destroy(void* stage) noexcept {                                                 \
    ::factpipe::bridge::guarded([&] { delete static_cast<::factpipe::Stage*>(stage); });                              \
  }                                                                                                                   \
  FACTPIPE_EXPORT int factpipe_stage_configure(void* stage, const char* config_json,                                  \
                                               const factpipe_host* host) noexcept {                                  \
    return ::factpipe::bridge::guarded([&] {                                                                          \
      static_cast<::factpipe::Stage*>(stage)->configure(::factpipe::Json::parse(config_json),                         \
                                                        ::factpipe::Context(*host));                                  \
    });                                                                                                               \
  }                                                                                                                   \
  FACTPIPE_EXPORT int factpipe_stage_process(void* stage, void* document) noexcept {                                  \
    return ::factpipe::bridge::guarded(                                                                               \
        [&] { static_cast<::factpipe::Stage*>(stage)->process(*static_cast<::factpipe::Document*>(document)); });     \
  }                                                                                                                   \
  FACTPIPE_DETAIL_PREPARE_BATCH_ENTRY(StageClass)                                                                     \
  FACTPIPE_EXPORT int factpipe_stage_start_run(void* stage) noexcept {                                                \
    return ::factpipe::bridge::guarded([&] { static_cast<::factpipe::Stage*>(stage)->start_run(); });                 \
  }                                                                                                                   \
  FACTPIPE_EXPORT const char* factpipe_last_error() noexcept { return ::factpipe::bridge::last_error().c_str(); }     \
  }
