#pragma once
// Every check of a pipeline before the first document, collecting ALL problems:
// unknown top-level keys, malformed stages, unknown plugins (listing the available ones), stage configs
// against the plugin's schema, duplicate stage names, and requires/provides in pipeline order.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <factpipe/document.hpp>
#include <factpipe/host/pipeline_config.hpp>
#include <factpipe/host/plugin_library.hpp>
#include <factpipe/host/plugin_registry.hpp>

namespace factpipe::host {

struct ConfigIssue {
  std::string where;         // "file:line:column" (or "--set ...")
  std::string message;       // names the stage and key path
  bool plugin_load = false;  // the plugin exists as a file but could not be loaded
  std::string str() const { return where.empty() ? message : where + ": " + message; }
};

struct ResolvedStage {
  std::string name;
  std::shared_ptr<const PluginLibrary> plugin;
  Json config = Json::object();  // validated, defaults filled
  StageLayers layers;            // what the stage reads and writes with this config
  std::string where;             // file:line:column of the stage, for errors at configure time
};

struct ValidatedPipeline {
  std::string name;
  std::filesystem::path file, dir;
  std::vector<ResolvedStage> stages;
  Json report = Json::object();
  std::vector<ConfigIssue> issues;
  bool ok() const { return issues.empty(); }
};

// The plugin_paths of a file, made absolute (relative to the file). Bad entries are ignored here
// and reported by validate_pipeline.
std::vector<std::filesystem::path> config_plugin_paths(const PipelineFile& file);

ValidatedPipeline validate_pipeline(const PipelineFile& file, const PluginRegistry& registry);

}  // namespace factpipe::host
