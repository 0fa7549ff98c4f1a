#include <factpipe/host/pipeline_config.hpp>

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include <factpipe/host/errors.hpp>
#include <factpipe/utf8.hpp>

#include "json_pointer_text.hpp"

namespace factpipe::host {

namespace fs = std::filesystem;

namespace {

std::string location(const fs::path& file, const YAML::Mark& m) {
  return file.string() + ":" + std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1);
}

template <class T>
bool parse_whole(std::string_view s, T& out) {
  const char* end = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(s.data(), end, out);
  return ec == std::errc() && ptr == end;
}

// A plain (unquoted) scalar as JSON: YAML 1.2 core schema, roughly.
Json plain_scalar(const std::string& s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  std::string_view v = s;
  if (v.starts_with('+')) v.remove_prefix(1);
  std::int64_t i;
  if (parse_whole(v, i)) return i;
  // Doubles need a digit (so ".", "-" or "e" stay strings); no inf/nan words.
  if (v.find_first_of("0123456789") != std::string_view::npos &&
      v.find_first_not_of("0123456789+-.eE") == std::string_view::npos) {
    double d;
    if (parse_whole(v, d)) return d;
  }
  return s;
}

struct Converter {
  SourceMap& source;
  const fs::path& file;
  const YamlLimits& limits;
  std::size_t nodes = 0;

  // A scalar's text, checked: invalid UTF-8 (raw bytes, or a "\ud800" escape) would make the configuration
  // JSON that cannot be written (nlohmann's dump throws), far from the file and line that caused it.
  const std::string& utf8_scalar(const YAML::Node& node) {
    const std::string& text = node.Scalar();
    if (auto bad = utf8::find_invalid(text))
      throw ConfigError(location(file, node.Mark()) + ": invalid UTF-8 in a value (" + bad->reason + ")");
    return text;
  }

  Json convert(const YAML::Node& node, const std::string& pointer, std::size_t depth = 0) {
    if (++nodes > limits.max_nodes)
      throw ConfigError(location(file, node.Mark()) + ": more than " + std::to_string(limits.max_nodes) +
                        " values once aliases are expanded (the limit is --max-config-nodes)");
    if (depth > limits.max_depth)
      throw ConfigError(location(file, node.Mark()) + ": " + json_too_deep(limits.max_depth));
    source.marks[pointer] = Mark{node.Mark().line + 1, node.Mark().column + 1};
    switch (node.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        return nullptr;
      case YAML::NodeType::Scalar: {
        const std::string& text = utf8_scalar(node);
        // "?" = plain scalar; "!" = quoted (always a string); anything else is an explicit tag.
        if (node.Tag() != "?") return text;
        Json value = plain_scalar(text);
        if (!value.is_string()) source.raw_scalars[pointer] = text;
        return value;
      }
      case YAML::NodeType::Sequence: {
        Json out = Json::array();
        std::size_t i = 0;
        for (const auto& item : node)
          out.push_back(convert(item, join_pointer(pointer, std::to_string(i++)), depth + 1));
        return out;
      }
      case YAML::NodeType::Map: {
        Json out = Json::object();
        for (const auto& kv : node) {
          if (!kv.first.IsScalar())
            throw ConfigError(location(file, kv.first.Mark()) + ": mapping keys must be plain strings");
          std::string key = utf8_scalar(kv.first);
          if (out.contains(key)) throw ConfigError(location(file, kv.first.Mark()) + ": duplicate key '" + key + "'");
          std::string child = join_pointer(pointer, escape_pointer_token(key));
          out[key] = convert(kv.second, child, depth + 1);
          // Keys point at themselves (an unknown key is reported where the key is written).
          source.marks[child + "#key"] = Mark{kv.first.Mark().line + 1, kv.first.Mark().column + 1};
        }
        return out;
      }
    }
    return nullptr;
  }
};

}  // namespace

std::string SourceMap::where(std::string_view pointer) const {
  std::string_view value = pointer;
  if (value.ends_with("#key")) value.remove_suffix(4);  // a key set by --set is where --set is
  for (const auto& [target, origin] : overrides)
    if (value == target || (value.starts_with(target) && value.substr(target.size()).starts_with('/'))) return origin;
  std::string p(pointer);
  while (true) {
    auto it = marks.find(p);
    if (it != marks.end())
      return file.string() + ":" + std::to_string(it->second.line) + ":" + std::to_string(it->second.column);
    if (p.ends_with("#key")) {
      p.resize(p.size() - 4);
      continue;
    }
    if (p.empty()) return file.string();
    p.resize(p.rfind('/'));
  }
}

fs::path PipelineFile::dir() const {
  auto d = source.file.parent_path();
  return d.empty() ? fs::current_path() : fs::absolute(d);
}

Json yaml_text_to_json(const std::string& yaml, SourceMap& source, const std::string& pointer_prefix,
                       const YamlLimits& limits) {
  YAML::Node node;
  try {
    node = YAML::Load(yaml);
  } catch (const YAML::Exception& e) {
    throw ConfigError(location(source.file, e.mark) + ": " + e.msg);
  }
  Converter c{source, source.file, limits};
  return c.convert(node, pointer_prefix);
}

PipelineFile parse_pipeline_yaml(const std::string& yaml, const fs::path& file_name, const YamlLimits& limits) {
  PipelineFile out;
  out.source.file = file_name;
  out.root = yaml_text_to_json(yaml, out.source, "", limits);
  if (out.root.is_null()) out.root = Json::object();  // an empty file: the validator says what is missing
  return out;
}

PipelineFile load_pipeline_file(const fs::path& file, const YamlLimits& limits) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ConfigError(file.string() + ": cannot open the pipeline file");
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_pipeline_yaml(ss.str(), file, limits);
}

void apply_override(PipelineFile& file, std::string_view assignment) {
  std::string origin = "--set " + std::string(assignment);
  auto eq = assignment.find('=');
  auto dot = assignment.find('.');
  if (eq == std::string_view::npos || dot == std::string_view::npos || dot > eq || dot == 0 || dot + 1 == eq)
    throw ConfigError(origin + ": expected STAGE.KEY=VALUE");
  std::string stage(assignment.substr(0, dot));
  std::string key_path(assignment.substr(dot + 1, eq - dot - 1));
  std::string value(assignment.substr(eq + 1));

  Json& stages = file.root["stages"];
  std::string names;
  std::size_t index = 0;
  bool found = false;
  if (stages.is_array()) {
    for (std::size_t i = 0; i < stages.size(); ++i) {
      if (!stages[i].is_object() || !stages[i].contains("name") || !stages[i]["name"].is_string()) continue;
      auto n = stages[i]["name"].get<std::string>();
      {
        if (!names.empty()) names += ", ";
        names += n;
      }
      if (n == stage && !found) index = i, found = true;
    }
  }
  if (!found)
    throw ConfigError(origin + ": no stage named '" + stage + "' (stages: " + (names.empty() ? "none" : names) + ")");

  std::string pointer = "/stages/" + std::to_string(index) + "/config";
  Json* target = &stages[index]["config"];
  if (target->is_null()) *target = Json::object();
  std::string_view rest = key_path;
  while (true) {
    auto d = rest.find('.');
    std::string key(rest.substr(0, d));
    if (key.empty()) throw ConfigError(origin + ": empty key in '" + key_path + "'");
    if (!target->is_object())
      throw ConfigError(origin + ": '" + key_path + "' goes through a value that is not an object");
    {
      pointer += '/';
      pointer += escape_pointer_token(key);
    }
    target = &(*target)[key];
    if (d == std::string_view::npos) break;
    if (target->is_null()) *target = Json::object();
    rest = rest.substr(d + 1);
  }
  SourceMap scratch;
  scratch.file = "--set";
  try {
    *target = yaml_text_to_json(value, scratch, "");
  } catch (const ConfigError& e) {
    throw ConfigError(origin + ": the value is not valid YAML: " + e.what());
  }
  for (auto& [p, raw] : scratch.raw_scalars) file.source.raw_scalars[pointer + p] = raw;
  file.source.overrides[pointer] = origin;
}

}  // namespace factpipe::host
