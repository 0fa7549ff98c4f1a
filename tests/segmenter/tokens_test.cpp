// Tokens: exact spans and the documented decisions for numbers, hyphens, clitics, abbreviations, quotes.
#include <gmock/gmock.h>

#include "segmenter_test_support.hpp"

using factpipe::segmenter::test::kind_of;
using factpipe::segmenter::test::tokens;
using ::testing::ElementsAre;

TEST(SegmenterTokens, WordsAndPunctuation) {
  EXPECT_THAT(tokens("Putin said, \"Go.\""), ElementsAre("Putin", "said", ",", "\"", "Go", ".", "\""));
}

TEST(SegmenterTokens, Numbers) {
  EXPECT_THAT(tokens("1,200 people paid $1.2 billion, 14% more, at 10:30 on 9/11 and 2024-06-19."),
              ElementsAre("1,200", "people", "paid", "$", "1.2", "billion", ",", "14", "%", "more", ",", "at", "10:30",
                          "on", "9/11", "and", "2024-06-19", "."));
  EXPECT_EQ(kind_of("It rose 3.5 points.", "3.5"), "number");
  EXPECT_EQ(kind_of("It cost $5.", "$"), "symbol");
  EXPECT_EQ(kind_of("It rose 14%.", "%"), "symbol");
  EXPECT_EQ(kind_of("In the 1990s.", "1990s"), "number");
  EXPECT_EQ(kind_of("The 21st century.", "21st"), "number");
  EXPECT_THAT(tokens("It rose .5 points in the '90s."),
              ElementsAre("It", "rose", ".5", "points", "in", "the", "'90s", "."));
  EXPECT_THAT(tokens("It costs $.50 or \xE2\x82\xAC"
                     "3,50, version 2.0.1."),
              ElementsAre("It", "costs", "$", ".50", "or", "\xE2\x82\xAC", "3,50", ",", "version", "2.0.1", "."));
}

TEST(SegmenterTokens, HyphenatedCompounds) {
  EXPECT_THAT(tokens("A 24-year-old well-known COVID-19 expert"),
              ElementsAre("A", "24-year-old", "well-known", "COVID-19", "expert"));
  EXPECT_EQ(kind_of("A 24-year-old man", "24-year-old"), "word");
  // Capitalised parts are split off so that names are tokens of their own.
  EXPECT_THAT(tokens("a pro-Trump rally by Chang Ho-jin"),
              ElementsAre("a", "pro", "-", "Trump", "rally", "by", "Chang", "Ho", "-", "jin"));
  EXPECT_THAT(tokens("the U.S.-led coalition"), ElementsAre("the", "U.S.", "-", "led", "coalition"));
}

TEST(SegmenterTokens, ApostrophesAndClitics) {
  EXPECT_THAT(tokens("O'Malley's campaign doesn't say I'm done; they've said we'll see."),
              ElementsAre("O'Malley", "'s", "campaign", "doesn't", "say", "I", "'m", "done", ";", "they", "'ve", "said",
                          "we", "'ll", "see", "."));
  EXPECT_THAT(tokens("O\xE2\x80\x99Malley\xE2\x80\x99s plan"),
              ElementsAre("O\xE2\x80\x99Malley", "\xE2\x80\x99s", "plan"));
  EXPECT_THAT(tokens("the parents' votes"), ElementsAre("the", "parents", "'", "votes"));
  EXPECT_THAT(tokens("the 1990's boom"), ElementsAre("the", "1990", "'s", "boom"));
}

TEST(SegmenterTokens, AbbreviationsKeepTheirPeriod) {
  EXPECT_THAT(
      tokens("Gov. J. R. Hale of the U.S. left at 10 a.m. on Jan. 5."),
      ElementsAre("Gov.", "J.", "R.", "Hale", "of", "the", "U.S.", "left", "at", "10", "a.m.", "on", "Jan.", "5", "."));
  EXPECT_THAT(tokens("Room No. 3 said no."), ElementsAre("Room", "No.", "3", "said", "no", "."));
  EXPECT_THAT(tokens("He said No. Then left."), ElementsAre("He", "said", "No", ".", "Then", "left", "."));
  EXPECT_THAT(tokens("a Ph.D. student"), ElementsAre("a", "Ph.D.", "student"));
  EXPECT_THAT(tokens("(D-Calif.)"), ElementsAre("(", "D", "-", "Calif.", ")"));
}

TEST(SegmenterTokens, QuotationMarks) {
  EXPECT_THAT(tokens("``Hello,'' he said."), ElementsAre("``", "Hello", ",", "''", "he", "said", "."));
  EXPECT_THAT(tokens("\xE2\x80\x9CYes\xE2\x80\x9D \xE2\x80\x98no\xE2\x80\x99 \xC2\xABsi\xC2\xBB"),
              ElementsAre("\xE2\x80\x9C", "Yes", "\xE2\x80\x9D", "\xE2\x80\x98", "no", "\xE2\x80\x99", "\xC2\xAB", "si",
                          "\xC2\xBB"));
  EXPECT_THAT(tokens("When ordinary 'boots' are out"),
              ElementsAre("When", "ordinary", "'", "boots", "'", "are", "out"));
}

TEST(SegmenterTokens, EllipsesDashesAndTerminatorRuns) {
  EXPECT_THAT(tokens("Wait... no\xE2\x80\xA6 . . . Really?! Yes -- no \xE2\x80\x94 maybe"),
              ElementsAre("Wait", "...", "no", "\xE2\x80\xA6", ". . .", "Really", "?!", "Yes", "--", "no",
                          "\xE2\x80\x94", "maybe"));
}

TEST(SegmenterTokens, UrlsEmailsHandles) {
  EXPECT_THAT(tokens("(see https://example.org/x?y=1), mail a.b@example.org. @realDonaldTrump #MAGA"),
              ElementsAre("(", "see", "https://example.org/x?y=1", ")", ",", "mail", "a.b@example.org", ".",
                          "@realDonaldTrump", "#MAGA"));
  EXPECT_EQ(kind_of("see https://example.org now", "https://example.org"), "other");
  EXPECT_THAT(tokens("AT&T and S&P rose"), ElementsAre("AT&T", "and", "S&P", "rose"));
}

TEST(SegmenterTokens, NonAsciiLettersAndSpaces) {
  // NBSP and the thin space separate; accents, Cyrillic, Hangul and combining marks stay in words.
  std::string text =
      "Caf\xC3\xA9\xC2\xA0"
      "Zo\xC3\xAB\xE2\x80\x89\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD "
      "\xEA\xB9\x80\xEC\xA0\x95\xEC\x9D\x80 Cafe\xCC\x81 \xF0\x9F\x98\x80!";
  EXPECT_THAT(tokens(text),
              ElementsAre("Caf\xC3\xA9", "Zo\xC3\xAB", "\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD",
                          "\xEA\xB9\x80\xEC\xA0\x95\xEC\x9D\x80", "Cafe\xCC\x81", "\xF0\x9F\x98\x80", "!"));
  EXPECT_EQ(kind_of(text, "\xF0\x9F\x98\x80"), "symbol");
}

TEST(SegmenterTokens, InvalidUtf8BytesAreOtherTokensNotCrashes) {
  std::string text = "ab\xC3(x \xE2\x80";
  auto r = factpipe::segmenter::test::default_segmenter().segment(text);
  // Each bad byte is a token of its own; offsets stay ordered and inside the text.
  EXPECT_THAT(factpipe::segmenter::test::slices(text,
                                                [&] {
                                                  std::vector<factpipe::Span> v;
                                                  for (const auto& t : r.tokens) v.push_back(t.span);
                                                  return v;
                                                }()),
              ElementsAre("ab", "\xC3", "(", "x", "\xE2", "\x80"));
  ASSERT_EQ(r.sentences.size(), 1u);
  EXPECT_EQ(r.sentences[0].span.end, text.size());
}
