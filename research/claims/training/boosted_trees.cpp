#include "boosted_trees.hpp"

#if FACTPIPE_CLAIMS_HAVE_XGBOOST
#include <xgboost/c_api.h>
#endif

#include <cmath>
#include <memory>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace factpipe::claims {
#if FACTPIPE_CLAIMS_HAVE_XGBOOST
namespace {

void check(int rc, const char* what) {
  if (rc != 0) throw std::runtime_error(std::string("xgboost: ") + what + ": " + XGBGetLastError());
}

struct Matrix {
  DMatrixHandle h = nullptr;
  ~Matrix() {
    if (h) XGDMatrixFree(h);
  }
};
struct Booster {
  BoosterHandle h = nullptr;
  ~Booster() {
    if (h) XGBoosterFree(h);
  }
};

// Column 0: the linear decision value; column i >= 1: hashed hand feature i (absent = missing).
void make_matrix(const std::vector<const TrainingExample*>& data, const std::vector<double>& linear, Matrix& m) {
  if (linear.size() != data.size()) throw std::invalid_argument("fit_trees: one linear score per example");
  std::vector<std::size_t> indptr{0};
  std::vector<unsigned> indices;
  std::vector<float> values;
  for (std::size_t r = 0; r < data.size(); ++r) {
    indices.push_back(0);
    values.push_back(static_cast<float>(linear[r]));
    for (auto& f : data[r]->hand)
      if (f.value != 0.0) {
        indices.push_back(static_cast<unsigned>(f.index));
        values.push_back(static_cast<float>(f.value));
      }
    indptr.push_back(indices.size());
  }
  check(XGDMatrixCreateFromCSREx(indptr.data(), indices.data(), values.data(), indptr.size(), values.size(),
                                 (std::size_t{1} << kHashBits) + 1, &m.h),
        "DMatrix");
}

void train_booster(const std::vector<const TrainingExample*>& data, const std::vector<double>& linear,
                   const TrainOptions& o, Matrix& m, Booster& b) {
  make_matrix(data, linear, m);
  std::vector<float> labels, weights;
  for (auto* e : data) {
    labels.push_back(e->label == 1 ? 1.0f : 0.0f);
    weights.push_back(e->calibrate ? static_cast<float>(std::max(1u, o.claimbuster_copies)) : 1.0f);
  }
  check(XGDMatrixSetFloatInfo(m.h, "label", labels.data(), labels.size()), "labels");
  check(XGDMatrixSetFloatInfo(m.h, "weight", weights.data(), weights.size()), "weights");
  check(XGBoosterCreate(&m.h, 1, &b.h), "booster");
  const std::string params[][2] = {{"objective", "binary:logistic"},
                                   {"tree_method", "exact"},
                                   {"nthread", "1"},
                                   {"seed", "0"},
                                   {"verbosity", "0"},
                                   {"base_score", "0.5"},
                                   {"eta", std::to_string(o.tree_eta)},
                                   {"max_depth", std::to_string(o.tree_depth)},
                                   {"min_child_weight", std::to_string(o.tree_min_child_weight)},
                                   {"lambda", "1"},
                                   {"subsample", "1"},
                                   {"colsample_bytree", "1"}};
  for (auto& p : params) check(XGBoosterSetParam(b.h, p[0].c_str(), p[1].c_str()), p[0].c_str());
  for (unsigned i = 0; i < o.tree_rounds; ++i) check(XGBoosterUpdateOneIter(b.h, static_cast<int>(i), m.h), "update");
}

}  // namespace

bool have_xgboost() { return true; }

std::string xgboost_version() {
  int major = 0, minor = 0, patch = 0;
  XGBoostVersion(&major, &minor, &patch);
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}
#endif

TreeEnsemble trees_from_xgboost_json(const std::string& text) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string("xgboost model JSON: ") + e.what());
  }
  try {
    const auto& learner = j.at("learner");
    const std::string objective = learner.at("objective").at("name").get<std::string>();
    if (objective != "binary:logistic")
      throw std::runtime_error("objective " + objective + ", expected binary:logistic");
    const double base_score = std::stod(learner.at("learner_model_param").at("base_score").get<std::string>());
    if (!(base_score > 0.0 && base_score < 1.0)) throw std::runtime_error("base_score out of (0,1)");
    std::vector<std::vector<TreeNode>> trees;
    for (const auto& t : learner.at("gradient_booster").at("model").at("trees")) {
      const auto& left = t.at("left_children");
      const auto& right = t.at("right_children");
      const auto& feature = t.at("split_indices");
      const auto& cond = t.at("split_conditions");
      const auto& default_left = t.at("default_left");
      std::vector<TreeNode> nodes(left.size());
      for (std::size_t i = 0; i < nodes.size(); ++i) {
        TreeNode& n = nodes[i];
        n.left = left.at(i).get<int>();
        n.right = right.at(i).get<int>();
        const float c = cond.at(i).get<float>();
        if (n.left < 0) {
          n.left = n.right = -1;
          n.leaf = c;  // a leaf's value is stored as its split condition
        } else {
          n.feature = feature.at(i).get<int>();
          n.threshold = c;
          n.default_left =
              default_left.at(i).is_boolean() ? default_left.at(i).get<bool>() : default_left.at(i).get<int>() != 0;
        }
      }
      trees.push_back(std::move(nodes));
    }
    return TreeEnsemble(std::move(trees), std::log(base_score / (1.0 - base_score)));
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(std::string("xgboost model JSON: unexpected layout: ") + e.what());
  }
}

#if FACTPIPE_CLAIMS_HAVE_XGBOOST
TreeEnsemble fit_trees(const std::vector<const TrainingExample*>& data, const std::vector<double>& linear,
                       const TrainOptions& options) {
  Matrix m;
  Booster b;
  train_booster(data, linear, options, m, b);
  bst_ulong len = 0;
  const char* buf = nullptr;
  check(XGBoosterSaveModelToBuffer(b.h, "{\"format\": \"json\"}", &len, &buf), "save");
  return trees_from_xgboost_json(std::string(buf, len));
}

std::vector<double> xgboost_margins_for_test(const std::vector<const TrainingExample*>& data,
                                             const std::vector<double>& linear, const TrainOptions& options) {
  Matrix m;
  Booster b;
  train_booster(data, linear, options, m, b);
  bst_ulong len = 0;
  const float* out = nullptr;
  check(XGBoosterPredict(b.h, m.h, 1 /* output margin */, 0, 0, &len, &out), "predict");
  return std::vector<double>(out, out + len);
}

#else
namespace {
[[noreturn]] void missing() {
  throw std::runtime_error(
      "claims: boosted trees need XGBoost, which this build did not find: apt-get install "
      "libxgboost-dev, then reconfigure with cmake");
}
}  // namespace

bool have_xgboost() { return false; }
std::string xgboost_version() { return "none"; }
TreeEnsemble fit_trees(const std::vector<const TrainingExample*>&, const std::vector<double>&, const TrainOptions&) {
  missing();
}
std::vector<double> xgboost_margins_for_test(const std::vector<const TrainingExample*>&, const std::vector<double>&,
                                             const TrainOptions&) {
  missing();
}
#endif

}  // namespace factpipe::claims
