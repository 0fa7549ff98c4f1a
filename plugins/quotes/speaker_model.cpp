#include "speaker_model.hpp"

#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace factpipe::quotes {

SpeakerModel SpeakerModel::load(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read speaker model " + file.string());
  SpeakerModel m;
  std::string line;
  std::size_t lineno = 0, n = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (line.empty() || line[0] == '#') continue;
    auto fail = [&](const std::string& why) {
      throw std::runtime_error(file.string() + ":" + std::to_string(lineno) + ": " + why);
    };
    auto tab = line.find('\t');
    if (tab == std::string::npos) fail("expected 'feature<TAB>weight'");
    std::string name = line.substr(0, tab);
    if (n >= kSpeakerFeatureCount)
      fail("more features than this build knows (" + std::to_string(kSpeakerFeatureCount) + "); retrain the model");
    if (name != kSpeakerFeatureNames[n])
      fail("feature '" + name + "' where this build expects '" + std::string(kSpeakerFeatureNames[n]) +
           "'; retrain the model");
    std::istringstream ws(line.substr(tab + 1));
    double w = 0;
    if (!(ws >> w) || !std::isfinite(w)) fail("bad weight '" + line.substr(tab + 1) + "'");
    m.weights[n++] = w;
  }
  if (n != kSpeakerFeatureCount)
    throw std::runtime_error(file.string() + ": " + std::to_string(n) + " features, this build expects " +
                             std::to_string(kSpeakerFeatureCount) + "; retrain the model");
  m.loaded = true;
  return m;
}

void SpeakerModel::save(const std::filesystem::path& file, const std::vector<std::string>& header) const {
  std::ofstream out(file);
  if (!out) throw std::runtime_error("cannot write " + file.string());
  for (const auto& h : header) out << "# " << h << "\n";
  out.precision(9);
  for (std::size_t i = 0; i < kSpeakerFeatureCount; ++i) out << kSpeakerFeatureNames[i] << "\t" << weights[i] << "\n";
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

}  // namespace factpipe::quotes
