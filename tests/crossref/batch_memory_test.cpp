// The claims of a run, indexed by stem: which claims of other documents are worth comparing with a claim.
#include <gtest/gtest.h>

#include <set>

#include "batch_memory.hpp"

using namespace factpipe::crossref;

namespace {

BatchMemory::Entry entry(std::string doc, std::string text) {
  BatchMemory::Entry e;
  e.doc_id = std::move(doc);
  e.text = std::move(text);
  return e;
}

ClaimTerm term(std::string stem, double idf, std::vector<std::string> synonyms = {}) {
  ClaimTerm t;
  t.stem = std::move(stem);
  t.idf = idf;
  t.synonym_stems = std::move(synonyms);
  return t;
}

ClaimProfile claim_of(std::vector<ClaimTerm> terms) {
  ClaimProfile p;
  for (const auto& t : terms) p.idf_total += t.idf;
  p.terms = std::move(terms);
  return p;
}

std::vector<std::string> docs_of(const std::vector<std::shared_ptr<const BatchMemory::Entry>>& found) {
  std::vector<std::string> ids;
  for (const auto& e : found) ids.push_back(e->doc_id);
  return ids;
}

}  // namespace

TEST(BatchMemory, FindsClaimsSharingEnoughWeightBestFirstAndNeverTheSameDocument) {
  BatchMemory memory;
  memory.add({entry("a", "The tram extension will cost $450 million."), entry("b", "The tram extension opens in May."),
              entry("c", "Bus fares rise in May."), entry("self", "The tram extension will cost $450 million.")});
  EXPECT_EQ(memory.size(), 4u);
  // "tram" 3, "extens" 2, "cost" 1: a holds all 6, b holds 5, c none.
  auto claim = claim_of({term("tram", 3), term("extens", 2), term("cost", 1)});
  EXPECT_EQ(docs_of(memory.candidates(claim, "self", 0.5, 10)), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(docs_of(memory.candidates(claim, "self", 0.9, 10)), (std::vector<std::string>{"a"}));
  EXPECT_EQ(docs_of(memory.candidates(claim, "self", 0.5, 1)), (std::vector<std::string>{"a"}));
  EXPECT_EQ(docs_of(memory.candidates(claim, "a", 0.9, 10)), (std::vector<std::string>{"self"}));
}

TEST(BatchMemory, ASynonymCountsSevenTenthsOnceAndNotWhereTheWordItselfIsThere) {
  BatchMemory memory;
  memory.add({entry("word", "The price rose sharply."), entry("syn", "The cost climbed and the expense grew.")});
  // cost has synonyms price and expens: "syn" matches the word itself (cost) -> 1.0, not 1.0 + 0.7 + 0.7;
  // "word" matches only through price -> 0.7.
  auto claim = claim_of({term("cost", 1, {"price", "expens"})});
  EXPECT_TRUE(memory.candidates(claim, "", 0.71, 10).size() == 1u);
  EXPECT_EQ(docs_of(memory.candidates(claim, "", 0.71, 10)), (std::vector<std::string>{"syn"}));
  EXPECT_EQ(docs_of(memory.candidates(claim, "", 0.7, 10)), (std::vector<std::string>{"syn", "word"}));
  EXPECT_TRUE(memory.candidates(claim, "", 1.01, 10).empty());
}

TEST(BatchMemory, LaterBatchesAddToEarlierOnes) {
  BatchMemory memory;
  auto claim = claim_of({term("ferri", 1)});
  EXPECT_TRUE(memory.candidates(claim, "", 0.5, 10).empty());
  memory.add({entry("first", "The ferry runs hourly.")});
  memory.add({entry("second", "A second ferry was ordered.")});
  EXPECT_EQ(docs_of(memory.candidates(claim, "", 0.5, 10)), (std::vector<std::string>{"first", "second"}));
}

TEST(BatchMemory, KeepsTheNewestBatchWholeAndAtMostTheLimitOfEarlierClaims) {
  BatchMemory memory(/*earlier_limit=*/8);
  auto batch = [](int b, int n) {
    std::vector<BatchMemory::Entry> out;
    std::string doc = "b";
    doc += std::to_string(b);  // (not "b" + ...: a false -Wrestrict in g++ 12)
    for (int i = 0; i < n; ++i) out.push_back(entry(doc, "minister resigned today"));
    return out;
  };
  for (int b = 0; b < 10; ++b) {
    memory.add(batch(b, 5));
    EXPECT_LE(memory.size(), 5u + 8u) << "after batch " << b;
  }
  EXPECT_GE(memory.size(), 5u + 6u);  // forgetting goes down to 3/4 of the limit, not to nothing
  EXPECT_EQ(memory.size() + memory.dropped(), 50u);
  // A batch larger than the limit is kept whole.
  memory.add(batch(99, 30));
  EXPECT_GE(memory.size(), 30u);
  // What is left still answers, newest batches included, and never what was forgotten.
  auto found = memory.candidates(claim_of({term("minist", 2.0), term("resign", 2.0)}), "none", 0.5, 1000);
  std::set<std::string> docs;
  for (const auto& e : found) docs.insert(e->doc_id);
  EXPECT_TRUE(docs.contains("b99"));
  EXPECT_FALSE(docs.contains("b0"));
  EXPECT_EQ(found.size(), memory.size());
}
