#pragma once
// The layer contract checked at run time, in debug and test builds: after each stage the host compares a
// fingerprint of every part of the document (each layer, each key of every extra, the metadata) with the one
// before, and names the first part the stage changed without declaring it. A stage may change the layers it
// provides (with the config it has) and extra["<its plugin name>"] of the document and of any annotation; a
// custom layer lives in extra["<layer name>"] wherever the plugin writes it. It costs a pass over the document
// per stage, so a release build skips it unless FACTPIPE_CHECK_LAYERS=1 (CTest sets it for every test).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <factpipe/document.hpp>
#include <factpipe/layers.hpp>

namespace factpipe::host {

// Part of the document -> hash of its content. Parts: a built-in layer's name ("tokens"), "metadata",
// "extra:<key>" (the document's extra), "<layer>.extra:<key>" (that key in the extra of the layer's items).
using LayerFingerprint = std::map<std::string, std::uint64_t, std::less<>>;

LayerFingerprint layer_fingerprint(const Document& doc);

// Empty when every changed part is one the stage may change; otherwise what it changed, for the error.
std::optional<std::string> undeclared_change(const LayerFingerprint& before, const LayerFingerprint& after,
                                             const std::vector<Layer>& provides, std::string_view plugin);

// On in a build without NDEBUG (Debug, the sanitizer presets), or when FACTPIPE_CHECK_LAYERS is 1; off when it is 0.
bool layer_check_by_default();

}  // namespace factpipe::host
