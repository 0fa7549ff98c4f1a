#pragma once
// Readers for the check-worthiness datasets in ../shared/datasets (never copied into the repo):
//   claimbuster/train.json: JSON array of {"sentence_id", "label", "text"}, label 1 = check-worthy.
//   clef2019-checkworthiness/training/*.tsv: "line \t speaker \t text \t label", no header, one file per debate.
#include <filesystem>
#include <string>
#include <vector>

namespace factpipe::claims {

struct LabeledSentence {
  std::string text;
  int label = 0;        // 1 = check-worthy
  std::string group;    // "claimbuster" or the debate's file stem
  std::string speaker;  // CLEF only (not used as a feature: the stage has no such column)
};

struct Debate {
  std::string name;  // file stem, e.g. 20160926_1pres
  std::vector<LabeledSentence> sentences;
};

// Throw std::runtime_error naming the file (and line or element) on malformed input.
std::vector<LabeledSentence> read_claimbuster(const std::filesystem::path& file);
Debate read_clef_debate(const std::filesystem::path& file);
std::vector<Debate> read_clef_training(const std::filesystem::path& dir);  // sorted by file name

}  // namespace factpipe::claims
