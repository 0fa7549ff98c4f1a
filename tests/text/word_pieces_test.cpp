// The word scanner, word lists and text view shared by the entities and quotes stages.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include <factpipe/document_json.hpp>
#include <factpipe/text/text_view.hpp>
#include <factpipe/text/word_lists.hpp>
#include <factpipe/text/word_pieces.hpp>

using namespace factpipe;
using namespace factpipe::text;

namespace {

std::vector<std::string> words_of(std::string_view t, const AbbreviationSet& abbreviations,
                                  const ScanOptions& options = {}) {
  std::vector<std::string> out;
  for (const auto& p : scan_pieces(t, Span{0, t.size()}, abbreviations, options))
    out.emplace_back(t.substr(p.span.start, p.span.size()));
  return out;
}

std::filesystem::path write_file(const std::string& name, const std::string& content) {
  auto p = std::filesystem::temp_directory_path() / ("factpipe_text_" + name);
  std::ofstream(p) << content;
  return p;
}

}  // namespace

TEST(WordPieces, KeepsAbbreviationsInitialismsAndSplitsPossessives) {
  AbbreviationSet abbreviations{"sen.", "fla."};
  EXPECT_EQ(words_of("Sen. Rubio (R-Fla.) said the U.S. won.", abbreviations),
            (std::vector<std::string>{"Sen.", "Rubio", "(", "R-Fla.", ")", "said", "the", "U.S.", "won", "."}));
  EXPECT_EQ(words_of("Sen. Rubio", {}), (std::vector<std::string>{"Sen", ".", "Rubio"}));
  EXPECT_EQ(words_of("Clinton\xE2\x80\x99s plan, 1,200.5 votes", {}),
            (std::vector<std::string>{"Clinton", "\xE2\x80\x99s", "plan", ",", "1,200.5", "votes"}));
  auto pieces = scan_pieces("NATO \xE2\x80\x9CYes\xE2\x80\x9D", Span{0, 13}, {});
  ASSERT_EQ(pieces.size(), 4u);
  EXPECT_TRUE(pieces[0].all_caps);
  EXPECT_EQ(pieces[1].kind, PieceKind::punct);
  EXPECT_TRUE(is_quote_mark(pieces[1].cp));
  EXPECT_TRUE(pieces[2].cap);
  EXPECT_FALSE(pieces[2].all_caps);
}

TEST(WordPieces, OptionsSplitEveryCliticAndKeepDatesHyphenatedNumbersAndEllipses) {
  const std::string_view t = "We don\xE2\x80\x99t can't, they'll I'd we're it's on 10/12/2016 at 10:30 .5 COVID-19...";
  // The default (entities, quotes): only the possessive-like "'s" is split; '/' ':' and "-19" split numbers.
  EXPECT_EQ(words_of(t, {}), (std::vector<std::string>{"We",      "don\xE2\x80\x99t",
                                                       "can't",   ",",
                                                       "they'll", "I'd",
                                                       "we're",   "it",
                                                       "'s",      "on",
                                                       "10",      "/",
                                                       "12",      "/",
                                                       "2016",    "at",
                                                       "10",      ":",
                                                       "30",      ".",
                                                       "5",       "COVID",
                                                       "-",       "19",
                                                       ".",       ".",
                                                       "."}));
  ScanOptions all{.split_clitics = true, .dates_and_times = true, .digits_after_hyphen = true, .ellipsis_as_one = true};
  EXPECT_EQ(words_of(t, {}, all),
            (std::vector<std::string>{
                "We", "do", "n\xE2\x80\x99t", "can't", ",",     "they", "'ll",      "I",  "'d", "we", "'re", "it",
                "'s", "on", "10/12/2016",     "at",    "10:30", ".5",   "COVID-19", "..."}));
  auto pieces = scan_pieces(t, Span{0, t.size()}, {}, all);
  EXPECT_EQ(pieces[2].kind, PieceKind::word);
  EXPECT_FALSE(pieces[2].possessive);  // n't
  EXPECT_TRUE(pieces[12].possessive);  // 's
  EXPECT_EQ(pieces[14].kind, PieceKind::number);
  EXPECT_EQ(pieces[17].kind, PieceKind::number);
  EXPECT_EQ(pieces.back().kind, PieceKind::punct);
  // A word that ends in "n" keeps it when no "'t" follows; a clitic needs a non-letter after it.
  EXPECT_EQ(words_of("Clinton's rock'n'roll we'red", {}, all),
            (std::vector<std::string>{"Clinton", "'s", "rock'n'roll", "we'red"}));
}

TEST(WordPieces, PlainLowerSpellsTypographicMarksInAscii) {
  EXPECT_EQ(
      plain_lower(
          "Don\xE2\x80\x99t \xE2\x80\x9CNo\xE2\x80\x9D \xC2\xABOui\xC2\xBB \xE2\x80\x94 \xE2\x80\xA6 \xE2\x80\xA2 "
          "Caf\xC3\xA9 \xC2\xA3"),
      "don't \"no\" \"oui\" - ... * caf\xC3\xA9 \xC2\xA3");
}

TEST(WordPieces, SentencesWithoutASentenceLayerArePlainTextSentencesOfEachParagraph) {
  Document d = document_from_text("t",
                                  "Gov. Brown spoke. He left \xE2\x80\x9C"
                                  "early.\xE2\x80\x9D Then 3 more.\nNext line");
  auto spans = sentence_spans(d);
  std::vector<std::string> got;
  got.reserve(spans.size());
  for (const auto& s : spans) got.emplace_back(d.slice(s));
  EXPECT_EQ(got, (std::vector<std::string>{"Gov. Brown spoke.",
                                           "He left \xE2\x80\x9C"
                                           "early.\xE2\x80\x9D",
                                           "Then 3 more.", "Next line"}));
  EXPECT_EQ(paragraph_spans(d).size(), 2u);
}

TEST(WordLists, LoadMatchesLowerCaseAndNamesTheBadLine) {
  auto list = WordList::load(write_file("list.txt", "# comment\nNorth Korea\nUSA\n\n"));
  EXPECT_TRUE(list.contains("north korea"));
  EXPECT_TRUE(list.contains("usa"));
  EXPECT_FALSE(list.contains("North Korea"));
  EXPECT_EQ(list.max_words(), 2u);
  auto map = WordMap::load(write_file("map.tsv", "Mr.\tm\n"));
  ASSERT_NE(map.find("mr."), nullptr);
  EXPECT_EQ(*map.find("mr."), "m");
  try {
    WordMap::load(write_file("bad.tsv", "# x\nmr.\tm\nmrs\n"));
    FAIL() << "a line without a tab was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("bad.tsv:3"), std::string::npos) << e.what();
  }
  EXPECT_THROW(WordList::load("/nonexistent/list.txt"), std::runtime_error);
}

TEST(TextView, CreditLinesAndSentencePieces) {
  WordList cues;
  cues.add("photo");
  Document d = document_from_text("t", "Jane Doe, Photo via AP\nBy John Smith\nSen. Rubio said it. He left.");
  TextView v = TextView::build(d, AbbreviationSet{"sen."}, cues);
  ASSERT_EQ(v.paragraphs.size(), 3u);
  EXPECT_EQ(v.credit_paragraph, (std::vector<bool>{true, true, false}));
  ASSERT_EQ(v.sentences.size(), 4u);
  EXPECT_EQ(v.str(v.sentences[2].span), "Sen. Rubio said it.");
  EXPECT_EQ(v.sentences[2].lower[0], "sen.");
  EXPECT_EQ(v.paragraph_at(d.text.find("Rubio")), 2);
  TextView paragraphs_only = TextView::build(d, AbbreviationSet{"sen."}, cues, /*with_sentences=*/false);
  EXPECT_TRUE(paragraphs_only.sentences.empty());
}
