#include <factpipe/host/pipeline_validator.hpp>

#include <algorithm>
#include <map>
#include <set>

#include <spdlog/spdlog.h>
#include <factpipe/host/schema_validation.hpp>

#ifdef FACTPIPE_HAVE_REPORTS
#include "report_writers.hpp"
#endif

namespace factpipe::host {

namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kTopLevelKeys = {"pipeline", "plugin_paths", "stages", "report"};
const std::vector<std::string> kStageKeys = {"name", "plugin", "config"};

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += ", ";
    out += i;
  }
  return out.empty() ? "none" : out;
}

// "/a/b~1c" -> "a.b/c": how a key path reads in a message.
std::string key_path(const std::string& pointer) {
  std::string out;
  for (std::size_t i = 1; i <= pointer.size() && !pointer.empty(); ++i) {
    if (i == pointer.size()) break;
    char c = pointer[i];
    if (c == '/') out += '.';
    else if (c == '~' && i + 1 < pointer.size()) out += pointer[++i] == '1' ? '/' : '~';
    else out += c;
  }
  return out;
}

class Checker {
 public:
  Checker(const PipelineFile& file, const PluginRegistry& registry, ValidatedPipeline& out)
      : file_(file), registry_(registry), out_(out) {}

  void run() {
    const Json& root = file_.root;
    if (!root.is_object()) return issue("", "the pipeline file must be a mapping with 'pipeline' and 'stages'");
    for (auto& [key, value] : root.items()) {
      if (std::find(kTopLevelKeys.begin(), kTopLevelKeys.end(), key) == kTopLevelKeys.end())
        issue("/" + key + "#key", "unknown top-level key '" + key + "' (allowed: " + join(kTopLevelKeys) + ")");
    }
    check_name();
    check_plugin_paths();
    if (root.contains("report")) {
      if (root["report"].is_object()) check_report(root["report"]);
      else if (!root["report"].is_null()) issue("/report", "'report' must be a mapping");
    }
    check_stages();
  }

 private:
  void issue(const std::string& pointer, std::string message, bool plugin_load = false) {
    out_.issues.push_back({file_.source.where(pointer), std::move(message), plugin_load});
  }

  void check_name() {
    const Json& root = file_.root;
    if (!root.contains("pipeline")) {
      out_.name = file_.source.file.stem().string();
    } else if (root["pipeline"].is_string() && !root["pipeline"].get<std::string>().empty()) {
      out_.name = root["pipeline"].get<std::string>();
    } else {
      issue("/pipeline", "'pipeline' must be a non-empty string (the pipeline's name)");
    }
  }

  // The report writers' settings are checked like a stage config, against their own schema.
  void check_report(Json report) {
#ifdef FACTPIPE_HAVE_REPORTS
    Json schema = report::settings_schema();
    // Only the keys the writers know (report::setting_keys()): a typo must not pass silently.
    if (!schema.contains("additionalProperties")) schema["additionalProperties"] = false;
    coerce_scalars_to_schema(report, schema, file_.source.raw_scalars, "/report");
    for (const auto& si : validate_against_schema(report, schema)) {
      std::string where = "/report" + si.pointer + (si.key ? "#key" : "");
      if (si.key) issue(where, "report: " + si.message);
      else issue(where, "report: key '" + key_path(si.pointer) + "': " + si.message);
    }
#endif
    out_.report = std::move(report);
  }

  void check_plugin_paths() {
    const Json& root = file_.root;
    if (!root.contains("plugin_paths") || root["plugin_paths"].is_null()) return;
    const Json& paths = root["plugin_paths"];
    if (!paths.is_array()) return issue("/plugin_paths", "'plugin_paths' must be a list of directories");
    for (std::size_t i = 0; i < paths.size(); ++i) {
      std::string at = "/plugin_paths/" + std::to_string(i);
      if (!paths[i].is_string()) {
        issue(at, "plugin_paths entries must be strings");
        continue;
      }
      fs::path dir = file_.dir() / paths[i].get<std::string>();
      std::error_code ec;
      if (!fs::is_directory(dir, ec))
        issue(at, "plugin path '" + paths[i].get<std::string>() + "' is not a directory (" + dir.string() + ")");
    }
  }

  // A stage entry whose shape is right, waiting for its plugin's checks.
  struct StageEntry {
    std::string at, name, label, plugin;
    Json config;
  };

  // Two passes: the file's own structure first, with no plugin loaded (a library's code runs when it is
  // loaded, so an invalid file runs none); then, only when that is clean, the plugins the stages name are
  // loaded and each stage's config and layers are checked against what its plugin declares.
  void check_stages() {
    std::vector<StageEntry> entries = check_stage_shapes();
    if (!out_.issues.empty()) return;
    check_stage_plugins(entries);
  }

  std::vector<StageEntry> check_stage_shapes() {
    std::vector<StageEntry> entries;
    const Json& root = file_.root;
    if (!root.contains("stages")) {
      issue("", "missing 'stages' (the list of stages to run)");
      return entries;
    }
    const Json& stages = root["stages"];
    if (!stages.is_array() || stages.empty()) {
      issue("/stages", "'stages' must be a non-empty list of {name, plugin, config}");
      return entries;
    }
    std::map<std::string, std::string> first_seen;  // stage name -> where
    // Whether a library of that name exists is known from the file names, without loading any.
    const std::vector<std::string> names = registry_.names();
    for (std::size_t i = 0; i < stages.size(); ++i) {
      std::string at = "/stages/" + std::to_string(i);
      const Json& s = stages[i];
      if (!s.is_object()) {
        issue(at, "stage #" + std::to_string(i + 1) + " must be a mapping with 'name' and 'plugin'");
        continue;
      }
      std::string name = s.contains("name") && s["name"].is_string() ? s["name"].get<std::string>() : "";
      std::string label = name.empty() ? "stage #" + std::to_string(i + 1) : "stage '" + name + "'";
      for (auto& [key, value] : s.items())
        if (std::find(kStageKeys.begin(), kStageKeys.end(), key) == kStageKeys.end())
          issue(at + "/" + key + "#key", label + ": unknown key '" + key + "' (allowed: " + join(kStageKeys) + ")");
      if (name.empty()) issue(s.contains("name") ? at + "/name" : at, label + ": 'name' must be a non-empty string");
      if (!name.empty()) {
        auto [it, inserted] = first_seen.emplace(name, file_.source.where(at + "/name"));
        if (!inserted) issue(at + "/name", "duplicate stage name '" + name + "' (first defined at " + it->second + ")");
      }
      if (!s.contains("plugin") || !s["plugin"].is_string() || s["plugin"].get<std::string>().empty()) {
        issue(s.contains("plugin") ? at + "/plugin" : at, label + ": 'plugin' must be a non-empty string");
        continue;
      }
      std::string plugin = s["plugin"].get<std::string>();
      Json config = s.contains("config") && !s["config"].is_null() ? s["config"] : Json::object();
      if (!config.is_object()) {
        issue(at + "/config", label + ": 'config' must be a mapping");
        config = Json::object();
      }
      if (std::find(names.begin(), names.end(), plugin) == names.end()) {
        issue(at + "/plugin", label + ": unknown plugin '" + plugin + "' (available: " + join(names) + ")");
        continue;
      }
      entries.push_back({at, name, label, plugin, std::move(config)});
    }
    return entries;
  }

  void check_stage_plugins(std::vector<StageEntry>& entries) {
    std::vector<PlannedStage> planned;  // every stage whose plugin loaded, in order, for the layer check
    for (auto& e : entries) {
      const std::string& at = e.at;
      const std::string& label = e.label;
      auto lib = registry_.find(e.plugin);
      if (!lib) {
        std::string message = label + ": plugin '" + e.plugin + "' was found but failed to load";
        if (auto* failure = registry_.failure_for(e.plugin)) message += ": " + failure->reason;
        issue(at + "/plugin", message, true);
        continue;
      }
      spdlog::debug("stage '{}': plugin '{}' {} loaded from {}", e.name, e.plugin, lib->info().version,
                    lib->path().string());
      const PluginInfo& info = lib->info();
      if (auto problem = schema_problem(info.config_schema); !problem.empty()) {
        issue(at + "/plugin", label + ": plugin '" + e.plugin + "' has an invalid config schema: " + problem, true);
        continue;
      }
      Json& config = e.config;
      coerce_scalars_to_schema(config, info.config_schema, file_.source.raw_scalars, at + "/config");
      absolutize_command_line_paths(config, info.config_schema, file_.source.overrides, at + "/config");
      bool config_ok = true;
      for (const auto& si : validate_against_schema(config, info.config_schema)) {
        config_ok = false;
        std::string where = at + "/config" + si.pointer + (si.key ? "#key" : "");
        if (si.key) issue(where, label + ": " + si.message);
        else if (si.pointer.empty()) issue(where, label + ": config: " + si.message);
        else issue(where, label + ": config key '" + key_path(si.pointer) + "': " + si.message);
      }
      // A stage whose config is wrong still takes part in the layer check, with describe()'s layers.
      StageLayers layers = lib->default_layers();
      if (config_ok) {
        fill_defaults(config, info.config_schema);
        try {
          layers = lib->layers_for(config);
        } catch (const std::exception& ex) {
          issue(at, label + ": plugin '" + e.plugin + "': " + ex.what(), true);
          continue;
        }
      }
      planned.push_back({&e, lib, layers});
      if (config_ok) out_.stages.push_back({e.name, lib, config, std::move(layers), file_.source.where(at)});
    }
    check_layers(planned);
  }

  struct PlannedStage {
    const StageEntry* entry;
    std::shared_ptr<const PluginLibrary> plugin;
    StageLayers layers;
  };

  static bool has(const std::vector<Layer>& layers, const Layer& l) {
    return std::find(layers.begin(), layers.end(), l) != layers.end();
  }

  // Every layer a stage requires must be provided by a stage before it, with the config it has there. The
  // message names the stage, the layer and what would provide it.
  void check_layers(const std::vector<PlannedStage>& planned) {
    std::vector<Layer> provided;
    for (std::size_t i = 0; i < planned.size(); ++i) {
      const PlannedStage& p = planned[i];
      std::string stage = "stage '" + (p.entry->name.empty() ? p.entry->plugin : p.entry->name) + "'";
      for (const auto& r : p.layers.requires_layers)
        if (!has(provided, r))
          issue(p.entry->at, stage + " requires layer '" + std::string(r.name()) +
                                 "', which no earlier stage provides; " + providers_of(r, planned, i));
      for (const auto& l : p.layers.provides_layers)
        if (!has(provided, l)) provided.push_back(l);
    }
  }

  // Who could provide `layer` for the stage at `index`: an earlier stage with another config, a later stage,
  // or a bundled plugin (only bundled ones are loaded to ask: a library's code runs when it is loaded).
  std::string providers_of(const Layer& layer, const std::vector<PlannedStage>& planned, std::size_t index) const {
    std::vector<std::string> found;
    for (std::size_t k = 0; k < planned.size(); ++k) {
      const PlannedStage& p = planned[k];
      std::string stage = "stage '" + p.entry->name + "' (plugin " + p.entry->plugin + ")";
      if (k < index && has(p.plugin->default_layers().provides_layers, layer))
        found.push_back(stage + " provides it with its default config, not with this one");
      else if (k > index && has(p.layers.provides_layers, layer))
        found.push_back(stage + " provides it but runs later: move it before");
    }
    if (found.empty())
      for (const auto& name : registry_.names()) {
        if (!registry_.is_bundled(name)) continue;
        auto lib = registry_.find(name);
        if (lib && has(lib->default_layers().provides_layers, layer))
          found.push_back("the plugin '" + name + "' provides it: add a stage of it before");
      }
    if (found.empty()) return "no plugin found provides it";
    std::string out;
    for (const auto& f : found) out += (out.empty() ? "" : "; ") + f;
    return out;
  }

  const PipelineFile& file_;
  const PluginRegistry& registry_;
  ValidatedPipeline& out_;
};

}  // namespace

std::vector<fs::path> config_plugin_paths(const PipelineFile& file) {
  std::vector<fs::path> out;
  if (!file.root.is_object() || !file.root.contains("plugin_paths") || !file.root["plugin_paths"].is_array())
    return out;
  for (const auto& p : file.root["plugin_paths"])
    if (p.is_string()) out.push_back((file.dir() / p.get<std::string>()).lexically_normal());
  return out;
}

ValidatedPipeline validate_pipeline(const PipelineFile& file, const PluginRegistry& registry) {
  ValidatedPipeline out;
  out.file = file.source.file;
  out.dir = file.dir();
  Checker(file, registry, out).run();
  if (!out.ok()) out.stages.clear();
  return out;
}

}  // namespace factpipe::host
