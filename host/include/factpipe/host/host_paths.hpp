#pragma once
// Where the running host lives and what it finds relative to itself (installed or in the build tree).
#include <filesystem>
#include <optional>

namespace factpipe::host {

std::filesystem::path executable_dir();           // dir of the running program (/proc/self/exe)
std::filesystem::path installed_plugin_dir();      // <exe dir>/../lib/factpipe/plugins
std::filesystem::path build_tree_plugin_dir();     // the build tree's plugins dir (compile definition)
// <exe dir>/../share/factpipe/config/default.yaml, else the source tree's config/default.yaml.
std::optional<std::filesystem::path> default_config_file();

}  // namespace factpipe::host
