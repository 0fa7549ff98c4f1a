// The article body without the page's furniture, paragraphs kept, metadata from JSON-LD / Open Graph /
// <meta>, and no crash on any bytes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>

#include <factpipe/html/article.hpp>

using factpipe::html::extract_article;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

const std::string kParagraph1 =
    "The city council voted on Tuesday to spend $1.2 billion on a new bridge, the largest project in its history, "
    "after a debate that lasted six hours.";
const std::string kParagraph2 =
    "Mayor Lee said the bridge would be finished by 2030, although engineers warned that the river bed, which "
    "shifted in the floods of 2019, could delay the work.";
const std::string kParagraph3 =
    "Opponents, who collected 12,000 signatures, said the money should go to schools, buses and housing instead.";

std::string news_page(const std::string& head_extra = "") {
  return R"(<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Bridge vote | The Ledger</title>
<link rel="canonical" href="https://ledger.example/2024/bridge">
<meta property="og:site_name" content="The Ledger">
)" + head_extra +
         R"(</head><body>
<header class="site-header"><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<div id="cookie-banner">We use cookies to improve your experience, to show you ads and to measure traffic, as everyone does.</div>
<ul class="menu"><li><a href="/a">World news and analysis from our correspondents everywhere</a></li></ul>
<main><article>
<h1>Council approves the bridge</h1>
<div class="byline">By Ann Smith</div>
<div class="article-body">
<p>)" + kParagraph1 +
         R"(</p>
<div class="ad-slot">Advertisement: buy our premium subscription today, with many benefits, for less.</div>
<p>)" + kParagraph2 +
         R"(</p>
<p>)" + kParagraph3 +
         R"(</p>
<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter, and elsewhere too</a></div>
</div>
</article></main>
<aside class="related"><h3>Related stories</h3><p>Another story about bridges, with a long summary that has commas, commas, commas.</p></aside>
<section id="comments"><p>Great article, I think, but I disagree with the mayor, the council, and the engineers.</p></section>
<footer><p>Copyright The Ledger, 2024. All rights reserved, everywhere, forever.</p></footer>
</body></html>)";
}

}  // namespace

TEST(ExtractArticle, KeepsTheBodyParagraphsAndDropsMenusAdsCommentsAndBanners) {
  auto a = extract_article(news_page());
  EXPECT_EQ(a.text, kParagraph1 + "\n\n" + kParagraph2 + "\n\n" + kParagraph3);
  for (const char* noise : {"cookies", "Advertisement", "Share on", "Related", "Great article", "Copyright", "Home",
                            "World news", "By Ann Smith"})
    EXPECT_THAT(a.text, Not(HasSubstr(noise))) << noise;
}

TEST(ExtractArticle, MetadataFromOpenGraphMetaAndTheHead) {
  auto a = extract_article(news_page(R"(<meta property="og:title" content="Council approves the bridge">
<meta property="article:published_time" content="2024-06-19T10:00:00Z">
<meta name="author" content="Ann Smith">)"));
  EXPECT_EQ(a.title, "Council approves the bridge");
  EXPECT_EQ(a.published, "2024-06-19T10:00:00Z");
  EXPECT_EQ(a.publisher, "The Ledger");
  EXPECT_EQ(a.canonical_url, "https://ledger.example/2024/bridge");
  EXPECT_THAT(a.authors, ElementsAre("Ann Smith"));
  EXPECT_EQ(a.language, "en-GB");
  EXPECT_EQ(a.encoding, "UTF-8");
  // Without og:title the <title> is used.
  EXPECT_EQ(extract_article(news_page()).title, "Bridge vote | The Ledger");
}

TEST(ExtractArticle, JsonLdNewsArticleComesFirst) {
  auto a = extract_article(news_page(R"(<meta property="og:title" content="OG title">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"WebSite","name":"The Ledger site"},
 {"@type":["NewsArticle"],"headline":"Council approves the bridge","datePublished":"2024-06-19",
  "author":[{"@type":"Person","name":"Ann Smith"},{"@type":"Person","name":"Bo Lee"},"https://x.example/me"],
  "publisher":{"@type":"Organization","name":"Ledger Media"},"url":"https://ledger.example/b"}]}</script>
<script type="application/ld+json">{ this is not json </script>)"));
  EXPECT_EQ(a.title, "Council approves the bridge");
  EXPECT_EQ(a.published, "2024-06-19");
  EXPECT_THAT(a.authors, ElementsAre("Ann Smith", "Bo Lee"));
  EXPECT_EQ(a.publisher, "Ledger Media");
  EXPECT_EQ(a.canonical_url, "https://ledger.example/b");
}

TEST(ExtractArticle, LineBreaksAndTextDirectlyInAContainer) {
  std::string page = "<html><body><div class=\"story\">" + kParagraph1 + "<br>" + kParagraph2 +
                     "</div><div class=\"nav-links\"><a href=\"/\">Next</a></div></body></html>";
  EXPECT_EQ(extract_article(page).text, kParagraph1 + "\n" + kParagraph2);
}

TEST(ExtractArticle, HiddenElementsAreNotText) {
  std::string page = "<html><body><article><p>" + kParagraph1 +
                     "</p><p style=\"display: none\">Secret text that a reader never sees, hidden, hidden.</p>"
                     "<p hidden>Also hidden text, with commas, commas, commas, and more.</p><p>" +
                     kParagraph2 + "</p></article></body></html>";
  EXPECT_EQ(extract_article(page).text, kParagraph1 + "\n\n" + kParagraph2);
}

TEST(ExtractArticle, WholePageModeKeepsEveryVisibleBlock) {
  factpipe::html::ExtractOptions o;
  o.whole_page = true;
  auto a = extract_article(news_page(), o);
  EXPECT_THAT(a.text, HasSubstr("Great article"));
  EXPECT_THAT(a.text, HasSubstr("Home"));
  EXPECT_THAT(a.text, HasSubstr(kParagraph2));
}

TEST(ExtractArticle, EmptyAndNonHtmlInput) {
  EXPECT_EQ(extract_article("").text, "");
  EXPECT_EQ(extract_article("just some words, not markup").text, "just some words, not markup");
}

TEST(ExtractArticle, OverTheSizeLimitThrows) {
  factpipe::html::ExtractOptions o;
  o.max_bytes = 100;
  EXPECT_THROW(extract_article(std::string(101, 'x'), o), std::length_error);
}

TEST(ExtractArticle, DeepNestingAndRandomBytesNeitherCrashNorHang) {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<div>";
  deep += "<p>" + kParagraph1 + "</p>";
  auto a = extract_article(deep);  // text deeper than the depth limit is ignored, nothing more
  EXPECT_THAT(a.text, Not(HasSubstr("<div>")));
  std::mt19937 rng(17);
  for (int round = 0; round < 200; ++round) {
    std::string bytes(static_cast<std::size_t>(rng() % 4000), '\0');
    for (auto& c : bytes) c = static_cast<char>(rng() % 8 == 0 ? "<>/=\"'!-"[rng() % 8] : rng() % 256);
    auto r = extract_article(bytes);
    EXPECT_FALSE(r.encoding.empty());
  }
}

TEST(ExtractArticle, ScriptsStylesAndCommentsAreNeverText) {
  std::string page = "<html><head><STYLE>p { color: red }</STYLE></head><body><article><p>" + kParagraph1 +
                     "</p><script>var s = '<p>Scripted paragraph, with commas, commas, commas, in it.</p>';</script>"
                     "<!-- <p>Commented out paragraph, with commas, commas, commas.</p> --><p>" +
                     kParagraph2 + "</p><script type=\"text/javascript\">unterminated(";
  auto a = extract_article(page);
  EXPECT_EQ(a.text, kParagraph1 + "\n\n" + kParagraph2);
}
