#include <factpipe/utf8.hpp>

#include <gtest/gtest.h>

using namespace factpipe::utf8;

TEST(Utf8, AcceptsValidText) {
  EXPECT_FALSE(find_invalid("plain ascii").has_value());
  EXPECT_FALSE(find_invalid("Pyongyang \xE2\x80\x9C"
                            "quoted\xE2\x80\x9D \xF0\x9F\x98\x80")
                   .has_value());
}

TEST(Utf8, ReportsLineColumnAndByteOfTheFirstBadSequence) {
  auto bad = find_invalid("line one\nab\xC3(x");
  ASSERT_TRUE(bad.has_value());
  EXPECT_EQ(bad->byte_offset, 11u);
  EXPECT_EQ(bad->line, 2u);
  EXPECT_EQ(bad->column, 3u);
}

TEST(Utf8, RejectsOverlongsSurrogatesAndTruncation) {
  EXPECT_TRUE(find_invalid("\xC0\xAF").has_value());          // overlong '/'
  EXPECT_TRUE(find_invalid("\xED\xA0\x80").has_value());      // surrogate U+D800
  EXPECT_TRUE(find_invalid("\xF4\x90\x80\x80").has_value());  // above U+10FFFF
  EXPECT_TRUE(find_invalid("abc\xE2\x80").has_value());       // truncated at the end
  EXPECT_TRUE(find_invalid("\x80").has_value());              // stray continuation
}

TEST(Utf8, OffsetMapConvertsBothWays) {
  std::string text =
      "a\xE2\x80\x9C"
      "b\xF0\x9F\x98\x80"
      "c";  // a “ b 😀 c
  OffsetMap m(text);
  EXPECT_EQ(m.size_code_points(), 5u);
  EXPECT_EQ(m.to_code_point(0), 0u);
  EXPECT_EQ(m.to_code_point(1), 1u);
  EXPECT_EQ(m.to_code_point(4), 2u);
  EXPECT_EQ(m.to_code_point(5), 3u);
  EXPECT_EQ(m.to_code_point(9), 4u);
  EXPECT_EQ(m.to_code_point(10), 5u);
  for (std::size_t cp = 0; cp <= 5; ++cp) EXPECT_EQ(m.to_code_point(m.to_byte(cp)), cp);
  EXPECT_THROW(m.to_byte(6), std::out_of_range);
}
