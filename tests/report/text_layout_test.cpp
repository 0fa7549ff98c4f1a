#include <text_layout.hpp>

#include <gtest/gtest.h>

#include "report_fixtures.hpp"

using namespace factpipe;
using namespace factpipe::report::detail;

namespace {
// Renders a block as text with [k:i ... ] around fragments: '(' for a continued open, ')' for a close
// that does not end the mark.
std::string render(std::string_view text, Span block, const std::vector<Mark>& marks) {
  std::string out;
  LayoutSink sink;
  sink.open = [&](const Fragment& f) {
    out += f.first ? '[' : '(';
    out += std::to_string(f.mark->kind);
    out += ':';
    out += std::to_string(f.mark->index);
    out += ' ';
  };
  sink.close = [&](const Fragment& f) { out += f.last ? "]" : ")"; };
  sink.text = [&](std::string_view s) { out += s; };
  layout(text, block, marks, sink);
  return out;
}
}  // namespace

TEST(TextLayout, NestsContainedSpans) {
  std::string t = "abcdefghij";
  std::vector<Mark> marks{{{2, 8}, 1, 0}, {{4, 6}, 0, 0}};
  EXPECT_EQ(render(t, {0, 10}, marks), "ab[1:0 cd[0:0 ef]gh]ij");
}

TEST(TextLayout, EqualSpansNestByKind) {
  std::string t = "abcdef";
  std::vector<Mark> marks{{{1, 4}, 1, 0}, {{1, 4}, 0, 3}};
  EXPECT_EQ(render(t, {0, 6}, marks), "a[0:3 [1:0 bcd]]ef");
}

TEST(TextLayout, CrossingSpansAreClosedAndReopened) {
  std::string t = "abcdefghij";
  std::vector<Mark> marks{{{1, 6}, 1, 0}, {{4, 9}, 0, 1}};
  // The later mark is closed (not ended) where the earlier one ends, and continues after it.
  EXPECT_EQ(render(t, {0, 10}, marks), "a[1:0 bcd[0:1 ef)](0:1 ghi]j");
}

TEST(TextLayout, SpansAcrossBlocksContinueInTheNextBlock) {
  std::string t = "abc\n\ndef";
  std::vector<Mark> marks{{{1, 7}, 0, 0}};
  EXPECT_EQ(render(t, {0, 3}, marks), "a[0:0 bc)");
  EXPECT_EQ(render(t, {5, 8}, marks), "(0:0 de]f");
}

TEST(TextLayout, SnapNeverSplitsACharacterOrReadsPastTheEnd) {
  std::string t =
      "a\xE2\x80\x9C"
      "b";  // a “ b
  EXPECT_EQ(snap(t, {2, 3}), (Span{1, 4}));
  EXPECT_EQ(snap(t, {3, 99}), (Span{1, 5}));
  EXPECT_EQ(snap(t, {9, 4}), (Span{4, 4}));
}

TEST(TextLayout, BlocksFollowParagraphsAndCoverMissedText) {
  Document d("d", "Title\n\nFirst para.\nSame para.\n\n\nSecond.");
  EXPECT_EQ(blocks(d).size(), 3u);
  EXPECT_EQ(d.slice(blocks(d)[1]), "First para.\nSame para.");
  d.paragraphs.push_back({test::find_span(d, "Second."), Json::object()});
  auto b = blocks(d);
  ASSERT_EQ(b.size(), 3u);  // the text before the only paragraph is not dropped
  EXPECT_EQ(d.slice(b[0]), "Title");
  EXPECT_EQ(d.slice(b[2]), "Second.");
}
