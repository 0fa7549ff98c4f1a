#include <factpipe/host/plugin_registry.hpp>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <system_error>

#include <factpipe/host/errors.hpp>
#include <factpipe/host/host_paths.hpp>

namespace factpipe::host {

namespace fs = std::filesystem;

std::vector<fs::path> plugin_search_dirs(const std::vector<fs::path>& config_paths) {
  std::vector<fs::path> dirs = config_paths;
  if (const char* env = std::getenv("FACTPIPE_PLUGIN_PATH")) {
    std::string_view rest(env);
    while (!rest.empty()) {
      auto colon = rest.find(':');
      auto part = rest.substr(0, colon);
      if (!part.empty()) dirs.emplace_back(part);
      rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
    }
  }
  dirs.push_back(installed_plugin_dir());
  if (auto build_tree = build_tree_plugin_dir()) dirs.push_back(*build_tree);
  // The same directory twice (e.g. the build tree's bin/../lib/... coinciding) is scanned once.
  std::vector<fs::path> unique;
  std::set<fs::path> seen;
  for (auto& d : dirs) {
    std::error_code ec;
    auto key = fs::weakly_canonical(d, ec);
    if (seen.insert(ec ? d : key).second) unique.push_back(d);
  }
  return unique;
}

namespace {

bool is_plugin_file(const fs::directory_entry& e) {
  auto name = e.path().filename().string();
  std::error_code ec;
  return name.starts_with("factpipe-") && name.ends_with(".so") && e.is_regular_file(ec);
}

}  // namespace

PluginRegistry::PluginRegistry(std::vector<fs::path> search_dirs) : dirs_(std::move(search_dirs)) {
  std::map<std::string, std::shared_ptr<const PluginLibrary>> by_name;
  for (const auto& dir : dirs_) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) continue;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir, ec))
      if (is_plugin_file(e)) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      std::shared_ptr<const PluginLibrary> lib;
      try {
        lib = PluginLibrary::load(file);
      } catch (const std::exception& e) {
        failures_.push_back({file, e.what()});
        continue;
      }
      auto [it, inserted] = by_name.emplace(lib->name(), lib);
      if (!inserted) shadowed_.push_back({lib->name(), file, it->second->path()});
    }
  }
  for (auto& [name, lib] : by_name) plugins_.push_back(lib);
}

std::shared_ptr<const PluginLibrary> PluginRegistry::find(std::string_view name) const {
  for (const auto& p : plugins_)
    if (p->name() == name) return p;
  return nullptr;
}

std::vector<std::string> PluginRegistry::names() const {
  std::vector<std::string> out;
  for (const auto& p : plugins_) out.push_back(p->name());
  return out;
}

const PluginLoadFailure* PluginRegistry::failure_for(std::string_view name) const {
  std::string file = "factpipe-" + std::string(name) + ".so";
  for (const auto& f : failures_)
    if (f.path.filename() == file) return &f;
  return nullptr;
}

}  // namespace factpipe::host
