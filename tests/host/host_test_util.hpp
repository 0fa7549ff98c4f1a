#pragma once
// Helpers for the host tests: a temporary folder, files in it, and running the built `factpipe`.
#include <sys/wait.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "test_paths.hpp"

namespace factpipe::test {

// Where tests/plugins_fixture builds the test plugins.
// Concatenates strings and numbers (GCC 12 warns falsely about `"literal" + std::to_string(n)`, bug 105329).
template <class... T>
std::string cat(const T&... parts) {
  std::ostringstream out;
  (out << ... << parts);
  return out.str();
}

inline std::filesystem::path fixture_dir() { return FACTPIPE_FIXTURE_PLUGIN_DIR; }
inline std::filesystem::path fixture(const std::string& name) { return fixture_dir() / ("factpipe-" + name + ".so"); }

class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / cat("factpipe-host-test-", rd(), "-", counter++);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
  std::filesystem::path write(const std::string& name, const std::string& content) const {
    auto p = path_ / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }

 private:
  std::filesystem::path path_;
};

// A pipeline file in `dir` of fixture stages ("  - {name: x, plugin: fx_good}\n" ...), found through
// plugin_paths so that no environment is needed.
inline std::filesystem::path write_fixture_pipeline(const TempDir& dir, const std::string& stages) {
  return dir.write("fixture-pipeline.yaml",
                   "pipeline: fixture\nplugin_paths: [" + fixture_dir().string() + "]\nstages:\n" + stages);
}
// The one-stage pipeline of the hardening tests: fx_hostile misbehaves as its documents ask.
inline std::filesystem::path hostile_pipeline(const TempDir& dir) {
  return write_fixture_pipeline(dir, "  - {name: hostile, plugin: fx_hostile}\n");
}

struct CommandResult {
  int exit_code = -1;
  std::string out, err;
};

// Runs a shell command line, capturing stdout and stderr (stderr through a temporary file).
inline CommandResult run_shell(const std::string& command, const std::filesystem::path& scratch) {
  auto err_file = scratch / "stderr.txt";
  std::string full = command + " 2>" + err_file.string();
  CommandResult r;
  FILE* pipe = popen(full.c_str(), "r");
  if (!pipe) return r;
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
  int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(err_file, std::ios::binary);
  r.err.assign(std::istreambuf_iterator<char>(in), {});
  return r;
}

inline std::string quote(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

}  // namespace factpipe::test
