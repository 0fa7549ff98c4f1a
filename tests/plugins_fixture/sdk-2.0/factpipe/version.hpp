#pragma once
// The plugin API version (semver). A host loads a plugin only when the majors are equal and the host's
// minor is at least the plugin's: a plugin may use nothing that the host does not know about.
// Bump MINOR for additions (new optional entry points, new document fields), MAJOR for anything that
// changes the layout of a type shared across the boundary or the meaning of an entry point.
// History: 1.0 the first API; 1.1 adds the optional entry point factpipe_stage_prepare_batch (a stage that
// looks at every document of the run before processing any) and PluginInfo::prepare_batch; 2.0 adds
// Metadata::authors (the document's layout changes: every plugin is rebuilt).
#include <cstdint>
#include <string>

#define FACTPIPE_API_VERSION_MAJOR 2
#define FACTPIPE_API_VERSION_MINOR 0
#define FACTPIPE_API_VERSION_PATCH 0

namespace factpipe {

struct ApiVersion {
  std::uint32_t major = 0, minor = 0, patch = 0;
  std::string str() const {
    return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
  }
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
