#pragma once
// The config the host gives a stage (pipeline_validator.cpp does the same for every stage of a pipeline file):
// checked against the plugin's JSON Schema, then the schema's defaults filled in. Stages read their config as given
// (their defaults are written once, in the schema), so tests, benchmarks and tools that make a stage object
// without a pipeline configure it through here.
#include <stdexcept>
#include <string>

#include <factpipe/host/schema_validation.hpp>
#include <factpipe/plugin.hpp>

namespace factpipe::host {

// Throws std::invalid_argument listing every problem as `factpipe validate` words it
// ("segmenter: config key 'max_sentence_tokens': must be >= 0, got -1").
inline Json stage_config(const PluginInfo& info, Json config) {
  std::string problems;
  for (const auto& issue : validate_against_schema(config, info.config_schema)) {
    std::string where = issue.pointer.empty() || issue.key ? "" : "config key '" + issue.pointer.substr(1) + "': ";
    problems += (problems.empty() ? "" : "; ") + info.name + ": " + where + issue.message;
  }
  if (!problems.empty()) throw std::invalid_argument(problems);
  fill_defaults(config, info.config_schema);
  return config;
}

// configure() of a stage object made without a host, with the host's checks and defaults.
template <class Stage>
void configure_stage(Stage& stage, const Json& config, const Context& ctx) {
  stage.configure(stage_config(Stage::describe(), config), ctx);
}

}  // namespace factpipe::host
