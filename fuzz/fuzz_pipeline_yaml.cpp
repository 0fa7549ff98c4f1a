// Any bytes as a pipeline file: converted to JSON within the limits, or a ConfigError; never a crash, never
// unbounded memory (aliases of aliases stop at the node limit).
#include <cstddef>
#include <cstdint>
#include <string>

#include <factpipe/host/errors.hpp>
#include <factpipe/host/pipeline_config.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string yaml(reinterpret_cast<const char*>(data), size);
  try {
    auto file = factpipe::host::parse_pipeline_yaml(yaml, "fuzz.yaml");
    (void)file.root.dump();
  } catch (const factpipe::host::ConfigError&) {
  }
  return 0;
}
