// Precision of the refutation signals on scientific text (issue #5, Climate-FEVER), the title feature of topic
// titles, and the first stage on a small index. Each rule has a case where it must fire and one where it must not.
#include <filesystem>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "crossref_engine.hpp"
#include "crossref_test_support.hpp"
#include "evidence_scoring.hpp"
#include "index_reader.hpp"
#include "source_index.hpp"
#include "stance_test_support.hpp"
#include "test_paths.hpp"
#include "text_analysis.hpp"
#include "wordnet.hpp"

namespace fs = std::filesystem;
using namespace factpipe;
using namespace factpipe::crossref;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

NumberMention only_number(const std::string& text) {
  load_word_lists((test::source_dir() / "plugins/crossref/data").string());
  auto ns = extract_numbers(text);
  EXPECT_EQ(ns.size(), 1u) << text;
  return ns.empty() ? NumberMention{} : ns.front();
}

}  // namespace

TEST(NumberConflict, SameUnitOfAnotherThingIsNotComparable) {
  // Both count years, but one is a pause in warming and the other the age of a record.
  auto a = only_number("Temperatures stayed stable for 15 years after the strong El Nino.");
  auto b = only_number("The oldest ice cores hold bubbles trapped 40 years before the drilling began.");
  EXPECT_FALSE(comparable(a, b));
}

TEST(NumberConflict, SameUnitOfTheSameThingIsComparable) {
  auto a = only_number("The bridge project is three years behind schedule.");
  auto b = only_number("The contractor said the bridge is two years behind schedule.");
  EXPECT_TRUE(comparable(a, b));
  // Two unit words name the thing counted themselves.
  auto c = only_number("Today the authority runs 48 bus routes.");
  auto d = only_number("The operator had 52 bus routes at the end of the year.");
  EXPECT_TRUE(comparable(c, d));
}

TEST(NumberConflict, DifferentMeasureInTheSameSentenceTopicDoesNotRefute) {
  // Both count years; the words around them (stable temperatures; launched instruments) are not the same.
  auto r = stance("Global surface temperatures have been stable for 15 years.",
                  "Global surface temperatures are measured by satellite. The first weather satellite instruments "
                  "were launched by the agency 40 years ago.");
  EXPECT_NE(r.stance, Stance::refutes) << r.reason;
  EXPECT_THAT(r.reason, Not(HasSubstr("numbers differ")));
}

TEST(NumberConflict, SameMeasureWithAnotherValueRefutes) {
  auto r = stance("The harbour bridge project is three years behind schedule.",
                  "The harbour bridge project is two years behind schedule, the status report says.");
  EXPECT_EQ(r.stance, Stance::refutes) << r.reason;
  EXPECT_THAT(r.reason, HasSubstr("three vs two"));
}

TEST(NumberConflict, ASeriesOfOtherValuesIsNoContradiction) {
  // The passage gives the measure for several regions: none of them is the claim's case stated otherwise.
  auto series = stance("Average winter temperatures in the valley rose by 6 degrees Fahrenheit.",
                       "Average winter temperatures rose by 1.8 degrees Fahrenheit in the north, 3.6 degrees "
                       "Fahrenheit in the valley towns and 4.2 degrees Fahrenheit in the south.");
  EXPECT_NE(series.stance, Stance::refutes) << series.reason;
  auto single = stance("Average winter temperatures in the valley rose by 6 degrees Fahrenheit.",
                       "Average winter temperatures in the valley rose by 3.6 degrees Fahrenheit.");
  EXPECT_EQ(single.stance, Stance::refutes) << single.reason;
}

TEST(DateConflict, ASharedTopicIsNotTheSameEvent) {
  auto a = only_number("Scientists published many papers on the pause in 2017.");
  auto b = only_number("Global temperatures have risen steadily since 1965, the weather records show.");
  EXPECT_FALSE(comparable(a, b));
  auto c = only_number("The new terminal opened in 2019.");
  auto d = only_number("The terminal opened in 2021 after delays.");
  EXPECT_TRUE(comparable(c, d));
}

TEST(Antonym, OppositeWordAboutAnotherThingDoesNotRefute) {
  if (!wordnet()) GTEST_SKIP() << "wordnet-base not installed";
  // "warming" of the oceans is not contradicted by the "cooling" of the upper atmosphere.
  auto r = stance("Greenhouse gases are warming the deep oceans.",
                  "Greenhouse gases trap heat near the surface while the stratosphere is cooling.");
  EXPECT_THAT(r.reason, Not(HasSubstr("opposite words"))) << r.reason;
}

TEST(Antonym, OppositeWordAboutTheSameThingRefutes) {
  if (!wordnet()) GTEST_SKIP() << "wordnet-base not installed";
  auto r = stance("Sales of electric cars increased sharply in Ruritania.",
                  "Sales of electric cars decreased sharply in Ruritania.");
  EXPECT_EQ(r.stance, Stance::refutes) << r.reason;
  EXPECT_THAT(r.reason, HasSubstr("opposite words"));
}

TEST(TitleFeature, ATopicTitleEarnsAtMostHalfTheClaim) {
  load_word_lists((test::source_dir() / "plugins/crossref/data").string());
  ClaimProfile c =
      profile_claim("Famine follows volcanic winters that ruin harvests across Europe", {}, "", nullptr, nullptr);
  PassageProfile p = profile_passage("Crop failures were common in the Little Ice Age.");
  Features headline = compute_features(c, p, "Famine", "", nullptr, false);
  Features topic = compute_features(c, p, "Famine", "", nullptr, true);
  EXPECT_DOUBLE_EQ(headline.title_coverage, 1.0);  // a fact-check's title: all of it in the claim
  EXPECT_GT(topic.title_coverage, 0.0);
  EXPECT_LE(topic.title_coverage, 1.0 / (0.5 * c.idf_total) + 1e-9);
  EXPECT_LT(topic.title_coverage, 0.5);
  // A topic title as long as half the claim keeps its full share.
  Features long_title = compute_features(c, p, "Famine after volcanic winters and ruined harvests", "", nullptr, true);
  EXPECT_DOUBLE_EQ(long_title.title_coverage, 1.0);
}

TEST(FirstStage, SmallIndexQueriesEveryWordAndFindsSourcesByBm25) {
  TempDir tmp;
  fs::path src = tmp.path() / "s";
  // "warming" is in most passages: with max_postings 2 the budget keeps only the two rarest words ("arctic",
  // "ice", one passage each), so the summed-idf first stage with one candidate takes the first of two tied
  // passages, the fox. On this small index every word is queried (exact_postings): the passage about warming,
  // melting and sea ice comes first.
  std::string lines;
  for (int i = 0; i < 6; ++i)
    lines += "{\"id\": \"w" + std::to_string(i) +
             "\", \"title\": \"Global warming\", \"text\": \"Warming of the "
             "planet number " +
             std::to_string(i) + " is discussed here in general terms.\"}\n";
  lines +=
      "{\"id\": \"fox\", \"title\": \"Foxes\", \"text\": \"Arctic foxes live on the sea shore near "
      "melting snow.\"}\n";
  lines +=
      "{\"id\": \"ice\", \"title\": \"Sea ice\", \"text\": \"Warming melts sea ice and the warming "
      "speeds up as the ice melts.\"}\n";
  write_file(src / "s.jsonl", lines);
  fs::path db = tmp.path() / "i.sqlite";
  SourceIndex(db).update({src});
  EngineConfig config;
  config.max_postings = 2;
  config.candidates = 1;
  {
    EngineConfig budgeted = config;
    budgeted.exact_postings = 0;  // the large-index path
    Engine engine(db, budgeted, nullptr);
    auto r = engine.rank(ClaimInput{"Warming melts the Arctic sea ice", {}, "", ""}, 1);
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r.front().sid, "fox");
  }
  Engine engine(db, config, nullptr);
  auto r = engine.rank(ClaimInput{"Warming melts the Arctic sea ice", {}, "", ""}, 1);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r.front().sid, "ice");
  // The summed idf of the claim's words is the first-stage score the re-ranking sees (as on a large index).
  IndexReader reader(db.string(), 1.0, 1.0);
  std::vector<Candidate> cands{{1, 0.0}, {8, 0.0}};
  reader.rescore_idf({{"sea", 2.0}, {"ice", 1.5}}, cands);
  ASSERT_EQ(cands.size(), 2u);
  EXPECT_DOUBLE_EQ(cands[0].bm25, 3.5);  // passage 8 ("ice") has both words: first
  EXPECT_EQ(cands[0].id, 8);
  EXPECT_DOUBLE_EQ(cands[1].bm25, 0.0);  // passage 1 has neither
}

// Verdict accuracy on Climate-FEVER (issue #5): each refutation reason's confidence follows its precision, a
// passage the checks found no conflict in supports from a lower bar, and `disputed` needs both sides strong.

TEST(ReasonConfidence, ANegationInTheSourceOnlyRefutesWhereTheSourceRestatesTheClaim) {
  // Loosely related (about half the claim's words): the source negates it of another place.
  auto loose = stance("Arctic sea ice extent has declined sharply since satellite records began in the north.",
                      "Satellite records show that the sea ice has not declined in the Antarctic winter.");
  EXPECT_NE(loose.stance, Stance::refutes) << loose.reason;
  EXPECT_THAT(loose.reason, Not(HasSubstr("the source negates it")));
  StanceOptions any_negation;  // the rule before: a source negation refuted from relatedness 0.45
  any_negation.source_negation_from = 0;
  auto before =
      stance("Arctic sea ice extent has declined sharply since satellite records began in the north.",
             "Satellite records show that the sea ice has not declined in the Antarctic winter.", any_negation);
  EXPECT_EQ(before.stance, Stance::refutes) << before.reason;
  // The source restates the claim and negates it: still a refutation.
  auto close = stance("The mayor approved the stadium deal.", "The mayor did not approve the stadium deal.");
  EXPECT_EQ(close.stance, Stance::refutes) << close.reason;
  EXPECT_THAT(close.reason, HasSubstr("the source negates it"));
}

TEST(ReasonConfidence, ANegationInTheClaimRefutesAlone) {
  // The most precise reason (60% on REFUTES claims): one passage is enough for a verdict.
  auto r = stance("The mayor did not approve the stadium deal.", "The mayor approved the stadium deal on Monday.");
  ASSERT_EQ(r.stance, Stance::refutes) << r.reason;
  EXPECT_THAT(r.reason, HasSubstr("the claim negates"));
  EXPECT_GE(r.confidence, 0.7);
  Evidence e;
  e.stance = r.stance;
  e.confidence = r.confidence;
  e.source_id = "s";
  EXPECT_EQ(decide_verdict({e}).label, "refuted");
}

TEST(CheckedSupport, OnTopicWithoutConflictSupportsFromTheLowerBar) {
  load_word_lists((test::source_dir() / "plugins/crossref/data").string());
  ClaimProfile c = profile_claim("Glaciers in the Alps lost a third of their volume since the last century.", {}, "",
                                 nullptr, nullptr);
  PassageProfile p = profile_passage("Alpine glaciers have retreated and lost much volume.");
  Features f = compute_features(c, p, "", "");
  f.coverage = 0.45;  // between the checked bar (0.35) and the word-overlap bar (0.55)
  StanceOptions checked;
  StanceResult r = judge_stance(c, p, f, checked);
  EXPECT_EQ(r.stance, Stance::supports) << r.reason;
  EXPECT_LT(r.confidence, VerdictOptions{}.strong);  // alone it does not make a verdict
  StanceOptions strict = checked;
  strict.checked_support_from = 0.55;
  EXPECT_EQ(judge_stance(c, p, f, strict).stance, Stance::discusses);
  // The bm25-only variant keeps its own bar.
  StanceOptions overlap_only = checked;
  overlap_only.refutation_signals = false;
  EXPECT_EQ(judge_stance(c, p, f, overlap_only).stance, Stance::discusses);
  // Below the bar: on topic only.
  f.coverage = 0.32;
  EXPECT_EQ(judge_stance(c, p, f, checked).stance, Stance::discusses);
  // A weak conflict (a negation the source says of a claim word, too loosely related to refute) keeps the
  // word-overlap bar: on topic only, with the note in the reason.
  PassageProfile negated = profile_passage("Alpine glaciers have not lost much volume.");
  Features g = compute_features(c, negated, "", "");
  g.coverage = 0.45;
  StanceResult n = judge_stance(c, negated, g, checked);
  EXPECT_EQ(n.stance, Stance::discusses) << n.reason;
  EXPECT_THAT(n.reason, HasSubstr("the source negates a claim word"));
}

TEST(VerdictRule, TheStrongerSideWinsUnlessBothAreStrong) {
  auto ev = [](Stance s, double c) {
    Evidence e;
    e.stance = s;
    e.confidence = c;
    e.source_id = "s";
    return e;
  };
  // Both past the threshold (0.5) but not both strong (0.75): the stronger side, not `disputed`.
  EXPECT_EQ(decide_verdict({ev(Stance::supports, 0.7), ev(Stance::refutes, 0.55)}).label, "supported");
  EXPECT_EQ(decide_verdict({ev(Stance::supports, 0.55), ev(Stance::refutes, 0.65)}).label, "refuted");
  EXPECT_EQ(decide_verdict({ev(Stance::supports, 0.8), ev(Stance::refutes, 0.8)}).label, "disputed");
  VerdictOptions old;
  old.disputed = 0.5;
  EXPECT_EQ(decide_verdict({ev(Stance::supports, 0.7), ev(Stance::refutes, 0.55)}, old).label, "disputed");
  // A dispute bar under the verdict threshold never calls a claim disputed that neither side settles.
  VerdictOptions high;
  high.strong = 0.9;
  high.disputed = 0.6;
  EXPECT_EQ(decide_verdict({ev(Stance::supports, 0.7), ev(Stance::refutes, 0.7)}, high).label, "not_enough_evidence");
}
