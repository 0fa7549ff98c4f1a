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

std::vector<fs::path> bundled_plugin_dirs() {
  std::vector<fs::path> dirs{installed_plugin_dir()};
  if (auto build_tree = build_tree_plugin_dir()) dirs.push_back(*build_tree);
  return dirs;
}

namespace {

constexpr std::string_view kPrefix = "factpipe-";
constexpr std::string_view kSuffix = ".so";

// "factpipe-quotes.so" -> "quotes"; empty for any other file.
std::string plugin_name_of(const fs::directory_entry& e) {
  auto file = e.path().filename().string();
  std::error_code ec;
  if (file.size() <= kPrefix.size() + kSuffix.size() || !file.starts_with(kPrefix) || !file.ends_with(kSuffix) ||
      !e.is_regular_file(ec))
    return {};
  return file.substr(kPrefix.size(), file.size() - kPrefix.size() - kSuffix.size());
}

fs::path canonical_or_same(const fs::path& p) {
  std::error_code ec;
  auto c = fs::weakly_canonical(p, ec);
  return ec ? p : c;
}

}  // namespace

PluginRegistry::PluginRegistry(std::vector<fs::path> search_dirs, PluginTrust trust) : dirs_(std::move(search_dirs)) {
  std::set<fs::path> bundled;
  for (const auto& d : trust.bundled_dirs) bundled.insert(canonical_or_same(d));
  std::map<std::string, bool> first_is_bundled;
  for (const auto& dir : dirs_) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) continue;
    bool dir_bundled = bundled.contains(canonical_or_same(dir));
    std::vector<std::pair<std::string, fs::path>> files;
    for (const auto& e : fs::directory_iterator(dir, ec))
      if (auto name = plugin_name_of(e); !name.empty()) files.emplace_back(name, e.path());
    std::sort(files.begin(), files.end());
    for (auto& [name, file] : files) {
      auto [it, inserted] = candidates_.try_emplace(name, Candidate{file, {}, nullptr, false, dir_bundled});
      if (inserted) {
        first_is_bundled[name] = dir_bundled;
        continue;
      }
      shadowed_.push_back({name, file, it->second.path});
      if (dir_bundled && !first_is_bundled[name] && !trust.allow_override)
        it->second.refused = it->second.path.string() + " would replace the bundled plugin '" + name + "' (" +
                             file.string() + "); pass --allow-plugin-override to use it";
    }
  }
}

std::shared_ptr<const PluginLibrary> PluginRegistry::load_locked(const std::string& name, Candidate& c) const {
  if (c.tried) return c.library;
  c.tried = true;
  if (!c.refused.empty()) {
    failures_.push_back({c.path, c.refused});
    return nullptr;
  }
  try {
    auto lib = PluginLibrary::load(c.path);
    if (lib->name() != name) {
      failures_.push_back({c.path, c.path.string() + ": the plugin calls itself '" + lib->name() +
                                       "', but its file is named for '" + name + "' (factpipe-<name>.so)"});
      return nullptr;
    }
    c.library = std::move(lib);
  } catch (const std::exception& e) {
    failures_.push_back({c.path, e.what()});
    return nullptr;
  }
  plugins_.push_back(c.library);
  std::sort(plugins_.begin(), plugins_.end(), [](const auto& a, const auto& b) { return a->name() < b->name(); });
  return c.library;
}

std::shared_ptr<const PluginLibrary> PluginRegistry::find(std::string_view name) const {
  std::lock_guard lock(mutex_);
  auto it = candidates_.find(name);
  if (it == candidates_.end()) return nullptr;
  return load_locked(it->first, it->second);
}

const std::vector<std::shared_ptr<const PluginLibrary>>& PluginRegistry::plugins() const {
  std::lock_guard lock(mutex_);
  for (auto& [name, c] : candidates_) load_locked(name, c);
  return plugins_;
}

std::vector<std::string> PluginRegistry::names() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  for (const auto& [name, c] : candidates_) out.push_back(name);
  return out;
}

bool PluginRegistry::is_bundled(std::string_view name) const {
  std::lock_guard lock(mutex_);
  auto it = candidates_.find(name);
  return it != candidates_.end() && it->second.bundled;
}

const PluginLoadFailure* PluginRegistry::failure_for(std::string_view name) const {
  std::lock_guard lock(mutex_);
  auto it = candidates_.find(name);
  if (it == candidates_.end() || !it->second.tried || it->second.library) return nullptr;
  for (const auto& f : failures_)
    if (f.path == it->second.path) return &f;
  return nullptr;
}

}  // namespace factpipe::host
