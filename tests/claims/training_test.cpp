// Training is deterministic; folds and ranking measures follow their definitions.
#include <gtest/gtest.h>

#include "feature_extractor.hpp"
#include "test_paths.hpp"
#include "training/metrics.hpp"
#include "training/trainer.hpp"

using namespace factpipe::claims;

namespace {

// A small synthetic set written for the test: statistics are check-worthy, chit-chat is not.
std::vector<TrainingExample> synthetic() {
  static const FeatureExtractor e = FeatureExtractor::from_data_dir(factpipe::test::source_dir() / "plugins/claims/data");
  const char* positive[] = {"Unemployment fell to 4 percent in 2019.", "The state cut school funding by $2 billion.",
                            "Taxes rose 12 percent under the last government.", "We lost 300,000 factory jobs in 2008.",
                            "The deficit doubled between 2001 and 2009.", "Crime dropped 20 percent in the city last year."};
  const char* negative[] = {"Thank you very much.", "Good evening, everyone.", "I am glad to be here tonight.",
                            "Let me say this.", "What would you do?", "That is a great question."};
  std::vector<TrainingExample> out;
  for (int round = 0; round < 3; ++round) {
    for (auto* p : positive) out.push_back({e.extract(p), 1, true, e.hand_features(p)});
    for (auto* n : negative) out.push_back({e.extract(n), 0, true, e.hand_features(n)});
  }
  return out;
}

}  // namespace

TEST(ClaimsTraining, TwoRunsGiveTheSameModelFile) {
  auto data = synthetic();
  std::vector<const TrainingExample*> ptrs;
  for (auto& d : data) ptrs.push_back(&d);
  ModelInfo info;
  info.feature_set = "test";
  TrainOptions o;
  auto a = train(ptrs, o, info);
  auto b = train(ptrs, o, info);
  EXPECT_EQ(a.to_text(), b.to_text());
  // And it learned something: a held-out statistic scores above held-out small talk.
  static const FeatureExtractor e = FeatureExtractor::from_data_dir(factpipe::test::source_dir() / "plugins/claims/data");
  EXPECT_GT(a.probability(e.extract("Prices rose 7 percent in 2021.")), a.probability(e.extract("Thank you, everyone.")));
}

TEST(ClaimsTraining, FoldsAreDeterministicAndBalanced) {
  auto a = assign_folds(103, 5, 42), b = assign_folds(103, 5, 42), c = assign_folds(103, 5, 43);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  std::vector<int> sizes(5);
  for (auto f : a) sizes[f]++;
  for (int s : sizes) EXPECT_TRUE(s == 20 || s == 21);
}

TEST(ClaimsTraining, StratifiedFoldsGiveEachFoldItsShareOfEachLabel) {
  std::vector<int> labels;
  for (int i = 0; i < 100; ++i) labels.push_back(i % 4 == 0 ? 1 : 0);  // 25 positives, 75 negatives
  auto a = assign_stratified_folds(labels, 5, 7), b = assign_stratified_folds(labels, 5, 7);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, assign_stratified_folds(labels, 5, 8));
  std::vector<int> pos(5), all(5);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    all[a[i]]++;
    pos[a[i]] += labels[i];
  }
  for (int k = 0; k < 5; ++k) {
    EXPECT_EQ(pos[k], 5) << "fold " << k;
    EXPECT_EQ(all[k], 20) << "fold " << k;
  }
}

TEST(ClaimsTraining, SolverNamesRoundTripAndUnknownNamesAreRejected) {
  for (Solver s : {Solver::l2r_lr, Solver::l2r_l2loss_svc_dual, Solver::l2r_l2loss_svc, Solver::l1r_lr})
    EXPECT_EQ(parse_solver(solver_name(s)), s);
  EXPECT_THROW(parse_solver("SVM"), std::invalid_argument);
}

TEST(ClaimsTraining, IdfWeightingIsDeterministicAndStillLearns) {
  auto data = synthetic();
  std::vector<const TrainingExample*> ptrs;
  for (auto& d : data) ptrs.push_back(&d);
  ModelInfo info;
  info.feature_set = "test";
  TrainOptions o;
  o.idf = true;
  auto a = fit(ptrs, o, info), b = fit(ptrs, o, info);
  EXPECT_EQ(a.to_text(), b.to_text());
  EXPECT_NE(a.to_text(), fit(ptrs, TrainOptions{}, info).to_text());
  static const FeatureExtractor e = FeatureExtractor::from_data_dir(factpipe::test::source_dir() / "plugins/claims/data");
  EXPECT_GT(a.probability(e.extract("Prices rose 7 percent in 2021.")), a.probability(e.extract("Thank you, everyone.")));
}

TEST(ClaimsMetrics, RankingMeasuresFollowTheCheckThatScorer) {
  // Ranked: 1 0 1 0 0 0 0 0 0 1 0 0 ; 3 positives.
  std::vector<double> scores{12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
  std::vector<int> labels{1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0};
  auto r = ranking_scores(scores, labels);
  EXPECT_NEAR(r.average_precision, (1.0 + 2.0 / 3 + 3.0 / 10) / 3, 1e-12);
  EXPECT_NEAR(r.r_precision, 2.0 / 3, 1e-12);
  EXPECT_NEAR(r.p_at_5, 2.0 / 5, 1e-12);
  EXPECT_NEAR(r.p_at_10, 3.0 / 10, 1e-12);
  // Ties keep input order (stable), as the scorer's sort does.
  auto tie = ranking_scores({1, 1}, {0, 1});
  EXPECT_NEAR(tie.average_precision, 0.5, 1e-12);
}

TEST(ClaimsMetrics, BestF1ThresholdSeparatesWhenPossible) {
  std::vector<double> s{0.9, 0.8, 0.3, 0.2};
  std::vector<int> l{1, 1, 0, 0};
  double t = best_f1_threshold(s, l);
  EXPECT_GT(t, 0.3);
  EXPECT_LT(t, 0.8);
  BinaryScores b;
  for (std::size_t i = 0; i < s.size(); ++i) b.add(s[i] >= t, l[i]);
  EXPECT_DOUBLE_EQ(b.f1(), 1.0);
}

TEST(ClaimsMetrics, RecallThresholdReachesTheTargetRecall) {
  std::vector<double> s{0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05};
  std::vector<int> l{1, 0, 1, 0, 1, 0, 0, 1, 0, 0};
  double t = recall_threshold(s, l, 0.75);  // 3 of 4 positives: cut between 0.5 and 0.4
  EXPECT_NEAR(t, 0.45, 1e-12);
  EXPECT_NEAR(recall_threshold(s, l, 1.0), 0.15, 1e-12);
}
