// Crossref's WordNet: synonyms of a word's first senses, antonyms from "!" pointers (to a synset before or after
// the pointing one, in a data file in WordNet's offset order or not), base forms, irregular forms.
#include <filesystem>
#include <fstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "wordnet.hpp"

using factpipe::crossref::WordNet;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

namespace {

class CrossrefWordNet : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() /
        ("factpipe_crossref_wordnet_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::create_directories(dir_);
    // Two adjective synsets pointing at each other ("high" ! "low"), one noun synset without pointers, an
    // antonym pointing at a synset that comes earlier in the file ("rising" ! "high").
    write("index.adj",
          "high a 1 1 ! 1 0 00000100\nlofty a 1 0 1 0 00000100\nlow a 1 1 ! 1 0 00000200\n"
          "rising a 1 1 ! 1 0 00000300\n");
    write("index.noun", "rise n 1 0 1 0 00000100\n");
    write("index.verb", "rise v 1 0 1 0 00000100\n");
    write("index.adv", "");
    write("data.noun", "00000100 00 n 01 rise 0 000 | an increase\n");
    write("data.verb", "00000100 00 v 01 rise 0 000 | go up\n");
    write("data.adv", "");
    write("verb.exc", "rose rise\nrisen rise\n");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void write(const std::string& name, const std::string& content) { std::ofstream(dir_ / name) << content; }
  void write_adjectives(bool in_offset_order) {
    std::string high = "00000100 00 a 02 high 0 lofty 0 001 ! 00000200 a 0101 | tall\n";
    std::string low = "00000200 00 a 01 low 0 001 ! 00000100 a 0101 | not high\n";
    std::string rising = "00000300 00 a 01 rising 0 001 ! 00000100 a 0101 | going up\n";
    write("data.adj", in_offset_order ? high + low + rising : rising + low + high);
  }
  std::filesystem::path dir_;
};

}  // namespace

TEST_F(CrossrefWordNet, AntonymsReachSynsetsBeforeAndAfterThePointer) {
  write_adjectives(true);
  WordNet wordnet(dir_);
  EXPECT_THAT(wordnet.antonyms("high"), ElementsAre("low"));     // the target comes later in the file
  EXPECT_THAT(wordnet.antonyms("low"), ElementsAre("high"));     // earlier
  EXPECT_THAT(wordnet.antonyms("rising"), ElementsAre("high"));  // the target word only, not its synonym
  EXPECT_THAT(wordnet.synonyms("high"), ElementsAre("lofty"));
  EXPECT_THAT(wordnet.synonyms("low"), IsEmpty());
  EXPECT_THAT(wordnet.base_forms("rose"), ElementsAre("rose", "rise"));
  EXPECT_THAT(wordnet.irregular_forms("rise"), ElementsAre("rose", "risen"));
}

TEST_F(CrossrefWordNet, ADataFileOutOfOffsetOrderGivesTheSameAnswers) {
  write_adjectives(false);
  WordNet wordnet(dir_);
  EXPECT_THAT(wordnet.antonyms("high"), ElementsAre("low"));
  EXPECT_THAT(wordnet.antonyms("low"), ElementsAre("high"));
  EXPECT_THAT(wordnet.antonyms("rising"), ElementsAre("high"));
  EXPECT_THAT(wordnet.synonyms("high"), ElementsAre("lofty"));
}
