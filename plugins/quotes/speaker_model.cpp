#include "speaker_model.hpp"

#include "model_file.hpp"

namespace factpipe::quotes {

SpeakerModel SpeakerModel::load(const std::filesystem::path& file) {
  ModelFileReader in(file, "speaker model");
  SpeakerModel m;
  std::vector<std::string> f;
  std::size_t n = 0;
  while (in.next(f)) {
    if (f.size() != 2) in.fail("expected 'feature<TAB>weight'");
    in.expect_feature(n, kSpeakerFeatureCount, f[0], kSpeakerFeatureNames[n < kSpeakerFeatureCount ? n : 0]);
    m.weights[n++] = in.number(f[1]);
  }
  in.expect_feature_count(n, kSpeakerFeatureCount);
  m.loaded = true;
  return m;
}

void SpeakerModel::save(const std::filesystem::path& file, const std::vector<std::string>& header) const {
  std::ofstream out = create_model_file(file, header);
  for (std::size_t i = 0; i < kSpeakerFeatureCount; ++i) out << kSpeakerFeatureNames[i] << "\t" << weights[i] << "\n";
  finish_model_file(out, file);
}

}  // namespace factpipe::quotes
