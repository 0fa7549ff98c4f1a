// Hand-written exports (only here, to test the host): the right API version, layout and a description, but
// no factpipe_stage_process, factpipe_last_error, factpipe_stage_layers or factpipe_stage_start_run. Real plugins use
// FACTPIPE_PLUGIN.
#include <cstdint>

#include <factpipe/plugin.hpp>
#include <factpipe/version.hpp>

#define EXPORT extern "C" __attribute__((visibility("default")))

EXPORT void factpipe_api_version(std::uint32_t* major, std::uint32_t* minor, std::uint32_t* patch) noexcept {
  *major = FACTPIPE_API_VERSION_MAJOR;
  *minor = FACTPIPE_API_VERSION_MINOR;
  *patch = FACTPIPE_API_VERSION_PATCH;
}
EXPORT const char* factpipe_abi_layout() noexcept { return factpipe::bridge::abi_layout().c_str(); }
EXPORT const char* factpipe_plugin_describe() noexcept { return R"({"name": "fx_missing_entry"})"; }
EXPORT void* factpipe_stage_create() noexcept { return nullptr; }
EXPORT void factpipe_stage_destroy(void*) noexcept {}
EXPORT int factpipe_stage_configure(void*, const char*, const void*) noexcept { return 0; }
