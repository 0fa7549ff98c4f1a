#pragma once
// A validated pipeline made real: one configured StageInstance per stage, or one per worker thread
// for stages that are not thread safe. process() runs a document through all stages in order.
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <factpipe/document.hpp>
#include <factpipe/host/pipeline_validator.hpp>
#include <factpipe/host/stage_instance.hpp>
#include <factpipe/json_limits.hpp>

namespace factpipe::host {

class Pipeline {
 public:
  // Creates and configures the instances; throws PluginError when a stage fails to configure.
  Pipeline(const ValidatedPipeline& validated, std::size_t workers);

  // Runs all stages on `doc` as worker `worker` (< workers). Adds each stage's provided layers and a
  // provenance entry; adds the seconds per stage to `stage_seconds` (size stage_count()) when given.
  // Throws StageError on the first stage that fails.
  void process(Document& doc, std::size_t worker, double* stage_seconds = nullptr) const {
    process(doc, worker, stage_seconds, 0, stage_count());
  }
  // Runs stages [from, to) only (provenance starts afresh when from == 0).
  void process(Document& doc, std::size_t worker, double* stage_seconds, std::size_t from, std::size_t to) const;

  // Stages whose plugin asked for prepare_batch(): the batch runner stops every document before such a
  // stage, gives it the whole batch, then goes on.
  bool prepares_batch(std::size_t stage) const { return stages_[stage].prepare_batch; }
  bool has_batch_stage() const;
  // Calls prepare_batch on every instance of `stage`; throws PluginError naming the stage.
  void prepare_batch(std::size_t stage, const std::vector<const Document*>& docs) const;
  // Tells every stage instance that a new, independent run starts (Stage::start_run), so that they forget the
  // documents of earlier batches (crossref links a batch to the batches before it): the next batch is
  // processed as if it were the first, whatever ran before. Configures nothing again. Throws PluginError.
  void start_run();

  // After every stage the document is checked (stage_output_check.hpp); an `extra` deeper than this fails it.
  void max_json_depth(std::size_t depth) { max_json_depth_ = depth; }
  std::size_t max_json_depth() const { return max_json_depth_; }
  // After every stage, whether it changed only the layers it declared (layer_check.hpp). On by default in
  // debug builds and under CTest (FACTPIPE_CHECK_LAYERS=1), off in release.
  void check_layers(bool on) { check_layers_ = on; }
  bool check_layers() const { return check_layers_; }

  std::size_t stage_count() const { return stages_.size(); }
  std::size_t workers() const { return workers_; }
  const std::string& stage_name(std::size_t i) const { return stages_[i].name; }
  std::size_t instance_count(std::size_t i) const { return stages_[i].instances.size(); }
  const std::string& name() const { return name_; }

 private:
  struct Slot {
    std::string name, plugin, version;
    std::vector<Layer> provides;
    bool prepare_batch = false;
    std::vector<std::unique_ptr<StageInstance>> instances;  // 1 when thread safe, else one per worker
    ResolvedStage resolved;                                 // to configure the instances again
  };
  void create_instances(Slot& slot) const;
  std::string name_, config_file_;
  std::filesystem::path dir_;
  std::size_t workers_ = 1;
  std::size_t max_json_depth_ = kDefaultMaxJsonDepth;
  bool check_layers_ = false;
  std::vector<Slot> stages_;
};

}  // namespace factpipe::host
