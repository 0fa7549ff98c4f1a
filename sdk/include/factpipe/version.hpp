#pragma once
// The plugin API version (semver). A host loads a plugin only when the majors are equal and the host's
// minor is at least the plugin's: a plugin may use nothing that the host does not know about.
// The document and the plugin interface cross the boundary as C++ types (the standard library's, nlohmann/json's
// and ours), so any change to the layout of one of them is a MAJOR bump: a new field of the document, of
// PluginInfo or of factpipe_host, a changed member type. MINOR is for what leaves every layout alone (a new
// optional entry point, a new function in the SDK library). The host checks the layout itself too: each plugin
// exports its layout fingerprint (abi_layout.hpp), compared with the host's before anything else.
// History: 1.0 the first API; 1.1 adds the optional entry point factpipe_stage_prepare_batch (a stage that
// looks at every document of the run before processing any) and PluginInfo::prepare_batch; 2.0 adds
// Metadata::authors (the document's layout changes: every plugin is rebuilt); 3.0 types the layers
// (PluginInfo::requires_layers/provides_layers are std::vector<Layer>), adds the entry points
// factpipe_stage_layers (a stage's layers for its config), factpipe_abi_layout (the layout fingerprint) and
// factpipe_stage_start_run (Stage::start_run: forget earlier runs without configuring again); 3.1 adds
// QuoteKind::mixed (no layout changes; a 3.1 plugin may write a kind that a 3.0 host cannot name).
#include <cstdint>
#include <string>

#define FACTPIPE_API_VERSION_MAJOR 3
#define FACTPIPE_API_VERSION_MINOR 1
#define FACTPIPE_API_VERSION_PATCH 0

namespace factpipe {

struct ApiVersion {
  std::uint32_t major = 0, minor = 0, patch = 0;
  std::string str() const { return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch); }
};

inline constexpr ApiVersion kApiVersion{FACTPIPE_API_VERSION_MAJOR, FACTPIPE_API_VERSION_MINOR,
                                        FACTPIPE_API_VERSION_PATCH};

// Empty when `plugin` may be loaded by a host of version `host`; otherwise the rule that failed.
inline std::string api_incompatibility(const ApiVersion& host, const ApiVersion& plugin) {
  if (plugin.major != host.major)
    return "API major versions differ (plugin " + plugin.str() + ", host " + host.str() +
           "): rebuild the plugin against this SDK";
  if (plugin.minor > host.minor)
    return "plugin needs API " + plugin.str() + " but the host only offers " + host.str() +
           " (host minor must be >= plugin minor): upgrade factpipe";
  return {};
}

}  // namespace factpipe
