#include <factpipe/host/host_paths.hpp>

#include <system_error>

namespace factpipe::host {

namespace fs = std::filesystem;

fs::path executable_dir() {
  std::error_code ec;
  auto exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::current_path() : exe.parent_path();
}

fs::path installed_plugin_dir() { return executable_dir().parent_path() / FACTPIPE_INSTALL_PLUGIN_SUBDIR; }

fs::path build_tree_plugin_dir() { return FACTPIPE_BUILD_PLUGIN_DIR; }

std::optional<fs::path> default_config_file() {
  for (fs::path candidate : {executable_dir().parent_path() / FACTPIPE_INSTALL_DATA_SUBDIR / "config/default.yaml",
                             fs::path(FACTPIPE_SOURCE_CONFIG_DIR) / "default.yaml"}) {
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec)) return candidate;
  }
  return std::nullopt;
}

}  // namespace factpipe::host
