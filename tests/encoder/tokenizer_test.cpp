// The tokenizer's rules on small vocabularies; every expected id list was printed by the JavaScript
// tokenizer of @energetic-ai/embeddings 0.2.0 for the same vocabulary and text.
#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include <factpipe/encoder/tokenizer.hpp>

namespace factpipe::encoder {
namespace {

using Ids = std::vector<std::int32_t>;
constexpr double kNull = std::numeric_limits<double>::quiet_NaN();

Tokenizer tokenizer(std::vector<std::pair<std::string, double>> pieces) {
  std::vector<std::pair<std::string, double>> vocabulary{{"\xEF\xBF\xBD", 0}, {"<s>", 0}, {"</s>", 0},
                                                         {"e1", 0},           {"e2", 0},  {"e3", 0}};
  vocabulary.insert(vocabulary.end(), pieces.begin(), pieces.end());
  return Tokenizer(vocabulary);
}

TEST(EncoderTokenizer, TiesGoToTheLaterStart) {
  // "▁ab": "▁a"+"b" and "▁"+"ab" both score -2; the arc starting later ("b") wins.
  const auto t = tokenizer({{"\u2581", -1}, {"\u2581a", -1}, {"ab", -1}, {"b", -1}});
  EXPECT_EQ(t.encode("ab"), (Ids{7, 9}));
  EXPECT_EQ(t.encode("ab ab"), (Ids{7, 9, 7, 9}));
}

TEST(EncoderTokenizer, UnknownSymbolsBecomeOnePieceZero) {
  const auto t = tokenizer({{"\u2581", -1}, {"\u2581a", -1}, {"ab", -1}, {"b", -1}});
  EXPECT_EQ(t.encode("a\xF0\x9F\x98\x80\xF0\x9F\x98\x80"
                     "b"),
            (Ids{6, 0, 9}));                    // two emoji merge into one 0
  EXPECT_EQ(t.encode("a\tb"), (Ids{6, 0, 9}));  // only U+0020 becomes "▁"
  EXPECT_EQ(t.encode("b  b"), (Ids{6, 9, 6, 6, 9}));
}

TEST(EncoderTokenizer, NullScoresCountAsZeroAndAZeroBestIsOverwritten) {
  // "▁x" (null, so 0) reaches the end first with a best of exactly 0, which JavaScript treats as unset:
  // the later "▁"+"x" (-0.2) replaces it, and so does "▁"+"y" (-5.1).
  const auto t = tokenizer({{"\u2581", -0.1}, {"\u2581x", kNull}, {"x", -0.1}, {"\u2581y", kNull}, {"y", -5}});
  EXPECT_EQ(t.encode("x"), (Ids{6, 8}));
  EXPECT_EQ(t.encode("y"), (Ids{6, 10}));
}

TEST(EncoderTokenizer, ARepeatedPieceKeepsItsLastIdAndScore) {
  const auto t = tokenizer({{"\u2581", -1}, {"a", -1}, {"\u2581", -0.1}});
  EXPECT_EQ(t.encode("a"), (Ids{8, 7}));
}

TEST(EncoderTokenizer, TextIsNfkcNormalised) {
  const auto t = tokenizer({{"\u2581", -1}, {"f", -1}, {"i", -1}, {"fi", -1.5}});
  EXPECT_EQ(t.encode("\xEF\xAC\x81"), (Ids{6, 9}));      // "ﬁ" -> "fi"
  EXPECT_EQ(t.encode("\xEF\xBC\xA6i"), (Ids{6, 0, 8}));  // fullwidth "Ｆ" -> "F", not in the vocabulary
  EXPECT_TRUE(t.encode("").empty());
}

}  // namespace
}  // namespace factpipe::encoder
