#include <iostream>

#include <factpipe/host/host_paths.hpp>
#include <factpipe/host/schema_validation.hpp>

#include "cli.hpp"

namespace factpipe::cli {

namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += ", ";
    out += i;
  }
  return out.empty() ? "-" : out;
}

// Plugins visible to the default pipeline or to the one given with -c (its plugin_paths come first).
std::unique_ptr<host::PluginRegistry> registry_for(const std::string& config) {
  std::vector<std::filesystem::path> config_paths;
  if (!config.empty()) config_paths = host::config_plugin_paths(host::load_pipeline_file(config));
  return std::make_unique<host::PluginRegistry>(host::plugin_search_dirs(config_paths));
}

}  // namespace

int plugins_list_command(const std::string& config) {
  auto registry = registry_for(config);
  if (registry->plugins().empty()) std::cout << "no plugins found\n";
  for (const auto& p : registry->plugins()) {
    const auto& info = p->info();
    std::cout << info.name << " " << info.version << "  " << p->path().string() << "\n"
              << "    requires: " << join(layer_names(info.requires_layers))
              << "   provides: " << join(layer_names(info.provides_layers))
              << (info.thread_safe ? "   thread safe" : "") << "\n";
    if (!info.description.empty()) std::cout << "    " << info.description << "\n";
  }
  for (const auto& s : registry->shadowed())
    std::cout << "shadowed: " << s.name << " in " << s.path.string() << " (using " << s.shadowed_by.string() << ")\n";
  if (!registry->failures().empty()) {
    std::cout << "\nlibraries that could not be loaded:\n";
    for (const auto& f : registry->failures()) std::cout << "  " << f.reason << "\n";
  }
  std::cout << "\nsearched:";
  for (const auto& d : registry->search_dirs()) std::cout << " " << d.string();
  std::cout << "\n";
  return 0;
}

int plugins_info_command(const std::string& name, const std::string& config) {
  auto registry = registry_for(config);
  auto p = registry->find(name);
  if (!p) {
    std::string available;
    for (const auto& n : registry->names()) {
      if (!available.empty()) available += ", ";
      available += n;
    }
    std::cerr << "error: no plugin named '" << name << "' (available: " << (available.empty() ? "none" : available)
              << ")\n";
    if (auto* f = registry->failure_for(name)) {
      std::cerr << "  " << f->reason << "\n";
      return static_cast<int>(ExitCode::plugin);
    }
    return static_cast<int>(ExitCode::usage);
  }
  const auto& info = p->info();
  Json defaults = Json::object();
  host::fill_defaults(defaults, info.config_schema);
  std::cout << "name:        " << info.name << "\n"
            << "version:     " << info.version << "\n"
            << "description: " << info.description << "\n"
            << "license:     " << (info.license.empty() ? "-" : info.license) << "\n"
            << "file:        " << p->path().string() << "\n"
            << "api version: " << p->api_version().str() << "\n"
            << "thread safe: " << (info.thread_safe ? "yes" : "no (one instance per worker thread)") << "\n"
            << "batch:       "
            << (info.prepare_batch ? "sees every document of the batch first (prepare_batch)"
                                   : "one document at a time")
            << "\n"
            << "requires:    " << join(layer_names(info.requires_layers)) << "\n"
            << "provides:    " << join(layer_names(info.provides_layers)) << "\n"
            << "config defaults:\n"
            << defaults.dump(2) << "\n"
            << "config schema:\n"
            << info.config_schema.dump(2) << "\n";
  return 0;
}

}  // namespace factpipe::cli
