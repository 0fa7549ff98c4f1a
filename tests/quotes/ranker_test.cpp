// The learned speaker ranker: its model file, its trainer, and the reason it leaves in the output.
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include <gtest/gtest.h>

#include "pipeline.hpp"
#include "speaker_model.hpp"
#include "training/speaker_training.hpp"

using namespace factpipe;
using namespace factpipe::quotes;
namespace fs = std::filesystem;

namespace {

fs::path temp_file(const std::string& name) {
  return fs::temp_directory_path() / ("quotes-ranker-test-" + std::to_string(::getpid()) + "-" + name);
}

}  // namespace

TEST(SpeakerModel, SavesAndLoadsEveryWeight) {
  SpeakerModel m;
  for (std::size_t i = 0; i < kSpeakerFeatureCount; ++i) m.weights[i] = 0.25 * double(i) - 1.5;
  fs::path f = temp_file("roundtrip.tsv");
  m.save(f, {"made by a test"});
  SpeakerModel back = SpeakerModel::load(f);
  fs::remove(f);
  EXPECT_TRUE(back.loaded);
  for (std::size_t i = 0; i < kSpeakerFeatureCount; ++i) EXPECT_NEAR(back.weights[i], m.weights[i], 1e-9) << i;
}

TEST(SpeakerModel, RefusesAModelOfOtherFeaturesNamingFileAndLine) {
  fs::path f = temp_file("other.tsv");
  {
    std::ofstream out(f);
    out << "# comment\n" << kSpeakerFeatureNames[0] << "\t1\nnot_a_feature\t2\n";
  }
  try {
    SpeakerModel::load(f);
    FAIL() << "loaded a model with an unknown feature";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(f.string() + ":3:"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("retrain"), std::string::npos) << e.what();
  }
  fs::remove(f);
  EXPECT_THROW(SpeakerModel::load(temp_file("missing.tsv")), std::runtime_error);
}

TEST(SpeakerModel, RefusesABadWeightAndAShortModel) {
  fs::path f = temp_file("bad.tsv");
  {
    std::ofstream out(f);
    out << kSpeakerFeatureNames[0] << "\t1.5x\n";
  }
  try {
    SpeakerModel::load(f);
    FAIL() << "loaded a weight with trailing characters";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(f.string() + ":1: bad number '1.5x'"), std::string::npos) << e.what();
  }
  {
    std::ofstream out(f);
    out << kSpeakerFeatureNames[0] << "\t1.5\n";
  }
  try {
    SpeakerModel::load(f);
    FAIL() << "loaded a model with one feature";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("1 features, this build expects"), std::string::npos) << e.what();
  }
  fs::remove(f);
}

TEST(SpeakerTraining, LearnsWhichFeatureMarksTheSpeaker) {
  // the right candidate always has "speech_verb_after"; a wrong one is nearer ("same_sentence")
  std::vector<training::RankExample> ex(40);
  for (std::size_t k = 0; k < ex.size(); ++k) {
    SpeakerFeatures right{}, wrong{};
    right[11] = 1;
    wrong[4] = 1;
    if (k % 2) right[4] = 1;  // half the time both are in the sentence
    ex[k].x = k % 3 ? std::vector{right, wrong} : std::vector{wrong, right};
    ex[k].right = k % 3 ? std::vector<char>{1, 0} : std::vector<char>{0, 1};
  }
  training::RankExample nothing;  // no right candidate: left out
  nothing.x = {SpeakerFeatures{}};
  nothing.right = {0};
  std::vector<const training::RankExample*> all{&nothing};
  for (const auto& e : ex) all.push_back(&e);
  SpeakerModel m = training::train_ranker(all, {});
  for (const auto& e : ex) {
    std::size_t best = m.score(e.x[0]) >= m.score(e.x[1]) ? 0 : 1;
    EXPECT_TRUE(e.right[best]);
  }
  EXPECT_GT(m.weights[11], 0.5);
}

TEST(SpeakerRanker, EveryAttributionKeepsItsReasonAndCandidatesOnRequest) {
  test::QuotePipeline pipe(Json{{"speaker_candidates", true}});
  Document d = pipe.run(
      "Senator Jane Holt spoke on Monday.\n\"We will not back down,\" Holt said.\n\"The bill is dead,\" she added. "
      "\"Nobody wants it.\"");
  ASSERT_EQ(d.quotes.size(), 3u);
  for (const auto& q : d.quotes) {
    ASSERT_TRUE(q.speaker) << d.slice(q.span);
    EXPECT_EQ(q.speaker->name, "Jane Holt") << d.slice(q.span);
    ASSERT_TRUE(q.extra.contains("quotes"));
    std::string reason = q.extra["quotes"].value("reason", "");
    EXPECT_TRUE(reason == "cue" || reason == "context" || reason == "ranker" || reason == "conversational turn")
        << reason;
    ASSERT_TRUE(q.extra.contains("speaker_candidates"));
    EXPECT_GE(q.extra["speaker_candidates"].size(), 1u);
    EXPECT_EQ(q.extra["speaker_candidates"][0]["x"].size(), kSpeakerFeatureCount);
  }
  EXPECT_EQ(d.quotes[0].extra["quotes"]["reason"], "cue");
  EXPECT_EQ(d.quotes[2].extra["quotes"]["reason"], "context");
}
