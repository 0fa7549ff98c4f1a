#include <gtest/gtest.h>

#include <factpipe/text/social_markup.hpp>

using namespace factpipe;
using namespace factpipe::text;

namespace {

std::string at(std::string_view t, const Markup& m) { return std::string(t.substr(m.span.start, m.span.size())); }

}  // namespace

TEST(SplitCamelCase, WordsDigitsAndAcronyms) {
  EXPECT_EQ(split_camel_case("FakeNews"), "Fake News");
  EXPECT_EQ(split_camel_case("realDonaldTrump"), "real Donald Trump");
  EXPECT_EQ(split_camel_case("DefundTheCBC"), "Defund The CBC");
  EXPECT_EQ(split_camel_case("CBCNews"), "CBC News");
  EXPECT_EQ(split_camel_case("COVID19"), "COVID 19");
  EXPECT_EQ(split_camel_case("climate_change"), "climate change");
  EXPECT_EQ(split_camel_case("lowercase"), "lowercase");
}

TEST(SocialMarkup, LinksHandlesTagsEmojiAndRetweet) {
  std::string t =
      "RT @BradTrostCPC: The #FakeNews story \xF0\x9F\x98\xA1\xF0\x9F\x98\xA1 is here https://t.co/abc. "
      "See pic.twitter.com/0eJtwJyS1J and mail me@example.com";
  auto m = find_social_markup(t);
  ASSERT_EQ(m.size(), 6u);
  EXPECT_EQ(m[0].kind, MarkupKind::retweet);
  EXPECT_EQ(at(t, m[0]), "RT");
  EXPECT_EQ(m[1].kind, MarkupKind::handle);
  EXPECT_EQ(at(t, m[1]), "@BradTrostCPC");
  EXPECT_EQ(m[1].words, "Brad Trost CPC");
  EXPECT_EQ(m[2].kind, MarkupKind::hashtag);
  EXPECT_EQ(m[2].words, "Fake News");
  EXPECT_EQ(m[3].kind, MarkupKind::emoji);
  EXPECT_EQ(at(t, m[3]), "\xF0\x9F\x98\xA1\xF0\x9F\x98\xA1");  // a run is one span
  EXPECT_EQ(m[4].kind, MarkupKind::url);
  EXPECT_EQ(at(t, m[4]), "https://t.co/abc");  // the full stop ends the sentence, not the link
  EXPECT_EQ(m[5].kind, MarkupKind::url);
  EXPECT_EQ(at(t, m[5]), "pic.twitter.com/0eJtwJyS1J");
  // An e-mail address is not a handle.
}

TEST(SocialMarkup, RtInsideASentenceIsAWord) {
  auto m = find_social_markup("The RT network said so");
  EXPECT_TRUE(m.empty());
}

TEST(SocialMarkup, TagGluedToALinkStopsAtTheLink) {
  std::string t = "bias #DefundTheCBChttps://t.co/CsHG8R9cHp";
  auto m = find_social_markup(t);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(at(t, m[0]), "#DefundTheCBC");
  EXPECT_EQ(m[0].words, "Defund The CBC");
  EXPECT_EQ(at(t, m[1]), "https://t.co/CsHG8R9cHp");
}

TEST(SocialMarkup, EmbeddedTweetBylineGivesNameAndDate) {
  std::string t =
      "Not true. pic.twitter.com/x1 \xE2\x80\x94 Brad Trost \xF0\x9F\x87\xA8\xF0\x9F\x87\xA6 (@BradTrostCPC) "
      "December 26, 2019\n";
  auto m = find_social_markup(t);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].kind, MarkupKind::url);
  const Markup& b = m[1];
  EXPECT_EQ(b.kind, MarkupKind::byline);
  EXPECT_EQ(b.name, "Brad Trost");  // the flag is not part of the name
  EXPECT_EQ(b.words, "Brad Trost");
  EXPECT_EQ(b.date, "2019-12-26");
  EXPECT_EQ(t.substr(b.span.start, 3), "\xE2\x80\x94");
  EXPECT_EQ(b.span.end, t.size() - 1);  // the trailing newline stays text
}

TEST(SocialMarkup, DashInTheTextIsNoByline) {
  std::string t = "Prices rose \xE2\x80\x94 (@someone said so) by half";
  for (const auto& m : find_social_markup(t)) EXPECT_NE(m.kind, MarkupKind::byline);
}

TEST(SocialMarkup, StoredInTheDocumentByCodePoints) {
  Document doc("d", "\xC3\xA9t\xC3\xA9 #HotSummer https://x.org");
  auto found = find_social_markup(doc.text);
  store_markup(doc, found);
  EXPECT_EQ(doc.extra["markup"][0]["start"], 4);  // "été " is four code points, six bytes
  EXPECT_EQ(doc.extra["markup"][0]["words"], "Hot Summer");
  EXPECT_EQ(markup_of(doc), found);
  doc.extra["markup"][0]["kind"] = "sticker";
  EXPECT_THROW(markup_of(doc), std::invalid_argument);
}

TEST(SocialMarkup, MarkupOfADocumentWithoutTheLayerIsFound) {
  Document doc("d", "see @Bob");
  auto m = markup_of(doc);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].kind, MarkupKind::handle);
}
