#include <iostream>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <factpipe/host/host_paths.hpp>

#include "cli.hpp"

namespace factpipe::cli {

void setup_logging(const Verbosity& v) {
  auto logger = spdlog::stderr_color_mt("factpipe");
  logger->set_pattern("factpipe: %^%l%$: %v");
  logger->set_level(v.verbose ? spdlog::level::debug : v.quiet ? spdlog::level::err : spdlog::level::info);
  spdlog::set_default_logger(logger);
}

std::string resolve_config(const std::string& given) {
  if (!given.empty()) return given;
  if (auto found = host::default_config_file()) return found->string();
  throw host::ConfigError("no -c CONFIG given and no default pipeline found (looked in " +
                          (host::executable_dir().parent_path() / "share/factpipe/config/default.yaml").string() +
                          " and the source tree's config/)");
}

LoadedPipeline load_pipeline(const std::string& config, const std::vector<std::string>& overrides,
                             const host::YamlLimits& limits) {
  LoadedPipeline out;
  out.file = host::load_pipeline_file(config, limits);
  for (const auto& o : overrides) host::apply_override(out.file, o);
  auto dirs = host::plugin_search_dirs(host::config_plugin_paths(out.file));
  for (const auto& d : dirs) spdlog::debug("plugin search dir: {}", d.string());
  out.registry = std::make_unique<host::PluginRegistry>(dirs);
  for (const auto& f : out.registry->failures()) spdlog::debug("not loaded: {}", f.reason);
  for (const auto& s : out.registry->shadowed())
    spdlog::debug("plugin '{}' in {} is shadowed by {}", s.name, s.path.string(), s.shadowed_by.string());
  out.validated = host::validate_pipeline(out.file, *out.registry);
  return out;
}

int print_issues(const host::ValidatedPipeline& validated) {
  bool plugin_load = false;
  for (const auto& issue : validated.issues) {
    std::cerr << "error: " << issue.str() << "\n";
    plugin_load = plugin_load || issue.plugin_load;
  }
  std::cerr << validated.issues.size() << (validated.issues.size() == 1 ? " error" : " errors") << " in "
            << validated.file.string() << "\n";
  return static_cast<int>(plugin_load ? ExitCode::plugin : ExitCode::usage);
}

}  // namespace factpipe::cli
