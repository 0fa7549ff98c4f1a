#include <factpipe/plugin.hpp>

namespace factpipe {

Stage::~Stage() = default;

void Stage::prepare_batch(const std::vector<const Document*>&) {}

void Stage::start_run() {}

Context::Context(const factpipe_host& host)
    : host_context_(host.context),
      log_(host.log),
      stage_name_(host.stage_name ? host.stage_name : ""),
      library_path_(host.library_path ? host.library_path : ""),
      config_dir_(host.config_dir ? host.config_dir : "") {}

Context Context::for_library(std::filesystem::path library_path, std::string stage_name) {
  Context c;
  c.library_path_ = std::move(library_path);
  c.stage_name_ = std::move(stage_name);
  return c;
}

void Context::log(LogLevel level, std::string_view message) const {
  if (!log_) return;
  std::string m(message);
  log_(host_context_, static_cast<int>(level), m.c_str());
}

std::filesystem::path Context::data_dir() const {
  if (library_path_.empty()) return {};
  auto p = library_path_;
  return p.replace_extension(".data");
}

std::filesystem::path Context::resolve(const std::filesystem::path& p) const {
  if (p.empty() || p.is_absolute()) return p;
  if (!config_dir_.empty()) {
    auto candidate = config_dir_ / p;
    if (std::filesystem::exists(candidate)) return candidate;
  }
  if (!library_path_.empty()) {
    auto candidate = data_dir() / p;
    if (std::filesystem::exists(candidate)) return candidate;
  }
  return config_dir_.empty() ? p : config_dir_ / p;
}

Json to_json(const PluginInfo& info) {
  return Json{{"name", info.name},
              {"version", info.version},
              {"description", info.description},
              {"license", info.license},
              {"requires", layer_names(info.requires_layers)},
              {"provides", layer_names(info.provides_layers)},
              {"config_schema", info.config_schema},
              {"thread_safe", info.thread_safe},
              {"prepare_batch", info.prepare_batch}};
}

PluginInfo plugin_info_from_json(const Json& j) {
  PluginInfo info;
  info.name = j.at("name").get<std::string>();
  info.version = j.value("version", "");
  info.description = j.value("description", "");
  info.license = j.value("license", "");
  info.requires_layers = layers_from_names(j.value("requires", std::vector<std::string>{}));
  info.provides_layers = layers_from_names(j.value("provides", std::vector<std::string>{}));
  if (j.contains("config_schema")) info.config_schema = j.at("config_schema");
  info.thread_safe = j.value("thread_safe", false);
  info.prepare_batch = j.value("prepare_batch", false);  // absent in API 1.0 descriptions
  return info;
}

Json to_json(const StageLayers& layers) {
  return Json{{"requires", layer_names(layers.requires_layers)}, {"provides", layer_names(layers.provides_layers)}};
}

StageLayers stage_layers_from_json(const Json& j) {
  return {layers_from_names(j.value("requires", std::vector<std::string>{})),
          layers_from_names(j.value("provides", std::vector<std::string>{}))};
}

}  // namespace factpipe
