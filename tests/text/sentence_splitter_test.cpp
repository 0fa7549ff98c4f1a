// The plain-text sentence splitter (crossref's source passages; sentence_spans without a sentences layer).
#include <gtest/gtest.h>

#include <factpipe/text/sentence_splitter.hpp>

using namespace factpipe;

namespace {

std::vector<std::string> sentences(std::string_view t) {
  std::vector<std::string> out;
  for (const auto& s : text::split_sentences(t)) out.emplace_back(t.substr(s.start, s.size()));
  return out;
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
  // title and general entries never end a sentence here; "No." only before a number; case-sensitive.
  EXPECT_EQ(sentences("Lt. Gen. Flynn spoke. Acme Corp. Sales rose."),
            (std::vector<std::string>{"Lt. Gen. Flynn spoke.", "Acme Corp. Sales rose."}));
  EXPECT_EQ(sentences("It is item No. 3 on the list."), (std::vector<std::string>{"It is item No. 3 on the list."}));
  EXPECT_EQ(sentences("They said No. The vote failed."),
            (std::vector<std::string>{"They said No.", "The vote failed."}));
  EXPECT_EQ(sentences("It reached the sun. The probe survived."),
            (std::vector<std::string>{"It reached the sun.", "The probe survived."}));
}
