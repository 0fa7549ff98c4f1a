// The learned indirect-speech finder: its choice among overlapping proposals, its model file, its trainer's
// threshold, and what the shipped model reports beyond the rules.
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include <gtest/gtest.h>

#include "indirect_model.hpp"
#include "pipeline.hpp"
#include "training/indirect_training.hpp"

using namespace factpipe;
using namespace factpipe::quotes;
namespace fs = std::filesystem;

namespace {

fs::path temp_file(const std::string& name) {
  return fs::temp_directory_path() / ("quotes-indirect-test-" + std::to_string(::getpid()) + "-" + name);
}

}  // namespace

TEST(IndirectFinder, ChoosesTheLikeliestOfOverlappingProposalsAboveTheThreshold) {
  std::vector<ScoredSpan> p = {{0, 10, 0.6}, {5, 20, 0.9}, {20, 30, 0.7}, {30, 40, 0.4}, {40, 50, 0.55}};
  auto chosen = select_indirect(p, 0.5);
  std::sort(chosen.begin(), chosen.end());
  // [0, 10) overlaps the likelier [5, 20); [30, 40) is below the threshold; touching spans do not overlap
  EXPECT_EQ(chosen, (std::vector<std::size_t>{1, 2, 4}));
  EXPECT_TRUE(select_indirect(p, 0.95).empty());
}

TEST(IndirectFinder, SavesAndLoadsWeightsWordsAndLexicon) {
  IndirectModel m;
  for (std::size_t i = 0; i < kIndirectFeatureCount; ++i) m.weights[i] = 0.001 * double(i) - 0.05;
  m.word_weights["said"] = {-0.25, 1.5};
  m.lexicon["said"] = {900, 1000};
  m.lexicon["statement"] = {40, 100};
  m.lexicon["the"] = {3, 5000};  // below min_rate: not written, proposes nothing
  m.threshold = 0.62;
  fs::path f = temp_file("roundtrip.tsv");
  m.save(f, {"made by a test"});
  IndirectModel back = IndirectModel::load(f);
  fs::remove(f);
  EXPECT_TRUE(back.loaded);
  EXPECT_NEAR(back.threshold, 0.62, 1e-9);
  for (std::size_t i = 0; i < kIndirectFeatureCount; ++i) EXPECT_NEAR(back.weights[i], m.weights[i], 1e-9) << i;
  ASSERT_TRUE(back.word_weights.contains("said"));
  EXPECT_NEAR(back.word_weights["said"][1], 1.5, 1e-9);
  ASSERT_NE(back.cue_word("statement"), nullptr);
  EXPECT_EQ(back.cue_word("statement")->seen, 100);
  EXPECT_EQ(back.cue_word("the"), nullptr);
  EXPECT_EQ(back.cue_word("unknown"), nullptr);
  IndirectFeatures x = IndirectModel::features(IndirectStageFeatures{}, *back.cue_word("said"));
  EXPECT_GT(back.probability(x, "said", true), back.probability(x, "said", false));
}

TEST(IndirectFinder, RefusesAModelOfOtherFeaturesNamingFileAndLine) {
  fs::path f = temp_file("other.tsv");
  {
    std::ofstream out(f);
    out << "# comment\nthreshold\t0.5\nw\tnot_a_feature\t2\n";
  }
  try {
    IndirectModel::load(f);
    FAIL() << "loaded a model with an unknown feature";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(f.string() + ":3:"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("retrain"), std::string::npos) << e.what();
  }
  fs::remove(f);
}

TEST(IndirectTraining, LearnsTheCueWordsAndAThresholdThatKeepsPrecision) {
  // 60 articles: "said" heads a cue and its proposal after it is right when a clause follows ("that_after");
  // "weather" is never a cue, and its proposals are wrong
  std::vector<training::IndirectArticle> arts(60);
  for (std::size_t a = 0; a < arts.size(); ++a) {
    auto& art = arts[a];
    art.gold = 4;
    art.found_by_rules.assign(4, 0);
    for (std::size_t k = 0; k < 4; ++k) {
      training::IndirectToken said{"said", true, {}};
      training::IndirectProposalExample p;
      p.span = {100 * k, 100 * k + 40};
      p.x[0] = 1;
      p.x[1] = 1;
      p.x[2] = (k + a) % 4 != 0;  // a quarter without "that" are wrong
      p.right = p.x[2] > 0;
      if (p.right) p.finds = {k};
      said.proposals.push_back(p);
      art.tokens.push_back(said);
      training::IndirectToken weather{"weather", false, {}};
      training::IndirectProposalExample q;
      q.span = {100 * k + 50, 100 * k + 90};
      q.x[0] = 1;
      q.x[1] = 1;
      weather.proposals.push_back(q);
      art.tokens.push_back(weather);
    }
  }
  std::vector<const training::IndirectArticle*> ptrs;
  ptrs.reserve(arts.size());
  for (const auto& a : arts) ptrs.push_back(&a);
  training::IndirectTrainOptions opt;
  opt.target_precision = 0.95;
  opt.word_min_seen = 1000;  // no word weights: the lexicon and "that_after" must tell them apart
  std::string log;
  IndirectModel m = training::train_indirect(ptrs, opt, &log);
  EXPECT_NE(log.find("threshold"), std::string::npos);
  ASSERT_NE(m.cue_word("said"), nullptr);
  IndirectStageFeatures with{}, without{};
  with[0] = without[0] = with[1] = without[1] = 1;
  with[2] = 1;
  double p_with = m.probability(IndirectModel::features(with, *m.cue_word("said")), "said", true);
  double p_without = m.probability(IndirectModel::features(without, *m.cue_word("said")), "said", true);
  EXPECT_GE(p_with, m.threshold);
  EXPECT_LT(p_without, m.threshold);
  // "weather" is never in a cue: it proposes nothing or below the threshold
  if (const CueCount* c = m.cue_word("weather")) {
    EXPECT_LT(m.probability(IndirectModel::features(without, *c), "weather", true), m.threshold);
  }
}

TEST(IndirectFinder, ShippedModelReportsSpeechTheRulesMiss) {
  // a cue that is a noun ("claim that") or an adjective and preposition ("is right about"): no verb of the
  // rules' lists reports them
  const std::string text =
      "The mayor's claim that the bridge is safe has been disputed by engineers.\n\n"
      "Sanders is right about the cost of the war in Iraq and the debt it left behind.\n\n"
      "Officials hope the new tunnel will open before the end of next year.\n";
  test::QuotePipeline rules(Json{{"indirect_model", ""}});
  test::QuotePipeline learned(Json{{"indirect_model", "indirect_model.tsv"}});  // opt-in
  auto indirect = [](const Document& d) {
    std::vector<std::string> out;
    for (const auto& q : d.quotes)
      if (q.kind == QuoteKind::indirect) out.emplace_back(d.slice(q.span));
    return out;
  };
  Document dr = rules.run(text), dl = learned.run(text);
  auto with_rules = indirect(dr), with_model = indirect(dl);
  EXPECT_EQ(with_rules, (std::vector<std::string>{"the new tunnel will open before the end of next year"}));
  // the finder is opt-in: the stage's defaults give the rules' spans alone
  test::QuotePipeline defaults;
  EXPECT_EQ(indirect(defaults.run(text)), with_rules);
  // the rules' span stays, the learned ones come beside it, each saying why
  ASSERT_EQ(with_model.size(), 3u);
  EXPECT_NE(std::find(with_model.begin(), with_model.end(), with_rules[0]), with_model.end());
  std::size_t learned_spans = 0;
  for (const auto& q : dl.quotes) {
    if (q.kind != QuoteKind::indirect || dl.slice(q.span) == with_rules[0]) continue;
    ++learned_spans;
    EXPECT_EQ(q.extra.at("quotes").at("reason"), "learned cue");
    EXPECT_EQ(dl.slice(q.span).find("engineers") == std::string_view::npos &&
                  dl.slice(q.span).find("debt it left") == std::string_view::npos,
              false)
        << dl.slice(q.span);
  }
  EXPECT_EQ(learned_spans, 2u);
}

TEST(IndirectFinder, ProposesNothingAroundTheSkipWords) {
  // "rejected any link" is the writer's account, not the mayor's speech: finder_skip_words.txt holds "rejected"
  const std::string text =
      "Mayor Lena Ortiz rejected any link between the fare increase and the repairs to the old bridge.\n";
  fs::path empty = temp_file("no-skip-words.txt");
  { std::ofstream out(empty); }
  test::QuotePipeline shipped(Json{{"indirect_model", "indirect_model.tsv"}});
  test::QuotePipeline no_skip(Json{{"indirect_model", "indirect_model.tsv"}, {"finder_skip_words", empty.string()}});
  auto learned = [](const Document& d) {
    std::size_t n = 0;
    for (const auto& q : d.quotes)
      n += q.kind == QuoteKind::indirect && q.extra.at("quotes").at("reason") == "learned cue";
    return n;
  };
  EXPECT_EQ(learned(shipped.run(text)), 0u);
  EXPECT_GT(learned(no_skip.run(text)), 0u);  // without the list the finder takes it
  fs::remove(empty);
}
