// Training is deterministic; folds and ranking measures follow their definitions.
#include <cmath>

#include <gtest/gtest.h>

#include "experiment_features.hpp"
#include "feature_extractor.hpp"
#include "sentence_vector_features.hpp"
#include "test_paths.hpp"
#include "training/blend.hpp"
#include "training/metrics.hpp"
#include "training/model_flags.hpp"
#include "training/selection.hpp"
#include "training/trainer.hpp"

using namespace factpipe::claims;

namespace {

// A small synthetic set written for the test: statistics are check-worthy, chit-chat is not.
std::vector<TrainingExample> synthetic() {
  static const FeatureExtractor e =
      FeatureExtractor::from_data_dir(factpipe::test::source_dir() / "plugins/claims/data");
  const char* positive[] = {
      "Unemployment fell to 4 percent in 2019.",          "The state cut school funding by $2 billion.",
      "Taxes rose 12 percent under the last government.", "We lost 300,000 factory jobs in 2008.",
      "The deficit doubled between 2001 and 2009.",       "Crime dropped 20 percent in the city last year."};
  const char* negative[] = {"Thank you very much.", "Good evening, everyone.", "I am glad to be here tonight.",
                            "Let me say this.",     "What would you do?",      "That is a great question."};
  std::vector<TrainingExample> out;
  for (int round = 0; round < 3; ++round) {
    for (auto* p : positive) out.push_back({e.extract(p), 1, true, hand_features(e, p)});
    for (auto* n : negative) out.push_back({e.extract(n), 0, true, hand_features(e, n)});
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
  static const FeatureExtractor e =
      FeatureExtractor::from_data_dir(factpipe::test::source_dir() / "plugins/claims/data");
  EXPECT_GT(a.probability(e.extract("Prices rose 7 percent in 2021.")),
            a.probability(e.extract("Thank you, everyone.")));
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

TEST(ClaimsTraining, ModelFlagsSetTheirOptionAndBadValuesNameTheFlag) {
  using namespace factpipe::claims;
  TrainOptions o;
  ExperimentFeatures f;
  EXPECT_TRUE(apply_training_flag("--C", "0.5", o));
  EXPECT_DOUBLE_EQ(o.C, 0.5);
  EXPECT_TRUE(apply_training_flag("--domain-adapt", "3", o));
  EXPECT_EQ(o.domain_adapt, 3u);
  EXPECT_FALSE(apply_training_flag("--char-ngrams", "0", o));  // a feature flag, not a training one
  EXPECT_TRUE(apply_feature_flag("--char-ngrams", "0", f));
  EXPECT_FALSE(f.options.char_ngrams);
  EXPECT_TRUE(apply_feature_flag("--structure", "1", f));
  EXPECT_TRUE(f.structure);
  try {
    apply_training_flag("--tree-eta", "fast", o);
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "--tree-eta: not a number: 'fast'");
  }
  auto pairs = split_member_flags(" --nb 1  --C 2 ");
  ASSERT_EQ(pairs.size(), 2u);
  EXPECT_EQ(pairs[1], (std::pair<std::string, std::string>{"--C", "2"}));
  EXPECT_THROW(split_member_flags("--nb 1 --C"), std::invalid_argument);
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
  static const FeatureExtractor e =
      FeatureExtractor::from_data_dir(factpipe::test::source_dir() / "plugins/claims/data");
  EXPECT_GT(a.probability(e.extract("Prices rose 7 percent in 2021.")),
            a.probability(e.extract("Thank you, everyone.")));
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

TEST(ClaimsBlend, ChoosesTheMemberThatSeparatesAndItsThreshold) {
  // Member 0 ranks one negative above a positive; member 1 separates perfectly: all weight on member 1.
  std::vector<std::vector<double>> members{{0.9, 0.2, 0.8, 0.7, 0.1}, {0.6, 0.7, 0.2, 0.3, 0.1}};
  std::vector<int> labels{1, 1, 0, 0, 0};
  auto b = choose_blend(members, labels);
  ASSERT_EQ(b.weights.size(), 2u);
  EXPECT_DOUBLE_EQ(b.weights[0] + b.weights[1], 1.0);
  EXPECT_DOUBLE_EQ(b.f1, 1.0);
  for (std::size_t i = 0; i < labels.size(); ++i)
    EXPECT_EQ(blended(b, {members[0][i], members[1][i]}) >= b.threshold, labels[i] == 1) << i;
  EXPECT_GT(b.weights[1], 0.5);
  EXPECT_THROW(choose_blend({{0.1}}, {1, 0}), std::invalid_argument);
}

TEST(ClaimsBlend, OneMemberKeepsItsOwnBestThreshold) {
  std::vector<double> s{0.9, 0.8, 0.3, 0.2};
  std::vector<int> l{1, 1, 0, 0};
  auto b = choose_blend({s}, l);
  EXPECT_EQ(b.weights, std::vector<double>{1.0});
  EXPECT_DOUBLE_EQ(b.threshold, best_f1_threshold(s, l));
}

TEST(ClaimsTraining, DomainAdaptationKeepsTheChosenDatasetsCopy) {
  // The synthetic rows as ClaimBuster (calibrate) rows, plus CLEF rows (calibrate false) with the labels
  // flipped: the ClaimBuster copy (1) must still rank the statistic first, the CLEF copy (3) the other way round.
  auto data = synthetic();
  auto clef = synthetic();
  for (auto& e : clef) {
    e.calibrate = false;
    e.label = 1 - e.label;
  }
  std::vector<const TrainingExample*> ptrs;
  for (auto& d : data) ptrs.push_back(&d);
  for (auto& d : clef) ptrs.push_back(&d);
  ModelInfo info;
  info.feature_set = "test";
  TrainOptions o;
  o.threshold_folds = 0;
  static const FeatureExtractor e =
      FeatureExtractor::from_data_dir(factpipe::test::source_dir() / "plugins/claims/data");
  auto stat = e.extract("Prices rose 7 percent in 2021."), chat = e.extract("Thank you, everyone.");
  o.domain_adapt = 1;
  auto claimbuster = fit(ptrs, o, info);
  EXPECT_GT(claimbuster.probability(stat), claimbuster.probability(chat));
  o.domain_adapt = 3;
  auto news = fit(ptrs, o, info);
  EXPECT_LT(news.probability(stat), news.probability(chat));
  EXPECT_NE(news.info().solver.find("domain_adapt=shared+clef"), std::string::npos);
  o.domain_adapt = 4;
  EXPECT_THROW(fit(ptrs, o, info), std::invalid_argument);
}

TEST(ClaimsTraining, BlendIsOneLinearModelWhoseDecisionIsTheWeightedSum) {
  auto data = synthetic();
  std::vector<const TrainingExample*> ptrs;
  for (auto& d : data) ptrs.push_back(&d);
  ModelInfo info;
  info.feature_set = "test";
  TrainOptions a, b;
  b.C = 0.05;  // a different, much more regularised member
  std::vector<double> weights;
  auto blend = train_blend(ptrs, {a, b}, info, &weights);
  ASSERT_EQ(weights.size(), 2u);
  EXPECT_NEAR(weights[0] + weights[1], 1.0, 1e-12);
  EXPECT_EQ(blend.to_text(), train_blend(ptrs, {a, b}, info).to_text());  // deterministic
  auto fa = fit(ptrs, a, info), fb = fit(ptrs, b, info);
  static const FeatureExtractor e =
      FeatureExtractor::from_data_dir(factpipe::test::source_dir() / "plugins/claims/data");
  for (const char* text : {"Prices rose 7 percent in 2021.", "Thank you, everyone.", "We will win."}) {
    auto x = e.extract(text);
    EXPECT_NEAR(blend.decision(x), weights[0] * fa.decision(x) + weights[1] * fb.decision(x), 1e-4) << text;
  }
  EXPECT_LE(blend.recall_threshold(), blend.threshold());
  EXPECT_NE(blend.info().solver.find("blend of decision values"), std::string::npos);
  TrainOptions trees;
  trees.trees = true;
  EXPECT_THROW(train_blend(ptrs, {a, trees}, info), std::invalid_argument);
}

// The sentence vector's scale in the fit is folded into the saved weights: fitting with vector_scale 2 is
// fitting on doubled vectors, and the saved model scores the raw vectors as that fit scores the doubled ones.
TEST(ClaimsTraining, SentenceVectorScaleIsFoldedIntoTheWeights) {
  auto with_vectors = [](double factor) {
    auto data = synthetic();
    for (std::size_t i = 0; i < data.size(); ++i) {
      std::vector<float> v(kSentenceVectorDimension, 0.0f);
      v[i % 7] = static_cast<float>(factor * (data[i].label ? 0.8 : -0.3));  // a made-up direction per label
      v[100 + i % 5] = static_cast<float>(factor * 0.5);
      append_sentence_vector(data[i].x, v);
    }
    return data;
  };
  auto raw = with_vectors(1.0), doubled = with_vectors(2.0);
  std::vector<const TrainingExample*> raw_rows, doubled_rows;
  for (auto& d : raw) raw_rows.push_back(&d);
  for (auto& d : doubled) doubled_rows.push_back(&d);
  ModelInfo info;
  info.feature_set = "test";
  info.hash_bits = kSentenceVectorHashBits;
  TrainOptions scaled;
  scaled.vector_scale = 2.0;
  auto a = fit(raw_rows, scaled, info);
  auto b = fit(doubled_rows, TrainOptions{}, info);
  double vector_weight = 0.0;
  for (std::size_t i = 0; i < raw.size(); ++i) EXPECT_NEAR(a.decision(raw[i].x), b.decision(doubled[i].x), 1e-4) << i;
  for (std::size_t j = 0; j < kSentenceVectorDimension; ++j)
    vector_weight += std::fabs(a.weights()[static_cast<std::size_t>(kSentenceVectorBase) + j]);
  EXPECT_GT(vector_weight, 0.0);
  EXPECT_NE(describe(scaled).find("vector_scale=2"), std::string::npos);
  EXPECT_EQ(describe(TrainOptions{}).find("vector_scale"), std::string::npos);  // old model headers unchanged
}

TEST(ClaimsSelection, GridCombinesEveryValueAndRejectsOtherFlags) {
  auto grid = option_grid(TrainOptions{}, "--C 1,4 --vector-scale 0.5,1,2");
  ASSERT_EQ(grid.size(), 6u);
  EXPECT_DOUBLE_EQ(grid[0].C, 1.0);
  EXPECT_DOUBLE_EQ(grid[5].C, 4.0);
  EXPECT_DOUBLE_EQ(grid[5].vector_scale, 2.0);
  EXPECT_EQ(option_grid(TrainOptions{}, "").size(), 1u);
  EXPECT_THROW(option_grid(TrainOptions{}, "--char-ngrams 0,1"), std::invalid_argument);
}

TEST(ClaimsSelection, PicksTheCandidateOfBestInnerF1) {
  auto data = synthetic();
  std::vector<const TrainingExample*> rows;
  rows.reserve(data.size());
  for (auto& d : data) rows.push_back(&d);
  ModelInfo info;
  info.feature_set = "test";
  TrainOptions good, bad;
  bad.solver = Solver::l1r_lr;  // L1 with a tiny C keeps no feature: one probability for every row
  bad.C = 1e-4;
  Selection chosen;
  train_selected(rows, {bad, good}, info, &chosen);
  ASSERT_EQ(chosen.inner_f1.size(), 2u);
  EXPECT_GT(chosen.inner_f1[1], chosen.inner_f1[0]);
  EXPECT_EQ(chosen.best, 1u);
}
