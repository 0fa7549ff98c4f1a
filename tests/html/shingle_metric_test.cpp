// The article extraction benchmark's metric, on cases small enough to count by hand.
#include <gtest/gtest.h>

#include "eval/shingle_metric.hpp"

using namespace factpipe::html::eval;

TEST(ShingleMetric, TokensAreWordRunsWithCaseKept) {
  EXPECT_EQ(word_tokens("Don't stop_me, Ünïcode 3.5 — 北京!"),
            (std::vector<std::string>{"Don", "t", "stop_me", "Ünïcode", "3", "5", "北京"}));
}

TEST(ShingleMetric, CountsAreNormalisedPerPage) {
  // truth: a b c d e -> {abcd, bcde}; predicted: a b c d x -> {abcd, bcdx}
  auto c = shingle_match("a b c d e", "a b c d x");
  EXPECT_DOUBLE_EQ(c.tp, 1.0 / 3);
  EXPECT_DOUBLE_EQ(c.fp, 1.0 / 3);
  EXPECT_DOUBLE_EQ(c.fn, 1.0 / 3);
  EXPECT_DOUBLE_EQ(c.precision(), 0.5);
  EXPECT_DOUBLE_EQ(c.recall(), 0.5);
  auto same = shingle_match("One two three four five.", "One two, three four five");
  EXPECT_DOUBLE_EQ(same.tp, 1.0);
  EXPECT_DOUBLE_EQ(same.f1(), 1.0);
}

TEST(ShingleMetric, ShortTextsAreOneShingleAndEmptyPredictionsScoreZero) {
  EXPECT_DOUBLE_EQ(shingle_match("two words", "two words").tp, 1.0);
  auto empty = shingle_match("a b c d", "");
  EXPECT_DOUBLE_EQ(empty.fn, 1.0);
  EXPECT_DOUBLE_EQ(empty.precision(), 0.0);
  EXPECT_DOUBLE_EQ(empty.recall(), 0.0);
}

TEST(ShingleMetric, BenchmarkScoresAverageOverPagesThenTakeTheHarmonicMean) {
  // Page 1 perfect; page 2 half right both ways; page 3 nothing predicted (counts for recall only).
  std::vector<PageCounts> pages{shingle_match("a b c d e", "a b c d e"), shingle_match("a b c d e", "a b c d x"),
                                shingle_match("a b c d e", "")};
  auto s = benchmark_scores(pages);
  EXPECT_DOUBLE_EQ(s.precision, (1.0 + 0.5) / 2);
  EXPECT_DOUBLE_EQ(s.recall, (1.0 + 0.5 + 0.0) / 3);
  EXPECT_DOUBLE_EQ(s.f1, 2 * 0.75 * 0.5 / 1.25);
}
