#pragma once
// The learned speaker ranker: a conditional logit over a quotation's candidate speakers (one weight per
// feature of speaker_features.hpp). Trained by factpipe-train-quotes on PolNeAR's Source spans; the file is
// plain text: '#' comment lines (the command that made it), then "feature<TAB>weight" lines in order.
#include <filesystem>
#include <string>
#include <vector>

#include "speaker_features.hpp"

namespace factpipe::quotes {

struct SpeakerModel {
  std::array<double, kSpeakerFeatureCount> weights{};
  bool loaded = false;

  double score(const SpeakerFeatures& x) const {
    double s = 0;
    for (std::size_t i = 0; i < kSpeakerFeatureCount; ++i) s += weights[i] * x[i];
    return s;
  }
  // Throws std::runtime_error naming file and line when the file is unreadable, malformed, or names
  // other features than this build's.
  static SpeakerModel load(const std::filesystem::path& file);
  // Writes the model with `header` lines as comments.
  void save(const std::filesystem::path& file, const std::vector<std::string>& header) const;
};

}  // namespace factpipe::quotes
