#pragma once
// Finds plugins: every `factpipe-<name>.so` in the search directories, in order. The first file of a name
// wins; later ones are recorded as shadowed. A library is loaded (its code run) only when a plugin of its
// name is asked for, so a pipeline loads the plugins it names and nothing else. A library that fails to
// load is kept with the reason.
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <factpipe/host/plugin_library.hpp>

namespace factpipe::host {

struct PluginLoadFailure {
  std::filesystem::path path;
  std::string reason;
};

struct ShadowedPlugin {
  std::string name;
  std::filesystem::path path;         // the library that is not used
  std::filesystem::path shadowed_by;  // the one that is used
};

// The search order: the config's plugin_paths (already absolute), FACTPIPE_PLUGIN_PATH (colon separated),
// the install dir (<exe dir>/../lib/factpipe/plugins), then the build tree's plugin dir.
std::vector<std::filesystem::path> plugin_search_dirs(const std::vector<std::filesystem::path>& config_paths);
// The directories of the plugins that ship with factpipe (the last entries of plugin_search_dirs).
std::vector<std::filesystem::path> bundled_plugin_dirs();

struct PluginTrust {
  // Directories whose plugins ship with factpipe. A library elsewhere with the name of one of theirs would
  // silently replace a bundled stage: it is refused unless `allow_override` is set.
  std::vector<std::filesystem::path> bundled_dirs;
  bool allow_override = false;
};

class PluginRegistry {
 public:
  // Lists the directories now (missing ones are skipped quietly); loads nothing.
  explicit PluginRegistry(std::vector<std::filesystem::path> search_dirs, PluginTrust trust = {});

  // Loads the library of that name on first use; nullptr when there is none or it failed (see failure_for).
  std::shared_ptr<const PluginLibrary> find(std::string_view name) const;
  // Every plugin found, loaded now (for listings: `plugins list`, `version --json`), by name.
  const std::vector<std::shared_ptr<const PluginLibrary>>& plugins() const;
  // Libraries that were tried and failed, with the reason.
  const std::vector<PluginLoadFailure>& failures() const { return failures_; }
  const std::vector<ShadowedPlugin>& shadowed() const { return shadowed_; }
  const std::vector<std::filesystem::path>& search_dirs() const { return dirs_; }
  // The names of every library found (from its file name; loading it may still fail), sorted.
  std::vector<std::string> names() const;
  // Whether the library of that name lies in a bundled plugin folder (the ones factpipe ships, trusted).
  bool is_bundled(std::string_view name) const;
  // The failure of a library whose file is named factpipe-<name>.so, if any (explains an unknown plugin).
  const PluginLoadFailure* failure_for(std::string_view name) const;

 private:
  struct Candidate {
    std::filesystem::path path;
    std::string refused;  // why it may not be loaded (an unapproved override of a bundled plugin)
    std::shared_ptr<const PluginLibrary> library;
    bool tried = false;
    bool bundled = false;
  };
  std::shared_ptr<const PluginLibrary> load_locked(const std::string& name, Candidate& c) const;

  std::vector<std::filesystem::path> dirs_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, Candidate, std::less<>> candidates_;
  mutable std::vector<std::shared_ptr<const PluginLibrary>> plugins_;
  mutable std::vector<PluginLoadFailure> failures_;
  std::vector<ShadowedPlugin> shadowed_;
};

}  // namespace factpipe::host
