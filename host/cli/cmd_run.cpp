#include <algorithm>
#include <cstdio>
#include <iostream>
#include <thread>

#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include <factpipe/document_json.hpp>
#include <factpipe/host/batch_runner.hpp>
#include <factpipe/host/input_reader.hpp>
#include <factpipe/host/output_writer.hpp>
#include <factpipe/host/pipeline.hpp>

#include "cli.hpp"
#include "progress.hpp"

namespace factpipe::cli {

namespace {

// A bar needs a known total: one document per .txt/.json file; JSON lines and stdin are open-ended.
std::size_t expected_documents(const host::InputReader& reader) {
  for (const auto& f : reader.files())
    if (f == "-" || f.extension() == ".jsonl") return 0;
  return reader.files().size();
}

void print_summary(const host::RunSummary& s, const host::Pipeline& pipeline, bool stats) {
  std::fprintf(stderr, "factpipe: %zu documents, %zu failed, %.3f s, %.2f MB/s\n", s.documents, s.failed, s.seconds,
               s.megabytes_per_second());
  if (!stats) return;
  std::size_t processed = s.documents - s.failed;
  std::fprintf(stderr, "  %-24s %12s %14s\n", "stage", "total s", "per doc µs");
  for (std::size_t i = 0; i < pipeline.stage_count(); ++i)
    std::fprintf(stderr, "  %-24s %12.4f %14.1f\n", pipeline.stage_name(i).c_str(), s.stage_seconds[i],
                 processed ? s.stage_seconds[i] / processed * 1e6 : 0.0);
}

// Files in the input folders that no reader takes: named (the first few), so a wrong folder is noticed.
void report_skipped(const host::InputReader& reader) {
  const auto& skipped = reader.skipped();
  constexpr std::size_t kShown = 10;
  for (std::size_t i = 0; i < skipped.size() && i < kShown; ++i)
    spdlog::warn("skipped {}: {}", skipped[i].file.string(), skipped[i].reason);
  if (skipped.size() > kShown) spdlog::warn("skipped {} more files", skipped.size() - kShown);
}

}  // namespace

int run_command(const RunArgs& args) {
  std::string config = resolve_config(args.config);
  auto loaded = load_pipeline(config, args.overrides, args.limits, args.allow_plugin_override);
  if (!loaded.validated.ok()) return print_issues(loaded.validated);

  host::OutputOptions out_options;
  out_options.target = args.output;
  out_options.formats = args.formats;
  out_options.report_settings = loaded.validated.report;
  out_options.pipeline_file = config;
  out_options.max_json_depth = args.limits.max_depth;
  host::check_output_options(out_options);

  host::InputReader reader(args.inputs, host::parse_stdin_format(args.input_format), std::cin);
  reader.defer_parsing(true);  // JSON lines are parsed by the workers
  reader.max_document_bytes(static_cast<std::size_t>(args.max_document_mb * 1e6));
  reader.as_claims(args.claims);
  reader.max_json_depth(args.limits.max_depth);
  report_skipped(reader);

  unsigned jobs = args.jobs ? args.jobs : std::clamp(std::thread::hardware_concurrency(), 1u, kMaxJobs);
  spdlog::debug("pipeline '{}' from {}, {} worker(s)", loaded.validated.name, config, jobs);
  host::Pipeline pipeline(loaded.validated, jobs);  // configures every stage: PluginError on failure
  pipeline.max_json_depth(args.limits.max_depth);
  host::OutputWriter writer(out_options, std::cout);

  Progress progress(!args.quiet, expected_documents(reader));
  std::size_t done = 0, failed = 0, bytes = 0;
  host::RunOptions run_options;
  run_options.render = writer.renderer();
  run_options.chunk_size = args.batch_size;
  run_options.isolation = args.isolation;  // serialise in the workers when the format allows
  host::BatchRunner runner(pipeline, run_options);
  auto summary = runner.run(reader, [&](host::DocumentResult& r) {
    ++done;
    if (r.failed()) {
      ++failed;
      spdlog::error("{}: document '{}' failed: {}", r.origin, r.id, r.error);
      writer.record_failure(r.id, r.error);
    } else {
      // Processed all the same (its output says so), but a blank article is usually a scraping mistake.
      if (r.document->text.find_first_not_of(" \t\r\n\f\v") == std::string::npos)
        spdlog::warn("{}: document '{}' is empty: nothing to check", r.origin, r.id);
      try {
        writer.write(*r.document, r.rendered.empty() ? nullptr : &r.rendered);
        bytes += r.document->text.size();
      } catch (const JsonError& e) {  // cannot be serialised (nothing of it was written): it fails alone
        ++failed;
        spdlog::error("{}: document '{}' failed: cannot write it: {}", r.origin, r.id, e.what());
        writer.record_failure(r.id, e.what());
      }
    }
    progress.update(done, failed, bytes);
  });
  writer.finish();
  progress.finish();
  if (!args.quiet) print_summary(summary, pipeline, args.stats);
  if (summary.documents == 0) {
    spdlog::error("no documents were read from {} ({} files skipped)", fmt::join(args.inputs, ", "),
                  reader.skipped().size());
    return static_cast<int>(ExitCode::usage);
  }
  return static_cast<int>(summary.failed ? ExitCode::documents_failed : ExitCode::ok);
}

}  // namespace factpipe::cli
