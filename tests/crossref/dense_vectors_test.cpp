// Fact-check sentence vectors (issue #13): written at index time when the encoder's model is present, read
// back by the engine, and mixed into fact-check matching; without the model the index and the stage work on
// words alone.
#include <algorithm>
#include <cmath>
#include <filesystem>

#include <gtest/gtest.h>

#include <factpipe/encoder/sentence_encoder.hpp>

#include "crossref_engine.hpp"
#include "crossref_test_support.hpp"
#include "dense_vectors.hpp"
#include "factcheck_record.hpp"
#include "learned_ranker.hpp"
#include "source_index.hpp"
#include "test_paths.hpp"

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

// The corpus indexed (with vectors when the model is present) into a file under `tmp`.
fs::path index_corpus(const TempDir& tmp, const IndexOptions& options = {}) {
  fs::path db = tmp.path() / "fc.sqlite";
  SourceIndex index(db, options);
  index.add_records("mem:fc", corpus());
  return db;
}

std::shared_ptr<const RankerModel> committed_ranker() {
  return RankerModel::load(factpipe::test::source_dir() / "plugins/crossref/data/ranker.json");
}

double feature(const std::vector<double>& x, const std::string& name) {
  const auto& names = ranking_feature_names();
  return x.at(static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin()));
}

}  // namespace

// The scan sums in 16 lanes: every row's dot product within float rounding of the exact one, for widths that
// are and are not a multiple of 16, and a query of the wrong width scores 0.
TEST(DenseVectors, CosinesAreTheDotProducts) {
  for (int dim : {512, 37, 5}) {
    DenseIndex index;
    index.dim = dim;
    const std::size_t rows = 9;
    index.sources.reserve(rows);
    index.passages.reserve(rows);
    index.vectors.reserve(rows * static_cast<std::size_t>(dim));
    for (std::size_t r = 0; r < rows; ++r) {
      index.sources.push_back(static_cast<std::int64_t>(r + 1));
      index.passages.push_back(static_cast<std::int64_t>(r + 1));
      for (int j = 0; j < dim; ++j) index.vectors.push_back(std::sin(0.37f * static_cast<float>(r * 131 + j)));
    }
    std::vector<float> query;
    query.reserve(static_cast<std::size_t>(dim) + 1);
    for (int j = 0; j < dim; ++j) query.push_back(std::cos(0.11f * static_cast<float>(j)));
    const auto cos = cosines(index, query);
    ASSERT_EQ(cos.size(), rows);
    for (std::size_t r = 0; r < rows; ++r) {
      double exact = 0, magnitude = 0;
      for (int j = 0; j < dim; ++j) {
        const double p =
            static_cast<double>(index.vectors[r * static_cast<std::size_t>(dim) + static_cast<std::size_t>(j)]) *
            static_cast<double>(query[static_cast<std::size_t>(j)]);
        exact += p;
        magnitude += std::abs(p);
      }
      EXPECT_NEAR(cos[r], exact, 1e-6 * magnitude + 1e-7) << "dim " << dim << " row " << r;
    }
    query.push_back(1.0f);
    for (float c : cosines(index, query)) EXPECT_EQ(c, 0.0f);
  }
}

TEST(DenseVectors, WrittenAndReadBack) {
  if (!model_present()) GTEST_SKIP() << "no encoder model (scripts/fetch-model.sh)";
  TempDir tmp;
  fs::path db = tmp.path() / "fc.sqlite";
  {
    SourceIndex index(db);
    auto records = corpus();
    records[1].title = "";  // "gum": no title, so no title vector
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
  // A title has its own vector: the title's encoding (cosine 1 with it), none for the untitled record.
  const auto title = encoder->encode("Fact check");
  std::size_t titled = 0;
  for (std::size_t r = 0; r < dense->size(); ++r) {
    const auto t = title_cosine(*dense, r, title);
    if (!t) continue;
    ++titled;
    EXPECT_NEAR(*t, 1.0, 1e-5) << "row " << r;
    EXPECT_LT(*title_cosine(*dense, r, expected), 0.9) << "row " << r;  // the title's vector, not the text's
  }
  EXPECT_EQ(titled, 4u);
  EXPECT_FALSE(title_cosine(*dense, dense->size(), title));      // no such row
  EXPECT_FALSE(title_cosine(*dense, 0, std::vector<float>(3)));  // a query of the wrong width
  {
    // An index written before titles had vectors (schema 7) still loads: the text vectors, no title vectors.
    const fs::path old_db = tmp.path() / "old.sqlite";
    fs::copy_file(db, old_db);
    Database(old_db.string(), Database::Mode::read_write)
        .exec("ALTER TABLE factcheck_vectors DROP COLUMN title_vector");
    auto old = load_dense_index(old_db.string());
    ASSERT_TRUE(old);
    EXPECT_EQ(old->size(), 5u);
    EXPECT_EQ(old->vectors, dense->vectors);
    for (std::size_t r = 0; r < old->size(); ++r) EXPECT_FALSE(title_cosine(*old, r, title)) << "row " << r;
  }
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
  IndexOptions options;
  options.model_dir = tmp.path() / "no-model";
  const fs::path db = index_corpus(tmp, options);
  EXPECT_FALSE(load_dense_index(db.string()));  // the table exists, empty
  EngineConfig config;
  config.synonyms = false;
  config.dense_weight = 0.5;
  config.model_dir = options.model_dir;
  Engine engine(db, config, nullptr);
  auto ranked = engine.rank(ClaimInput{"Dead people voted in Michigan", {}, "", ""}, 5);
  ASSERT_FALSE(ranked.empty());
  EXPECT_EQ(ranked[0].sid, "vote");
}

TEST(DenseVectors, CosineFindsTheParaphraseWordsMiss) {
  if (!model_present()) GTEST_SKIP() << "no encoder model (scripts/fetch-model.sh)";
  TempDir tmp;
  const fs::path db = index_corpus(tmp);
  const ClaimInput claim{"Gargling household disinfectant kills the virus", {}, "", ""};
  EngineConfig config;
  config.synonyms = false;
  config.dense = false;
  Engine words(db, config, nullptr);
  auto by_words = words.rank(claim, 5);
  ASSERT_FALSE(by_words.empty());
  EXPECT_EQ(by_words[0].sid, "chores");                       // "household"
  for (const auto& r : by_words) EXPECT_NE(r.sid, "bleach");  // no word in common
  config.dense = true;
  config.dense_weight = 0.8;
  Engine dense(db, config, nullptr);
  auto ranked = dense.rank(claim, 5);
  ASSERT_FALSE(ranked.empty());
  EXPECT_EQ(ranked[0].sid, "bleach");
}

// The default: vectors on when the index has them and the model is present. The committed fact-check ranker
// reads the cosine then; without the model (the same index) it falls back to its words-only model.
TEST(DenseVectors, TheCommittedRankerReadsTheCosineAndFallsBackWithoutTheModel) {
  if (!model_present()) GTEST_SKIP() << "no encoder model (scripts/fetch-model.sh)";
  load_word_lists((factpipe::test::source_dir() / "plugins/crossref/data").string());
  TempDir tmp;
  const fs::path db = index_corpus(tmp);
  const ClaimInput claim{"Dead people cast votes in Michigan", {}, "", ""};
  EngineConfig config;
  config.synonyms = false;
  config.factcheck_ranker = committed_ranker();
  Engine with_vectors(db, config, nullptr);
  EXPECT_TRUE(with_vectors.dense());
  auto ranked = with_vectors.rank(claim, 5);
  ASSERT_FALSE(ranked.empty());
  EXPECT_EQ(ranked[0].sid, "vote");
  EXPECT_GT(feature(ranked[0].ranking_features, "cosine"), 0.3);
  EXPECT_DOUBLE_EQ(feature(ranked[0].ranking_features, "cosine_rank_inv"), 1.0);
  // Every record here is titled "Fact check": the same title cosine for all (tied first), below the text's.
  for (const auto& r : ranked) {
    const double title = feature(r.ranking_features, "cosine_title");
    EXPECT_NE(title, 0.0) << r.sid;
    EXPECT_DOUBLE_EQ(title, feature(ranked[0].ranking_features, "cosine_title")) << r.sid;
    EXPECT_DOUBLE_EQ(feature(r.ranking_features, "cosine_title_rank_inv"), 1.0) << r.sid;
    EXPECT_DOUBLE_EQ(feature(r.ranking_features, "cosine_best"), std::max(title, feature(r.ranking_features, "cosine")))
        << r.sid;
  }
  EXPECT_LT(feature(ranked[0].ranking_features, "cosine_title"), feature(ranked[0].ranking_features, "cosine"));
  // The dense pool: every fact-check of this small index is among the candidates, "household" or not.
  EXPECT_EQ(with_vectors.rank(claim, 50).size(), corpus().size());

  config.model_dir = tmp.path() / "no-model";  // the model is gone: words only, the same answer
  Engine without(db, config, nullptr);
  EXPECT_FALSE(without.dense());
  auto words = without.rank(claim, 5);
  ASSERT_FALSE(words.empty());
  EXPECT_EQ(words[0].sid, "vote");
  EXPECT_DOUBLE_EQ(feature(words[0].ranking_features, "cosine"), 0.0);

  config.dense = false;  // turned off: the same as no model
  Engine off(db, config, nullptr);
  EXPECT_FALSE(off.dense());
  EXPECT_EQ(off.rank(claim, 5)[0].score, words[0].score);
}

// A model that reads vectors and carries no words-only model cannot run without them: said at start, not a
// silent zero cosine.
TEST(DenseVectors, AVectorOnlyModelWithoutVectorsFailsAtStart) {
  TempDir tmp;
  IndexOptions options;
  options.model_dir = tmp.path() / "no-model";
  const fs::path db = index_corpus(tmp, options);
  EngineConfig config;
  config.model_dir = options.model_dir;
  auto m = RankerModel::make({"cosine", "coverage"}, {0, 0}, {1, 1}, {1, 1}, "test");
  m.about = "vector-only test model";
  config.factcheck_ranker = std::make_shared<const RankerModel>(m);
  try {
    Engine engine(db, config, nullptr);
    ADD_FAILURE() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("vector-only test model"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("without_dense"), std::string::npos) << e.what();
  }
}

// The stage encodes all of a document's claims in one encoder call and scans the fact-check vectors for all
// of them in one pass (Engine::claim_vectors): each claim's vector is bit for bit the one encode() gives it
// alone (claims of every length, a repeat, one too long to keep whole, an empty one), each cosine the one
// cosines() gives, so ranking with them changes nothing: the same sources, scores and features.
TEST(DenseVectors, ClaimCosinesOfADocumentAreTheOneByOneCosines) {
  if (!model_present()) GTEST_SKIP() << "no encoder model (scripts/fetch-model.sh)";
  load_word_lists((factpipe::test::source_dir() / "plugins/crossref/data").string());
  TempDir tmp;
  const fs::path db = index_corpus(tmp);
  EngineConfig config;
  config.synonyms = false;
  config.factcheck_ranker = committed_ranker();
  Engine engine(db, config, nullptr);
  ASSERT_TRUE(engine.dense());
  std::string long_claim;
  for (int i = 0; i < 30; ++i) long_claim += "Dead people voted in Michigan and bleach cures the virus. ";
  const std::vector<std::string> texts = {"Dead people cast votes in Michigan",
                                          "Gum stays in your stomach for seven years, doctors say.",
                                          "Bleach",
                                          "Dead people cast votes in Michigan",
                                          long_claim,
                                          "",
                                          "Putting butter on a burn heals it, according to a viral post on Facebook "
                                          "that was shared more than 40,000 times last week.",
                                          "Household chores burn calories",
                                          "Chewing gum",
                                          "Voters in Michigan"};
  auto encoder = factpipe::encoder::SentenceEncoder::load(factpipe::encoder::default_model_dir());
  const auto vectors = encoder->encode_batch(texts);
  const auto dense = load_dense_index(db.string());
  ASSERT_TRUE(dense);
  const auto batched_cosines = cosines(*dense, vectors);
  const auto claim_vec = engine.claim_vectors(texts);
  ASSERT_EQ(claim_vec.size(), texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const auto alone_vector = encoder->encode(texts[i]);
    EXPECT_EQ(vectors[i], alone_vector) << "claim " << i;
    EXPECT_EQ(batched_cosines[i], cosines(*dense, alone_vector)) << "claim " << i;
    EXPECT_EQ(claim_vec[i].vector, alone_vector) << "claim " << i;
    EXPECT_EQ(claim_vec[i].cosines, batched_cosines[i]) << "claim " << i;
    const ClaimInput claim{texts[i], {}, "", ""};
    const auto alone = engine.rank(claim, 5);
    const auto batched = engine.rank(claim, 5, nullptr, &claim_vec[i]);
    ASSERT_EQ(batched.size(), alone.size()) << "claim " << i;
    for (std::size_t k = 0; k < alone.size(); ++k) {
      EXPECT_EQ(batched[k].sid, alone[k].sid) << "claim " << i;
      EXPECT_EQ(batched[k].score, alone[k].score) << "claim " << i;
      EXPECT_EQ(batched[k].ranking_features, alone[k].ranking_features) << "claim " << i;
    }
  }
  EXPECT_FALSE(engine.rank(ClaimInput{texts[0], {}, "", ""}, 5).empty());
  // A query of the wrong width scores 0, as one alone does.
  const auto odd = cosines(*dense, std::vector<std::vector<float>>{vectors[0], std::vector<float>(3, 1.0f)});
  EXPECT_EQ(odd[0], batched_cosines[0]);
  EXPECT_EQ(odd[1], std::vector<float>(dense->size(), 0.0f));
  // Without vectors in use there is nothing to encode.
  config.dense = false;
  EXPECT_TRUE(Engine(db, config, nullptr).claim_vectors(texts).empty());
}
