// The NBSVM scaling, the domain adaptation and the boosted trees stacked on the linear model: the stage's own tree
// evaluation gives XGBoost's margins, a model with trees survives the file round trip, and a broken trees section names
// the file.
#include <filesystem>
#include <fstream>
#include <functional>

#include <gtest/gtest.h>

#include "checkworthiness_model.hpp"
#include "claims_test_support.hpp"
#include "experiment_features.hpp"
#include "feature_extractor.hpp"
#include "stacked_model.hpp"
#include "test_paths.hpp"
#include "training/boosted_trees.hpp"
#include "training/trainer.hpp"

using namespace factpipe::claims;

namespace {

const FeatureExtractor& extractor() {
  static const FeatureExtractor e =
      FeatureExtractor::from_data_dir(factpipe::test::source_dir() / "plugins/claims/data");
  return e;
}

TrainingExample example(const char* text, int label) {
  auto a = extractor().analyze(text);
  return {extractor().extract(a), label, true, hand_features(extractor(), a)};
}

// Sentences written for the test: statistics and past events are check-worthy, small talk and plans are not.
std::vector<TrainingExample> synthetic() {
  const char* positive[] = {"Unemployment fell to 4 percent in 2019.",
                            "The state cut school funding by $2 billion.",
                            "Taxes rose 12 percent under the last government.",
                            "We lost 300,000 factory jobs in 2008.",
                            "The deficit doubled between 2001 and 2009.",
                            "Crime dropped 20 percent in the city last year.",
                            "Exports grew by a third since 2015.",
                            "The senator voted against the bill twice."};
  const char* negative[] = {"Thank you very much.",
                            "Good evening, everyone.",
                            "I am glad to be here tonight.",
                            "Let me say this.",
                            "What would you do?",
                            "That is a great question.",
                            "We need to do better for our children.",
                            "I will fight for you every day."};
  std::vector<TrainingExample> out;
  for (int round = 0; round < 3; ++round) {
    for (auto* p : positive) out.push_back(example(p, 1));
    for (auto* n : negative) out.push_back(example(n, 0));
  }
  return out;
}

std::vector<const TrainingExample*> pointers(const std::vector<TrainingExample>& v) {
  std::vector<const TrainingExample*> out;
  for (auto& e : v) out.push_back(&e);
  return out;
}

TrainOptions stacked_options() {
  TrainOptions o;
  o.trees = true;
  o.stack_folds = 3;
  o.tree_rounds = 20;
  o.tree_depth = 3;
  o.tree_min_child_weight = 0.5;
  o.threshold_folds = 0;
  return o;
}

using factpipe::claims::test::error_of;

using factpipe::claims::test::TempDir;

}  // namespace

TEST(ClaimsNbsvm, IsDeterministicChangesTheWeightsAndStillLearns) {
  auto data = synthetic();
  ModelInfo info;
  info.feature_set = "test";
  TrainOptions nb;
  nb.nb = true;
  auto a = fit(pointers(data), nb, info), b = fit(pointers(data), nb, info);
  EXPECT_EQ(a.to_text(), b.to_text());
  EXPECT_NE(a.to_text(), fit(pointers(data), TrainOptions{}, info).to_text());
  EXPECT_NE(a.info().solver.find("nb_beta=1"), std::string::npos) << a.info().solver;
  nb.nb_beta = 0.25;  // interpolation towards the mean weight changes the model again
  EXPECT_NE(a.to_text(), fit(pointers(data), nb, info).to_text());
  EXPECT_GT(a.probability(extractor().extract("Prices rose 7 percent in 2021.")),
            a.probability(extractor().extract("Thank you, everyone.")));
}

TEST(ClaimsDomainAdaptation, KeepsSharedPlusClaimBusterWeightsDeterministicallyAndStillLearns) {
  auto data = synthetic();
  // a second dataset (calibrate = false, like the CLEF debates) with a different notion: only numbers count
  for (int round = 0; round < 2; ++round) {
    for (const char* p : {"The budget is $3 billion.", "We spent 40 percent more in 2020."}) {
      auto e = example(p, 1);
      e.calibrate = false;
      data.push_back(e);
    }
    for (const char* n : {"The senator voted against the bill twice.", "Thank you all for coming."}) {
      auto e = example(n, 0);
      e.calibrate = false;
      data.push_back(e);
    }
  }
  ModelInfo info;
  info.feature_set = "test";
  TrainOptions o;
  o.domain_adapt = 1;
  auto a = fit(pointers(data), o, info), b = fit(pointers(data), o, info);
  EXPECT_EQ(a.to_text(), b.to_text());
  EXPECT_NE(a.to_text(), fit(pointers(data), TrainOptions{}, info).to_text());
  EXPECT_NE(a.info().solver.find("domain_adapt=shared+claimbuster"), std::string::npos) << a.info().solver;
  o.domain_adapt = 2;
  auto shared = fit(pointers(data), o, info);
  EXPECT_NE(shared.to_text(), a.to_text());
  // the ClaimBuster-side notion wins in the kept weights: the vote is check-worthy there, not in the other set
  const auto vote = extractor().extract("The senator voted against the bill twice.");
  EXPECT_GT(a.decision(vote), shared.decision(vote));
  EXPECT_GT(a.probability(extractor().extract("Prices rose 7 percent in 2021.")),
            a.probability(extractor().extract("Thank you, everyone.")));
  o.domain_adapt = 4;  // 3 keeps the CLEF copy (training_test.cpp)
  EXPECT_THROW(fit(pointers(data), o, info), std::invalid_argument);
}

#define REQUIRE_XGBOOST() \
  if (!have_xgboost()) GTEST_SKIP() << "built without XGBoost (libxgboost-dev): boosted trees cannot be trained"

TEST(ClaimsTrees, HandBuiltTreeFollowsThresholdsAndMissingValues) {
  // root: linear decision (feature 0) < 0.5 ? node 1 : node 2; node 1: feature 77 < 2 ? leaf -1 : leaf 1,
  // a sentence without feature 77 goes right (default_left false); node 2: leaf 3.
  std::vector<TreeNode> tree{{1, 2, 0, 0.5f, true, 0.0f},
                             {3, 4, 77, 2.0f, false, 0.0f},
                             {-1, -1, 0, 0.0f, true, 3.0f},
                             {-1, -1, 0, 0.0f, true, -1.0f},
                             {-1, -1, 0, 0.0f, true, 1.0f}};
  TreeEnsemble trees({tree}, 0.25);
  EXPECT_DOUBLE_EQ(trees.margin(0.0, {{77, 1.0}}), 0.25 - 1.0);
  EXPECT_DOUBLE_EQ(trees.margin(0.0, {{77, 2.0}}), 0.25 + 1.0);  // not < 2
  EXPECT_DOUBLE_EQ(trees.margin(0.0, {{5, 9.0}}), 0.25 + 1.0);   // 77 missing: default branch (right)
  EXPECT_DOUBLE_EQ(trees.margin(0.7, {}), 0.25 + 3.0);
  // the text form keeps the feature numbers (not the internal slots)
  EXPECT_NE(trees.to_text().find("3 4 77 2 0 0\n"), std::string::npos) << trees.to_text();
}

TEST(ClaimsTrees, OwnEvaluationGivesXgboostsMargins) {
  REQUIRE_XGBOOST();
  auto data = synthetic();
  auto rows = pointers(data);
  std::vector<double> linear;
  for (std::size_t i = 0; i < data.size(); ++i)
    linear.push_back(data[i].label ? 1.0 + 0.1 * double(i % 5) : -1.0 + 0.1 * double(i % 7));
  const auto o = stacked_options();
  TreeEnsemble trees = fit_trees(rows, linear, o);
  ASSERT_EQ(trees.size(), o.tree_rounds);
  auto expected = xgboost_margins_for_test(rows, linear, o);
  ASSERT_EQ(expected.size(), data.size());
  for (std::size_t i = 0; i < data.size(); ++i)
    EXPECT_NEAR(trees.margin(linear[i], data[i].hand), expected[i], 1e-5) << "row " << i;
}

TEST(ClaimsTrees, StackedModelIsDeterministicRoundTripsAndNeedsTheHandFeatures) {
  REQUIRE_XGBOOST();
  auto data = synthetic();
  ModelInfo info;
  info.feature_set = "test";
  auto a = fit_model(pointers(data), stacked_options(), info);
  auto b = fit_model(pointers(data), stacked_options(), info);
  ASSERT_TRUE(a.has_trees());
  EXPECT_EQ(a.to_text(), b.to_text());
  EXPECT_EQ(a.to_text().rfind("factpipe-claims-model 2\n", 0), 0u);

  TempDir dir;
  a.save(dir.path / "stacked.model");
  auto back = StackedModel::load(dir.path / "stacked.model", "test");
  EXPECT_EQ(back.to_text(), a.to_text());
  auto pos = example("Prices rose 7 percent in 2021.", 1), neg = example("Thank you, everyone.", 0);
  EXPECT_DOUBLE_EQ(back.probability(pos.x, &pos.hand), a.probability(pos.x, &pos.hand));
  EXPECT_GT(back.probability(pos.x, &pos.hand), back.probability(neg.x, &neg.hand));
  // The stage reads the linear format only, and says where a stacked model comes from.
  try {
    CheckworthinessModel::load(dir.path / "stacked.model", "test");
    ADD_FAILURE() << "the stage's reader accepted a stacked model";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("research/claims"), std::string::npos) << e.what();
  }
  EXPECT_THROW(back.probability(pos.x), std::logic_error);
}

TEST(ClaimsTrees, BrokenTreesSectionNamesTheFileAndLine) {
  REQUIRE_XGBOOST();
  auto data = synthetic();
  ModelInfo info;
  info.feature_set = "test";
  const std::string text = fit_model(pointers(data), stacked_options(), info).to_text();
  TempDir dir;
  auto write = [&](const std::string& name, const std::string& content) {
    std::ofstream(dir.path / name, std::ios::binary) << content;
    return dir.path / name;
  };
  // cut inside the last tree
  auto truncated = write("truncated.model", text.substr(0, text.rfind('\n', text.size() - 2) + 1));
  auto msg = error_of([&] { StackedModel::load(truncated, "test"); });
  EXPECT_NE(msg.find(truncated.string() + ":"), std::string::npos) << msg;
  EXPECT_NE(msg.find("ends early"), std::string::npos) << msg;
  // a node pointing back at its parent (a cycle)
  std::string cyclic = text;
  auto first_tree = cyclic.find("\ntree ");
  auto node_line = cyclic.find('\n', first_tree + 1) + 1;
  cyclic.replace(node_line, cyclic.find(' ', node_line) - node_line, "0");
  auto bad = write("cyclic.model", cyclic);
  msg = error_of([&] { StackedModel::load(bad, "test"); });
  EXPECT_NE(msg.find(bad.string() + ":"), std::string::npos) << msg;
  EXPECT_NE(msg.find("bad children"), std::string::npos) << msg;
  // version 2 header without a trees section
  auto header = text.substr(0, text.find("\ntrees ") + 1);
  auto no_trees = write("notrees.model", header);
  msg = error_of([&] { StackedModel::load(no_trees, "test"); });
  EXPECT_NE(msg.find(no_trees.string()), std::string::npos) << msg;
  EXPECT_NE(msg.find("trees <count>"), std::string::npos) << msg;
}
