#include "model_file.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace factpipe::quotes {

ModelFileReader::ModelFileReader(const std::filesystem::path& file, std::string_view what) : file_(file), in_(file) {
  if (!in_) throw std::runtime_error("cannot read " + std::string(what) + " " + file.string());
}

bool ModelFileReader::next(std::vector<std::string>& fields) {
  std::string line;
  while (std::getline(in_, line)) {
    ++line_;
    if (line.empty() || line[0] == '#') continue;
    fields.clear();
    std::istringstream ls(line);
    for (std::string f; std::getline(ls, f, '\t');) fields.push_back(f);
    return true;
  }
  return false;
}

void ModelFileReader::fail(const std::string& why) const {
  throw std::runtime_error(file_.string() + ":" + std::to_string(line_) + ": " + why);
}

double ModelFileReader::number(const std::string& field) const {
  std::size_t used = 0;
  double v = 0;
  try {
    v = std::stod(field, &used);
  } catch (const std::exception&) {
    fail("bad number '" + field + "'");
  }
  if (used != field.size() || !std::isfinite(v)) fail("bad number '" + field + "'");
  return v;
}

void ModelFileReader::expect_feature(std::size_t index, std::size_t count, std::string_view name,
                                     std::string_view expected) const {
  if (index >= count) fail("more features than this build knows (" + std::to_string(count) + "); retrain the model");
  if (name != expected)
    fail("feature '" + std::string(name) + "' where this build expects '" + std::string(expected) +
         "'; retrain the model");
}

void ModelFileReader::expect_feature_count(std::size_t read, std::size_t count) const {
  if (read != count)
    throw std::runtime_error(file_.string() + ": " + std::to_string(read) + " features, this build expects " +
                             std::to_string(count) + "; retrain the model");
}

std::ofstream create_model_file(const std::filesystem::path& file, const std::vector<std::string>& header) {
  std::ofstream out(file);
  if (!out) throw std::runtime_error("cannot write " + file.string());
  for (const auto& h : header) out << "# " << h << "\n";
  out.precision(9);
  return out;
}

void finish_model_file(std::ofstream& out, const std::filesystem::path& file) {
  out.flush();
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

}  // namespace factpipe::quotes
