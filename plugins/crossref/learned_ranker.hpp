#pragma once
// The learned re-ranker: a feature vector for every first-stage candidate of a claim (its words, word pairs,
// quoted phrases, names and figures against the passage and, for fact-checks, their title; its first-stage
// score and rank; how it compares with the best of the other candidates), scored by a linear model fitted by
// pairwise logistic regression on CLEF-2020 task 2 train (`factpipe-train-crossref-ranker`, data/ranker.json).
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "evidence_scoring.hpp"

namespace factpipe::crossref {

struct CandidateView {
  const PassageProfile* passage = nullptr;
  const std::string* title = nullptr;
  const Features* features = nullptr;
  double first_stage = 0;  // the first stage's score (higher is better)
  bool factcheck = false;  // a fact-check's title restates the claim; another source's title names a topic
};

// Names of the features, in vector order (the model file names them too, and must match).
const std::vector<std::string>& ranking_feature_names();

// One vector per candidate, in the given (first-stage) order. `idf` weighs words (nullptr: all weigh 1).
std::vector<std::vector<double>> ranking_features(const ClaimProfile& claim, const std::vector<CandidateView>& cands,
                                                  const IdfFn& idf);

// A linear model over standardised features: score = sum w_i (x_i - mean_i) / scale_i.
class RankerModel {
 public:
  std::vector<std::string> features;
  std::vector<double> mean, scale, weights;
  nlohmann::json about = nlohmann::json::object();  // how it was trained (free-form, written by the trainer)

  double score(const std::vector<double>& x) const;
  nlohmann::json to_json() const;
  // `where` names the source in errors (a file name).
  static RankerModel from_json(const nlohmann::json& j, const std::string& where);
  // Throws std::runtime_error naming the file when it cannot be read, parsed, or does not fit the features.
  static std::shared_ptr<const RankerModel> load(const std::filesystem::path& file);
  // All weights zero (every candidate ties: the first stage's order stays), for collecting features.
  static RankerModel zeros();
};

}  // namespace factpipe::crossref
