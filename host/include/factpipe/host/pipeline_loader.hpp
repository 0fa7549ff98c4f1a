#pragma once
// A pipeline file made ready to run, for every front end (the command line, the Python module): the file with
// its --set overrides applied, the plugins it can see, and every check's result.
#include <memory>
#include <string>
#include <vector>

#include <factpipe/host/pipeline_config.hpp>
#include <factpipe/host/pipeline_validator.hpp>
#include <factpipe/host/plugin_registry.hpp>

namespace factpipe::host {

struct LoadedPipeline {
  PipelineFile file;
  std::unique_ptr<PluginRegistry> registry;
  ValidatedPipeline validated;
};

// Throws ConfigError for an unreadable or malformed file or a bad override. Validation problems are not
// thrown: they are in `validated.issues`. Only the plugins the file names are loaded, once it is valid; a
// plugin outside the bundled folders may replace a bundled one only with `allow_plugin_override`.
LoadedPipeline load_pipeline(const std::string& config, const std::vector<std::string>& overrides,
                             const YamlLimits& limits = {}, bool allow_plugin_override = false);

// The issues as the command line prints them: "error: <where>: <message>" lines, then "N errors in FILE".
std::string issues_text(const ValidatedPipeline& validated);

}  // namespace factpipe::host
