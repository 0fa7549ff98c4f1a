#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <factpipe/host/host_paths.hpp>

#include "cli.hpp"

namespace factpipe::cli {

namespace fs = std::filesystem;

namespace {

const std::set<std::string> kBuiltIn = {"run", "validate", "plugins", "serve", "version", "completion", "help"};

// Next to the factpipe executable first (an install or the build tree), then PATH.
std::vector<fs::path> command_dirs() {
  std::vector<fs::path> dirs{host::executable_dir()};
  if (const char* path = std::getenv("PATH")) {
    std::string_view rest(path);
    while (!rest.empty()) {
      auto colon = rest.find(':');
      if (colon != 0) dirs.emplace_back(rest.substr(0, colon));
      rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
    }
  }
  return dirs;
}

bool executable(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec) && access(p.c_str(), X_OK) == 0;
}

std::optional<fs::path> find_command(const std::string& name) {
  for (const auto& d : command_dirs())
    if (executable(d / name)) return d / name;
  return std::nullopt;
}

// Every factpipe-* tool that can be run, as the subcommand the user would type.
std::set<std::string> available_tools() {
  std::set<std::string> out;
  for (const auto& d : command_dirs()) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(d, ec)) {
      auto name = e.path().filename().string();
      if (!name.starts_with("factpipe-") || !executable(e.path())) continue;
      std::string sub = name.substr(9);
      if (sub.starts_with("eval-")) sub = "eval " + sub.substr(5);
      out.insert(sub);
    }
  }
  return out;
}

int not_found(const std::string& typed, const std::string& program) {
  std::cerr << "factpipe: '" << typed << "' is not a factpipe command, and no " << program
            << " was found next to factpipe (" << host::executable_dir().string() << ") or on PATH\n"
            << "commands: run, validate, plugins, serve, version, completion";
  for (const auto& t : available_tools()) std::cerr << ", " << t;
  std::cerr << "\n";
  return static_cast<int>(ExitCode::usage);
}

}  // namespace

std::optional<int> run_external_command(int argc, char** argv) {
  if (argc < 2) return std::nullopt;
  std::string first = argv[1];
  if (first.empty() || first[0] == '-' || kBuiltIn.contains(first)) return std::nullopt;
  std::string program = "factpipe-" + first, typed = first;
  int rest = 2;
  if (first == "eval") {
    if (argc < 3 || argv[2][0] == '-') {
      std::cerr << "factpipe eval: which evaluation? available:";
      for (const auto& t : available_tools())
        if (t.starts_with("eval ")) std::cerr << " " << t.substr(5);
      std::cerr << "\n";
      return static_cast<int>(ExitCode::usage);
    }
    program = "factpipe-eval-" + std::string(argv[2]);
    typed = "eval " + std::string(argv[2]);
    rest = 3;
  }
  auto path = find_command(program);
  if (!path) return not_found(typed, program);
  std::vector<char*> args;
  std::string arg0 = path->string();
  args.push_back(arg0.data());
  for (int i = rest; i < argc; ++i) args.push_back(argv[i]);
  args.push_back(nullptr);
  execv(arg0.c_str(), args.data());
  std::cerr << "factpipe: cannot run " << arg0 << ": " << std::strerror(errno) << "\n";
  return 126;
}

}  // namespace factpipe::cli
