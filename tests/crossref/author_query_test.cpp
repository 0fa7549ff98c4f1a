// A post's author (its byline's name) is a second query: fact-checks naming the author and holding the claim's
// words join the candidates, marked for the learned ranker; a post without an author is ranked as before.
#include <algorithm>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "crossref_engine.hpp"
#include "crossref_test_support.hpp"
#include "factcheck_record.hpp"
#include "learned_ranker.hpp"
#include "source_index.hpp"

namespace fs = std::filesystem;
using namespace factpipe::crossref;

namespace {

// Fact-checks where the claim's own words pick "plain" first; only "about-author" names the author.
struct AuthorCorpus {
  TempDir tmp;
  fs::path db = tmp.path() / "fc.sqlite";
  AuthorCorpus() {
    SourceIndex index(db);
    index.add_records("mem:fc", {factcheck_record("plain", "Crime in Northport rose 40 percent last year."),
                                 factcheck_record("close", "Crime in Northport rose sharply last year."),
                                 factcheck_record("about-author", "Jane Holt said crime in Northport fell."),
                                 factcheck_record("other", "The harbour bridge closes for repairs in May.")});
  }
};

EngineConfig small_pool(int author_candidates) {
  EngineConfig config;
  config.synonyms = false;
  config.dense = false;
  config.candidates = 1;  // the word query alone keeps only its best fact-check
  config.author_candidates = author_candidates;
  config.ranker = std::make_shared<const RankerModel>(RankerModel::zeros());  // features kept, order kept
  return config;
}

const RankedPassage* find(const std::vector<RankedPassage>& ranked, const std::string& sid) {
  auto it = std::find_if(ranked.begin(), ranked.end(), [&](const RankedPassage& p) { return p.sid == sid; });
  return it == ranked.end() ? nullptr : &*it;
}

std::size_t feature(const char* name) {
  const auto& names = ranking_feature_names();
  return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

const std::string kClaim = "Crime in Northport rose 40 percent last year";

}  // namespace

TEST(AuthorQuery, APostsAuthorBringsTheFactChecksNamingThem) {
  AuthorCorpus corpus;
  Engine engine(corpus.db, small_pool(2), nullptr);
  auto ranked = engine.rank(ClaimInput{kClaim, {}, "Jane Holt", "Jane Holt"}, 10);
  const RankedPassage* plain = find(ranked, "plain");
  const RankedPassage* about = find(ranked, "about-author");
  ASSERT_NE(plain, nullptr);
  ASSERT_NE(about, nullptr) << "the author query did not add the fact-check naming the author";
  EXPECT_FALSE(plain->author_candidate);
  EXPECT_TRUE(about->author_candidate);
  ASSERT_LT(feature("author_query"), about->ranking_features.size());
  EXPECT_EQ(about->ranking_features[feature("author_query")], 1.0);
  EXPECT_EQ(plain->ranking_features[feature("author_query")], 0.0);
  EXPECT_EQ(about->ranking_features[feature("claimant")], 1.0);  // it names the claimant
}

TEST(AuthorQuery, APostWithoutAnAuthorIsRankedAsWithTheQueryOff) {
  AuthorCorpus corpus;
  Engine on(corpus.db, small_pool(2), nullptr), off(corpus.db, small_pool(0), nullptr);
  auto with_query = on.rank(ClaimInput{kClaim, {}, "", ""}, 10);
  auto without = off.rank(ClaimInput{kClaim, {}, "", ""}, 10);
  ASSERT_EQ(with_query.size(), without.size());
  ASSERT_EQ(with_query.size(), 1u);  // the one word candidate
  for (std::size_t i = 0; i < without.size(); ++i) {
    EXPECT_EQ(with_query[i].sid, without[i].sid);
    EXPECT_EQ(with_query[i].score, without[i].score);
    EXPECT_EQ(with_query[i].ranking_features, without[i].ranking_features);
  }
  // Off, an author changes nothing in the pool either.
  auto author_off = off.rank(ClaimInput{kClaim, {}, "Jane Holt", "Jane Holt"}, 10);
  EXPECT_EQ(find(author_off, "about-author"), nullptr);
}
