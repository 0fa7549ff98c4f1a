// Sentence boundaries: abbreviations, initials, quotations, ellipses, numbers, URLs.
#include <gmock/gmock.h>

#include "segmenter_test_support.hpp"

using factpipe::segmenter::test::sentences;
using ::testing::ElementsAre;

TEST(SegmenterSentences, PlainTerminators) {
  EXPECT_THAT(sentences("The vote passed. Critics objected! Was it fair? Nobody knows."),
              ElementsAre("The vote passed.", "Critics objected!", "Was it fair?", "Nobody knows."));
}

TEST(SegmenterSentences, NoTerminatorAtTheEnd) {
  EXPECT_THAT(sentences("The vote passed. Critics objected"), ElementsAre("The vote passed.", "Critics objected"));
}

TEST(SegmenterSentences, TitlesNeverEndASentence) {
  EXPECT_THAT(
      sentences("Gov. Jerry Brown signed it. Lt. Gen. Michael Flynn spoke. Sen. Ted Cruz and Rep. Ann Wagner agreed."),
      ElementsAre("Gov. Jerry Brown signed it.", "Lt. Gen. Michael Flynn spoke.",
                  "Sen. Ted Cruz and Rep. Ann Wagner agreed."));
  EXPECT_THAT(sentences("Mr. Garin added that Dr. Smith and Mrs. Jones left."),
              ElementsAre("Mr. Garin added that Dr. Smith and Mrs. Jones left."));
}

TEST(SegmenterSentences, InitialsInNames) {
  EXPECT_THAT(sentences("Donald J. Trump won. J. R. Hale lost."),
              ElementsAre("Donald J. Trump won.", "J. R. Hale lost."));
  EXPECT_THAT(sentences("George W. Bush and John F. Kennedy were presidents."),
              ElementsAre("George W. Bush and John F. Kennedy were presidents."));
}

TEST(SegmenterSentences, InitialismBeforeANameOrNoun) {
  EXPECT_THAT(sentences("U.S. officials said the U.N. Security Council met in Washington, D.C. on Monday."),
              ElementsAre("U.S. officials said the U.N. Security Council met in Washington, D.C. on Monday."));
  EXPECT_THAT(sentences("In Washington, U.S. State Secretary Antony Blinken said it."),
              ElementsAre("In Washington, U.S. State Secretary Antony Blinken said it."));
}

TEST(SegmenterSentences, InitialismAtTheEndOfASentence) {
  EXPECT_THAT(sentences("He moved to the U.S. The next day he started work."),
              ElementsAre("He moved to the U.S.", "The next day he started work."));
  EXPECT_THAT(sentences("She returned to the U.K. It rained."), ElementsAre("She returned to the U.K.", "It rained."));
  EXPECT_THAT(sentences("The program deterred arrivals into the U.S. Initially, it was small."),
              ElementsAre("The program deterred arrivals into the U.S.", "Initially, it was small."));
  EXPECT_THAT(sentences("He moved to the U.S. \"We love it,\" he said."),
              ElementsAre("He moved to the U.S.", "\"We love it,\" he said."));
  EXPECT_THAT(sentences("The meeting was in Washington, D.C. But nothing was decided."),
              ElementsAre("The meeting was in Washington, D.C.", "But nothing was decided."));
}

TEST(SegmenterSentences, AbbreviationsThatMayEndASentence) {
  EXPECT_THAT(sentences("He works for Apple Inc. The company declined to comment."),
              ElementsAre("He works for Apple Inc.", "The company declined to comment."));
  EXPECT_THAT(sentences("Apple Inc. said profits rose."), ElementsAre("Apple Inc. said profits rose."));
  EXPECT_THAT(sentences("Donald Trump Jr. The son spoke first."),
              ElementsAre("Donald Trump Jr.", "The son spoke first."));
  // Limitation of the heuristic: a capitalised word that is not a usual sentence starter continues.
  EXPECT_THAT(sentences("They met in Sacramento, Calif. Officials declined to comment."),
              ElementsAre("They met in Sacramento, Calif. Officials declined to comment."));
  EXPECT_THAT(sentences("They met in Sacramento, Calif. They declined to comment."),
              ElementsAre("They met in Sacramento, Calif.", "They declined to comment."));
  EXPECT_THAT(sentences("Sen. Kamala Harris (D-Calif.) voted no. Others agreed."),
              ElementsAre("Sen. Kamala Harris (D-Calif.) voted no.", "Others agreed."));
}

TEST(SegmenterSentences, MonthsTimesAndNumbers) {
  EXPECT_THAT(sentences("It opened on Jan. 5 and closed Sept. 30. Sales rose 3.5 percent."),
              ElementsAre("It opened on Jan. 5 and closed Sept. 30.", "Sales rose 3.5 percent."));
  EXPECT_THAT(
      sentences("The vote is at 10 a.m. Monday in Room No. 3. The hearing follows at 2 p.m. It may run late."),
      ElementsAre("The vote is at 10 a.m. Monday in Room No. 3.", "The hearing follows at 2 p.m.", "It may run late."));
  EXPECT_THAT(sentences("The deal is worth $1.2 billion. It closes in 2025."),
              ElementsAre("The deal is worth $1.2 billion.", "It closes in 2025."));
  EXPECT_THAT(sentences("The answer was no. No one asked again."),
              ElementsAre("The answer was no.", "No one asked again."));
}

TEST(SegmenterSentences, CommonLowerCaseAbbreviations) {
  EXPECT_THAT(sentences("They sell apples, pears, etc. at the market. Trump vs. Clinton was close."),
              ElementsAre("They sell apples, pears, etc. at the market.", "Trump vs. Clinton was close."));
  EXPECT_THAT(sentences("Bring fruit, e.g. apples. Then leave."),
              ElementsAre("Bring fruit, e.g. apples.", "Then leave."));
}

TEST(SegmenterSentences, QuotationEndingTheSentence) {
  EXPECT_THAT(sentences("He said \"Go.\" Then he left."), ElementsAre("He said \"Go.\"", "Then he left."));
  EXPECT_THAT(sentences("He said \xE2\x80\x9CGo.\xE2\x80\x9D Then he left."),
              ElementsAre("He said \xE2\x80\x9CGo.\xE2\x80\x9D", "Then he left."));
  EXPECT_THAT(sentences("He called it \"peaceful.\" Putin agreed."),
              ElementsAre("He called it \"peaceful.\"", "Putin agreed."));
  EXPECT_THAT(sentences("She said 'enough.' Then she left."), ElementsAre("She said 'enough.'", "Then she left."));
}

TEST(SegmenterSentences, QuotationFollowedByLowerCaseAttribution) {
  EXPECT_THAT(sentences("\"We will win,\" he said. \"We will win!\" she said. \"Why?\" asked Smith."),
              ElementsAre("\"We will win,\" he said.", "\"We will win!\" she said.", "\"Why?\" asked Smith."));
  EXPECT_THAT(sentences("\xE2\x80\x9CWe will win!\xE2\x80\x9D she said. \xE2\x80\x9CNow.\xE2\x80\x9D"),
              ElementsAre("\xE2\x80\x9CWe will win!\xE2\x80\x9D she said.", "\xE2\x80\x9CNow.\xE2\x80\x9D"));
}

TEST(SegmenterSentences, QuotationSpanningTwoSentences) {
  EXPECT_THAT(
      sentences("\"Korea is providing munitions. Iran has been providing drones,\" Blinken told reporters."),
      ElementsAre("\"Korea is providing munitions.", "Iran has been providing drones,\" Blinken told reporters."));
  EXPECT_THAT(sentences("He said: \xE2\x80\x9CWe will win. We will prevail.\xE2\x80\x9D Then he left."),
              ElementsAre("He said: \xE2\x80\x9CWe will win.", "We will prevail.\xE2\x80\x9D", "Then he left."));
}

TEST(SegmenterSentences, NytDoubleApostropheQuotes) {
  EXPECT_THAT(
      sentences("''We finally may be seeing some wage acceleration,'' the economist wrote. ''It is big.'' He left."),
      ElementsAre("''We finally may be seeing some wage acceleration,'' the economist wrote.", "''It is big.''",
                  "He left."));
  EXPECT_THAT(sentences("``Hello,'' he said. ``Goodbye.'' Then silence."),
              ElementsAre("``Hello,'' he said.", "``Goodbye.''", "Then silence."));
  EXPECT_THAT(sentences("''Is it true?'' asked Mr. Garin. ''Yes!'' Nobody laughed."),
              ElementsAre("''Is it true?'' asked Mr. Garin.", "''Yes!''", "Nobody laughed."));
}

TEST(SegmenterSentences, OpeningQuoteStartsTheNextSentence) {
  EXPECT_THAT(sentences("He paused. \"We are ready,\" he said."),
              ElementsAre("He paused.", "\"We are ready,\" he said."));
  EXPECT_THAT(sentences("He paused. ''We are ready,'' he said."),
              ElementsAre("He paused.", "''We are ready,'' he said."));
}

TEST(SegmenterSentences, FrenchGuillemets) {
  EXPECT_THAT(sentences("Il a dit \xC2\xAB Non. \xC2\xBB Puis il est parti."),
              ElementsAre("Il a dit \xC2\xAB Non. \xC2\xBB", "Puis il est parti."));
  EXPECT_THAT(sentences("He said \xC2\xABNo.\xC2\xBB Then he left."),
              ElementsAre("He said \xC2\xABNo.\xC2\xBB", "Then he left."));
}

TEST(SegmenterSentences, Ellipses) {
  EXPECT_THAT(sentences("We will... win this. Maybe."), ElementsAre("We will... win this.", "Maybe."));
  EXPECT_THAT(sentences("We tried... Nobody came."), ElementsAre("We tried...", "Nobody came."));
  EXPECT_THAT(sentences("We tried\xE2\x80\xA6 Nobody came. We will\xE2\x80\xA6 win."),
              ElementsAre("We tried\xE2\x80\xA6", "Nobody came.", "We will\xE2\x80\xA6 win."));
  EXPECT_THAT(sentences("We tried . . . Nobody came."), ElementsAre("We tried . . .", "Nobody came."));
  EXPECT_THAT(sentences("\"We tried...\" he said."), ElementsAre("\"We tried...\" he said."));
}

TEST(SegmenterSentences, MultipleTerminatorsAndBrackets) {
  EXPECT_THAT(sentences("Really?! Yes. (He left.) Then we ate."),
              ElementsAre("Really?!", "Yes.", "(He left.)", "Then we ate."));
  EXPECT_THAT(sentences("Jeb! was better than before."), ElementsAre("Jeb! was better than before."));
}

TEST(SegmenterSentences, UrlsAndEmailsDoNotSplit) {
  EXPECT_THAT(
      sentences("See https://example.org/a.b?c=1. Or write to press@example.org. Or visit www.example.com today."),
      ElementsAre("See https://example.org/a.b?c=1.", "Or write to press@example.org.",
                  "Or visit www.example.com today."));
  EXPECT_THAT(sentences("It was first reported by Breitbart.com on Monday."),
              ElementsAre("It was first reported by Breitbart.com on Monday."));
}

TEST(SegmenterSentences, NonAsciiTextAndEmDashes) {
  std::string text =
      "Kim \xE2\x80\x93 the leader \xE2\x80\x94 met Putin in Pyongyang. Caf\xC3\xA9 owners in Seoul cheered. "
      "\xC3\x89lys\xC3\xA9"
      "e officials said nothing.";
  EXPECT_THAT(sentences(text), ElementsAre("Kim \xE2\x80\x93 the leader \xE2\x80\x94 met Putin in Pyongyang.",
                                           "Caf\xC3\xA9 owners in Seoul cheered.",
                                           "\xC3\x89lys\xC3\xA9"
                                           "e officials said nothing."));
  // Sentence after a dash ending a quotation: the em dash keeps it together.
  EXPECT_THAT(
      sentences("His act \xE2\x80\x94\xE2\x80\x9CMy plan is great!\xE2\x80\x9D\xE2\x80\x94 is wearing thin."),
      ElementsAre("His act \xE2\x80\x94\xE2\x80\x9CMy plan is great!\xE2\x80\x9D\xE2\x80\x94 is wearing thin."));
}

TEST(SegmenterSentences, NeverCrossAParagraph) {
  // A multi-paragraph quotation (no closing mark at the end of the first paragraph).
  std::string text =
      "\"As we have explained before, the figure is wrong\n\n\"That adds up to 185,000 over two years.\"";
  auto r = factpipe::segmenter::test::default_segmenter().segment(text);
  ASSERT_EQ(r.sentences.size(), 2u);
  EXPECT_EQ(r.sentences[0].paragraph, 0);
  EXPECT_EQ(r.sentences[1].paragraph, 1);
  EXPECT_THAT(sentences(text), ElementsAre("\"As we have explained before, the figure is wrong",
                                           "\"That adds up to 185,000 over two years.\""));
}

TEST(SegmenterSentences, ShortAttributionStaysWithTheQuotation) {
  EXPECT_THAT(sentences("\xE2\x80\x9C"
                        "Find the emails that are missing.\xE2\x80\x9D Trump said. Clinton disagreed."),
              ElementsAre("\xE2\x80\x9C"
                          "Find the emails that are missing.\xE2\x80\x9D Trump said.",
                          "Clinton disagreed."));
  EXPECT_THAT(sentences("\"Why?\" Mr. Smith asked, smiling. He left."),
              ElementsAre("\"Why?\" Mr. Smith asked, smiling.", "He left."));
  // A full sentence after the quotation is a sentence of its own.
  EXPECT_THAT(sentences("\"We will win.\" Trump said the polls were wrong."),
              ElementsAre("\"We will win.\"", "Trump said the polls were wrong."));
  // An attribution that introduces the next quotation starts a sentence.
  EXPECT_THAT(sentences("\"I have a wonderful resume.\" He adds, \"In a campaign things get heated.\""),
              ElementsAre("\"I have a wonderful resume.\"", "He adds, \"In a campaign things get heated.\""));
  EXPECT_THAT(sentences("\"Was it wise?\" He answered: \"No idea.\""),
              ElementsAre("\"Was it wise?\"", "He answered: \"No idea.\""));
  // Without a closing quotation mark there is nothing to attach to.
  EXPECT_THAT(sentences("We will win. Trump said."), ElementsAre("We will win.", "Trump said."));
}

TEST(SegmenterSentences, ListNumbersAndDatelines) {
  EXPECT_THAT(sentences("1. FIREWORKS FLY IN FIRST DEBATE. The candidates clashed."),
              ElementsAre("1. FIREWORKS FLY IN FIRST DEBATE.", "The candidates clashed."));
  EXPECT_THAT(sentences("A. The first point. B. The second point."),
              ElementsAre("A. The first point.", "B. The second point."));
  EXPECT_THAT(sentences("BEDFORD, N.H. (AP) \xE2\x80\x94 Marco Rubio spoke. Then he left."),
              ElementsAre("BEDFORD, N.H. (AP) \xE2\x80\x94 Marco Rubio spoke.", "Then he left."));
}

TEST(SegmenterSentences, InvertedSpanishMarksDoNotEndSentences) {
  EXPECT_THAT(sentences("Dijo \xC2\xA1"
                        "basta! y \xC2\xBFqu\xC3\xA9? Nadie sabe."),
              ElementsAre("Dijo \xC2\xA1"
                          "basta! y \xC2\xBFqu\xC3\xA9?",
                          "Nadie sabe."));
}
