#pragma once
#include <filesystem>

namespace factpipe::claims {
// Runs the claims stage over the PolNeAR texts (sentences from a plain full-stop splitter, since the
// segmenter is another plugin) and prints MB/s of text; says so and returns when the folder is absent.
// with_encoder: claims.encoder on (the encoder model and checkworthiness-encoder.model in data_dir).
void print_stage_throughput(const std::filesystem::path& polnear, const std::filesystem::path& data_dir,
                            bool with_encoder = false);
}  // namespace factpipe::claims
