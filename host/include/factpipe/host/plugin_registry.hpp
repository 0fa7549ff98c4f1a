#pragma once
// Finds plugins: every `factpipe-*.so` in the search directories, in order. The first plugin of a name
// wins; later ones are recorded as shadowed. Libraries that fail to load are kept with the reason.
#include <filesystem>
#include <memory>
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

class PluginRegistry {
 public:
  // Scans the directories now (missing directories are skipped quietly).
  explicit PluginRegistry(std::vector<std::filesystem::path> search_dirs);

  std::shared_ptr<const PluginLibrary> find(std::string_view name) const;
  const std::vector<std::shared_ptr<const PluginLibrary>>& plugins() const { return plugins_; }  // by name
  const std::vector<PluginLoadFailure>& failures() const { return failures_; }
  const std::vector<ShadowedPlugin>& shadowed() const { return shadowed_; }
  const std::vector<std::filesystem::path>& search_dirs() const { return dirs_; }
  std::vector<std::string> names() const;
  // The failure of a library whose file is named factpipe-<name>.so, if any (explains an unknown plugin).
  const PluginLoadFailure* failure_for(std::string_view name) const;

 private:
  std::vector<std::filesystem::path> dirs_;
  std::vector<std::shared_ptr<const PluginLibrary>> plugins_;
  std::vector<PluginLoadFailure> failures_;
  std::vector<ShadowedPlugin> shadowed_;
};

}  // namespace factpipe::host
