// Invariants on edge cases, random text and a 20 MB generated text (correctness, not timing).
#include <random>

#include <gmock/gmock.h>

#include "segmenter_test_support.hpp"

using namespace factpipe::segmenter;
using test::default_segmenter;
using test::invariants_hold;

TEST(SegmenterInvariants, EmptyAndWhiteSpaceOnlyText) {
  for (std::string text : {"", " ", "\n", "\n\n\n", " \t\r\n \xC2\xA0 \xE2\x80\x83\n\xE2\x80\xA9"}) {
    auto r = default_segmenter().segment(text);
    EXPECT_TRUE(r.paragraphs.empty());
    EXPECT_TRUE(r.sentences.empty());
    EXPECT_TRUE(r.tokens.empty());
  }
}

TEST(SegmenterInvariants, SingleCharactersAndPunctuationOnly) {
  for (std::string text : {"a", ".", "...", "\"", "''", "``", "?!", "\xE2\x80\x9C", "-", "$", ". . .", "U.S.", "J.",
                           "\xE2\x80\x9D.", "'s", "http://", "@", "#"}) {
    auto r = default_segmenter().segment(text);
    EXPECT_TRUE(invariants_hold(text, r)) << '"' << text << '"';
    EXPECT_EQ(r.sentences.size(), 1u) << '"' << text << '"';
  }
}

namespace {
// Random text from pieces that stress the rules: abbreviations, quotes, dashes, non-ASCII, line breaks.
std::string random_text(std::mt19937& rng, std::size_t pieces) {
  static const std::vector<std::string> parts = {"The",
                                                 "vote",
                                                 "passed",
                                                 "U.S.",
                                                 "Gov.",
                                                 "J.",
                                                 "Inc.",
                                                 "a.m.",
                                                 "No.",
                                                 "3.5",
                                                 "1,200",
                                                 "$",
                                                 "14%",
                                                 "\"",
                                                 "''",
                                                 "``",
                                                 "\xE2\x80\x9C",
                                                 "\xE2\x80\x9D",
                                                 "\xE2\x80\x99",
                                                 "'",
                                                 ".",
                                                 "!",
                                                 "?",
                                                 "...",
                                                 "\xE2\x80\xA6",
                                                 ",",
                                                 ";",
                                                 "--",
                                                 "\xE2\x80\x94",
                                                 "(",
                                                 ")",
                                                 "Caf\xC3\xA9",
                                                 "\xC2\xA0",
                                                 "\n",
                                                 "\n\n",
                                                 "\r\n",
                                                 " ",
                                                 " ",
                                                 " ",
                                                 "he",
                                                 "said",
                                                 "O'Malley",
                                                 "pro-Trump",
                                                 "https://x.org/a.",
                                                 "a@b.co",
                                                 "\xF0\x9F\x98\x80",
                                                 "\xE2\x80\xA8",
                                                 "\xE2\x80\xA9",
                                                 "\t",
                                                 ". . .",
                                                 "-",
                                                 "\xCC\x81",
                                                 "\xE2\x80\x8B",
                                                 "Ho-jin",
                                                 "'s",
                                                 "#"};
  std::uniform_int_distribution<std::size_t> pick(0, parts.size() - 1), coin(0, 3);
  std::string out;
  for (std::size_t i = 0; i < pieces; ++i) {
    out += parts[pick(rng)];
    if (coin(rng) != 0) out += ' ';
  }
  return out;
}
}  // namespace

TEST(SegmenterInvariants, HoldOnRandomText) {
  std::mt19937 rng(20261127);
  for (int round = 0; round < 2000; ++round) {
    std::string text = random_text(rng, 1 + round % 60);
    for (auto mode : {ParagraphBreaks::automatic, ParagraphBreaks::blank_line, ParagraphBreaks::newline}) {
      Options o;
      o.paragraph_breaks = mode;
      Segmenter seg(default_segmenter().lexicon(), o);
      auto r = seg.segment(text);
      ASSERT_TRUE(invariants_hold(text, r)) << "round " << round << " mode " << to_string(mode) << ": " << text;
    }
  }
}

TEST(SegmenterInvariants, TwentyMegabytesOfGeneratedNews) {
  // Paragraphs of sentences built from a fixed pool, so the expected counts are known exactly.
  const std::vector<std::string> pool = {
      "Gov. Jerry Brown said the U.S. economy grew 3.5 percent in the third quarter.",
      "\xE2\x80\x9CWe will win,\xE2\x80\x9D he said.",
      "''It is a good day,'' said Mr. Garin, a pollster in Washington, D.C.",
      "The deal, worth $1.2 billion, closes at 10 a.m. Monday!",
      "Lt. Gen. Michael Flynn and Donald J. Trump met Kim \xE2\x80\x94 the leader \xE2\x80\x94 in Pyongyang?",
      "Caf\xC3\xA9 owners in S\xC3\xA3o Paulo were not consulted...",
  };
  std::string text;
  text.reserve(21u << 20);
  std::size_t expected_sentences = 0, expected_paragraphs = 0, i = 0;
  while (text.size() < (20u << 20)) {
    for (int k = 0; k < 5; ++k, ++i) {
      text += pool[i % pool.size()];
      text += ' ';
      ++expected_sentences;
    }
    text += "\n\n";
    ++expected_paragraphs;
  }
  auto r = default_segmenter().segment(text);
  EXPECT_EQ(r.paragraphs.size(), expected_paragraphs);
  EXPECT_EQ(r.sentences.size(), expected_sentences);
  EXPECT_TRUE(invariants_hold(text, r));
  // Spot checks of exact slices deep inside the text.
  std::size_t s = r.sentences.size() - 7;
  EXPECT_EQ(text.substr(r.sentences[s].span.start, r.sentences[s].span.size()), pool[s % pool.size()]);
  EXPECT_EQ(r.sentences[s].paragraph, static_cast<int>(s / 5));
}

TEST(SegmenterInvariants, SurvivesArbitraryBytes) {
  // The stage rejects invalid UTF-8, but the core must stay in bounds on any input (run under ASan/UBSan).
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> byte(0, 255), len(0, 200);
  for (int round = 0; round < 3000; ++round) {
    std::string text(static_cast<std::size_t>(len(rng)), '\0');
    static const std::string alphabet =
        " .\"'\xE2\x80\x9C\x9D\xC2\xA0"
        "aA1\n!?";
    for (auto& c : text)
      c = round % 2 ? static_cast<char>(byte(rng)) : alphabet[static_cast<std::size_t>(byte(rng)) % alphabet.size()];
    auto r = default_segmenter().segment(text);
    std::size_t pos = 0;
    for (const auto& t : r.tokens) {
      ASSERT_LE(pos, t.span.start);
      ASSERT_LT(t.span.start, t.span.end);
      ASSERT_LE(t.span.end, text.size());
      pos = t.span.end;
    }
    for (const auto& s : r.sentences) ASSERT_LE(s.span.end, text.size());
  }
}
