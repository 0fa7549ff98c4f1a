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
                          (host::executable_dir().parent_path() / "share/factpipe/config/default.yaml").string() + ")");
}

int print_issues(const host::ValidatedPipeline& validated) {
  bool plugin_load = false;
  for (const auto& issue : validated.issues) plugin_load = plugin_load || issue.plugin_load;
  std::cerr << host::issues_text(validated) << "\n";
  return static_cast<int>(plugin_load ? ExitCode::plugin : ExitCode::usage);
}

}  // namespace factpipe::cli
