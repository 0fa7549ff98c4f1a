// WordTable, the open-addressing table behind the word lists: it must answer as the std::unordered_map it
// replaced, across the growth of its slot array.
#include <string>
#include <unordered_map>

#include <gtest/gtest.h>

#include <factpipe/text/word_lists.hpp>
#include <factpipe/text/word_table.hpp>

using namespace factpipe::text;

TEST(WordTable, EmptyFindsNothing) {
  WordTable<int> t;
  EXPECT_EQ(t.find("said"), nullptr);
  EXPECT_EQ(t.find(""), nullptr);
  EXPECT_EQ(t.size(), 0u);
}

TEST(WordTable, InsertOrAssignKeepsOneEntryPerKey) {
  WordTable<std::string> t;
  t.insert_or_assign("says", "say");
  t.insert_or_assign("said", "say");
  t.insert_or_assign("says", "tell");
  ASSERT_NE(t.find("says"), nullptr);
  EXPECT_EQ(*t.find("says"), "tell");
  EXPECT_EQ(*t.find("said"), "say");
  EXPECT_EQ(t.size(), 2u);
  EXPECT_EQ(t.find("say"), nullptr);  // a prefix is no key
  EXPECT_EQ(t.find("saidx"), nullptr);
}

// Thousands of keys (several rehashes), checked against std::unordered_map: every key found with its last
// value, and keys never added not found.
TEST(WordTable, AgreesWithUnorderedMapThroughGrowth) {
  WordTable<int> t;
  std::unordered_map<std::string, int> ref;
  for (int i = 0; i < 5000; ++i) {
    std::string k = std::to_string(i * 7919 % 3001) + "w";  // repeats: overwrites
    t.insert_or_assign(k, i);
    ref[k] = i;
  }
  EXPECT_EQ(t.size(), ref.size());
  for (const auto& [k, v] : ref) {
    const int* got = t.find(k);
    ASSERT_NE(got, nullptr) << k;
    EXPECT_EQ(*got, v) << k;
  }
  for (int i = 3001; i < 4000; ++i) EXPECT_EQ(t.find(std::to_string(i) + "w"), nullptr);
}

TEST(WordLists, MapAndListLookUpLowerCaseEntries) {
  WordMap m;
  m.add("  Said ", " say ");
  m.add("North Korea", "Pyongyang");
  ASSERT_NE(m.find("said"), nullptr);
  EXPECT_EQ(*m.find("said"), "say");
  EXPECT_EQ(m.find("Said"), nullptr);  // look-ups take lower-case words
  EXPECT_EQ(m.max_words(), 2u);
  WordList l;
  l.add("AP Photo");
  l.add("Getty");
  EXPECT_TRUE(l.contains("ap photo"));
  EXPECT_TRUE(l.contains("getty"));
  EXPECT_FALSE(l.contains("reuters"));
  EXPECT_EQ(l.size(), 2u);
}
