// Fact-check sentence vectors (issue #13): written at index time when the encoder's model is present, read
// back by the engine, and mixed into fact-check matching; without the model the index and the stage work on
// words alone.
#include <cmath>
#include <filesystem>

#include <gtest/gtest.h>

#include <factpipe/encoder/sentence_encoder.hpp>

#include "crossref_engine.hpp"
#include "crossref_test_support.hpp"
#include "dense_vectors.hpp"
#include "factcheck_record.hpp"
#include "source_index.hpp"

namespace fs = std::filesystem;
using namespace factpipe::crossref;

namespace {

std::vector<SourceRecord> corpus() {
  return {factcheck_record("bleach", "Drinking bleach cures the coronavirus."),
          factcheck_record("gum", "Swallowed chewing gum stays in your stomach for seven years."),
          factcheck_record("butter", "You can heal a burn by putting butter on it."),
          factcheck_record("vote", "Dead people voted in the election in Michigan."),
          factcheck_record("chores", "Household chores burn as many calories as a gym workout.")};
}

bool model_present() { return fs::exists(factpipe::encoder::default_model_dir() / "model.json"); }

}  // namespace

TEST(DenseVectors, WrittenAndReadBack) {
  if (!model_present()) GTEST_SKIP() << "no encoder model (scripts/fetch-model.sh)";
  TempDir tmp;
  fs::path db = tmp.path() / "fc.sqlite";
  {
    SourceIndex index(db);
    auto records = corpus();
    SourceRecord article;
    article.id = "news";
    article.title = "News";
    article.text = "Officials said the election in Michigan went smoothly.";
    records.push_back(article);
    index.add_records("mem:fc", records);
  }
  auto dense = load_dense_index(db.string());
  ASSERT_TRUE(dense);
  EXPECT_EQ(dense->size(), 5u);  // fact-checks only
  EXPECT_EQ(dense->dim, 512);
  auto encoder = factpipe::encoder::SentenceEncoder::load(factpipe::encoder::default_model_dir());
  auto expected = encoder->encode("Drinking bleach cures the coronavirus.");
  auto cos = cosines(*dense, expected);
  auto best = top_rows(cos, 1);
  ASSERT_EQ(best.size(), 1u);
  EXPECT_NEAR(cos[best[0]], 1.0, 1e-5);  // the stored vector is the record's own
  for (std::size_t r = 0; r < dense->size(); ++r) EXPECT_GT(dense->passages[r], 0);
  // Removing the records drops their vectors.
  {
    SourceIndex index(db);
    index.add_records("mem:fc", {factcheck_record("vote", "Dead people voted in the election in Michigan.")});
  }
  dense = load_dense_index(db.string());
  ASSERT_TRUE(dense);
  EXPECT_EQ(dense->size(), 1u);
}

TEST(DenseVectors, WithoutTheModelTheIndexAndEngineUseWords) {
  TempDir tmp;
  fs::path db = tmp.path() / "fc.sqlite";
  IndexOptions options;
  options.model_dir = tmp.path() / "no-model";
  {
    SourceIndex index(db, options);
    index.add_records("mem:fc", corpus());
  }
  EXPECT_FALSE(load_dense_index(db.string()));  // the table exists, empty
  EngineConfig config;
  config.synonyms = false;
  config.dense_weight = 0.5;
  config.model_dir = options.model_dir;
  Engine engine(db, config, nullptr);
  auto ranked = engine.rank(ClaimInput{"Dead people voted in Michigan", {}, ""}, 5);
  ASSERT_FALSE(ranked.empty());
  EXPECT_EQ(ranked[0].sid, "vote");
}

TEST(DenseVectors, CosineFindsTheParaphraseWordsMiss) {
  if (!model_present()) GTEST_SKIP() << "no encoder model (scripts/fetch-model.sh)";
  TempDir tmp;
  fs::path db = tmp.path() / "fc.sqlite";
  {
    SourceIndex index(db);
    index.add_records("mem:fc", corpus());
  }
  const ClaimInput claim{"Gargling household disinfectant kills the virus", {}, ""};
  EngineConfig config;
  config.synonyms = false;
  Engine words(db, config, nullptr);
  auto by_words = words.rank(claim, 5);
  ASSERT_FALSE(by_words.empty());
  EXPECT_EQ(by_words[0].sid, "chores");  // "household"
  for (const auto& r : by_words) EXPECT_NE(r.sid, "bleach");  // no word in common
  config.dense_weight = 0.8;
  Engine dense(db, config, nullptr);
  auto ranked = dense.rank(claim, 5);
  ASSERT_FALSE(ranked.empty());
  EXPECT_EQ(ranked[0].sid, "bleach");
}
