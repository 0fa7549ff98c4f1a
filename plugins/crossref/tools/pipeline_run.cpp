#include "pipeline_run.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <unordered_set>

#include <sys/wait.h>

namespace factpipe::crossref::eval {

namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

fs::path default_factpipe_binary() {
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path("factpipe") : self.parent_path() / "factpipe";
}

PipelineRunResult run_pipeline(const PipelineRunOptions& options, const fs::path& input, const fs::path& output) {
  PipelineRunResult r;
  std::string cmd = shell_quote(options.factpipe.string()) + " run " + shell_quote(input.string());
  if (!options.config.empty()) cmd += " -c " + shell_quote(options.config.string());
  if (options.claims) cmd += " --claims";
  for (const auto& s : options.sets) cmd += " --set " + shell_quote(s);
  cmd += " --format jsonl -o " + shell_quote(output.string()) + " -q";
  r.command = cmd;
  fs::remove(output);
  auto t0 = std::chrono::steady_clock::now();
  int status = std::system(cmd.c_str());
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  // Exit code 1: some documents failed; the others are written and scored (a failed one scores nothing).
  if (r.exit_code != 0 && r.exit_code != 1)
    throw std::runtime_error("`" + cmd + "` failed with exit code " + std::to_string(r.exit_code));
  std::ifstream in(output);
  if (!in) throw std::runtime_error("`" + cmd + "` wrote no " + output.string());
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) r.documents.push_back(Json::parse(line));
  return r;
}

std::vector<OutputMatch> ranked_matches(const Json& document) {
  std::vector<OutputMatch> all;
  for (const auto& claim : document.value("claims", Json::array()))
    for (const auto& e : claim.value("evidence", Json::array())) {
      OutputMatch m;
      m.source_id = e.value("source_id", "");
      m.score = e.value("score", 0.0);
      m.kind = e.value("kind", "");
      if (m.kind == "document") continue;  // another document of the batch, not an earlier check
      if (e.contains("extra") && e["extra"].contains("crossref"))
        m.duplicates = e["extra"]["crossref"].value("duplicates", std::vector<std::string>{});
      all.push_back(std::move(m));
    }
  std::stable_sort(all.begin(), all.end(),
                   [](const OutputMatch& a, const OutputMatch& b) { return a.score > b.score; });
  std::vector<OutputMatch> out;
  std::unordered_set<std::string> seen;
  for (auto& m : all)
    if (seen.insert(m.source_id).second) out.push_back(std::move(m));
  return out;
}

std::vector<std::string> scored_ids(const std::vector<OutputMatch>& matches, const std::set<std::string>& gold,
                                    std::size_t k) {
  std::vector<std::string> ids;
  for (const auto& m : matches) {
    if (ids.size() >= k) break;
    std::string id = m.source_id;
    if (!gold.count(id))
      for (const auto& d : m.duplicates)
        if (gold.count(d)) id = d;
    ids.push_back(id);
  }
  return ids;
}

}  // namespace factpipe::crossref::eval
