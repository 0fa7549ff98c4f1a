// The one abbreviation list (text/data/abbreviations.txt): its format, its errors, and the compiled-in copy.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include <factpipe/text/abbreviations.hpp>

using namespace factpipe::text;

namespace {

std::string error_of(std::string_view list) {
  try {
    AbbreviationList::parse(list, "abbr.txt");
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(AbbreviationList, ParsesClassesCaseSensitively) {
  auto list = AbbreviationList::parse("# comment\n\nGov.   title scan\nInc.\tgeneral\nNo. number\tscan\n", "abbr.txt");
  EXPECT_EQ(list.size(), 3u);
  EXPECT_EQ(list.find("Gov."), AbbreviationClass::title);
  EXPECT_EQ(list.find("Inc."), AbbreviationClass::general);
  EXPECT_EQ(list.find("No."), AbbreviationClass::number);
  EXPECT_EQ(list.find("gov."), AbbreviationClass::none);
  EXPECT_EQ(list.find("Gov"), AbbreviationClass::none);
  EXPECT_EQ(list.scanned(), (AbbreviationSet{"gov.", "no."}));
}

TEST(AbbreviationList, ErrorsNameTheSourceAndLine) {
  EXPECT_NE(error_of("Mr. title\nGov. boss\n").find("abbr.txt:2: unknown class 'boss'"), std::string::npos);
  EXPECT_NE(error_of("Mr. title\nGov\n").find("abbr.txt:2: expected '<abbreviation> <class>'"), std::string::npos);
  EXPECT_NE(error_of("Gov title\n").find("abbr.txt:1: abbreviation 'Gov' must end with a period"), std::string::npos);
  EXPECT_NE(error_of("Gov. title\nGov. general\n").find("abbr.txt:2: 'Gov.' is listed twice"), std::string::npos);
  EXPECT_NE(error_of("Gov. title scan\nSen. title skip\n").find("abbr.txt:2: unknown third column 'skip'"),
            std::string::npos);
  EXPECT_EQ(error_of("Gov. title\nGov. title\n"), "");
  try {
    AbbreviationList::load("/nonexistent/abbr.txt");
    FAIL() << "a missing file was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/abbr.txt"), std::string::npos) << e.what();
  }
}

TEST(AbbreviationList, TheCompiledInListIsTheSharedFile) {
  const auto path = std::filesystem::path(FACTPIPE_SOURCE_DIR) / "text/data/abbreviations.txt";
  std::ifstream in(path);
  ASSERT_TRUE(in) << path;
  std::ostringstream ss;
  ss << in.rdbuf();
  const AbbreviationList file = AbbreviationList::parse(ss.str(), "abbreviations.txt");
  const AbbreviationList& builtin = AbbreviationList::builtin();
  EXPECT_GT(file.size(), 150u);
  EXPECT_EQ(builtin.size(), file.size());
  EXPECT_EQ(builtin.scanned(), file.scanned());
  EXPECT_TRUE(builtin.scanned().count("sen."));
  EXPECT_FALSE(builtin.scanned().count("sun."));  // "the Las Vegas Sun." is a name and a full stop
  for (const char* w : {"Gov.", "Gens.", "Inc.", "No.", "Sept."}) EXPECT_EQ(builtin.find(w), file.find(w)) << w;
  EXPECT_EQ(builtin.find("Lt."), AbbreviationClass::title);
}
