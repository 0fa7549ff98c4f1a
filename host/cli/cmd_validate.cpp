#include <iostream>

#include <CLI/CLI.hpp>

#include "cli.hpp"

namespace factpipe::cli {

int validate_command(const std::string& config, const std::vector<std::string>& overrides,
                     const host::YamlLimits& limits, bool allow_plugin_override, bool show_config) {
  auto loaded = load_pipeline(config, overrides, limits, allow_plugin_override);
  if (!loaded.validated.ok()) return print_issues(loaded.validated);
  std::size_t n = loaded.validated.stages.size();
  std::cout << "OK: pipeline '" << loaded.validated.name << "', " << n << (n == 1 ? " stage" : " stages") << "\n";
  // Where each plugin came from: a library found on a plugin path is visible here, not only in -v logs.
  auto names = [](const std::vector<Layer>& layers) {
    std::string out;
    for (const auto& l : layers) out += (out.empty() ? "" : ", ") + std::string(l.name());
    return out.empty() ? std::string("-") : out;
  };
  for (const auto& stage : loaded.validated.stages) {
    std::cout << "  " << stage.name << ": " << stage.plugin->name() << " " << stage.plugin->info().version << "  "
              << stage.plugin->path().string() << "\n";
    std::cout << "    requires: " << names(stage.layers.requires_layers)
              << "   provides: " << names(stage.layers.provides_layers) << "\n";
    if (show_config) std::cout << "    config: " << stage.config.dump() << "\n";
  }
  return 0;
}

void add_plugin_override_flag(CLI::App* command, bool& allow) {
  command->add_flag("--allow-plugin-override", allow,
                    "let a plugin found on a plugin path (plugin_paths, FACTPIPE_PLUGIN_PATH) replace a bundled "
                    "plugin of the same name (refused otherwise)");
}

}  // namespace factpipe::cli
