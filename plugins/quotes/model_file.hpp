#pragma once
// The text format of the quote stage's model files (speaker ranker, indirect finder): '#' comment lines, then
// tab-separated records. Reading checks each weight's feature name against this build's list, so a model
// trained on another feature set is refused with the line and the word "retrain" rather than misread.

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace factpipe::quotes {

class ModelFileReader {
 public:
  // `what` names the model in the error when the file cannot be opened ("speaker model").
  ModelFileReader(const std::filesystem::path& file, std::string_view what);

  // The next record's tab-separated fields, skipping blank and comment lines; false at the end.
  bool next(std::vector<std::string>& fields);
  // Throws "FILE:LINE: why".
  [[noreturn]] void fail(const std::string& why) const;
  // A finite number that is the whole field.
  double number(const std::string& field) const;
  // Weight number `index` must be named `expected` (of `count` that this build knows).
  void expect_feature(std::size_t index, std::size_t count, std::string_view name, std::string_view expected) const;
  // At the end: all `count` weights were read.
  void expect_feature_count(std::size_t read, std::size_t count) const;

 private:
  std::filesystem::path file_;
  std::ifstream in_;
  std::size_t line_ = 0;
};

// Opens `file` for writing a model and writes `header` as comment lines; numbers keep 9 digits.
std::ofstream create_model_file(const std::filesystem::path& file, const std::vector<std::string>& header);
// Throws, naming the file, when a write failed.
void finish_model_file(std::ofstream& out, const std::filesystem::path& file);

}  // namespace factpipe::quotes
