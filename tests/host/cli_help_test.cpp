// The small things a user expects of the command: --version, `version --json`, an example in every
// command's --help, and bash completion generated from the command line's definition.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>

#include <factpipe/document.hpp>
#include <factpipe/version.hpp>

#include "host_test_util.hpp"

using factpipe::Json;
using factpipe::test::quote;
using factpipe::test::TempDir;
using ::testing::HasSubstr;
using ::testing::StartsWith;

namespace {

factpipe::test::CommandResult factpipe_cmd(const TempDir& dir, const std::string& args) {
  return factpipe::test::run_shell(quote(FACTPIPE_EXE) + " " + args, dir.path());
}

// Every command path the completion script knows ("", "run", "plugins info" ...): the CLI's own definition.
std::vector<std::string> command_paths(const std::string& script) {
  std::vector<std::string> out;
  std::regex node(R"re(\n    "([a-z ]*)"\) subs=)re");
  for (auto it = std::sregex_iterator(script.begin(), script.end(), node); it != std::sregex_iterator(); ++it)
    out.push_back((*it)[1]);
  return out;
}

// What bash offers for the words typed so far (the last one being completed), using the generated script.
std::string complete(const TempDir& dir, const std::filesystem::path& script, const std::string& typed) {
  auto driver = dir.write("complete.sh", "source " + quote(script) + "\nCOMP_WORDS=(factpipe " + typed +
                                             ")\nCOMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n_factpipe\n"
                                             "echo \"${COMPREPLY[*]}\"\n");
  auto r = factpipe::test::run_shell("bash " + quote(driver), dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out.substr(0, r.out.find('\n'));
}

}  // namespace

TEST(CliSmallThings, VersionFlagAndJson) {
  TempDir dir;
  auto v = factpipe_cmd(dir, "--version");
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_THAT(v.out, StartsWith("factpipe " FACTPIPE_PROJECT_VERSION " (plugin API " + factpipe::kApiVersion.str()));
  auto j = factpipe_cmd(dir, "version --json");
  ASSERT_EQ(j.exit_code, 0) << j.err;
  Json info = Json::parse(j.out);
  EXPECT_EQ(info["factpipe"], FACTPIPE_PROJECT_VERSION);
  EXPECT_EQ(info["sdk"]["plugin_api"], factpipe::kApiVersion.str());
  EXPECT_TRUE(info["build"].contains("type"));
  EXPECT_TRUE(info["build"].contains("compiler"));
  // The plugins of a pipeline's plugin_paths, with their own versions.
  auto config = dir.write("p.yaml", "pipeline: v\nplugin_paths: [" + factpipe::test::fixture_dir().string() +
                                        "]\nstages:\n  - {name: g, plugin: fx_good}\n");
  info = Json::parse(factpipe_cmd(dir, "version --json -c " + quote(config)).out);
  bool found = false;
  for (const auto& p : info["plugins"])
    if (p["name"] == "fx_good") {
      found = true;
      EXPECT_EQ(p["version"], "1.2.3");
      EXPECT_EQ(p["plugin_api"], factpipe::kApiVersion.str());
    }
  EXPECT_TRUE(found) << info.dump(2);
  std::string failures = info["plugins_not_loaded"].dump();
  EXPECT_THAT(failures, HasSubstr("fx_major2"));
  auto plain = factpipe_cmd(dir, "version -c " + quote(config));
  EXPECT_THAT(plain.out, HasSubstr("fx_good 1.2.3"));
}

TEST(CliSmallThings, EveryCommandsHelpHasAnExample) {
  TempDir dir;
  auto script = factpipe_cmd(dir, "completion bash");
  ASSERT_EQ(script.exit_code, 0) << script.err;
  auto paths = command_paths(script.out);
  EXPECT_THAT(paths, ::testing::IsSupersetOf({"", "run", "validate", "plugins", "plugins list", "plugins info", "serve",
                                              "version", "completion"}));
  for (const auto& path : paths) {
    auto help = factpipe_cmd(dir, path + " --help");
    EXPECT_EQ(help.exit_code, 0) << path;
    EXPECT_THAT(help.out, HasSubstr("Example")) << "factpipe " << path << " --help";
    EXPECT_THAT(help.out, HasSubstr("factpipe " + path.substr(0, path.find(' ')))) << path;
  }
}

// The command a user types for a tool: factpipe-eval-quotes is `factpipe eval quotes`, factpipe-index `factpipe index`.
std::string command_of_tool(const std::string& file) {
  std::string sub = file.substr(std::string("factpipe-").size());
  return sub.starts_with("eval-") ? "eval " + sub.substr(5) : sub;
}

TEST(CliSmallThings, EveryToolsHelpHasAnExample) {
  TempDir dir;
  // The tools this build makes, and any other factpipe-* next to factpipe.
  std::set<std::string> tools;
  std::string built = FACTPIPE_TOOLS;
  for (std::size_t at = 0; at < built.size();) {
    auto comma = std::min(built.find(',', at), built.size());
    tools.insert(built.substr(at, comma - at));
    at = comma + 1;
  }
  for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(FACTPIPE_EXE).parent_path()))
    if (e.path().filename().string().starts_with("factpipe-") && !e.path().has_extension() &&
        access(e.path().c_str(), X_OK) == 0)
      tools.insert(e.path().filename().string());
  EXPECT_TRUE(tools.contains("factpipe-index") && tools.contains("factpipe-eval-extraction"))
      << "the build makes factpipe-index and factpipe-eval-extraction";
  for (const auto& tool : tools) {
    std::string command = command_of_tool(tool);
    auto help = factpipe_cmd(dir, command + " --help");
    EXPECT_EQ(help.exit_code, 0) << "factpipe " << command << " --help: " << help.err;
    auto example = help.out.find("Example");
    ASSERT_NE(example, std::string::npos) << "factpipe " << command << " --help has no example:\n" << help.out;
    EXPECT_THAT(help.out.substr(example), HasSubstr("  factpipe " + command)) << help.out;
  }
}

TEST(CliSmallThings, BashCompletionFollowsTheCommandLine) {
  TempDir dir;
  auto script = dir.write("factpipe.bash", factpipe_cmd(dir, "completion bash").out);
  EXPECT_EQ(complete(dir, script, "pl"), "plugins");
  EXPECT_EQ(complete(dir, script, "plugins ''"), "list info");
  EXPECT_EQ(complete(dir, script, "run --form"), "--format");
  EXPECT_EQ(complete(dir, script, "-v run --format ''"), "") << "an option's value: files, from bash's default";
  EXPECT_EQ(complete(dir, script, "run -c x.yaml --st"), "--stats");
  EXPECT_EQ(complete(dir, script, "serve --tok"), "--token-file");
  EXPECT_EQ(complete(dir, script, "se"), "serve");
  // The installed copy (cmake --install) is the one the build generated.
  auto built = factpipe::test::binary_dir() / "share/bash-completion/completions/factpipe";
  ASSERT_TRUE(std::filesystem::exists(built));
  EXPECT_EQ(factpipe::test::read_file(built), factpipe::test::read_file(script));
  EXPECT_EQ(factpipe_cmd(dir, "completion zsh").exit_code, 2);
}
