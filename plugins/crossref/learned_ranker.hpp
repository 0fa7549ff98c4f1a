#pragma once
// The learned re-ranker: a feature vector for every first-stage candidate of a claim (its words, word pairs,
// quoted phrases, names and figures against the passage and, for fact-checks, their title; its first-stage
// score and rank; how it compares with the best of the other candidates), scored by a linear model fitted by
// pairwise logistic regression on CLEF-2020 task 2 train (`factpipe-train-crossref-ranker`, data/ranker.json).
// With sentence vectors (dense_vectors.hpp) the claim's cosine with each fact-check is a feature too; a model
// that reads it carries a words-only model for when there are no vectors (no encoder model, an index built
// without it).
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
  bool dense = false;      // `cosine` is known (the claim's and the fact-check's sentence vectors)
  double cosine = 0;
  bool dense_title = false;  // `title_cosine` is known (the fact-check's title has its own vector)
  double title_cosine = 0;
  bool word_candidate = true;  // found by the word first stage (false: only among the nearest by vector)
  bool author_candidate = false;  // found only by the query on the post's author (crossref_engine.hpp)
};

// Names of the features, in vector order. A model names the ones it reads (any of them, each once).
const std::vector<std::string>& ranking_feature_names();
// The features that need sentence vectors (`cosine`, ...).
bool is_dense_feature(const std::string& name);

// One vector per candidate, in the given (first-stage) order. `idf` weighs words (nullptr: all weigh 1).
std::vector<std::vector<double>> ranking_features(const ClaimProfile& claim, const std::vector<CandidateView>& cands,
                                                  const IdfFn& idf);

// A linear model over standardised features: score = sum w_i (x_i - mean_i) / scale_i over the features it
// names (`x` is the full vector of ranking_features()).
class RankerModel {
 public:
  std::vector<std::string> features;
  std::vector<double> mean, scale, weights;
  nlohmann::json about = nlohmann::json::object();  // how it was trained (free-form, written by the trainer)
  // A model that reads sentence-vector features carries the words-only model to use without them.
  std::shared_ptr<const RankerModel> without_dense;

  double score(const std::vector<double>& x) const;
  bool needs_dense() const;
  // The model to score with: this one, or without vectors its words-only model (null when it has none).
  const RankerModel* for_vectors(bool have_vectors) const;
  nlohmann::json to_json() const;
  // Checks the fields (known features, each once; sizes; scales > 0; finite values), `where` naming the model
  // in errors. The way to build a model: score() reads the columns found here.
  static RankerModel make(std::vector<std::string> features, std::vector<double> mean, std::vector<double> scale,
                          std::vector<double> weights, const std::string& where);
  // `where` names the source in errors (a file name).
  static RankerModel from_json(const nlohmann::json& j, const std::string& where);
  // Throws std::runtime_error naming the file when it cannot be read, parsed, or does not fit the features.
  static std::shared_ptr<const RankerModel> load(const std::filesystem::path& file);
  // All weights zero (every candidate ties: the first stage's order stays), for collecting features; with a
  // words-only twin.
  static RankerModel zeros();

 private:
  std::vector<std::size_t> columns_;  // features[i] is ranking_features()[columns_[i]]
};

}  // namespace factpipe::crossref
