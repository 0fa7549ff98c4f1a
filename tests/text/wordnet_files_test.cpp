// The WordNet file readers shared by crossref (synonyms, antonyms) and the claims experiments (word classes).
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <factpipe/text/wordnet_files.hpp>

namespace wn = factpipe::text::wordnet;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

namespace {

// A folder of its own per test, removed at the end.
class WordNetFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("factpipe_wordnet_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path write(const std::string& name, const std::string& content) {
    auto p = dir_ / name;
    std::ofstream(p) << content;
    return p;
  }
  std::string error_of(const std::function<void()>& f) {
    try {
      f();
    } catch (const std::exception& e) {
      return e.what();
    }
    return "";
  }
  std::filesystem::path dir_;
};

}  // namespace

TEST_F(WordNetFiles, IndexEntriesWithTheirSensesInOrder) {
  auto file = write("index.noun",
                    "  1 This software and database is being provided to you, the LICENSEE\n"
                    "budget n 2 3 @ ~ + 2 1 13365286 06513366\n"
                    "ice_cream n 1 1 @ 1 0 07614500\n");
  std::vector<std::string> lemmas;
  std::vector<std::vector<std::uint32_t>> offsets;
  wn::read_index(file, [&](const wn::IndexEntry& e) {
    lemmas.emplace_back(e.lemma);
    offsets.push_back(e.offsets);
  });
  EXPECT_THAT(lemmas, ElementsAre("budget", "ice_cream"));
  EXPECT_THAT(offsets[0], ElementsAre(13365286u, 6513366u));
  EXPECT_THAT(offsets[1], ElementsAre(7614500u));
}

TEST_F(WordNetFiles, SynsetsWithWordsLexFileAndPointers) {
  auto file =
      write("data.adj",
            "  1 licence header\n"
            "00001740 00 a 01 able 0 005 = 05207437 n 0000 = 05624029 n 0000 + 05624029 n 0101 ! 00002098 a 0101 "
            "+ 05207437 n 0101 | (usually followed by `to') having the necessary means\n"
            "00002098 00 s 0a unable 0 Unable(a) 0 x 0 y 0 z 0 u 0 v 0 w 0 q 0 r 0 000 | not able\n");
  std::vector<wn::Synset> seen;
  std::vector<std::vector<std::string>> words;
  std::vector<std::string> symbols;  // the views live only during the call
  wn::read_data(file, [&](const wn::Synset& s) {
    seen.push_back(s);
    words.emplace_back(s.words.begin(), s.words.end());
    for (const auto& p : s.pointers) symbols.emplace_back(p.symbol);
  });
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].offset, 1740u);
  EXPECT_EQ(seen[0].lex_file, 0);
  EXPECT_THAT(words[0], ElementsAre("able"));
  ASSERT_EQ(seen[0].pointers.size(), 5u);
  const wn::Pointer& antonym = seen[0].pointers[3];
  EXPECT_THAT(symbols, ElementsAre("=", "=", "+", "!", "+"));
  EXPECT_EQ(antonym.target, 2098u);
  EXPECT_EQ(antonym.target_pos, 'a');
  EXPECT_EQ(antonym.source_word, 1);
  EXPECT_EQ(antonym.target_word, 1);
  EXPECT_EQ(words[1].size(), 10u);  // the word count is hexadecimal
  EXPECT_EQ(wn::clean_lemma(words[1][1]), "unable");
  EXPECT_TRUE(seen[1].pointers.empty());
}

TEST_F(WordNetFiles, ExceptionsWithEveryBaseForm) {
  auto file = write("verb.exc", "rose rise\naxes ax axe\n\n");
  std::vector<std::string> seen;
  wn::read_exceptions(file, [&](std::string_view inflected, const std::vector<std::string_view>& bases) {
    std::string line(inflected);
    for (auto b : bases) line.append(" ").append(b);
    seen.push_back(line);
  });
  EXPECT_THAT(seen, ElementsAre("rose rise", "axes ax axe"));
}

TEST_F(WordNetFiles, MalformedLinesAndMissingFilesAreNamed) {
  auto index = write("index.verb", "rise v 1 0 1 0 00001\nfall v 2 0 1 0 00002\n");  // 2 senses, 1 offset
  EXPECT_THAT(error_of([&] { wn::read_index(index, [](const wn::IndexEntry&) {}); }),
              HasSubstr(index.string() + ":2: malformed index line: no synset offset"));
  auto data = write("data.verb", "00000001 29 v zz rise 0 000 | go up\n");
  EXPECT_THAT(error_of([&] { wn::read_data(data, [](const wn::Synset&) {}); }),
              HasSubstr(data.string() + ":1: malformed data line: word count is not a number: 'zz'"));
  auto exc = write("noun.exc", "geese goose\nmice\n");
  EXPECT_THAT(
      error_of([&] { wn::read_exceptions(exc, [](std::string_view, const std::vector<std::string_view>&) {}); }),
      HasSubstr(exc.string() + ":2: malformed exception line"));
  EXPECT_THAT(
      error_of([&] { wn::read_index(dir_ / "index.adv", [](const wn::IndexEntry&) {}); }),
      HasSubstr("WordNet file not readable: " + (dir_ / "index.adv").string() + " (install Debian's wordnet-base)"));
}

TEST(WordNetLemma, CleanLemmaIsLowerCaseWithSpacesAndNoMarker) {
  EXPECT_EQ(wn::clean_lemma("Ice_Cream"), "ice cream");
  EXPECT_EQ(wn::clean_lemma("big(a)"), "big");
}

// Debian's wordnet-base, when installed (scripts/setup.sh installs it): every file of every part of speech reads.
TEST(WordNetInstalled, EveryFileReads) {
  const std::filesystem::path dir(wn::kDefaultDir);
  if (!std::filesystem::exists(dir / "index.noun")) GTEST_SKIP() << "wordnet-base not installed";
  for (auto [pos, name] : wn::kPartsOfSpeech) {
    std::size_t lemmas = 0, synsets = 0, exceptions = 0;
    wn::read_index(dir / ("index." + std::string(name)), [&](const wn::IndexEntry& e) {
      EXPECT_FALSE(e.offsets.empty()) << e.lemma;
      ++lemmas;
    });
    wn::read_data(dir / ("data." + std::string(name)), [&](const wn::Synset&) { ++synsets; });
    wn::read_exceptions(dir / (std::string(name) + ".exc"),
                        [&](std::string_view, const std::vector<std::string_view>&) { ++exceptions; });
    EXPECT_GT(lemmas, 3000u) << name;
    EXPECT_GT(synsets, 3000u) << name;
    EXPECT_GT(exceptions, 0u) << name;
  }
}
