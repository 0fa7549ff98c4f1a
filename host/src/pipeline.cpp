#include <factpipe/host/pipeline.hpp>

#include <factpipe/host/errors.hpp>
#include <factpipe/host/layer_check.hpp>
#include <factpipe/host/stage_output_check.hpp>

namespace factpipe::host {

Pipeline::Pipeline(const ValidatedPipeline& validated, std::size_t workers)
    : name_(validated.name),
      config_file_(validated.file.string()),
      dir_(validated.dir),
      workers_(workers == 0 ? 1 : workers),
      check_layers_(layer_check_by_default()) {
  if (!validated.ok()) throw ConfigError("the pipeline has errors; validate it first");
  for (const auto& s : validated.stages) {
    const PluginInfo& info = s.plugin->info();
    Slot slot{s.name, info.name, info.version, s.layers.provides_layers, info.prepare_batch, {}, s};
    create_instances(slot);
    stages_.push_back(std::move(slot));
  }
}

void Pipeline::create_instances(Slot& slot) const {
  const ResolvedStage& s = slot.resolved;
  slot.instances.clear();  // the old objects go before the new ones are configured (one index handle at a time)
  // A stage that is not thread safe gets one instance per worker: no locks on the hot path.
  std::size_t copies = s.plugin->info().thread_safe ? 1 : workers_;
  for (std::size_t w = 0; w < copies; ++w) {
    try {
      auto instance = std::make_unique<StageInstance>(s.plugin, s.name, dir_);
      instance->configure(s.config);
      slot.instances.push_back(std::move(instance));
    } catch (const PluginError& e) {
      if (s.where.empty()) throw;
      throw PluginError(s.where + ": " + e.what());  // which stage of which pipeline file
    }
  }
}

void Pipeline::start_run() {
  for (auto& slot : stages_)
    for (auto& instance : slot.instances) instance->start_run();
}

bool Pipeline::has_batch_stage() const {
  for (const auto& slot : stages_)
    if (slot.prepare_batch) return true;
  return false;
}

void Pipeline::prepare_batch(std::size_t stage, const std::vector<const Document*>& docs) const {
  for (const auto& instance : stages_[stage].instances) instance->prepare_batch(docs);
}

void Pipeline::process(Document& doc, std::size_t worker, double* stage_seconds, std::size_t from,
                       std::size_t to) const {
  using Clock = std::chrono::steady_clock;
  if (from == 0) {
    doc.provenance.pipeline = name_;
    doc.provenance.config_file = config_file_;
    doc.provenance.stages.clear();
    doc.provenance.stages.reserve(stages_.size());
  }
  for (std::size_t i = from; i < to && i < stages_.size(); ++i) {
    const Slot& slot = stages_[i];
    StageInstance& instance = *slot.instances[slot.instances.size() == 1 ? 0 : worker];
    const std::size_t text_bytes = doc.text.size();
    LayerFingerprint before;
    if (check_layers_) before = layer_fingerprint(doc);
    auto start = Clock::now();
    instance.process(doc);
    double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    // A stage's mistake fails this document here, by id and stage, not the writer or a later stage.
    if (auto bad = find_invalid_output(doc, text_bytes, max_json_depth_))
      throw StageError(slot.name, doc.id(), "it wrote an invalid document: " + *bad);
    if (check_layers_)
      if (auto undeclared = undeclared_change(before, layer_fingerprint(doc), slot.provides, slot.plugin))
        throw StageError(slot.name, doc.id(), "layer contract: " + *undeclared);
    doc.provenance.stages.push_back({slot.name, slot.plugin, slot.version, seconds});
    for (const auto& layer : slot.provides) doc.add_layer(layer.name());
    if (stage_seconds) stage_seconds[i] += seconds;
  }
}

}  // namespace factpipe::host
