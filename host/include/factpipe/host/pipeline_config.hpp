#pragma once
// The pipeline file: YAML read into JSON, remembering where in the file every value came from
// (yaml-cpp's Node::Mark()), so every later error can name file:line:column.
//
//   pipeline: default                 # name
//   plugin_paths: [../plugins]        # relative to this file
//   stages:
//     - name: segmenter               # instance name, unique
//       plugin: segmenter             # what describe().name says
//       config: {max_sentence_chars: 2000}
//   report: {organisation: ...}       # free object for the report writers
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <factpipe/document.hpp>
#include <factpipe/json_limits.hpp>

namespace factpipe::host {

struct Mark {
  int line = 0, column = 0;  // 1-based; 0 when unknown
};

// Where each JSON value came from, keyed by JSON pointer ("/stages/0/config/max").
struct SourceMap {
  std::filesystem::path file;
  std::map<std::string, Mark> marks;
  std::map<std::string, std::string> raw_scalars;  // unquoted YAML scalars as written (for string coercion)
  std::map<std::string, std::string> overrides;    // pointer -> "--set a.b=c" that put the value there

  // "file:line:column" of the pointer or its nearest ancestor, or "--set ..." for an override.
  std::string where(std::string_view pointer) const;
};

struct PipelineFile {
  Json root = Json::object();
  SourceMap source;
  std::filesystem::path dir() const;  // for relative paths in the file
};

// Bounds on a pipeline file as JSON. Aliases are expanded, so a small file of aliases of aliases ("billion
// laughs") would grow exponentially: the node count stops it.
struct YamlLimits {
  std::size_t max_depth = kDefaultMaxJsonDepth;  // --max-json-depth
  std::size_t max_nodes = 100'000;               // --max-config-nodes: values after alias expansion
};

// Reads and converts a pipeline file. Throws ConfigError for an unreadable file or malformed YAML
// ("file:line:column: <yaml-cpp's message>").
// Over a limit: ConfigError naming the place and the option.
PipelineFile load_pipeline_file(const std::filesystem::path& file, const YamlLimits& limits = {});
PipelineFile parse_pipeline_yaml(const std::string& yaml, const std::filesystem::path& file_name,
                                 const YamlLimits& limits = {});

// Converts one YAML document to JSON: plain scalars become null/bool/int/double when they read as such,
// quoted scalars stay strings. Marks and raw scalars are recorded under `pointer_prefix`.
Json yaml_text_to_json(const std::string& yaml, SourceMap& source, const std::string& pointer_prefix,
                       const YamlLimits& limits = {});

// Applies `--set STAGE.KEY=VALUE` (KEY may be dotted for nested objects; VALUE is read as YAML).
// Throws ConfigError when the assignment is malformed or no stage has that name.
void apply_override(PipelineFile& file, std::string_view assignment);

}  // namespace factpipe::host
