// The sentence rules of text/ (the segmenter stage's and crossref's plain-text splitter's): split_sentences over
// plain text with the lists compiled in, the paragraph modes, and the compiled-in lists against text/data.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include <factpipe/text/boundary_lexicon.hpp>
#include <factpipe/text/segmentation.hpp>
#include <factpipe/text/sentence_splitter.hpp>

using namespace factpipe;

namespace {

std::vector<std::string> sentences(std::string_view t,
                                   text::ParagraphBreaks breaks = text::ParagraphBreaks::blank_line) {
  std::vector<std::string> out;
  for (const auto& s : text::split_sentences(t, breaks)) out.emplace_back(t.substr(s.start, s.size()));
  return out;
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST(SentenceSplitter, AbbreviationsInitialsQuotesAndBlankLines) {
  EXPECT_EQ(
      sentences("Mr. Smith met J. R. Hale in the U.S. on Monday. \"It rose 5%.\" Then 3 fell!"),
      (std::vector<std::string>{"Mr. Smith met J. R. Hale in the U.S. on Monday.", "\"It rose 5%.\"", "Then 3 fell!"}));
  EXPECT_EQ(sentences("A heading\n\nThe text. it goes on.\nSame paragraph"),
            (std::vector<std::string>{"A heading", "The text. it goes on.", "Same paragraph"}));
  EXPECT_TRUE(sentences("  \n ").empty());
}

TEST(SentenceSplitter, ReadsTheSharedAbbreviationListByClass) {
  // title entries never end a sentence; general ones only before a sentence starter; "No." only before a number;
  // case-sensitive.
  EXPECT_EQ(sentences("Lt. Gen. Flynn spoke. Acme Corp. Sales rose."),
            (std::vector<std::string>{"Lt. Gen. Flynn spoke.", "Acme Corp. Sales rose."}));
  EXPECT_EQ(sentences("It is item No. 3 on the list."), (std::vector<std::string>{"It is item No. 3 on the list."}));
  EXPECT_EQ(sentences("They said No. The vote failed."),
            (std::vector<std::string>{"They said No.", "The vote failed."}));
  EXPECT_EQ(sentences("It reached the sun. The probe survived."),
            (std::vector<std::string>{"It reached the sun.", "The probe survived."}));
}

TEST(SentenceSplitter, TheSegmenterRulesThatThePlainSplitterLacked) {
  // A general abbreviation before a listed sentence starter ends the sentence; before a name it does not.
  EXPECT_EQ(sentences("Troops left the U.S. The next day they landed. U.S. State Secretary Antony Blinken spoke."),
            (std::vector<std::string>{"Troops left the U.S.", "The next day they landed.",
                                      "U.S. State Secretary Antony Blinken spoke."}));
  // A short attribution after a closed quotation stays with it; the lower-case word after "!" goes on.
  EXPECT_EQ(sentences("\xE2\x80\x9CThe money is missing.\xE2\x80\x9D Trump said. \"We will win!\" she said. Next."),
            (std::vector<std::string>{"\xE2\x80\x9CThe money is missing.\xE2\x80\x9D Trump said.",
                                      "\"We will win!\" she said.", "Next."}));
  // An ellipsis ends a sentence only before a capitalised word; a list number alone is no sentence.
  EXPECT_EQ(sentences("We will... win. 1. FIREWORKS FLY over the bay."),
            (std::vector<std::string>{"We will... win.", "1. FIREWORKS FLY over the bay."}));
}

TEST(SentenceSplitter, ParagraphModesDecideSingleLineBreaks) {
  const std::string_view tweet = "BREAKING\nThe minister resigned today\nmore to follow";
  // blank_line (the plain-text default): a line break inside a paragraph is white space.
  EXPECT_EQ(sentences(tweet), (std::vector<std::string>{"BREAKING\nThe minister resigned today\nmore to follow"}));
  // auto (the segmenter's default): a line that starts with a capital opens a paragraph.
  EXPECT_EQ(sentences(tweet, text::ParagraphBreaks::automatic),
            (std::vector<std::string>{"BREAKING", "The minister resigned today\nmore to follow"}));
  EXPECT_EQ(sentences(tweet, text::ParagraphBreaks::newline),
            (std::vector<std::string>{"BREAKING", "The minister resigned today", "more to follow"}));
}

TEST(SentenceSplitter, PlainTextSplitsAsTheSegmenterDoes) {
  // The same walk as segment() with the compiled-in lists: the sentence spans agree on a mixed text.
  const std::string_view t =
      "WASHINGTON (AP) \xE2\x80\x94 Gov. Mike Pence said Tuesday. \xE2\x80\x9CIt's done,\xE2\x80\x9D he said.\n\n"
      "Donald J. Trump Jr. met Ph.D. students at 10:30 a.m. The vote is set for Jan. 5. Officials agreed!";
  text::Segmentation seg;
  text::SegmentOptions options;
  options.paragraph_breaks = text::ParagraphBreaks::blank_line;
  text::segment(t, text::BoundaryLexicon::builtin(), options, seg);
  const auto plain = text::split_sentences(t);
  ASSERT_EQ(plain.size(), seg.sentences.size());
  for (std::size_t i = 0; i < plain.size(); ++i) {
    EXPECT_EQ(plain[i].start, seg.sentences[i].span.start) << i;
    EXPECT_EQ(plain[i].end, seg.sentences[i].span.end) << i;
  }
  EXPECT_GE(plain.size(), 4u);
}

TEST(BoundaryLexicon, TheCompiledInListsAreTheSharedFiles) {
  const auto dir = std::filesystem::path(FACTPIPE_SOURCE_DIR) / "text/data";
  const auto file = text::BoundaryLexicon::load_dir(dir);
  const auto& builtin = text::BoundaryLexicon::builtin();
  EXPECT_GT(file.starter_count(), 50u);
  EXPECT_EQ(builtin.starter_count(), file.starter_count());
  EXPECT_EQ(builtin.abbreviation_count(), file.abbreviation_count());
  for (const char* w : {"The", "However", "But"}) EXPECT_TRUE(builtin.is_sentence_starter(w)) << w;
  EXPECT_FALSE(builtin.is_sentence_starter("Officials"));
  EXPECT_TRUE(builtin.is_attribution_verb("said"));
  EXPECT_EQ(builtin.abbreviation("Gov."), text::AbbreviationClass::title);
  // Each list line is one entry: count the non-comment lines of the starters file.
  std::size_t lines = 0;
  std::istringstream in(read_file(dir / "sentence_starters.txt"));
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != '#') ++lines;
  EXPECT_GE(lines, builtin.starter_count());
}
