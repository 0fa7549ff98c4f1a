#include <factpipe/host/plugin_library.hpp>

#include <boost/dll/shared_library.hpp>

#include <factpipe/abi_layout.hpp>
#include <factpipe/host/errors.hpp>
#include <factpipe/host/schema_validation.hpp>

namespace factpipe::host {

namespace {

constexpr const char* kVersionSymbol = "factpipe_api_version";
constexpr const char* kLayoutSymbol = "factpipe_abi_layout";

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& why) {
  throw PluginError(path.string() + ": " + why);
}

}  // namespace

struct PluginLibrary::Handle {
  boost::dll::shared_library library;
};

PluginLibrary::PluginLibrary(std::filesystem::path path) : path_(std::move(path)) {}

// Members are destroyed in reverse order: description data first, the mapping (handle_) last.
PluginLibrary::~PluginLibrary() = default;

std::shared_ptr<PluginLibrary> PluginLibrary::load(const std::filesystem::path& path) {
  std::shared_ptr<PluginLibrary> self(new PluginLibrary(path));
  self->handle_ = std::make_unique<Handle>();
  auto& lib = self->handle_->library;
  try {
    // rtld_now: unresolved symbols fail here, not in the middle of a run.
    // rtld_local: one plugin's symbols never satisfy another's.
    lib.load(path, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  } catch (const std::exception& e) {
    fail(path, std::string("cannot load library: ") + e.what());
  }

  // 1. The version entry point comes first: without it nothing else can be trusted.
  if (!lib.has(kVersionSymbol)) fail(path, "not a factpipe plugin: missing entry point factpipe_api_version");
  auto& version = lib.get<void(std::uint32_t*, std::uint32_t*, std::uint32_t*) noexcept>(kVersionSymbol);
  ApiVersion v;
  version(&v.major, &v.minor, &v.patch);
  self->api_version_ = v;

  // 2. The layout of what crosses the boundary, as the plugin was compiled, before anything else is called: a
  // plugin built against other headers, another standard library or another nlohmann/json would misread the
  // document whatever version it claims. A plugin from before API 3.0 exports none (the version rule names it).
  if (lib.has(kLayoutSymbol)) {
    const char* layout = lib.get<const char*() noexcept>(kLayoutSymbol)();
    if (!layout) fail(path, "factpipe_abi_layout() failed");
    if (auto diff = abi::layout_difference(layout, bridge::abi_layout()); !diff.empty())
      fail(path, "incompatible plugin: the layout of the types crossing the boundary differs (" + diff +
                     "): rebuild the plugin against this SDK with the host's compiler and libraries");
  } else if (v.major >= 3) {
    fail(path, "incompatible plugin: it claims API " + v.str() + " but exports no factpipe_abi_layout");
  }

  // 3. Semver rule, named when it fails.
  if (auto why = api_incompatibility(kApiVersion, v); !why.empty()) fail(path, "incompatible plugin: " + why);

  // 4. Every other required entry point, all missing ones at once.
  std::string missing;
  auto resolve = [&]<class F>(F*& slot, const char* symbol) {
    if (lib.has(symbol)) {
      slot = &lib.get<F>(symbol);
    } else {
      missing += missing.empty() ? symbol : std::string(", ") + symbol;
    }
  };
  auto& ep = self->entry_;
  resolve(ep.describe, "factpipe_plugin_describe");
  resolve(ep.create, "factpipe_stage_create");
  resolve(ep.destroy, "factpipe_stage_destroy");
  resolve(ep.configure, "factpipe_stage_configure");
  resolve(ep.process, "factpipe_stage_process");
  resolve(ep.last_error, "factpipe_last_error");
  resolve(ep.layers, "factpipe_stage_layers");
  resolve(ep.start_run, "factpipe_stage_start_run");
  if (v.major > 1 || v.minor >= 1) resolve(ep.prepare_batch, "factpipe_stage_prepare_batch");  // API 1.1 on
  if (!missing.empty()) fail(path, "missing required entry point(s): " + missing);

  // 5. The description: needs no configure and no document.
  const char* described = ep.describe();
  if (!described) fail(path, std::string("describe() failed: ") + ep.last_error());
  try {
    self->description_ = Json::parse(described);
    self->info_ = plugin_info_from_json(self->description_);
  } catch (const std::exception& e) {
    fail(path, std::string("describe() returned an invalid description: ") + e.what());
  }
  if (self->info_.name.empty()) fail(path, "describe() returned an empty plugin name");
  if (!self->info_.config_schema.is_object()) fail(path, "describe(): config_schema is not a JSON object");
  if (self->info_.prepare_batch && !ep.prepare_batch)
    fail(path,
         "describe() asks for prepare_batch, which needs plugin API 1.1 or later (the plugin says " + v.str() + ")");
  try {
    self->default_layers_ = self->layers_for(self->default_config());
  } catch (const PluginError& e) {
    throw PluginError(path.string() + ": " + e.what());
  }
  return self;
}

Json PluginLibrary::default_config() const {
  Json config = Json::object();
  fill_defaults(config, info_.config_schema);
  return config;
}

StageLayers PluginLibrary::layers_for(const Json& config) const {
  std::string text = config.dump();
  const char* answer = entry_.layers(text.c_str());
  if (!answer) throw PluginError("layers(config) failed: " + std::string(entry_.last_error()));
  try {
    return stage_layers_from_json(Json::parse(answer));
  } catch (const std::exception& e) {
    throw PluginError(std::string("layers(config) returned invalid layers: ") + e.what());
  }
}

}  // namespace factpipe::host
