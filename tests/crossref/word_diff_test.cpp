// Quotation checks at the word level: which words of a quotation a source has. The verdict rule is the one of
// Engine::verify_quote (verbatim: every quote word, in a span of as many words; altered: similarity of at least
// quote_min_similarity, 0.6 by default, and two common words; else not_found).
#include <gtest/gtest.h>

#include "word_diff.hpp"

using namespace factpipe;
using namespace factpipe::crossref;

namespace {

std::vector<std::string> norms(const std::vector<Word>& words) {
  std::vector<std::string> out;
  out.reserve(words.size());
  for (const auto& w : words) out.push_back(w.norm);
  return out;
}

struct Check {
  std::string status, passage;
  std::vector<DiffOp> diff;
};

Check check(std::string_view quote, std::string_view source) {
  auto q = norms(split_words(quote));
  auto source_words = split_words(source);
  auto s = norms(source_words);
  Alignment a = align_quote(q, s);
  Check c;
  bool verbatim = a.common == q.size() && a.end - a.begin == q.size();
  bool altered = a.similarity >= 0.6 && a.common >= 2;
  c.status = verbatim ? "verbatim" : altered ? "altered" : "not_found";
  if (verbatim || altered) {
    std::size_t start = source_words[a.begin].start;
    c.passage = std::string(source.substr(start, source_words[a.end - 1].end - start));
  }
  if (altered && !verbatim)
    c.diff = word_diff(
        q, std::vector<std::string>(s.begin() + static_cast<long>(a.begin), s.begin() + static_cast<long>(a.end)));
  return c;
}

const std::string_view kSource =
    "At the town hall on Tuesday, the mayor said: \xE2\x80\x9CWe don't raise taxes on families. The U.S. economy "
    "grew, and the city\xE2\x80\x99s budget did too \xE2\x80\x94 every cent of it.\xE2\x80\x9D Then she left.";

}  // namespace

TEST(CrossrefWordDiff, VerbatimQuotationIsFoundWithItsPassage) {
  auto c = check("We don't raise taxes on families.", kSource);
  EXPECT_EQ(c.status, "verbatim");
  EXPECT_EQ(c.passage, "We don't raise taxes on families");
  EXPECT_TRUE(c.diff.empty());
}

TEST(CrossrefWordDiff, OneWordChangedIsAlteredWithItsDiff) {
  auto c = check("We don't cut taxes on families", kSource);
  EXPECT_EQ(c.status, "altered");
  EXPECT_EQ(c.passage, "We don't raise taxes on families");
  EXPECT_EQ(c.diff, (std::vector<DiffOp>{{DiffOp::Op::equal, "we don't"},
                                         {DiffOp::Op::remove, "cut"},
                                         {DiffOp::Op::insert, "raise"},
                                         {DiffOp::Op::equal, "taxes on families"}}));
}

TEST(CrossrefWordDiff, PunctuationAndCaseDoNotAlterAQuotation) {
  EXPECT_EQ(check("WE DON'T RAISE TAXES, ON FAMILIES!", kSource).status, "verbatim");
  EXPECT_EQ(check("\"the U.S. economy grew and the city's budget did too\"", kSource).status, "verbatim");
  EXPECT_EQ(check("(the U.S. economy grew) -- and the city's budget", kSource).status, "verbatim");
}

TEST(CrossrefWordDiff, CurlyAndStraightApostrophesAreTheSame) {
  EXPECT_EQ(check("We don\xE2\x80\x99t raise taxes", kSource).status, "verbatim");
  auto c = check("the city's budget did too", kSource);
  EXPECT_EQ(c.status, "verbatim");
  EXPECT_EQ(c.passage, "the city\xE2\x80\x99s budget did too");
}

TEST(CrossrefWordDiff, UnrelatedWordsAreNotFound) {
  EXPECT_EQ(check("the moon is blue tonight", kSource).status, "not_found");
  EXPECT_EQ(check("taxes", "nothing here at all").status, "not_found");
}

// A dash is punctuation even without spaces around it (the whitespace splitter before the shared scanner made
// "too—every" one word, so this quotation was "altered").
TEST(CrossrefWordDiff, WordsJoinedByADashAreTwoWords) {
  EXPECT_EQ(check("budget did too\xE2\x80\x94"
                  "every cent of it",
                  kSource)
                .status,
            "verbatim");
}
