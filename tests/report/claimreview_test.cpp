#include <report_writers.hpp>

#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "report_fixtures.hpp"

using namespace factpipe;
using ::testing::HasSubstr;

namespace {
report::Options options() {
  report::Options o;
  o.settings = {{"organisation", "Calder Verify"},
                {"organisation_url", "https://example.org/calderverify"},
                {"review_url_base", "https://example.org/calderverify/reviews/"},
                {"date", "2026-03-20"}};
  return o;
}
}  // namespace

TEST(ClaimReview, OneValidRecordPerClaimWithAVerdict) {
  Document d = test::rich_document();
  std::ostringstream out;
  report::write_document("claimreview", d, options(), out);
  Json records = Json::parse(out.str());  // valid JSON
  ASSERT_TRUE(records.is_array());
  ASSERT_EQ(records.size(), 4u);  // claim 4 has no verdict
  EXPECT_EQ(records, report::claimreview_records(d, options()));
  for (const auto& r : records) {
    EXPECT_EQ(r["@context"], "https://schema.org");
    EXPECT_EQ(r["@type"], "ClaimReview");
    for (const char* key : {"url", "claimReviewed", "datePublished", "author", "itemReviewed", "reviewRating"})
      EXPECT_TRUE(r.contains(key)) << key;
    EXPECT_FALSE(r["claimReviewed"].get<std::string>().empty());
    EXPECT_EQ(
        r["author"],
        (Json{{"@type", "Organization"}, {"name", "Calder Verify"}, {"url", "https://example.org/calderverify"}}));
    EXPECT_EQ(r["datePublished"], "2026-03-20");
    EXPECT_EQ(r["itemReviewed"]["@type"], "Claim");
    EXPECT_EQ(r["itemReviewed"]["datePublished"], "2026-03-14");
    const auto& appearance = r["itemReviewed"]["appearance"][0];
    EXPECT_EQ(appearance["url"], "https://example.org/news/zürich-vote");
    EXPECT_EQ(appearance["headline"], "Café owners welcome Zürich bridge plan");
    EXPECT_EQ(r["reviewRating"]["@type"], "Rating");
    EXPECT_FALSE(r["reviewRating"]["alternateName"].get<std::string>().empty());
  }
  // Claim 1: normalized text, the speaker as a Person, rating 5 of 5, url with the claim's anchor.
  EXPECT_EQ(records[0]["claimReviewed"], "Lena Ortiz said the Zürich bridge will cost €1.2 billion.");
  EXPECT_EQ(records[0]["itemReviewed"]["author"], (Json{{"@type", "Person"}, {"name", "Lena Ortiz"}}));
  EXPECT_EQ(records[0]["reviewRating"], (Json{{"@type", "Rating"},
                                              {"ratingValue", 5},
                                              {"bestRating", 5},
                                              {"worstRating", 1},
                                              {"alternateName", "Supported by sources"}}));
  EXPECT_EQ(records[0]["url"], "https://example.org/calderverify/reviews/z%C3%BCrich-caf%C3%A9-vote#claim-1");
  EXPECT_EQ(records[0]["reviewBody"], "The 2026 budget gives the same figure.");
  EXPECT_EQ(records[1]["reviewRating"]["ratingValue"], 3);  // disputed
  EXPECT_EQ(records[2]["reviewRating"]["ratingValue"], 1);  // refuted
  EXPECT_EQ(records[2]["reviewRating"]["alternateName"], "Refuted by sources");
  EXPECT_EQ(records[2]["url"].get<std::string>().substr(records[2]["url"].get<std::string>().size() - 8), "#claim-3");
  // Not enough evidence is no point on the true/false scale: the label only.
  EXPECT_EQ(records[3]["reviewRating"], (Json{{"@type", "Rating"}, {"alternateName", "Not enough evidence"}}));
  // The publication's own claim: the publisher as an Organization.
  EXPECT_EQ(records[3]["itemReviewed"]["author"], (Json{{"@type", "Organization"}, {"name", "Calder Ledger"}}));
}

TEST(ClaimReview, TheArticlesAuthorsWroteItAndMakeItsOwnClaims) {
  Document d = test::rich_document();
  d.metadata.authors = {"Ana Ruiz"};
  Json records = report::claimreview_records(d, options());
  ASSERT_EQ(records.size(), 4u);
  Json ana = {{"@type", "Person"}, {"name", "Ana Ruiz"}};
  for (const auto& r : records) {
    EXPECT_EQ(r["itemReviewed"]["appearance"][0]["author"], ana);
    // The review is still the fact-checker's.
    EXPECT_EQ(r["author"]["name"], "Calder Verify");
  }
  EXPECT_EQ(records[0]["itemReviewed"]["author"], (Json{{"@type", "Person"}, {"name", "Lena Ortiz"}}));  // a claimant
  EXPECT_EQ(records[3]["itemReviewed"]["author"], ana);  // the article's own claim
  d.metadata.authors = {"Ana Ruiz", " Bo  Lee "};
  records = report::claimreview_records(d, options());
  Json both = Json::array({ana, {{"@type", "Person"}, {"name", "Bo Lee"}}});
  EXPECT_EQ(records[3]["itemReviewed"]["author"], both);
  EXPECT_EQ(records[0]["itemReviewed"]["appearance"][0]["author"], both);
}

TEST(ClaimReview, DefaultsWithoutSettings) {
  Document d = test::rich_document();
  Json records = report::claimreview_records(d, {});
  ASSERT_FALSE(records.empty());
  EXPECT_EQ(records[0]["author"]["name"], "factpipe");
  EXPECT_EQ(records[0]["url"], "z%C3%BCrich-caf%C3%A9-vote.html#claim-1");  // the HTML report's anchor
  EXPECT_EQ(records[0]["datePublished"].get<std::string>().size(), 10u);    // today, YYYY-MM-DD
}

TEST(ClaimReview, InvalidUtf8FromPluginsIsReplacedNotFatal) {
  Document d = test::rich_document();
  d.claims[0].normalized = "bad \xC3( byte";
  std::ostringstream out;
  report::write_document("claimreview", d, options(), out);
  Json records = Json::parse(out.str());
  EXPECT_EQ(records[0]["claimReviewed"], "bad \xEF\xBF\xBD( byte");
}

TEST(ClaimReview, IndexConcatenatesDocumentsAndSkipsFailures) {
  Document a = test::rich_document();
  Document b = test::hostile_document();
  std::vector<report::BatchEntry> entries{report::summarize(a, "a.claimreview.jsonld", options()),
                                          report::summarize(b, "b.claimreview.jsonld", options())};
  report::BatchEntry failed;
  failed.id = "broken";
  failed.failed = true;
  failed.error = "bad UTF-8 at line 3";
  failed.claimreview = Json::array({Json{{"@type", "ClaimReview"}}});  // ignored: the document failed
  entries.push_back(failed);
  std::ostringstream out;
  report::write_index("claimreview", entries, options(), out);
  // Safe to paste into <script type="application/ld+json">: markup characters only as \u escapes.
  EXPECT_EQ(out.str().find_first_of("<>&"), std::string::npos);
  Json all = Json::parse(out.str());
  ASSERT_EQ(all.size(), 5u);                                                      // 4 + 1
  EXPECT_EQ(all[4]["claimReviewed"], "<img src=x onerror=alert(1)> normalized");  // JSON, not HTML: kept as data
  EXPECT_EQ(all[4]["itemReviewed"]["author"]["name"], "<script>alert(4)</script>");
  // A javascript: article url is not passed on as the claim's appearance.
  ASSERT_TRUE(all[4]["itemReviewed"].contains("appearance"));
  EXPECT_FALSE(all[4]["itemReviewed"]["appearance"][0].contains("url"));
}
