#include <iostream>

#include "cli.hpp"

namespace factpipe::cli {

int validate_command(const std::string& config, const std::vector<std::string>& overrides,
                     const host::YamlLimits& limits) {
  auto loaded = load_pipeline(config, overrides, limits);
  if (!loaded.validated.ok()) return print_issues(loaded.validated);
  std::size_t n = loaded.validated.stages.size();
  std::cout << "OK: pipeline '" << loaded.validated.name << "', " << n << (n == 1 ? " stage" : " stages") << "\n";
  return 0;
}

}  // namespace factpipe::cli
