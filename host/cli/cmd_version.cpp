// `factpipe --version` and `factpipe version [--json]`: this build, the plugin API it offers, and the
// version of every plugin it finds.
#include <iostream>

#include <CLI/CLI.hpp>

#include <factpipe/host/plugin_registry.hpp>
#include <factpipe/version.hpp>

#include "cli.hpp"

namespace factpipe::cli {

namespace {

Json build_info() {
  Json b {
    {"type", FACTPIPE_BUILD_TYPE}, {"compiler", FACTPIPE_COMPILER}, {"cxx_standard", __cplusplus},
#if defined(__SANITIZE_ADDRESS__)
        {"sanitizers", true},
#else
        {"sanitizers", false},
#endif
  };
  return b;
}

Json version_json(const std::string& config) {
  Json out{{"factpipe", FACTPIPE_VERSION},
           {"sdk",
            {{"plugin_api", kApiVersion.str()},
             {"soversion", FACTPIPE_SDK_SOVERSION},
             // A plugin is C++ built against the SDK's headers: the C++ ABI must match the host's too.
             {"cxx_abi", __GXX_ABI_VERSION},
             {"libstdcxx_cxx11_abi", _GLIBCXX_USE_CXX11_ABI == 1}}},
           {"build", build_info()}};
  std::vector<std::filesystem::path> config_paths;
  if (!config.empty()) config_paths = host::config_plugin_paths(host::load_pipeline_file(config));
  host::PluginRegistry registry(host::plugin_search_dirs(config_paths));
  Json plugins = Json::array();
  for (const auto& p : registry.plugins())
    plugins.push_back({{"name", p->info().name},
                       {"version", p->info().version},
                       {"plugin_api", p->api_version().str()},
                       {"file", p->path().string()}});
  out["plugins"] = plugins;
  Json failures = Json::array();
  for (const auto& f : registry.failures()) failures.push_back(f.reason);
  out["plugins_not_loaded"] = failures;
  return out;
}

}  // namespace

std::string version_line() {
  return std::string("factpipe ") + FACTPIPE_VERSION + " (plugin API " + kApiVersion.str() + ", " +
         FACTPIPE_BUILD_TYPE + " build, " + FACTPIPE_COMPILER + ")";
}

std::function<int()> add_version_command(CLI::App& app) {
  app.set_version_flag("--version", version_line(), "print the version and exit");
  struct Args {
    bool json = false;
    std::string config;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("version", "this build's version, plugin API and plugins");
  cmd->add_flag("--json", args->json, "as JSON: plugins' versions, the SDK's ABI, build information");
  cmd->add_option("-c,--config", args->config, "also search this pipeline's plugin_paths");
  cmd->footer("\nExample:\n  factpipe version --json | jq '.plugins[] | {name, version}'");
  cmd->fallthrough();
  return [cmd, args]() -> int {
    if (!*cmd) return -1;
    Json v = version_json(args->config);
    if (args->json) {
      std::cout << v.dump(2) << "\n";
      return 0;
    }
    std::cout << version_line() << "\n";
    for (const auto& p : v["plugins"])
      std::cout << "  " << p["name"].get<std::string>() << " " << p["version"].get<std::string>() << "  (API "
                << p["plugin_api"].get<std::string>() << ") " << p["file"].get<std::string>() << "\n";
    return 0;
  };
}

}  // namespace factpipe::cli
