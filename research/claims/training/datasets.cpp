#include "datasets.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace factpipe::claims {

std::vector<LabeledSentence> read_claimbuster(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read ClaimBuster file " + file.string());
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
  } catch (const std::exception& e) {
    throw std::runtime_error(file.string() + ": not valid JSON: " + e.what());
  }
  if (!j.is_array()) throw std::runtime_error(file.string() + ": expected a JSON array of sentences");
  std::vector<LabeledSentence> out;
  out.reserve(j.size());
  for (std::size_t i = 0; i < j.size(); ++i) {
    const auto& e = j[i];
    if (!e.is_object() || !e.contains("text") || !e["text"].is_string() || !e.contains("label") ||
        !e["label"].is_number_integer())
      throw std::runtime_error(file.string() + ": element " + std::to_string(i) +
                               " needs string 'text' and integer 'label'");
    int label = e["label"].get<int>();
    if (label != 0 && label != 1)
      throw std::runtime_error(file.string() + ": element " + std::to_string(i) + ": label must be 0 or 1");
    out.push_back({e["text"].get<std::string>(), label, "claimbuster", ""});
  }
  return out;
}

Debate read_clef_debate(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read CLEF debate " + file.string());
  Debate d;
  d.name = file.stem().string();
  std::string line;
  std::size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::vector<std::string> cols;
    std::size_t pos = 0;
    for (;;) {
      auto tab = line.find('\t', pos);
      cols.push_back(line.substr(pos, tab - pos));
      if (tab == std::string::npos) break;
      pos = tab + 1;
    }
    if (cols.size() != 4)
      throw std::runtime_error(file.string() + ":" + std::to_string(line_no) +
                               ": expected 4 tab-separated columns (line, speaker, text, label), got " +
                               std::to_string(cols.size()));
    if (cols[3] != "0" && cols[3] != "1")
      throw std::runtime_error(file.string() + ":" + std::to_string(line_no) + ": label must be 0 or 1, got '" +
                               cols[3] + "'");
    d.sentences.push_back({cols[2], cols[3] == "1" ? 1 : 0, d.name, cols[1]});
  }
  if (d.sentences.empty()) throw std::runtime_error(file.string() + ": no sentences");
  return d;
}

std::vector<Debate> read_clef_training(const std::filesystem::path& dir) {
  if (!std::filesystem::is_directory(dir)) throw std::runtime_error("CLEF training folder not found: " + dir.string());
  std::vector<std::filesystem::path> files;
  for (auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".tsv") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  if (files.empty()) throw std::runtime_error("no .tsv debates in " + dir.string());
  std::vector<Debate> out;
  for (auto& f : files) out.push_back(read_clef_debate(f));
  return out;
}

}  // namespace factpipe::claims
