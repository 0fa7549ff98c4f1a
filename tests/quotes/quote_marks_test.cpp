// The quotation-mark scanner on raw text (no other stage needed).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <factpipe/text/word_pieces.hpp>
#include "quote_marks.hpp"

using namespace factpipe;
using namespace factpipe::quotes;

namespace {

std::vector<std::string> inners(const std::string& text) {
  Document d("t", text);
  std::vector<std::string> out;
  for (const auto& q : find_marked_quotes(text, text::paragraph_spans(d))) out.emplace_back(d.slice(q.inner));
  return out;
}

std::vector<MarkedQuote> marked(const std::string& text) {
  Document d("t", text);
  return find_marked_quotes(text, text::paragraph_spans(d));
}

}  // namespace

TEST(QuoteMarks, EveryMarkStyle) {
  EXPECT_THAT(inners("He said “curly double” and ‘curly single’ too."),
              ::testing::ElementsAre("curly double", "curly single"));
  EXPECT_THAT(inners("He said \"straight double\" then 'straight single' there."),
              ::testing::ElementsAre("straight double", "straight single"));
  EXPECT_THAT(inners("Il a dit « bonjour à tous » hier."), ::testing::ElementsAre(" bonjour à tous "));
  EXPECT_THAT(inners("He said ``tex style'' here."), ::testing::ElementsAre("tex style"));
  EXPECT_THAT(inners("''This isn't tax reform,'' said the economist. ''It's anti-reform.''"),
              ::testing::ElementsAre("This isn't tax reform,", "It's anti-reform."));
}

TEST(QuoteMarks, ApostrophesAreNotQuotationMarks) {
  EXPECT_TRUE(inners("Clinton’s team didn't say it. The voters’ choice came in the '90s.").empty());
}

TEST(QuoteMarks, NestedQuotationsBelongToTheOuterOne) {
  EXPECT_THAT(inners("She said, “He told me ‘no’ twice, and I said ‘fine.’” Then she left."),
              ::testing::ElementsAre("He told me ‘no’ twice, and I said ‘fine.’"));
}

TEST(QuoteMarks, QuotationsSpanSentences) {
  EXPECT_THAT(inners("“We are ready. We have always been ready,” she said."),
              ::testing::ElementsAre("We are ready. We have always been ready,"));
}

TEST(QuoteMarks, MultiParagraphQuotationReopensEachParagraph) {
  auto q = marked("He said:\n\n“First part of it.\n\n“Second part.\n\n“Last part,” he said.\n\nAfter.");
  ASSERT_EQ(q.size(), 3u);
  EXPECT_TRUE(q[0].continues);
  EXPECT_FALSE(q[0].continued);
  EXPECT_TRUE(q[1].continues);
  EXPECT_TRUE(q[1].continued);
  EXPECT_FALSE(q[2].continues);
  EXPECT_TRUE(q[2].continued);
  EXPECT_FALSE(q[2].close.empty());
}

TEST(QuoteMarks, WrongClosingMarkStillCloses) {
  auto q = marked("Stoltenberg said: \"We are of course also concerned about the programs.'");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_TRUE(q[0].wrong_close);
  Document d("t", "Stoltenberg said: \"We are of course also concerned about the programs.'");
  EXPECT_EQ(d.slice(q[0].inner), "We are of course also concerned about the programs.");
}

TEST(QuoteMarks, UnmatchedMarkNeverSwallowsTheRest) {
  std::string text = "He said \"this never closes and goes on.\n\nNext paragraph with \"a real quote\" in it.";
  auto q = marked(text);
  ASSERT_EQ(q.size(), 2u);
  Document d("t", text);
  EXPECT_TRUE(q[0].unclosed);
  EXPECT_EQ(d.slice(q[0].inner), "this never closes and goes on.");  // bounded by its paragraph
  EXPECT_EQ(d.slice(q[1].inner), "a real quote");
}

TEST(QuoteMarks, TypoClosingMarkOpeningAParagraph) {
  EXPECT_THAT(inners("”Mr. Smith embodies it,” she wrote."), ::testing::ElementsAre("Mr. Smith embodies it,"));
}

TEST(QuoteMarks, MarkupAttributesAreNotQuotations) {
  EXPECT_THAT(inners("<tweet tweet-author=\"@ed\" tweet-date=\"March 10, 2016\">People wore “Settle For Hillary” "
                     "shirts</tweet>. See <a href=\"http://example.com\">the video</a>."),
              ::testing::ElementsAre("Settle For Hillary"));
  // a plain '<' is no markup
  EXPECT_THAT(inners("If 3 < 4 then \"it holds\" and 5 > 2."), ::testing::ElementsAre("it holds"));
}

// A line break inside an attribute value splits the tag over two paragraphs; neither half opens a quotation.
TEST(QuoteMarks, MarkupSplitAcrossParagraphsIsNoQuotation) {
  EXPECT_THAT(inners("Ed wrote.\n\n<tweet tweet-author=\"@ed\" tweet-date=\"March 9, 2016\n\">Stands empty; “crowd "
                     "in one end” only.</tweet>\n\nHe said \"we will see\" later."),
              ::testing::ElementsAre("crowd in one end", "we will see"));
}

// Only an unclosed tag is carried into the next paragraph: a closed one, or a plain '<', is not.
TEST(QuoteMarks, OnlyUnclosedTagsCarryIntoTheNextParagraph) {
  EXPECT_THAT(inners("If 3 < 4\n\n\"It holds,\" he said.\n\n<b>bold</b>\n\n“Yes,” she said."),
              ::testing::ElementsAre("It holds,", "Yes,"));
}
