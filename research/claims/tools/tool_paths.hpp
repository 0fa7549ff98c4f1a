#pragma once
// Defaults of the claims tools: where the source tree keeps the plugin's data and where ../shared is.
#include <filesystem>

namespace factpipe::claims::tools {

inline std::filesystem::path source_data_dir() { return FACTPIPE_CLAIMS_SOURCE_DATA_DIR; }
inline std::filesystem::path default_datasets_dir() { return FACTPIPE_CLAIMS_DATASETS_DIR; }

}  // namespace factpipe::claims::tools
