// factpipe._factpipe: the host's in-process pipeline for Python. The same code path as `factpipe run`:
// pipeline file + overrides -> validation -> host::Pipeline -> host::BatchRunner over JSON lines, each
// document serialised as `factpipe run --format jsonl` writes it. The Python layer (factpipe/__init__.py)
// builds the JSON lines, parses the results and raises StageError for a failed document.
#include <cstddef>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <factpipe/document_json.hpp>
#include <factpipe/host/batch_runner.hpp>
#include <factpipe/host/errors.hpp>
#include <factpipe/host/host_paths.hpp>
#include <factpipe/host/pipeline.hpp>
#include <factpipe/host/pipeline_loader.hpp>

namespace py = pybind11;
using namespace factpipe;

namespace {

// (JSON line, origin for messages, id when the line has none)
using Line = std::tuple<std::string, std::string, std::string>;
// (id, origin, ok, JSON text when ok else the error, the failed stage or "")
using Outcome = std::tuple<std::string, std::string, bool, std::string, std::string>;

class PipelineHandle {
 public:
  PipelineHandle(std::string config, const std::vector<std::string>& overrides, std::size_t threads,
                 double max_document_mb)
      : config_(config.empty() ? default_config() : std::move(config)),
        max_document_bytes_(static_cast<std::size_t>(max_document_mb * 1e6)) {
    py::gil_scoped_release release;  // plugins load and configure (models, the index) without the GIL
    loaded_ = host::load_pipeline(config_, overrides);
    if (!loaded_.validated.ok()) {
      bool plugin_load = false;
      for (const auto& issue : loaded_.validated.issues) plugin_load = plugin_load || issue.plugin_load;
      if (plugin_load) throw host::PluginError(host::issues_text(loaded_.validated));
      throw host::ConfigError(host::issues_text(loaded_.validated));
    }
    pipeline_ = std::make_unique<host::Pipeline>(loaded_.validated, threads);
  }

  // One batch: every line goes through the pipeline (a prepare_batch stage sees them all), in parallel on
  // up to `threads` threads; the outcomes come back in input order.
  std::vector<Outcome> run(std::vector<Line> lines, std::size_t threads) {
    std::vector<Outcome> out;
    out.reserve(lines.size());
    py::gil_scoped_release release;
    std::lock_guard lock(mutex_);  // stage instances belong to worker slots: one batch at a time
    host::RunOptions options;
    options.chunk_size = std::numeric_limits<std::size_t>::max();
    options.threads = threads;
    // The direct writer: the bytes of `factpipe run --format jsonl`, without a JSON tree.
    options.render = [](const Document& d) { return to_json_text(d); };
    host::BatchRunner runner(*pipeline_, options);
    std::size_t next = 0;
    runner.run(
        [&]() -> std::optional<host::InputItem> {
          if (next == lines.size()) return std::nullopt;
          auto& [line, origin, id_if_missing] = lines[next++];
          host::InputItem item;
          item.origin = origin;
          item.id = origin;
          item.id_if_missing = id_if_missing;
          item.bytes = line.size();
          item.max_document_bytes = max_document_bytes_;
          item.unparsed = std::move(line);
          return item;
        },
        [&](host::DocumentResult& r) {
          if (r.failed()) out.emplace_back(r.id, r.origin, false, std::move(r.error), std::move(r.stage));
          else out.emplace_back(r.id, r.origin, true, std::move(r.rendered), std::string());
          r.document.reset();  // only the JSON text is kept
        });
    return out;
  }

  void start_run() {
    py::gil_scoped_release release;
    std::lock_guard lock(mutex_);
    pipeline_->start_run();
  }

  std::vector<std::string> stages() const {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < pipeline_->stage_count(); ++i) out.push_back(pipeline_->stage_name(i));
    return out;
  }
  const std::string& name() const { return pipeline_->name(); }
  const std::string& config() const { return config_; }
  std::size_t threads() const { return pipeline_->workers(); }

 private:
  static std::string default_config() {
    if (auto found = host::default_config_file()) return found->string();
    throw host::ConfigError("no config given and no default pipeline found");
  }

  std::string config_;
  std::size_t max_document_bytes_;
  host::LoadedPipeline loaded_;  // the registry keeps the plugin libraries loaded
  std::unique_ptr<host::Pipeline> pipeline_;
  std::mutex mutex_;
};

// What `factpipe plugins` lists: the plugins the pipeline file (or the default search path) can see.
py::list list_plugins(const std::string& config) {
  std::vector<std::filesystem::path> config_paths;
  if (!config.empty()) config_paths = host::config_plugin_paths(host::load_pipeline_file(config));
  host::PluginRegistry registry(host::plugin_search_dirs(config_paths));
  py::list out;
  for (const auto& p : registry.plugins()) {
    const auto& info = p->info();
    py::dict d;
    d["name"] = info.name;
    d["version"] = info.version;
    d["description"] = info.description;
    d["path"] = p->path().string();
    d["requires"] = layer_names(info.requires_layers);
    d["provides"] = layer_names(info.provides_layers);
    d["thread_safe"] = info.thread_safe;
    d["prepare_batch"] = info.prepare_batch;
    out.append(d);
  }
  return out;
}

}  // namespace

PYBIND11_MODULE(_factpipe, m) {
  m.doc() = "factpipe's host pipeline, in process (use the factpipe package, not this module)";
  // The module runs inside python3 and is not installed: it finds plugins and the default pipeline as the build
  // tree's programs do.
  factpipe::host::set_program_dir(FACTPIPE_BUILD_PROGRAM_DIR);
  // Plugins' messages (indexing, warnings) to stderr as the command line prints them, not to stdout.
  if (!spdlog::get("factpipe")) {
    auto logger = spdlog::stderr_logger_mt("factpipe");
    logger->set_pattern("factpipe: %l: %v");
    spdlog::set_default_logger(logger);
  }
  static py::exception<host::HostError> error(m, "Error");
  py::register_exception<host::ConfigError>(m, "ConfigError", error.ptr());
  py::register_exception<host::PluginError>(m, "PluginError", error.ptr());
  py::register_exception<host::OutputError>(m, "OutputError", error.ptr());

  py::class_<PipelineHandle>(m, "PipelineHandle")
      .def(py::init<std::string, const std::vector<std::string>&, std::size_t, double>(), py::arg("config"),
           py::arg("overrides"), py::arg("threads"), py::arg("max_document_mb"))
      .def("run", &PipelineHandle::run, py::arg("lines"), py::arg("threads"))
      .def("start_run", &PipelineHandle::start_run)
      .def_property_readonly("stages", &PipelineHandle::stages)
      .def_property_readonly("name", &PipelineHandle::name)
      .def_property_readonly("config", &PipelineHandle::config)
      .def_property_readonly("threads", &PipelineHandle::threads);
  m.def("plugins", &list_plugins, py::arg("config") = "");
}
