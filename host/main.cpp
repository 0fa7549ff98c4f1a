// factpipe: runs a pipeline of plugin stages over news text (see `factpipe --help`).
#include <iostream>
#include <string_view>

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include "cli/cli.hpp"

using namespace factpipe;
using namespace factpipe::cli;

namespace {

// Limits on what is read (docs/limits.md).
void add_limit_options(CLI::App* cmd, host::YamlLimits& limits) {
  cmd->add_option("--max-json-depth", limits.max_depth,
                  "deepest nesting of arrays and objects read or written, in JSON documents and the pipeline file")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, kMaxJsonDepthCeiling));
  cmd->add_option("--max-config-nodes", limits.max_nodes,
                  "most values in the pipeline file once YAML aliases are expanded")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
}

}  // namespace

int main(int argc, char** argv) {
  if (auto code = run_external_command(argc, argv)) return *code;

  CLI::App app{"factpipe: a fast, extensible fact-checking pipeline"};
  app.footer(std::string("\n") + kExitCodesHelp +
             "\n\nOther commands: `factpipe X ARGS` runs factpipe-X, `factpipe eval Y ARGS` runs factpipe-eval-Y.");
  app.require_subcommand(1);
  Verbosity verbosity;
  app.add_flag("-v,--verbose", verbosity.verbose, "debug logging on stderr");
  app.add_flag("-q,--quiet", verbosity.quiet, "only errors on stderr");

  RunArgs run;
  auto* run_cmd = app.add_subcommand("run", "run a pipeline over documents");
  run_cmd->add_option("-c,--config", run.config, "pipeline file (default: the installed config/default.yaml)");
  run_cmd
      ->add_option("-o,--output", run.output,
                   "output: a directory (default out/), a .json/.jsonl file, or - for stdout")
      ->capture_default_str();
  run_cmd->add_option("--format", run.formats, "json, jsonl, html, md, claimreview; several comma separated")
      ->delimiter(',')
      ->capture_default_str();
  run_cmd->add_option("--input-format", run.input_format, "what stdin (-) holds: txt, json, jsonl, html")
      ->check(CLI::IsMember({"txt", "json", "jsonl", "html"}))
      ->capture_default_str();
  run_cmd->add_option("-j,--jobs", run.jobs, "worker threads (default: all cores, at most 256)")
      ->check(CLI::Range(1u, kMaxJobs));
  run_cmd
      ->add_option("--batch-size", run.batch_size,
                   "documents read and processed together; stages that compare documents (crossref links "
                   "the same claim across articles) see one batch at a time (default: the whole input "
                   "for such pipelines, else 32 per worker)")
      ->check(CLI::PositiveNumber);
  run_cmd
      ->add_option("--max-document-mb", run.max_document_mb,
                   "a document with more text fails alone, unread when it is a text file (0: no limit)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  add_limit_options(run_cmd, run.limits);
  run_cmd->add_flag("--isolate", run.isolation.enabled,
                    "run each document's stages in a worker process: a plugin that crashes or hangs fails that "
                    "document only");
  run_cmd
      ->add_option("--document-timeout", run.isolation.timeout_seconds,
                   "with --isolate: seconds a document may take in all its stages before it is stopped and fails")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  add_plugin_override_flag(run_cmd, run.allow_plugin_override);
  run_cmd->add_option("--set", run.overrides, "override a stage's config: STAGE.KEY=VALUE (repeatable)");
  run_cmd->add_flag("--stats", run.stats, "time per stage in the closing summary");
  run_cmd->add_flag("--claims", run.claims,
                    "every input is one claim or post to check as a whole (per record: \"claim\": true)");
  run_cmd->add_option("inputs", run.inputs, ".txt, .json, .jsonl files, directories, or - for stdin")->required();
  // -v/-q are accepted after the subcommand as well.
  run_cmd->fallthrough();

  std::string validate_config;
  std::vector<std::string> validate_sets;
  auto* validate_cmd = app.add_subcommand("validate", "check a pipeline file without processing anything");
  validate_cmd->add_option("config", validate_config, "pipeline file")->required();
  validate_cmd->add_option("--set", validate_sets, "override a stage's config: STAGE.KEY=VALUE");
  host::YamlLimits validate_limits;
  add_limit_options(validate_cmd, validate_limits);
  bool validate_allow_override = false;
  add_plugin_override_flag(validate_cmd, validate_allow_override);
  bool validate_show_config = false;
  validate_cmd->add_flag("--show-config", validate_show_config,
                         "print each stage's effective config (the file's and --set values, the schema's defaults "
                         "for the rest: what the stage is given) as JSON");
  validate_cmd->fallthrough();

  auto* plugins_cmd = app.add_subcommand("plugins", "the plugins this host can find");
  plugins_cmd->require_subcommand(1);
  std::string plugins_config, info_name;
  plugins_cmd->add_option("-c,--config", plugins_config, "also search this pipeline's plugin_paths");
  auto* list_cmd = plugins_cmd->add_subcommand("list", "every plugin found, and libraries that failed to load");
  auto* info_cmd = plugins_cmd->add_subcommand("info", "everything about one plugin, with its config schema");
  info_cmd->add_option("name", info_name, "plugin name")->required();
  plugins_cmd->fallthrough();
  list_cmd->fallthrough();
  info_cmd->fallthrough();

  // An example in every command's --help.
  app.footer(app.get_footer() +
             "\n\nExamples:\n  factpipe run examples/articles -o out --format json,html\n"
             "  factpipe serve --port 8080\n  factpipe plugins list");
  run_cmd->footer(
      "\nExamples:\n  factpipe run article.txt                       # out/article.json\n"
      "  factpipe run -c config/default.yaml --format html,md -o reports articles/\n"
      "  cat batch.jsonl | factpipe run --input-format jsonl --format jsonl -o - -   # a streaming step");
  validate_cmd->footer("\nExample:\n  factpipe validate config/default.yaml --set crossref.top_k=3");
  plugins_cmd->footer("\nExamples:\n  factpipe plugins list\n  factpipe plugins info crossref");
  list_cmd->footer("\nExample:\n  factpipe plugins list -c my-pipeline.yaml   # with that file's plugin_paths");
  info_cmd->footer("\nExample:\n  factpipe plugins info quotes   # its settings, with their defaults");
  auto serve_cmd = add_serve_command(app);
  auto version_cmd = add_version_command(app);
  auto completion_cmd = add_completion_command(app);

  try {
    // `factpipe help` reads as `factpipe --help`.
    if (argc == 2 && std::string_view(argv[1]) == "help") {
      std::cout << app.help();
      return 0;
    }
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : static_cast<int>(ExitCode::usage);
  }
  setup_logging(verbosity);
  run.quiet = verbosity.quiet;

  try {
    if (*run_cmd) return run_command(run);
    if (*validate_cmd)
      return validate_command(validate_config, validate_sets, validate_limits, validate_allow_override,
                              validate_show_config);
    if (*list_cmd) return plugins_list_command(plugins_config);
    if (*info_cmd) return plugins_info_command(info_name, plugins_config);
    for (const auto& command : {serve_cmd, version_cmd, completion_cmd})
      if (int code = command(); code >= 0) return code;
  } catch (const host::ConfigError& e) {
    spdlog::error("{}", e.what());
    return static_cast<int>(ExitCode::usage);
  } catch (const host::PluginError& e) {
    spdlog::error("{}", e.what());
    return static_cast<int>(ExitCode::plugin);
  } catch (const host::OutputError& e) {
    spdlog::error("{}", e.what());
    return static_cast<int>(ExitCode::io);
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    return static_cast<int>(ExitCode::usage);
  }
  return static_cast<int>(ExitCode::usage);
}
