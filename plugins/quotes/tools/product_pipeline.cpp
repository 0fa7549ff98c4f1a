#include "product_pipeline.hpp"

#include <stdexcept>

#include <factpipe/document_json.hpp>
#include <factpipe/host/host_paths.hpp>
#include <factpipe/host/pipeline.hpp>
#include <factpipe/host/pipeline_config.hpp>
#include <factpipe/host/pipeline_validator.hpp>
#include <factpipe/host/plugin_registry.hpp>

namespace factpipe::quotes::tools {

struct ProductPipeline::Impl {
  std::unique_ptr<host::PluginRegistry> registry;
  host::ValidatedPipeline validated;
  std::unique_ptr<host::Pipeline> pipeline;
  std::size_t entities_stage = 0, quotes_stage = 0;
};

ProductPipeline::ProductPipeline(const std::string& config, const std::vector<std::string>& overrides)
    : impl_(std::make_unique<Impl>()) {
  if (config.empty()) {
    auto found = host::default_config_file();
    if (!found) throw std::runtime_error("no default pipeline found; give --config FILE");
    config_file_ = found->string();
  } else {
    config_file_ = config;
  }
  host::PipelineFile file = host::load_pipeline_file(config_file_);
  for (const auto& o : overrides) host::apply_override(file, o);
  // the stages after quotes are never run here: left out, they need not be built nor configured
  // (crossref would index its sources)
  if (file.root.contains("stages") && file.root["stages"].is_array()) {
    Json& stages = file.root["stages"];
    for (std::size_t i = 0; i < stages.size(); ++i)
      if (stages[i].is_object() && stages[i].value("plugin", std::string()) == "quotes") {
        stages.erase(stages.begin() + static_cast<std::ptrdiff_t>(i) + 1, stages.end());
        break;
      }
  }
  impl_->registry = std::make_unique<host::PluginRegistry>(host::plugin_search_dirs(host::config_plugin_paths(file)));
  impl_->validated = host::validate_pipeline(file, *impl_->registry);
  if (!impl_->validated.ok()) {
    std::string all;
    for (const auto& issue : impl_->validated.issues) all += "\n  " + issue.str();
    throw std::runtime_error("pipeline " + config_file_ + " does not validate:" + all);
  }
  auto& stages = impl_->validated.stages;
  bool found_quotes = false;
  for (std::size_t i = 0; i < stages.size(); ++i) {
    if (stages[i].plugin->name() == "entities") impl_->entities_stage = i;
    if (stages[i].plugin->name() == "quotes") {
      impl_->quotes_stage = i;
      found_quotes = true;
      break;
    }
  }
  if (!found_quotes) throw std::runtime_error("pipeline " + config_file_ + " has no quotes stage");
  impl_->pipeline = std::make_unique<host::Pipeline>(impl_->validated, 1);
}

ProductPipeline::~ProductPipeline() = default;

const Json& ProductPipeline::quotes_config() const { return impl_->validated.stages[impl_->quotes_stage].config; }

Document ProductPipeline::run(const std::string& id, const std::string& text, double* entities_quotes_seconds) const {
  Document doc = document_from_text(id, text);
  std::vector<double> seconds(impl_->pipeline->stage_count(), 0.0);
  impl_->pipeline->process(doc, 0, seconds.data(), 0, impl_->quotes_stage + 1);
  if (entities_quotes_seconds)
    for (std::size_t i = impl_->entities_stage; i <= impl_->quotes_stage; ++i) *entities_quotes_seconds += seconds[i];
  return doc;
}

}  // namespace factpipe::quotes::tools
