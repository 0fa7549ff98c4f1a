#pragma once
// Runs `factpipe run` over a JSON lines file of inputs exactly as a user would (the same binary, config
// loading, host code path and stages) and reads back the JSON lines it writes: what the evaluation scores.
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace factpipe::crossref::eval {

struct PipelineRunOptions {
  std::filesystem::path factpipe;  // the `factpipe` binary
  std::filesystem::path config;    // -c; empty: factpipe's default pipeline
  std::vector<std::string> sets;   // --set STAGE.KEY=VALUE
  bool claims = true;              // --claims: every input is one claim or post
};

struct PipelineRunResult {
  std::vector<nlohmann::json> documents;  // in output order
  double seconds = 0;                     // wall time of the whole `factpipe run`
  int exit_code = 0;
  std::string command;
};

// The `factpipe` next to this executable (the build's bin/ or the install's bin/).
std::filesystem::path default_factpipe_binary();

PipelineRunResult run_pipeline(const PipelineRunOptions& options, const std::filesystem::path& input,
                               const std::filesystem::path& output);

// A ranked match of a document's output: the source id, its score, and the near-duplicate records it stands for.
struct OutputMatch {
  std::string source_id;
  double score = 0;
  std::vector<std::string> duplicates;
  std::string kind;
};
// Every match of every claim of an output document (evidence of any kind but links to other documents),
// best score first, one per source id.
std::vector<OutputMatch> ranked_matches(const nlohmann::json& document);
// The ids to score: each match's own id, or the member of its near-duplicate group that is gold.
std::vector<std::string> scored_ids(const std::vector<OutputMatch>& matches, const std::set<std::string>& gold,
                                    std::size_t k);

}  // namespace factpipe::crossref::eval
