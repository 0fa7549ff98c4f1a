#include <report_writers.hpp>

#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "html_check.hpp"
#include "report_fixtures.hpp"

using namespace factpipe;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {
std::vector<report::BatchEntry> batch() {
  std::vector<report::BatchEntry> entries{report::summarize(test::rich_document(), "zurich cafe.html"),
                                          report::summarize(test::hostile_document(), "javascript:alert(1)")};
  report::BatchEntry failed;
  failed.id = "transit-fares-2026";
  failed.title = "Transit fares rise";
  failed.failed = true;
  failed.error = "segmenter: invalid UTF-8 at line 3, column 7 <b>";
  entries.push_back(failed);
  return entries;
}
}  // namespace

TEST(BatchIndex, SummarizeCountsQuotesClaimsAndVerdicts) {
  auto e = report::summarize(test::rich_document(), "r.html");
  EXPECT_EQ(e.id, "zürich-café-vote");
  EXPECT_EQ(e.report_file, "r.html");
  EXPECT_EQ(e.quotes, 4u);
  EXPECT_EQ(e.claims, 5u);
  EXPECT_EQ(e.verdicts, (std::map<std::string, std::size_t>{
                            {"supported", 1}, {"refuted", 1}, {"disputed", 1}, {"not_enough_evidence", 1}}));
  EXPECT_EQ(e.claimreview.size(), 4u);
}

TEST(BatchIndex, HtmlHasARowPerDocumentTheFailureAndTotals) {
  report::Options o;
  o.settings = {{"date", "2026-03-20"}};
  std::ostringstream out;
  report::write_index("html", batch(), o, out);
  std::string html = out.str();
  EXPECT_EQ(test::tag_balance(html), "");
  if (test::have_xml_parser()) {
    EXPECT_TRUE(test::parse_xml(html).parsed) << test::parse_xml(html).error;
  }
  EXPECT_THAT(
      html, HasSubstr("<a class=\"doc-title\" href=\"zurich%20cafe.html\">Café owners welcome Zürich bridge plan</a>"));
  EXPECT_THAT(html, Not(HasSubstr("href=\"javascript")));
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;"));
  EXPECT_THAT(html, HasSubstr("<tr class=\"failed\">"));
  EXPECT_THAT(html, HasSubstr("Error:</span> segmenter: invalid UTF-8 at line 3, column 7 &lt;b&gt;"));
  EXPECT_THAT(html, HasSubstr("\u2717 Failed</span>"));
  // Totals: 2 processed + 1 failed; 5 quotes (4 + 1), 6 claims (5 + 1), refuted 2 (1 + 1).
  EXPECT_THAT(html,
              HasSubstr("Total (2 processed, 1 failed)</th><td></td><td class=\"num\">5</td><td class=\"num\">6</td>"
                        "<td class=\"num\">1</td><td class=\"num\">2</td><td class=\"num\">1</td>"
                        "<td class=\"num\">1</td><td class=\"num\">1</td>"));
}

TEST(BatchIndex, MarkdownHasTheSameRows) {
  std::ostringstream out;
  report::write_index("md", batch(), {}, out);
  std::string md = out.str();
  EXPECT_THAT(md, HasSubstr("| [Café owners welcome Zürich bridge plan](<zurich%20cafe.html>) | 4 | 5 | 1 | 1 | 1 | 1 "
                            "| 1 | ✓ Processed |"));
  EXPECT_THAT(md, HasSubstr("| Transit fares rise | – | – | – | – | – | – | – | ✗ Failed: segmenter: invalid UTF-8 at "
                            "line 3, column 7 \\<b\\> |"));
  EXPECT_THAT(md, HasSubstr("| **Total** | **5** | **6** | **1** | **2** | **1** | **1** | **1** | |"));
  EXPECT_THAT(md, Not(HasSubstr("](<javascript")));
}
