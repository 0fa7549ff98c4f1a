#include <escaping.hpp>
#include <report_writers.hpp>
#include <text_layout.hpp>

#include <algorithm>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "html_check.hpp"
#include "report_fixtures.hpp"

using namespace factpipe;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

std::string html_of(const Document& d, report::Options o = {}) {
  if (!o.settings.contains("date")) o.settings["date"] = "2026-03-20";
  std::ostringstream out;
  report::write_document("html", d, o, out);
  return out.str();
}

std::size_t occurrences(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (auto p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

TEST(HtmlReport, IsWellFormedWithOverlappingQuotesAndClaims) {
  Document d = test::rich_document();
  std::string html = html_of(d);
  EXPECT_EQ(test::tag_balance(html), "");
  if (!test::have_xml_parser()) GTEST_SKIP() << "built without libxml2: strict XML parse not run";
  auto facts = test::parse_xml(html);
  ASSERT_TRUE(facts.parsed) << facts.error;
  // Every id is unique (continued fragments carry none).
  std::vector<std::string> ids;
  for (const auto& [name, value] : facts.attributes)
    if (name == "id") ids.push_back(value);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end()) << "duplicate id";
}

TEST(HtmlReport, ArticleTextSurvivesTheMarkupExactly) {
  if (!test::have_xml_parser()) GTEST_SKIP() << "built without libxml2";
  Document d = test::rich_document();
  std::string expected = "\n";
  for (const Span& b : report::detail::blocks(d)) expected += std::string(d.slice(b)) + "\n";
  // Labels (speaker, claim rank) are added text; everything else is the article, in order, once.
  EXPECT_EQ(test::text_of_class(html_of(d), "article", {"who", "vlabel"}), expected);
}

TEST(HtmlReport, CrossingClaimIsSplitIntoFragmentsWithOneAnchor) {
  Document d = test::rich_document();
  std::string html = html_of(d);
  // Claim 2 (disputed) starts inside quote 1 and ends after it: two fragments, one id, one label.
  EXPECT_EQ(occurrences(html, "<mark class=\"claim v-disputed\""), 2u);
  EXPECT_EQ(occurrences(html, "id=\"text-claim-2\""), 1u);
  EXPECT_EQ(occurrences(html, "class=\"vlabel v-disputed\" href=\"#claim-2\""), 1u);
  // Claim 5 spans the paragraph break, and claim 2 ends inside it: closed and reopened at both.
  EXPECT_EQ(occurrences(html, "<mark class=\"claim v-nee\""), 3u);
  EXPECT_EQ(occurrences(html, "id=\"text-claim-5\""), 1u);
}

TEST(HtmlReport, ShowsClaimsTableRankedWithEvidenceAndVerdicts) {
  Document d = test::rich_document();
  std::string html = html_of(d);
  for (const auto& c : d.claims)
    EXPECT_THAT(html,
                HasSubstr("<p class=\"said\">" + report::detail::html_escape(report::detail::squash_space(c.text))));
  EXPECT_THAT(html, HasSubstr("Lena Ortiz said the Zürich bridge will cost €1.2 billion."));  // normalized
  // Ranked by check-worthiness: 0.91, 0.88, 0.55, 0.30, 0.20.
  auto at = [&](int claim) { return html.find("id=\"claim-" + std::to_string(claim) + "\""); };
  EXPECT_LT(at(1), at(3));
  EXPECT_LT(at(3), at(2));
  EXPECT_LT(at(2), at(5));
  EXPECT_LT(at(5), at(4));
  EXPECT_THAT(html, HasSubstr("\u2713 Supported \u00B7 82%"));
  EXPECT_THAT(html, HasSubstr("\u2717 Refuted \u00B7 77%"));
  EXPECT_THAT(html, HasSubstr("\u00B1 Disputed"));
  EXPECT_THAT(html, HasSubstr("? Not enough evidence"));
  EXPECT_THAT(html, HasSubstr("Not checked"));
  EXPECT_THAT(html, HasSubstr("<a href=\"https://example.org/sources/budget\">City budget 2026: capital plan</a>"));
  EXPECT_THAT(html, HasSubstr("City of Port Calder \u00B7 2026-01-28 \u00B7 score 14.25"));
  EXPECT_THAT(html, HasSubstr("The 2026 budget gives the same figure."));
  // The earlier fact-check, under the claim and in its own section.
  EXPECT_EQ(occurrences(html, "Does the Harbour Link really cost €1.2 billion?"), 2u);
  EXPECT_THAT(html, HasSubstr("Rated: Mostly true"));
  EXPECT_THAT(html, HasSubstr("<td>Calder Verify</td><td class=\"date\">2026-03-02</td>"));
  // A claim without a claimant belongs to the publication.
  EXPECT_THAT(html, HasSubstr("the publication</span> (Calder Ledger)"));
}

TEST(HtmlReport, TheArticlesAuthorsInTheHeaderAndOnItsOwnClaims) {
  Document d = test::rich_document();
  EXPECT_THAT(html_of(d), Not(HasSubstr("<dt>By</dt>")));  // no authors, no line
  d.metadata.authors = {"Ana  Ruiz", "", "Bo <b>Lee</b>"};
  std::string html = html_of(d);
  EXPECT_THAT(html, HasSubstr("<div><dt>By</dt><dd>Ana Ruiz and Bo &lt;b&gt;Lee&lt;/b&gt;</dd></div>\n"
                              "<div><dt>Publisher</dt><dd>Calder Ledger</dd></div>"));
  // A claim without a claimant is the article's: its authors and publisher.
  EXPECT_THAT(html, HasSubstr("the publication</span> (Ana Ruiz and Bo &lt;b&gt;Lee&lt;/b&gt;, Calder Ledger)"));
  EXPECT_EQ(test::tag_balance(html), "");
}

TEST(HtmlReport, LabelsQuotesWithTheirSpeakersAndGroupsThem) {
  Document d = test::rich_document();
  std::string html = html_of(d);
  EXPECT_THAT(html, HasSubstr("<sup class=\"who\">\u2014 Lena Ortiz</sup>"));
  EXPECT_EQ(occurrences(html, "<sup class=\"who\">\u2014 Dávid Mbeki</sup>"), 2u);  // partial + indirect
  EXPECT_THAT(html, HasSubstr("<sup class=\"who\">\u2014 Unattributed</sup>"));
  EXPECT_THAT(html, HasSubstr("title=\"Direct quote \u2014 Lena Ortiz\""));
  // Who said what: one group per person (the unresolved "Mbeki" speaker is the entity Dávid Mbeki),
  // unattributed last.
  auto ortiz = html.find(">Lena Ortiz <span class=\"count\">(1 quotation)");
  auto mbeki = html.find(">Dávid Mbeki <span class=\"count\">(2 quotations)");
  auto nobody = html.find(">Unattributed <span class=\"count\">(1 quotation)");
  ASSERT_NE(ortiz, std::string::npos);
  ASSERT_NE(mbeki, std::string::npos);
  ASSERT_NE(nobody, std::string::npos);
  EXPECT_LT(ortiz, mbeki);
  EXPECT_LT(mbeki, nobody);
  EXPECT_THAT(html, HasSubstr("as \u201CMayor Lena Ortiz\u201D"));
}

TEST(HtmlReport, MixedSpeechIsMarkedAsReportedSpeechWithItsOwnMarks) {
  Document d = test::rich_document();
  d.quotes[2].kind = QuoteKind::mixed;
  std::string html = html_of(d);
  EXPECT_THAT(html, HasSubstr("<mark class=\"q q-mixed\" id=\"text-quote-3\""));
  EXPECT_THAT(html, HasSubstr("title=\"Reported speech with a quotation \u2014 D\u00e1vid Mbeki\""));
  EXPECT_THAT(html, HasSubstr("<span class=\"badge k-mixed\">"));
  // reported speech is not put between marks of ours
  EXPECT_THAT(html, Not(HasSubstr("\u201Cridership fell 14 % in 2025\u201D")));
  EXPECT_THAT(html, HasSubstr("1 reported"));
}

TEST(HtmlReport, ShowsQuoteVerificationWithWordDiff) {
  std::string html = html_of(test::rich_document());
  EXPECT_THAT(
      html,
      HasSubstr("and every month we <del>wait</del> <ins>delay</ins> adds to <del>that</del> <ins>the</ins> bill"));
  EXPECT_THAT(html, HasSubstr("\u2260 Altered"));
  EXPECT_THAT(html, HasSubstr("\u2713 Verbatim"));
  EXPECT_THAT(html, HasSubstr("Not found in sources"));
  EXPECT_THAT(html, HasSubstr("1 of 4 quotations were not checked"));
}

TEST(HtmlReport, ShowsProvenanceAndIsAccessible) {
  report::Options o;
  o.pipeline_file = "/etc/factpipe/default.yaml";
  std::string html = html_of(test::rich_document(), o);
  EXPECT_THAT(html, HasSubstr("<code>/etc/factpipe/default.yaml</code>"));
  EXPECT_THAT(html, HasSubstr("<th scope=\"row\">quotes</th><td>quotes</td><td>0.2.0</td><td class=\"num\">4.3</td>"));
  EXPECT_THAT(html, HasSubstr("<td class=\"num\">186.3</td>"));  // total ms
  EXPECT_THAT(html, HasSubstr("<html lang=\"en\">"));
  EXPECT_THAT(html, HasSubstr("<main>"));
  EXPECT_THAT(html, HasSubstr("<caption>"));
  EXPECT_THAT(html, HasSubstr("<th scope=\"col\">"));
  EXPECT_EQ(occurrences(html, "<section "),
            occurrences(html, "<section id=\"") + occurrences(html, "<section class=\"speaker\""));
  EXPECT_EQ(occurrences(html, "<section "), occurrences(html, "aria-labelledby="));
  EXPECT_THAT(html, HasSubstr("@media print"));
  EXPECT_THAT(html, HasSubstr("a[href^=\"http\"]::after"));
  // Self-contained: nothing is fetched.
  EXPECT_THAT(lower(html), Not(HasSubstr("<script")));
  EXPECT_THAT(lower(html), Not(HasSubstr("<link")));
  EXPECT_THAT(lower(html), Not(HasSubstr("src=")));
  EXPECT_THAT(lower(html), Not(HasSubstr("@import")));
}

TEST(HtmlReport, EscapesHostileTextEverywhere) {
  Document d = test::hostile_document();
  std::string html = html_of(d);
  EXPECT_EQ(test::tag_balance(html), "");
  EXPECT_THAT(lower(html), Not(HasSubstr("<script")));
  EXPECT_THAT(lower(html), Not(HasSubstr("<b>")));
  EXPECT_THAT(lower(html), Not(HasSubstr("<img")));
  EXPECT_THAT(html, Not(HasSubstr("\" onmouseover=\"")));
  EXPECT_THAT(lower(html), Not(HasSubstr("href=\"javascript")));
  EXPECT_THAT(html, HasSubstr("<html lang=\"en\">"));  // the hostile language tag is refused
  // The reader still sees the text as written.
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt; and &quot; onmouseover=&quot;x"));
  EXPECT_THAT(html, HasSubstr("javascript:alert(5)"));

  if (!test::have_xml_parser()) GTEST_SKIP() << "built without libxml2: DOM checks not run";
  auto facts = test::parse_xml(html);
  ASSERT_TRUE(facts.parsed) << facts.error;
  for (const auto& e : facts.elements) EXPECT_NE(lower(e), "script");
  std::size_t links = 0;
  for (const auto& [name, value] : facts.attributes) {
    EXPECT_NE(lower(name).rfind("on", 0), 0u) << name << "=" << value;
    if (name == "href") {
      ++links;
      EXPECT_TRUE(value.rfind("https://", 0) == 0 || value.rfind("http://", 0) == 0 || value.rfind("#", 0) == 0)
          << value;
    }
  }
  EXPECT_GT(links, 0u);
  // The http url holding a double quote is linked, intact, inside its attribute.
  bool found = false;
  for (const auto& [name, value] : facts.attributes) found |= name == "href" && value == d.claims[0].evidence[1].url;
  EXPECT_TRUE(found);
  for (const std::string text : {"<script>alert(1)</script> and \" onmouseover=\"x", "<script>alert(5)</script>",
                                 "<script>alert(2)</script>", "<b>we</b> | deny it", "<script>alert(8)</script>"})
    EXPECT_THAT(facts.text, HasSubstr(text));
}

TEST(HtmlReport, EmptyDocumentStillRenders) {
  Document d("empty", "");
  std::string html = html_of(d);
  EXPECT_EQ(test::tag_balance(html), "");
  EXPECT_THAT(html, HasSubstr("No check-worthy claims were found."));
  EXPECT_THAT(html, HasSubstr("No quotations were found."));
  if (test::have_xml_parser()) {
    EXPECT_TRUE(test::parse_xml(html).parsed);
  }
}

TEST(HtmlReport, OutOfRangeSpansAreClampedNotFollowed) {
  Document d = test::rich_document();
  d.quotes[0].span = {d.text.size() - 3, d.text.size() + 50};
  d.claims[0].span = {5, 3};
  d.claims[1].span.start += 1;  // inside a multi-byte character? still renders whole characters
  std::string html = html_of(d);
  EXPECT_EQ(test::tag_balance(html), "");
  if (test::have_xml_parser()) {
    EXPECT_TRUE(test::parse_xml(html).parsed) << test::parse_xml(html).error;
  }
}

TEST(ReportFormats, NamesExtensionsAndErrors) {
  EXPECT_EQ(report::formats(), (std::vector<std::string>{"html", "md", "claimreview"}));
  EXPECT_TRUE(report::is_report_format("md"));
  EXPECT_FALSE(report::is_report_format("json"));
  EXPECT_EQ(report::extension("html"), ".html");
  EXPECT_EQ(report::extension("md"), ".md");
  EXPECT_EQ(report::extension("claimreview"), ".claimreview.jsonld");
  EXPECT_THROW(report::extension("pdf"), std::invalid_argument);
  std::ostringstream out;
  EXPECT_THROW(report::write_document("pdf", test::rich_document(), {}, out), std::invalid_argument);
  EXPECT_THROW(report::write_index("pdf", {}, {}, out), std::invalid_argument);
}

TEST(ReportSettings, WrongTypesAreNamed) {
  auto message = [](Json settings) {
    report::Options o;
    o.settings = std::move(settings);
    std::ostringstream out;
    try {
      report::write_document("html", test::rich_document(), o, out);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_THAT(message({{"organisation", 3}}), HasSubstr("report.organisation"));
  EXPECT_THAT(message({{"organisation_url", "javascript:x"}}), HasSubstr("report.organisation_url"));
  EXPECT_THAT(message({{"review_url_base", "javascript:alert(1)//"}}), HasSubstr("report.review_url_base"));
  EXPECT_EQ(message({{"review_url_base", "https://example.org/reviews/"}}), "no error");
  EXPECT_THAT(message({{"date", "20 March"}}), HasSubstr("report.date"));
  EXPECT_THAT(message({{"max_evidence", 0}}), HasSubstr("report.max_evidence"));
  EXPECT_THAT(message({{"max_evidence", "many"}}), HasSubstr("report.max_evidence"));
  EXPECT_EQ(message({{"max_evidence", "3"}}), "no error");        // YAML scalars may arrive as text
  EXPECT_EQ(message({{"output_dir", "elsewhere"}}), "no error");  // the host's own keys pass
  auto schema = report::settings_schema();
  for (const auto& key : report::setting_keys()) {
    EXPECT_TRUE(schema["properties"].contains(key)) << key;
    EXPECT_TRUE(schema["properties"][key].contains("default")) << key;
    EXPECT_TRUE(schema["properties"][key].contains("description")) << key;
  }
}

TEST(ReportSettings, MaxEvidenceLimitsPassagesShown) {
  report::Options o;
  o.settings = {{"max_evidence", 1}};
  std::string html = html_of(test::rich_document(), o);
  EXPECT_THAT(html, HasSubstr("1 more passages not shown"));
  EXPECT_THAT(html, Not(HasSubstr("Auditor’s review")));
}
