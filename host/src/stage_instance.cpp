#include <factpipe/host/stage_instance.hpp>

#include <spdlog/spdlog.h>

#include <factpipe/host/errors.hpp>

namespace factpipe::host {

namespace {

std::string plugin_message(const PluginLibrary& lib) {
  const char* m = lib.entry_points().last_error();
  return m && *m ? m : "(the plugin gave no message)";
}

}  // namespace

StageInstance::StageInstance(std::shared_ptr<const PluginLibrary> library, std::string stage_name,
                             std::filesystem::path config_dir)
    : library_(std::move(library)),
      name_(std::move(stage_name)),
      library_path_(library_->path().string()),
      config_dir_(config_dir.string()) {
  services_.struct_size = sizeof(factpipe_host);
  services_.context = this;
  services_.log = &StageInstance::log_to_spdlog;
  services_.stage_name = name_.c_str();
  services_.library_path = library_path_.c_str();
  services_.config_dir = config_dir_.c_str();
  object_ = library_->entry_points().create();
  if (!object_)
    throw PluginError("stage '" + name_ + "' (plugin " + library_->name() +
                      "): cannot create the stage: " + plugin_message(*library_));
}

StageInstance::~StageInstance() {
  if (object_) library_->entry_points().destroy(object_);
}

void StageInstance::configure(const Json& config) {
  std::string text = config.dump();
  if (library_->entry_points().configure(object_, text.c_str(), &services_) != 0)
    throw PluginError("stage '" + name_ + "' (plugin " + library_->name() +
                      "): configure failed: " + plugin_message(*library_));
}

void StageInstance::process(Document& doc) {
  if (library_->entry_points().process(object_, &doc) != 0)
    throw StageError(name_, doc.id(), plugin_message(*library_));
}

void StageInstance::prepare_batch(const std::vector<const Document*>& docs) {
  auto entry = library_->entry_points().prepare_batch;
  if (!entry) return;
  std::vector<const void*> raw(docs.begin(), docs.end());
  if (entry(object_, raw.data(), raw.size()) != 0)
    throw PluginError("stage '" + name_ + "' (plugin " + library_->name() +
                      "): prepare_batch failed: " + plugin_message(*library_));
}

void StageInstance::start_run() {
  if (library_->entry_points().start_run(object_) != 0)
    throw PluginError("stage '" + name_ + "' (plugin " + library_->name() +
                      "): start_run failed: " + plugin_message(*library_));
}

void StageInstance::log_to_spdlog(void* context, int level, const char* message) {
  auto* self = static_cast<StageInstance*>(context);
  auto lvl = level <= 0   ? spdlog::level::trace
             : level == 1 ? spdlog::level::debug
             : level == 2 ? spdlog::level::info
             : level == 3 ? spdlog::level::warn
                          : spdlog::level::err;
  spdlog::log(lvl, "[{}] {}", self->name_, message ? message : "");
}

}  // namespace factpipe::host
