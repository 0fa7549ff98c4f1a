// Word scanning, number/date phrases and hashed features of the claims stage.
#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>

#include "analyzed_sentence.hpp"
#include "feature_extractor.hpp"
#include "test_paths.hpp"

using namespace factpipe::claims;

namespace {

const FeatureExtractor& extractor() {
  static const FeatureExtractor e =
      FeatureExtractor::from_data_dir(factpipe::test::source_dir() / "plugins/claims/data");
  return e;
}

std::vector<std::string> lowers(std::string_view text) {
  std::vector<std::string> out;
  auto s = extractor().analyze(text);
  for (auto& w : s.words) out.emplace_back(w.lower);
  return out;
}

std::vector<std::string> phrases(const AnalyzedSentence& s, const std::vector<WordRange>& ranges) {
  std::vector<std::string> out;
  for (auto& r : ranges)
    out.emplace_back(s.text.substr(s.words[r.first].start, s.words[r.last - 1].end - s.words[r.first].start));
  return out;
}

}  // namespace

TEST(ClaimsWords, SplitsCliticsNumbersAndNormalisesCurlyMarks) {
  EXPECT_EQ(
      lowers("We don\xE2\x80\x99t know, it's 5.5% of $1,200."),
      (std::vector<std::string>{"we", "do", "n't", "know", ",", "it", "'s", "5.5", "%", "of", "$", "1,200", "."}));
  EXPECT_EQ(lowers("\xE2\x80\x9CNo\xE2\x80\x9D \xE2\x80\x93 the U.S. said"),
            (std::vector<std::string>{"\"", "no", "\"", "-", "the", "u.s.", "said"}));
  EXPECT_EQ(lowers("I can't, we're sure they'll say I'd won\xE2\x80\xA6 Mr. Smith..."),
            (std::vector<std::string>{"i", "can't", ",", "we", "'re", "sure", "they", "'ll", "say", "i", "'d", "won",
                                      "...", "mr", ".", "smith", "..."}));
  EXPECT_EQ(lowers("On 10/12/2016 at 10:30, .5 of COVID-19 cases"),
            (std::vector<std::string>{"on", "10/12/2016", "at", "10:30", ",", ".5", "of", "covid-19", "cases"}));
  auto s = extractor().analyze("Chang Ho-jin won 1990s", 100);
  auto& words = s.words;
  ASSERT_EQ(words.size(), 4u);
  EXPECT_EQ(words[1].lower, "ho-jin");
  EXPECT_TRUE(words[1].capitalized);
  EXPECT_EQ(words[1].start, 106u);
  EXPECT_EQ(words[3].kind, WordKind::number);
  auto caps = extractor().analyze("I saw NATO and the U.S. in A");
  EXPECT_FALSE(caps.words[0].all_caps);
  EXPECT_TRUE(caps.words[2].all_caps);
  EXPECT_TRUE(caps.words[5].all_caps);
  EXPECT_FALSE(caps.words[7].all_caps);
}

TEST(ClaimsWords, OffsetsOfACurlyApostropheClitic) {
  std::string text = "It\xE2\x80\x99s here";
  auto s = extractor().analyze(text);
  auto& words = s.words;
  ASSERT_GE(words.size(), 2u);
  EXPECT_EQ(text.substr(words[0].start, words[0].end - words[0].start), "It");
  EXPECT_EQ(text.substr(words[1].start, words[1].end - words[1].start), "\xE2\x80\x99s");
  EXPECT_EQ(words[1].lower, "'s");
}

TEST(ClaimsAnalyzedSentence, FindsQuantitiesAndDates) {
  auto s = extractor().analyze("On June 19, 2024, the bank lent $1.2 billion, up 5% from three years ago.");
  EXPECT_EQ(phrases(s, s.numbers), (std::vector<std::string>{"$1.2 billion", "5%"}));
  EXPECT_EQ(phrases(s, s.dates), (std::vector<std::string>{"June 19, 2024", "three years ago"}));
  auto hedge = extractor().analyze("Prices may rise in May 2025.");
  EXPECT_EQ(phrases(hedge, hedge.dates), (std::vector<std::string>{"May 2025"}));
}

TEST(ClaimsFeatureExtractor, IsDeterministicNormalisedAndSensitiveToContent) {
  auto a = extractor().extract("Unemployment fell to 4 percent in 2019.");
  auto b = extractor().extract("Unemployment fell to 4 percent in 2019.");
  auto c = extractor().extract("Thank you very much.");
  ASSERT_FALSE(a.empty());
  ASSERT_EQ(a.size(), b.size());
  double norm = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].index, b[i].index);
    EXPECT_EQ(a[i].value, b[i].value);
    EXPECT_GE(a[i].index, 1);
    EXPECT_LE(a[i].index, 1 << kHashBits);
    if (i) {
      EXPECT_LT(a[i - 1].index, a[i].index);
    }
    norm += a[i].value * a[i].value;
  }
  EXPECT_NEAR(norm, 1.0, 1e-9);
  EXPECT_NE(a.size(), c.size());
}

TEST(ClaimsFeatureVector, GroupScalesAndLogTfWeighFeaturesBeforeNormalising) {
  auto build = [](const GroupWeighting& w) {
    FeatureVector f;
    f.add("u", "tax");
    f.add("u", "tax");
    f.set_group(FeatureGroup::hand);
    f.add("shape:question");
    return std::move(f).finish(w);
  };
  auto plain = build({});
  ASSERT_EQ(plain.size(), 2u);
  double tax = 0, hand = 0;
  for (auto& x : plain) (x.value > 0.5 ? tax : hand) = x.value;
  EXPECT_NEAR(tax / hand, 2.0, 1e-12);  // counted twice
  GroupWeighting scaled;
  scaled.scale = {1.0, 1.0, 4.0};
  scaled.log_tf = true;
  auto weighted = build(scaled);
  ASSERT_EQ(weighted.size(), 2u);
  double big = std::max(weighted[0].value, weighted[1].value), small = std::min(weighted[0].value, weighted[1].value);
  EXPECT_NEAR(big / small, 4.0 / (1.0 + std::log(2.0)), 1e-12);
  EXPECT_NEAR(big * big + small * small, 1.0, 1e-12);
}

TEST(ClaimsFeatureVector, AddSubstringsEqualsAddingEachSubstring) {
  FeatureVector fast, slow;
  fast.add_substrings("c", "<taxes>", 3, 5);
  std::string_view p = "<taxes>";
  for (std::size_t n = 3; n <= 5; ++n)
    for (std::size_t i = 0; i + n <= p.size(); ++i) slow.add("c", p.substr(i, n));
  auto a = std::move(fast).finish(), b = std::move(slow).finish();
  ASSERT_EQ(a.size(), b.size());
  ASSERT_EQ(a.size(), 5u + 4u + 3u);  // 12 distinct n-grams (unless two collide, which these do not)
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].index, b[i].index);
    EXPECT_EQ(a[i].value, b[i].value);
  }
}

TEST(ClaimsFeatureExtractor, CharacterNgramsShareEvidenceBetweenInflections) {
  // "taxes" and "taxation" share no word feature but share the 4-gram "<tax"; with character n-grams the
  // two sentences have more indices in common than without (also through "went", "up").
  auto shared = [](const FeatureExtractor& e) {
    auto a = e.extract("Taxes went up."), b = e.extract("Taxation went up.");
    std::size_t n = 0;
    for (auto& x : a)
      for (auto& y : b) n += x.index == y.index;
    return n;
  };
  auto lexicon = CheckworthinessLexicon::load(factpipe::test::source_dir() / "plugins/claims/data/lexicon.txt");
  FeatureOptions words_only;
  words_only.char_ngrams = false;
  FeatureOptions with_chars;
  with_chars.char_ngrams = true;
  FeatureExtractor a(lexicon, words_only), b(lexicon, with_chars);
  EXPECT_GE(shared(b), shared(a) + 3);
  EXPECT_NE(a.signature(), b.signature());  // a model trained with one is refused by the other
}

TEST(ClaimsFeatureExtractor, EntityLayerCountReplacesCapitalisation) {
  auto s = extractor().analyze("the talks in Oslo and Bergen ended.");
  auto with_caps = extractor().extract(s);
  s.entity_mentions = 0;
  auto with_layer = extractor().extract(s);
  bool same = with_caps.size() == with_layer.size() &&
              std::equal(with_caps.begin(), with_caps.end(), with_layer.begin(),
                         [](auto& x, auto& y) { return x.index == y.index && x.value == y.value; });
  EXPECT_FALSE(same);
}

TEST(ClaimsLexicon, ErrorsNameTheFileAndLine) {
  try {
    CheckworthinessLexicon::parse("[hedges]\nmay\n[bad\n", "lists.txt");
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("lists.txt:3"), std::string::npos) << e.what();
  }
  try {
    CheckworthinessLexicon::parse("[hedges]\nmay\n", "lists.txt");
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("lists.txt"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("missing"), std::string::npos) << e.what();
  }
  EXPECT_THROW(CheckworthinessLexicon::load("/nonexistent/lexicon.txt"), std::runtime_error);
}
