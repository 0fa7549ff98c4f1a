// Stance of a passage toward a claim, FTS5 query escaping, numbers, verdicts, the word diff, and the learned
// re-ranker (its features, its model file, the stage loading it).
#include <filesystem>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <factpipe/host/stage_config.hpp>
#include "crossref_engine.hpp"
#include "crossref_stage.hpp"
#include "crossref_test_support.hpp"
#include "evidence_scoring.hpp"
#include "fts_query.hpp"
#include "learned_ranker.hpp"
#include "source_index.hpp"
#include "sqlite_handle.hpp"
#include "stance_test_support.hpp"
#include "test_paths.hpp"
#include "verdict.hpp"
#include "word_diff.hpp"
#include "wordnet.hpp"

namespace fs = std::filesystem;
using namespace factpipe;
using namespace factpipe::crossref;
using ::testing::HasSubstr;

TEST(Stance, SameFactInOtherWordsSupports) {
  auto r = stance("The council approved a budget of $4.5 million for the new library.",
                  "Council members approved the $4.5 million budget for the new library on Monday.");
  EXPECT_EQ(r.stance, Stance::supports) << r.reason;
  EXPECT_GT(r.confidence, 0.5);
}

TEST(Stance, ConflictingNumberRefutes) {
  auto r = stance("Unemployment in Ruritania fell to 4.2 percent in March.",
                  "Unemployment in Ruritania fell to 5.1 percent in March, the statistics office said.");
  EXPECT_EQ(r.stance, Stance::refutes) << r.reason;
  EXPECT_THAT(r.reason, HasSubstr("4.2 percent vs 5.1 percent"));
}

TEST(Stance, ConflictingCountOfTheSameThingRefutes) {
  auto r = stance("The east shore has 58,000 people living on it.",
                  "The East Shore district recorded 51,300 residents in the census.");
  EXPECT_EQ(r.stance, Stance::refutes) << r.reason;
}

TEST(Stance, NegationRefutes) {
  auto r =
      stance("The mayor approved the stadium deal.", "The mayor did not approve the stadium deal, her office said.");
  EXPECT_EQ(r.stance, Stance::refutes) << r.reason;
  EXPECT_THAT(r.reason, HasSubstr("negates"));
}

TEST(Stance, AntonymRefutes) {
  if (!wordnet()) GTEST_SKIP() << "wordnet-base not installed";
  auto r = stance("Sales of electric cars increased sharply in Ruritania.",
                  "Sales of electric cars decreased sharply in Ruritania.");
  EXPECT_EQ(r.stance, Stance::refutes) << r.reason;
  EXPECT_THAT(r.reason, HasSubstr("opposite words"));
}

TEST(Stance, ChangedActorRefutes) {
  auto r = stance("Victor Crane signed the original bridge design in 2021.",
                  "Lena Ortiz signed the original bridge design in 2021.", {}, {{"Victor Crane", "PERSON"}});
  EXPECT_EQ(r.stance, Stance::refutes) << r.reason;
  EXPECT_THAT(r.reason, HasSubstr("Lena Ortiz"));
}

TEST(Stance, TopicalOnlyDiscusses) {
  auto r = stance("The harbour bridge will cost $1.2 billion.",
                  "Residents debated the harbour bridge design at a crowded public meeting.");
  EXPECT_EQ(r.stance, Stance::discusses) << r.reason;
}

TEST(Stance, OffTopicIsUnrelated) {
  auto r = stance("The harbour bridge will cost $1.2 billion.", "Cod landings at the fish market were steady in June.");
  EXPECT_EQ(r.stance, Stance::unrelated) << r.reason;
}

TEST(Numbers, KindsBoundsAndUnits) {
  auto n = extract_numbers(
      "It cost $1.2 billion, more than 50 percent above the $780 million; council voted 7-4 on April 21, 2026.");
  ASSERT_GE(n.size(), 5u);
  EXPECT_EQ(n[0].kind, NumberMention::Kind::money);
  EXPECT_DOUBLE_EQ(n[0].value, 1.2e9);
  EXPECT_EQ(n[1].kind, NumberMention::Kind::percent);
  EXPECT_EQ(n[1].bound, NumberMention::Bound::at_least);
  EXPECT_DOUBLE_EQ(n[2].value, 780e6);
  EXPECT_DOUBLE_EQ(n[3].value, 7004);               // a tally
  EXPECT_EQ(n[4].kind, NumberMention::Kind::year);  // a day of a month is a date
  NumberMention more = n[1], sixty = n[1];
  sixty.bound = NumberMention::Bound::exact;
  sixty.value = 54;
  EXPECT_TRUE(confirms(more, sixty));  // "more than 50" holds for 54
}

TEST(FtsQuery, QuotesEveryTermSoOperatorsArePlainWords) {
  EXPECT_EQ(fts_quote("say \"no\""), "\"say \"\"no\"\"\"");
  EXPECT_EQ(fts_or_query({"AND", "NOT", "col:x", "state-of-the-art", ""}),
            "\"AND\" OR \"NOT\" OR \"col:x\" OR \"state-of-the-art\"");
}

TEST(FtsQuery, AwkwardClaimsSearchWithoutErrors) {
  TempDir tmp;
  fs::path src = tmp.path() / "c";
  write_file(src / "d.jsonl",
             "{\"id\": \"d1\", \"text\": \"The state-of-the-art tram is NOT late, AND it is near the harbour.\"}\n"
             "{\"id\": \"d2\", \"text\": \"Title: the \\\"quoted\\\" report OR summary.\"}\n");
  fs::path db = tmp.path() / "i.sqlite";
  SourceIndex(db).update({src});
  Engine engine(db, EngineConfig{}, nullptr);
  for (std::string claim :
       {"The \"state-of-the-art\" tram: NOT late AND NEAR the harbour OR not?", "title: \"quoted\" report",
        "AND OR NOT", "\"\"\"", "col:tram* ^harbour (late)", "-- ; DROP TABLE"}) {
    EXPECT_NO_THROW(engine.rank(ClaimInput{claim, {}, "", ""}, 5)) << claim;
  }
  auto r = engine.rank(ClaimInput{"The \"state-of-the-art\" tram: NOT late AND NEAR the harbour", {}, "", ""}, 5);
  ASSERT_FALSE(r.empty());
  EXPECT_EQ(r.front().sid, "d1");
  auto q = engine.rank(ClaimInput{"title: \"quoted\" report", {}, "", ""}, 5);
  ASSERT_FALSE(q.empty());
  EXPECT_EQ(q.front().sid, "d2");
}

TEST(Verdict, SupportRefuteDisputedAndNotEnough) {
  auto ev = [](Stance s, double c) {
    Evidence e;
    e.stance = s;
    e.confidence = c;
    e.source_id = "s";
    return e;
  };
  EXPECT_EQ(decide_verdict({ev(Stance::supports, 0.8), ev(Stance::discusses, 0.5)}).label, "supported");
  EXPECT_EQ(decide_verdict({ev(Stance::refutes, 0.7)}).label, "refuted");
  EXPECT_EQ(decide_verdict({ev(Stance::supports, 0.8), ev(Stance::refutes, 0.8)}).label, "disputed");
  EXPECT_EQ(decide_verdict({ev(Stance::supports, 0.3), ev(Stance::refutes, 0.2)}).label, "not_enough_evidence");
  EXPECT_EQ(decide_verdict({}).label, "not_enough_evidence");
  // Two medium supports together are strong.
  EXPECT_EQ(decide_verdict({ev(Stance::supports, 0.35), ev(Stance::supports, 0.35)}).label, "supported");
  // A strong support outweighs a weak refutation.
  auto v = decide_verdict({ev(Stance::supports, 0.9), ev(Stance::refutes, 0.3)});
  EXPECT_EQ(v.label, "supported");
  EXPECT_GT(v.confidence, 0.5);
  EXPECT_FALSE(v.explanation.empty());
}

TEST(Verdict, RatingsMapToStances) {
  EXPECT_EQ(stance_of_rating("False"), Stance::refutes);
  EXPECT_EQ(stance_of_rating("Pants on Fire!"), Stance::refutes);
  EXPECT_EQ(stance_of_rating("Mostly true"), Stance::supports);
  EXPECT_EQ(stance_of_rating("Mixture"), Stance::discusses);
  EXPECT_EQ(stance_of_rating("Misleading"), Stance::refutes);
}

TEST(WordDiff, ReplacementAndAlignment) {
  std::vector<std::string> q = {"every", "month", "we", "wait", "adds", "to", "that", "bill"};
  std::vector<std::string> s = {"and", "every", "month", "we", "delay", "adds", "to", "the", "bill", "today"};
  Alignment a = align_quote(q, s);
  EXPECT_EQ(a.begin, 1u);
  EXPECT_EQ(a.end, 9u);
  EXPECT_EQ(a.common, 6u);
  auto d = word_diff(q, std::vector<std::string>(s.begin() + 1, s.begin() + 9));
  ASSERT_EQ(d.size(), 7u);
  EXPECT_EQ(d[0], (DiffOp{DiffOp::Op::equal, "every month we"}));
  EXPECT_EQ(d[1], (DiffOp{DiffOp::Op::remove, "wait"}));
  EXPECT_EQ(d[2], (DiffOp{DiffOp::Op::insert, "delay"}));
  EXPECT_EQ(d[3], (DiffOp{DiffOp::Op::equal, "adds to"}));
  EXPECT_EQ(d[4], (DiffOp{DiffOp::Op::remove, "that"}));
  EXPECT_EQ(d[5], (DiffOp{DiffOp::Op::insert, "the"}));
  EXPECT_EQ(d[6], (DiffOp{DiffOp::Op::equal, "bill"}));
}

TEST(WordDiff, WordsIgnorePunctuationAndCase) {
  auto w = split_words("“We are building a monument,” he said... ‘Today’s’ — fine.");
  std::vector<std::string> norm;
  for (auto& x : w) norm.push_back(x.norm);
  EXPECT_THAT(norm, ::testing::ElementsAre("we", "are", "building", "a", "monument", "he", "said", "today's", "fine"));
}

namespace {

fs::path committed_ranker() { return test::source_dir() / "plugins/crossref/data/ranker.json"; }

// Features of each passage (as fact-checks with the given titles) against the claim, all words weighing 1.
// `cosines`: the candidates' sentence-vector cosines (negative: no vector).
std::vector<std::vector<double>> features_of(const std::string& claim, const std::vector<std::string>& passages,
                                             const std::vector<std::string>& titles,
                                             const std::vector<double>& cosines = {}) {
  load_word_lists((test::source_dir() / "plugins/crossref/data").string());
  ClaimProfile c = profile_claim(claim, {}, "", nullptr, nullptr);
  std::vector<PassageProfile> profiles;
  std::vector<Features> features;
  for (const auto& p : passages) profiles.push_back(profile_passage(p));
  for (std::size_t i = 0; i < passages.size(); ++i) features.push_back(compute_features(c, profiles[i], titles[i], ""));
  std::vector<CandidateView> views;
  for (std::size_t i = 0; i < passages.size(); ++i)
    views.push_back(CandidateView{&profiles[i], &titles[i], &features[i], 1.0 / static_cast<double>(i + 1), true});
  for (std::size_t i = 0; i < cosines.size() && i < views.size(); ++i) {
    views[i].dense = cosines[i] >= 0;
    views[i].cosine = views[i].dense ? cosines[i] : 0.0;
  }
  return ranking_features(c, views, nullptr);
}

double feature(const std::vector<double>& x, const std::string& name) {
  const auto& names = ranking_feature_names();
  auto it = std::find(names.begin(), names.end(), name);
  EXPECT_NE(it, names.end()) << name;
  return it == names.end() ? 0.0 : x[static_cast<std::size_t>(it - names.begin())];
}

}  // namespace

TEST(LearnedRanker, FeaturesSeeQuotesTitlesAndJoinedWords) {
  auto x = features_of("Protesters chanted \"we want dead cops\" in Baton Rouge #BlackLivesMatter",
                       {"Protesters in Baton Rouge chanted 'we want dead cops' before the shooting.",
                        "Cod landings at the fish market were steady in June."},
                       {"Did Black Lives Matter protesters chant for dead cops?", "Fish landings"});
  ASSERT_EQ(x.size(), 2u);
  ASSERT_EQ(x[0].size(), ranking_feature_names().size());
  EXPECT_DOUBLE_EQ(feature(x[0], "quoted"), 1.0);
  EXPECT_DOUBLE_EQ(feature(x[1], "quoted"), 0.0);
  EXPECT_GT(feature(x[0], "title_claim_coverage"), feature(x[1], "title_claim_coverage"));
  EXPECT_GT(feature(x[0], "bm25_text"), feature(x[1], "bm25_text"));
  EXPECT_DOUBLE_EQ(feature(x[0], "coverage_gap"), 0.0);  // the best candidate
  EXPECT_LT(feature(x[1], "coverage_gap"), 0.0);
  // "bedbugs" and "bed bugs" share their character trigrams, not their words.
  auto y = features_of("Doral resort bedbugs lawsuit", {"The resort settled a bed bugs lawsuit.", "A resort opened."},
                       {"", ""});
  EXPECT_GT(feature(y[0], "chars_text"), feature(y[1], "chars_text"));
  EXPECT_DOUBLE_EQ(feature(y[0], "title_coverage"), 0.0);  // no title: no title features
}

TEST(LearnedRanker, CommittedModelLoadsAndPrefersTheRestatedClaim) {
  auto model = RankerModel::load(committed_ranker());
  ASSERT_NE(model, nullptr);
  const auto& names = ranking_feature_names();
  for (const auto& f : model->features) EXPECT_NE(std::find(names.begin(), names.end(), f), names.end()) << f;
  // It reads the sentence vectors' cosine and carries the model for machines without them.
  EXPECT_TRUE(model->needs_dense());
  ASSERT_NE(model->without_dense, nullptr);
  EXPECT_FALSE(model->without_dense->needs_dense());
  EXPECT_EQ(model->for_vectors(false), model->without_dense.get());
  EXPECT_EQ(model->for_vectors(true), model.get());
  // The off-topic candidate comes first in the first stage; the model puts the restated claim above it.
  auto x = features_of("Trump wants to nuke hurricanes before they reach land, Axios reported",
                       {"Cod landings at the fish market were steady in June.",
                        "President Trump asked advisers about stopping hurricanes with nuclear bombs."},
                       {"Fish landings", "Did Trump Ask Advisers About Nuking Hurricanes?"});
  EXPECT_GT(model->score(x[1]), model->score(x[0]));
  EXPECT_GT(model->without_dense->score(x[1]), model->without_dense->score(x[0]));
}

TEST(LearnedRanker, CosineFeaturesComeFromTheViews) {
  // The third candidate has no vector (not a fact-check).
  auto x = features_of("Bleach cures the virus",
                       {"Drinking bleach cures coronavirus.", "Gum stays in the stomach.", "A city budget passed."},
                       {"", "", ""}, {0.8, 0.3, -1});
  EXPECT_DOUBLE_EQ(feature(x[0], "cosine"), 0.8);
  EXPECT_DOUBLE_EQ(feature(x[0], "cosine_gap"), 0.0);
  EXPECT_DOUBLE_EQ(feature(x[0], "cosine_rank_inv"), 1.0);
  EXPECT_DOUBLE_EQ(feature(x[1], "cosine"), 0.3);
  EXPECT_NEAR(feature(x[1], "cosine_gap"), -0.5, 1e-12);
  EXPECT_DOUBLE_EQ(feature(x[1], "cosine_rank_inv"), 0.5);
  EXPECT_DOUBLE_EQ(feature(x[2], "cosine"), 0.0);
  EXPECT_DOUBLE_EQ(feature(x[2], "cosine_rank_inv"), 0.0);
  // Standardised over the two with vectors (mean 0.55, sd 0.25); the products with the word features.
  EXPECT_NEAR(feature(x[0], "cosine_z"), 1.0, 1e-9);
  EXPECT_NEAR(feature(x[1], "cosine_z"), -1.0, 1e-9);
  EXPECT_DOUBLE_EQ(feature(x[2], "cosine_z"), 0.0);
  EXPECT_DOUBLE_EQ(feature(x[0], "cosine_coverage"), 0.8 * feature(x[0], "coverage"));
  EXPECT_GT(feature(x[0], "cosine_coverage"), 0.0);
  EXPECT_DOUBLE_EQ(feature(x[1], "cosine_title_words"), 0.3 * feature(x[1], "title_claim_coverage"));
  EXPECT_DOUBLE_EQ(feature(x[2], "cosine_coverage"), 0.0);
  for (const auto& name : ranking_feature_names())
    EXPECT_EQ(is_dense_feature(name), name.rfind("cosine", 0) == 0) << name;
}

TEST(LearnedRanker, AModelReadsTheFeaturesItNames) {
  // Two of the features, in another order than the full vector's: each weight meets its own column.
  auto m = RankerModel::make({"cosine", "coverage"}, {0.5, 0.0}, {0.25, 2.0}, {1.0, 4.0}, "test");
  std::vector<double> x(ranking_feature_names().size(), 7.0);
  x[static_cast<std::size_t>(std::find(ranking_feature_names().begin(), ranking_feature_names().end(), "cosine") -
                             ranking_feature_names().begin())] = 1.0;
  x[static_cast<std::size_t>(std::find(ranking_feature_names().begin(), ranking_feature_names().end(), "coverage") -
                             ranking_feature_names().begin())] = 0.5;
  EXPECT_DOUBLE_EQ(m.score(x), (1.0 - 0.5) / 0.25 * 1.0 + (0.5 - 0.0) / 2.0 * 4.0);
  EXPECT_TRUE(m.needs_dense());
  EXPECT_EQ(m.for_vectors(false), nullptr);  // no words-only model
  EXPECT_THROW(RankerModel::make({"coverage", "coverage"}, {0, 0}, {1, 1}, {1, 1}, "test"), std::runtime_error);
  EXPECT_THROW(RankerModel::make({"coverage"}, {0, 0}, {1, 1}, {1, 1}, "test"), std::runtime_error);
  // A words-only model that reads vectors is refused, naming the file.
  TempDir tmp;
  Json j = m.to_json();
  j["without_dense"] = m.to_json();
  fs::path bad = tmp.path() / "bad.json";
  write_file(bad, j.dump());
  try {
    RankerModel::load(bad);
    ADD_FAILURE() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), HasSubstr(bad.string()));
    EXPECT_THAT(e.what(), HasSubstr("without_dense"));
  }
}

TEST(LearnedRanker, BadModelFilesNameTheFile) {
  TempDir tmp;
  fs::path missing = tmp.path() / "missing.json";
  try {
    RankerModel::load(missing);
    ADD_FAILURE() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), HasSubstr(missing.string()));
  }
  fs::path broken = tmp.path() / "broken.json";
  write_file(broken, "{\"features\": [\"bm25\"], \"mean\": [0], \"scale\": [1], \"weights\": [1]}");
  try {
    RankerModel::load(broken);
    ADD_FAILURE() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), HasSubstr(broken.string()));
    EXPECT_THAT(e.what(), HasSubstr("features"));
  }
  fs::path zero_scale = tmp.path() / "zero.json";
  Json j = RankerModel::zeros().to_json();
  j["scale"][0] = 0.0;
  write_file(zero_scale, j.dump());
  EXPECT_THROW(RankerModel::load(zero_scale), std::runtime_error);
}

TEST(LearnedRanker, StageLoadsTheModelAtConfigureTime) {
  auto ctx = Context::for_library(test::plugin_dir() / "factpipe-crossref.so");
  {
    CrossrefStage stage;
    EXPECT_NO_THROW(factpipe::host::configure_stage(stage, Json{{"ranker", "ranker.json"}}, ctx));
  }
  CrossrefStage stage;
  try {
    factpipe::host::configure_stage(stage, Json{{"ranker", "no-such-ranker.json"}}, ctx);
    ADD_FAILURE() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("no-such-ranker.json"));
  }
}

TEST(LearnedRanker, EngineRanksWithTheModel) {
  TempDir tmp;
  fs::path src = tmp.path() / "c";
  write_file(src / "checks.jsonl",
             "{\"id\": \"fish\", \"kind\": \"factcheck\", \"title\": \"Fish landings\", \"text\": \"Cod landings at "
             "the harbour fish market were steady in June, said Trump.\"}\n"
             "{\"id\": \"nukes\", \"kind\": \"factcheck\", \"title\": \"Did Trump Ask About Nuking Hurricanes?\", "
             "\"text\": \"President Trump asked advisers about stopping hurricanes with nuclear bombs.\"}\n");
  fs::path db = tmp.path() / "i.sqlite";
  SourceIndex(db).update({src});
  EngineConfig config;
  config.ranker = RankerModel::load(committed_ranker());
  Engine engine(db, config, nullptr);
  auto r = engine.rank(ClaimInput{"Trump wants to nuke hurricanes, Axios says", {}, "", ""}, 5);
  ASSERT_FALSE(r.empty());
  EXPECT_EQ(r.front().sid, "nukes");
  EXPECT_EQ(r.front().ranking_features.size(), ranking_feature_names().size());
  EXPECT_GT(r.front().score, 0.0);
  EXPECT_LT(r.front().score, 1.0);
}
