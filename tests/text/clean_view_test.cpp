#include <gtest/gtest.h>

#include <factpipe/text/clean_view.hpp>

using namespace factpipe;
using namespace factpipe::text;

TEST(CleanView, ReadsAsWordsAndMapsBack) {
  std::string t =
      "RT @realDonaldTrump: #FakeNews media lie https://t.co/x \xE2\x80\x94 Donald J. Trump (@realDonaldTrump) "
      "February 25, 2016";
  auto m = find_social_markup(t);
  CleanView v = clean_view(t, m);
  EXPECT_TRUE(v.changed());
  EXPECT_EQ(v.text(), " real Donald Trump : Fake News media lie  Donald J. Trump");
  auto media = v.text().find("media");
  EXPECT_EQ(t.substr(v.to_original(media), 5), "media");
  auto fake = v.text().find("Fake");
  EXPECT_EQ(t.substr(v.to_original(fake), 9), "#FakeNews");
  EXPECT_EQ(v.to_original(v.text().size()), t.size());
}

TEST(CleanView, UnchangedTextAndARange) {
  std::string t = "Plain words. Then #Tagged text.";
  auto m = find_social_markup(t);
  CleanView all = clean_view(t, m, Span{0, 12});
  EXPECT_FALSE(all.changed());
  EXPECT_EQ(all.text(), "Plain words.");
  CleanView part = clean_view(t, m, Span{13, t.size()});
  EXPECT_EQ(part.text(), "Then Tagged text.");
  EXPECT_EQ(part.to_original(0), 13u);
}
