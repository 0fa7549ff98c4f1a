// Paragraphs: the three break modes, trimming, and sentence / paragraph indices.
#include <gmock/gmock.h>

#include "segmenter_test_support.hpp"

using ::testing::ElementsAre;
using namespace factpipe::segmenter;
using factpipe::segmenter::test::paragraphs;

namespace {
Segmenter with_breaks(ParagraphBreaks mode) {
  Options o;
  o.paragraph_breaks = mode;
  return Segmenter(BoundaryLexicon::load_dir(test::data_dir()), o);
}
}  // namespace

TEST(SegmenterParagraphs, BlankLinesSeparateAndEdgesAreTrimmed) {
  EXPECT_THAT(paragraphs("  First one.  \n\n\n \t\nSecond one.\r\n\r\nThird.  "),
              ElementsAre("First one.", "Second one.", "Third."));
}

TEST(SegmenterParagraphs, AutoModeBreaksAtASingleNewlineBetweenBlocks) {
  // Headline + dek, photo credit line, next paragraph: each line is a block.
  std::string text =
      "Jobs report gives Democrats a lift; \nSolid upturn could blunt claims.\n"
      "Vladimir Smirnov, Sputnik, Kremlin Pool Photo via AP\nThe vote passed.";
  EXPECT_THAT(paragraphs(text),
              ElementsAre("Jobs report gives Democrats a lift;", "Solid upturn could blunt claims.",
                          "Vladimir Smirnov, Sputnik, Kremlin Pool Photo via AP", "The vote passed."));
}

TEST(SegmenterParagraphs, AutoModeJoinsAHardWrappedSentence) {
  std::string text = "The council voted on the bridge plan\nafter a long debate. It passed.\n\"Good,\" he said.";
  EXPECT_THAT(paragraphs(text), ElementsAre("The council voted on the bridge plan\nafter a long debate. It passed.",
                                            "\"Good,\" he said."));
  // After a sentence end a lower-case line is still a new paragraph.
  EXPECT_THAT(paragraphs("It passed.\niPhone sales rose."), ElementsAre("It passed.", "iPhone sales rose."));
}

TEST(SegmenterParagraphs, BlankLineMode) {
  auto seg = with_breaks(ParagraphBreaks::blank_line);
  EXPECT_THAT(paragraphs("One line\nContinues Here.\n\nSecond.", seg),
              ElementsAre("One line\nContinues Here.", "Second."));
}

TEST(SegmenterParagraphs, NewlineMode) {
  auto seg = with_breaks(ParagraphBreaks::newline);
  EXPECT_THAT(paragraphs("one\ntwo\r\nthree\rfour\n\nfive", seg), ElementsAre("one", "two", "three", "four", "five"));
}

TEST(SegmenterParagraphs, UnicodeSeparators) {
  // U+2029 always ends a paragraph; U+2028 is a line break; NBSP-only lines are blank.
  EXPECT_THAT(paragraphs("One.\xE2\x80\xA9Two.\xE2\x80\xA8Three.\n\xC2\xA0\nFour."),
              ElementsAre("One.", "Two.", "Three.", "Four."));
  auto seg = with_breaks(ParagraphBreaks::blank_line);
  EXPECT_THAT(paragraphs("One.\xE2\x80\xA9Two.\xE2\x80\xA8Three.", seg), ElementsAre("One.", "Two.\xE2\x80\xA8Three."));
}

TEST(SegmenterParagraphs, EverySentenceKnowsItsParagraph) {
  std::string text = "A one. A two.\n\nB one.\nC one. C two. C three.";
  auto r = test::default_segmenter().segment(text);
  ASSERT_EQ(r.paragraphs.size(), 3u);
  std::vector<int> idx;
  for (const auto& s : r.sentences) idx.push_back(s.paragraph);
  EXPECT_THAT(idx, ElementsAre(0, 0, 1, 2, 2, 2));
  EXPECT_TRUE(test::invariants_hold(text, r));
}

TEST(SegmenterParagraphs, ParagraphBreaksNames) {
  EXPECT_EQ(paragraph_breaks_from("auto"), ParagraphBreaks::automatic);
  EXPECT_EQ(paragraph_breaks_from("blank_line"), ParagraphBreaks::blank_line);
  EXPECT_EQ(paragraph_breaks_from("newline"), ParagraphBreaks::newline);
  try {
    paragraph_breaks_from("lines");
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("allowed: auto, blank_line, newline"));
  }
}

TEST(SegmenterParagraphs, TokensOfEachSentence) {
  std::string text = "Gov. Smith left. \"Why?\" she asked.\n\nDone.";
  auto r = test::default_segmenter().segment(text);
  ASSERT_EQ(r.sentences.size(), 3u);
  std::vector<std::size_t> sizes;
  std::size_t total = 0;
  for (const auto& s : r.sentences) {
    auto range = tokens_in(r.tokens, s.span);
    sizes.push_back(range.size());
    total += range.size();
    EXPECT_EQ(r.tokens[range.first].span.start, s.span.start);
    EXPECT_EQ(r.tokens[range.last - 1].span.end, s.span.end);
  }
  EXPECT_THAT(sizes, ElementsAre(4u, 7u, 2u));  // Gov. Smith left . | " Why ? " she asked . | Done .
  EXPECT_EQ(total, r.tokens.size());
  EXPECT_TRUE(tokens_in(r.tokens, factpipe::Span{5, 5}).empty());
}
