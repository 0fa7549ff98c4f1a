#include <factpipe/host/pipeline_loader.hpp>

#include <spdlog/spdlog.h>

namespace factpipe::host {

LoadedPipeline load_pipeline(const std::string& config, const std::vector<std::string>& overrides,
                             const YamlLimits& limits, bool allow_plugin_override) {
  LoadedPipeline out;
  out.file = load_pipeline_file(config, limits);
  for (const auto& o : overrides) apply_override(out.file, o);
  auto dirs = plugin_search_dirs(config_plugin_paths(out.file));
  for (const auto& d : dirs) spdlog::debug("plugin search dir: {}", d.string());
  out.registry = std::make_unique<PluginRegistry>(dirs, PluginTrust{bundled_plugin_dirs(), allow_plugin_override});
  for (const auto& s : out.registry->shadowed())
    spdlog::debug("plugin '{}' in {} is shadowed by {}", s.name, s.path.string(), s.shadowed_by.string());
  out.validated = validate_pipeline(out.file, *out.registry);
  for (const auto& f : out.registry->failures()) spdlog::debug("not loaded: {}", f.reason);
  return out;
}

std::string issues_text(const ValidatedPipeline& validated) {
  std::string out;
  for (const auto& issue : validated.issues) out += "error: " + issue.str() + "\n";
  out += std::to_string(validated.issues.size()) + (validated.issues.size() == 1 ? " error" : " errors") + " in " +
         validated.file.string();
  return out;
}

}  // namespace factpipe::host
