#include "model_flags.hpp"

#include <iterator>
#include <sstream>
#include <stdexcept>

namespace factpipe::claims {

namespace {

template <class Parse>
auto parsed(const std::string& flag, const std::string& value, Parse parse) {
  try {
    return parse(value);
  } catch (const std::exception&) {
    throw std::invalid_argument(flag + ": not a number: '" + value + "'");
  }
}

double number(const std::string& flag, const std::string& v) {
  return parsed(flag, v, [](const std::string& s) { return std::stod(s); });
}
unsigned count(const std::string& flag, const std::string& v) {
  return parsed(flag, v, [](const std::string& s) { return static_cast<unsigned>(std::stoul(s)); });
}
bool on(const std::string& flag, const std::string& v) { return count(flag, v) != 0; }

}  // namespace

bool apply_training_flag(const std::string& a, const std::string& v, TrainOptions& o) {
  if (a == "--solver") o.solver = parse_solver(v);
  else if (a == "--C") o.C = number(a, v);
  else if (a == "--positive-weight") o.positive_weight = number(a, v);
  else if (a == "--idf") o.idf = on(a, v);
  else if (a == "--threshold-folds") o.threshold_folds = count(a, v);
  else if (a == "--claimbuster-copies") o.claimbuster_copies = count(a, v);
  else if (a == "--domain-adapt") o.domain_adapt = count(a, v);
  else if (a == "--trees") o.trees = on(a, v);
  else if (a == "--tree-rounds") o.tree_rounds = count(a, v);
  else if (a == "--tree-depth") o.tree_depth = count(a, v);
  else if (a == "--tree-eta") o.tree_eta = number(a, v);
  else if (a == "--tree-min-child-weight") o.tree_min_child_weight = number(a, v);
  else if (a == "--stack-folds") o.stack_folds = count(a, v);
  else if (a == "--nb") o.nb = on(a, v);
  else if (a == "--nb-alpha") o.nb_alpha = number(a, v);
  else if (a == "--nb-beta") o.nb_beta = number(a, v);
  else if (a == "--seed") o.seed = count(a, v);
  else if (a == "--vector-scale") o.vector_scale = number(a, v);
  else return false;
  return true;
}

bool apply_feature_flag(const std::string& a, const std::string& v, ExperimentFeatures& e) {
  FeatureOptions& f = e.options;
  if (a == "--word-classes") e.word_classes = on(a, v);
  else if (a == "--char-ngrams") f.char_ngrams = on(a, v);
  else if (a == "--char-min") f.char_min = count(a, v);
  else if (a == "--char-max") f.char_max = count(a, v);
  else if (a == "--word-trigrams") f.word_trigrams = on(a, v);
  else if (a == "--structure") e.structure = on(a, v);
  else if (a == "--log-tf") f.weighting.log_tf = on(a, v);
  else if (a == "--scale-words") f.weighting.scale[0] = number(a, v);
  else if (a == "--scale-chars") f.weighting.scale[1] = number(a, v);
  else if (a == "--scale-hand") f.weighting.scale[2] = number(a, v);
  else if (a == "--sentence-vector") f.sentence_vector = on(a, v);
  else return false;
  return true;
}

std::vector<std::pair<std::string, std::string>> split_member_flags(const std::string& spec) {
  std::istringstream in(spec);
  std::vector<std::string> words{std::istream_iterator<std::string>(in), std::istream_iterator<std::string>()};
  std::vector<std::pair<std::string, std::string>> out;
  for (std::size_t i = 0; i < words.size(); i += 2) {
    if (i + 1 >= words.size()) throw std::invalid_argument("--member '" + spec + "': missing value after " + words[i]);
    out.emplace_back(words[i], words[i + 1]);
  }
  return out;
}

}  // namespace factpipe::claims
