#pragma once
// The `factpipe` command: one function per subcommand, all returning the process exit code.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <factpipe/host/errors.hpp>
#include <factpipe/host/isolated_run.hpp>
#include <factpipe/host/pipeline_config.hpp>
#include <factpipe/host/pipeline_loader.hpp>
#include <factpipe/host/pipeline_validator.hpp>
#include <factpipe/host/plugin_registry.hpp>

namespace CLI {
class App;
}

namespace factpipe::cli {

using host::ExitCode;

inline constexpr const char* kExitCodesHelp =
    "Exit codes:\n"
    "  0  success\n"
    "  1  the run finished but some documents failed (each is reported with its id and reason)\n"
    "  2  usage error: bad command line, pipeline file or validation error, missing input\n"
    "  3  plugin error: a plugin could not be loaded or failed to configure\n"
    "  4  output error: the output could not be written";

struct Verbosity {
  bool verbose = false, quiet = false;
};
void setup_logging(const Verbosity& v);

using host::load_pipeline;  // throws ConfigError for an unreadable or malformed file or a bad --set
using host::LoadedPipeline;
// Prints every issue to stderr; returns the exit code they call for (usage, or plugin when one failed to load).
int print_issues(const host::ValidatedPipeline& validated);
std::string resolve_config(const std::string& given);  // "" -> the default pipeline file

inline constexpr unsigned kMaxJobs = 256;  // -j: each worker has its own stack and per-worker stage instances

struct RunArgs {
  std::string config, output = "out";
  std::vector<std::string> formats{"json"}, overrides, inputs;
  std::string input_format = "txt";  // what stdin ("-") holds: txt, json, jsonl, html
  unsigned jobs = 0;
  std::size_t batch_size = 0;   // 0: all documents when a stage prepares on the batch, else 32 per worker
  double max_document_mb = 32;  // a larger document fails alone (0: no limit)
  host::YamlLimits limits;
  host::IsolationOptions isolation;  // --isolate, --document-timeout      // --max-json-depth (JSON inputs and outputs
                                     // too), --max-config-nodes
  bool stats = false, quiet = false;
  bool claims = false;                 // every input is one claim or post, checked as a whole
  bool allow_plugin_override = false;  // a plugin outside the bundled folders may replace a bundled one
};
int run_command(const RunArgs& args);
// Prints each stage's plugin, version, file and layers (what it reads and writes with its config); with
// `show_config`, its effective config too (defaults filled in).
int validate_command(const std::string& config, const std::vector<std::string>& overrides,
                     const host::YamlLimits& limits = {}, bool allow_plugin_override = false, bool show_config = false);
// --allow-plugin-override, for the commands that load a pipeline.
void add_plugin_override_flag(CLI::App* command, bool& allow);
int plugins_list_command(const std::string& config);
int plugins_info_command(const std::string& name, const std::string& config);

// Commands that declare their own options: each adds its subcommand to `app` and returns what runs it
// after parsing (-1 when that subcommand was not the one given).
std::function<int()> add_serve_command(CLI::App& app);
std::function<int()> add_version_command(CLI::App& app);  // also sets --version
std::function<int()> add_completion_command(CLI::App& app);
std::string version_line();
std::string bash_completion_script(const CLI::App& app);

// git-style: `factpipe X ARGS` runs `factpipe-X ARGS`, `factpipe eval Y ARGS` runs `factpipe-eval-Y ARGS`.
// Returns nullopt when argv names a built-in command (or an option); otherwise never returns on success.
std::optional<int> run_external_command(int argc, char** argv);

}  // namespace factpipe::cli
