#pragma once
// One loaded plugin library: the version check, the entry points and the plugin's description.
// Loading order (each step only when the previous passed):
//   1. factpipe_api_version exists   ("not a factpipe plugin: missing entry point factpipe_api_version")
//   2. the plugin's layout fingerprint (factpipe_abi_layout, abi_layout.hpp) equals the host's (the message names
//      the first item that differs: a size, an offset, the compiler, the standard library, nlohmann/json); a
//      plugin from before API 3.0 has none and is left to the version rule
//   3. factpipe::api_incompatibility(host, plugin) is empty (the message names the failed rule)
//   4. every other required entry point exists (all missing ones are named); those a plugin's API minor
//      version does not have yet (factpipe_stage_prepare_batch before 1.1) are left unset
//   5. factpipe_plugin_describe() succeeds and returns a valid description, and its layers for the default
//      config can be asked (factpipe_stage_layers)
// Whoever holds a shared_ptr<PluginLibrary> keeps the library mapped (stage instances hold one).
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include <factpipe/plugin.hpp>
#include <factpipe/version.hpp>

namespace factpipe::host {

class PluginLibrary {
 public:
  // Throws PluginError naming the file and the reason.
  static std::shared_ptr<PluginLibrary> load(const std::filesystem::path& path);
  ~PluginLibrary();
  PluginLibrary(const PluginLibrary&) = delete;
  PluginLibrary& operator=(const PluginLibrary&) = delete;

  const std::filesystem::path& path() const { return path_; }
  const PluginInfo& info() const { return info_; }
  const std::string& name() const { return info_.name; }
  const Json& description() const { return description_; }  // describe() as JSON, as the plugin gave it
  const ApiVersion& api_version() const { return api_version_; }
  // The schema's defaults, as an empty config filled by the host.
  Json default_config() const;
  // What a stage of this plugin reads and writes with `config` (validated, defaults filled): the stage's
  // layers(config) when it has one, else describe()'s lists. Throws PluginError with the plugin's message.
  StageLayers layers_for(const Json& config) const;
  const StageLayers& default_layers() const { return default_layers_; }

  // The raw entry points (see FACTPIPE_PLUGIN in factpipe/plugin.hpp); StageInstance wraps them.
  struct EntryPoints {
    void* (*create)() noexcept = nullptr;
    void (*destroy)(void*) noexcept = nullptr;
    int (*configure)(void*, const char*, const factpipe_host*) noexcept = nullptr;
    int (*process)(void*, void*) noexcept = nullptr;
    const char* (*last_error)() noexcept = nullptr;
    const char* (*describe)() noexcept = nullptr;
    int (*prepare_batch)(void*, const void* const*, std::size_t) noexcept = nullptr;  // null before API 1.1
    const char* (*layers)(const char*) noexcept = nullptr;                            // API 3.0
    int (*start_run)(void*) noexcept = nullptr;                                       // API 3.0
  };
  const EntryPoints& entry_points() const { return entry_; }

 private:
  struct Handle;
  explicit PluginLibrary(std::filesystem::path path);

  std::filesystem::path path_;
  std::unique_ptr<Handle> handle_;  // the mapped library (Boost.DLL), released last
  EntryPoints entry_;
  ApiVersion api_version_;
  Json description_;
  PluginInfo info_;
  StageLayers default_layers_;
};

}  // namespace factpipe::host
