#include <factpipe/host/host_paths.hpp>

#include <system_error>

namespace factpipe::host {

namespace fs = std::filesystem;

namespace {

fs::path& program_dir_override() {
  static fs::path dir;
  return dir;
}

}  // namespace

void set_program_dir(fs::path dir) { program_dir_override() = std::move(dir); }

fs::path executable_dir() {
  if (!program_dir_override().empty()) return program_dir_override();
  std::error_code ec;
  auto exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::current_path() : exe.parent_path();
}

fs::path installed_plugin_dir() { return executable_dir().parent_path() / FACTPIPE_INSTALL_PLUGIN_SUBDIR; }

std::optional<fs::path> build_tree_plugin_dir() {
  const fs::path root = executable_dir().parent_path();
  std::error_code ec;
  if (!fs::is_regular_file(root / "CMakeCache.txt", ec)) return std::nullopt;
  return root / "plugins";
}

std::optional<fs::path> default_config_file() {
  fs::path candidate = executable_dir().parent_path() / FACTPIPE_INSTALL_DATA_SUBDIR / "config/default.yaml";
  std::error_code ec;
  if (fs::is_regular_file(candidate, ec)) return candidate;
  return std::nullopt;
}

}  // namespace factpipe::host
