#pragma once
// Where the running host lives and what it finds relative to itself. No path of the build or source tree is
// compiled in: an installed host finds <prefix>/lib/factpipe/plugins and <prefix>/share/factpipe/config from
// <prefix>/bin; a host in a build tree (bin/ beside CMakeCache.txt) also finds <build>/plugins, and the build
// tree links share/factpipe/{config,examples} to the source tree, so the default pipeline is found the same way.
#include <filesystem>
#include <optional>

namespace factpipe::host {

std::filesystem::path executable_dir();  // dir of the running program (/proc/self/exe), or set_program_dir's
// For code that runs inside another program (the Python module inside python3): the folder whose layout it
// shares, e.g. <build>/bin. Call before anything else; not thread-safe.
void set_program_dir(std::filesystem::path dir);
std::filesystem::path installed_plugin_dir();  // <exe dir>/../lib/factpipe/plugins
// <exe dir>/../plugins when <exe dir>/.. is a CMake build tree (it holds CMakeCache.txt), else nothing.
std::optional<std::filesystem::path> build_tree_plugin_dir();
// <exe dir>/../share/factpipe/config/default.yaml (installed, or the build tree's link to the source's config/).
std::optional<std::filesystem::path> default_config_file();

}  // namespace factpipe::host
