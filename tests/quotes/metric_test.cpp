// The PolNeAR metric itself, on a tiny BRAT example written for this test.
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "eval/folds.hpp"
#include "eval/polnear.hpp"
#include "eval/quote_metric.hpp"

using namespace factpipe::quotes::eval;
namespace fs = std::filesystem;

namespace {

// Code point offset of `needle` in `text` (ASCII text except where noted).
std::size_t cp_find(const std::u32string& text, const std::u32string& needle) { return text.find(needle); }

std::u32string u32(const std::string& s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    char32_t c;
    int n;
    if (b < 0x80) {
      c = b;
      n = 1;
    } else if (b < 0xE0) {
      c = b & 0x1F;
      n = 2;
    } else if (b < 0xF0) {
      c = b & 0x0F;
      n = 3;
    } else {
      c = b & 0x07;
      n = 4;
    }
    for (int k = 1; k < n; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
    out.push_back(c);
    i += static_cast<std::size_t>(n);
  }
  return out;
}

// One article: a quotation with its source, a two-word scare quote, an indirect attribution.
const std::string kText =
    "“We will build the bridge this year,” Mayor Ortiz said.\n"
    "Critics called it a “vanity project” on Monday.\n"
    "Ortiz said the city would pay for it.\n";

struct Fixture {
  fs::path dir;
  Fixture() {
    dir = fs::temp_directory_path() / ("factpipe-metric-test-" + std::to_string(::getpid()));
    fs::create_directories(dir / "dev" / "text");
    fs::create_directories(dir / "dev" / "attributions");
    std::ofstream(dir / "dev" / "text" / "a.txt") << kText;
    std::u32string t = u32(kText);
    auto q = cp_find(t, U"We will");
    auto qe = cp_find(t, U"this year,") + 10;
    auto src = cp_find(t, U"Mayor Ortiz");
    auto vp = cp_find(t, U"vanity project");
    auto crit = cp_find(t, U"Critics");
    auto ind = cp_find(t, U"the city would");
    auto src2 = cp_find(t, U"Ortiz said the");
    auto num = [](std::size_t v) { return std::to_string(v); };
    std::ofstream ann(dir / "dev" / "attributions" / "a_1111.ann");
    ann << "T1\tContent " << num(q - 1) << " " << num(qe + 1) << "\tx\n"
        << "T2\tSource " << num(src) << " " << num(src + 11) << "\tMayor Ortiz\n"
        << "E1\tAttribution:T1 Content:T1 Source:T2\n"
        << "T3\tContent " << num(vp) << " " << num(vp + 14) << "\tvanity project\n"
        << "T4\tSource " << num(crit) << " " << num(crit + 7) << "\tCritics\n"
        << "E2\tAttribution:T3 Content:T3 Source:T4\n"
        << "T5\tContent " << num(ind) << " " << num(ind + 25) << "\tthe city would pay for it\n"
        << "T6\tSource " << num(src2) << " " << num(src2 + 5) << "\tOrtiz\n"
        << "E3\tAttribution:T5 Content:T5 Source:T6\n";
    // a second annotator's file sorts later and must be ignored
    std::ofstream(dir / "dev" / "attributions" / "a_9999.ann") << "T1\tContent 0 3\tx\nE1\tContent:T1\n";
  }
  ~Fixture() { fs::remove_all(dir); }
};

}  // namespace

TEST(PolnearMetric, ReadsTheFirstAnnotatorAndDerivesGoldQuotes) {
  Fixture f;
  auto articles = read_split(f.dir, "dev");
  ASSERT_EQ(articles.size(), 1u);
  const Article& a = articles[0];
  ASSERT_EQ(a.attributions.size(), 3u);
  auto gold = gold_quotes(a);
  ASSERT_EQ(gold.size(), 2u);  // the quotation and the scare quote; the indirect one has no marks
  std::u32string t = a.cps;
  EXPECT_EQ(t.substr(gold[0].span.start, gold[0].span.size()), U"We will build the bridge this year,");
  EXPECT_EQ(gold[0].words, 7u);
  EXPECT_EQ(t.substr(gold[1].span.start, gold[1].span.size()), U"vanity project");
  EXPECT_EQ(gold[1].words, 2u);
  auto ind = gold_indirect(a);
  ASSERT_EQ(ind.size(), 1u);
  EXPECT_EQ(t.substr(ind[0].start, ind[0].size()), U"the city would pay for it");
}

TEST(PolnearMetric, MatchingSpeakersAndIndirectRecall) {
  Fixture f;
  Article a = read_split(f.dir, "dev").at(0);
  std::u32string t = a.cps;
  auto at = [&](const std::u32string& s) { return CpSpan{t.find(s), t.find(s) + s.size()}; };
  std::vector<Predicted> pred;
  // covers the gold quotation exactly; the speaker mention overlaps the Source span
  pred.push_back({at(U"We will build the bridge this year,"), 7, at(U"Ortiz said."), "Lena Ortiz"});
  // the scare quote, found, with a wrong speaker (no overlap, no name word in "Critics")
  pred.push_back({at(U"vanity project"), 2, at(U"Mayor"), "Mayor"});
  // a prediction that is not a gold quotation
  pred.push_back({at(U"on Monday"), 2, std::nullopt, ""});
  std::vector<CpSpan> indirect = {at(U"the city would pay")};  // 18 of 25 code points: >= 50%

  Counts three = score_article(a, pred, indirect, 3);
  EXPECT_EQ(three.gold, 1u);
  EXPECT_EQ(three.predicted, 1u);
  EXPECT_EQ(three.matched, 1u);
  EXPECT_EQ(three.speaker_correct, 1u);
  EXPECT_DOUBLE_EQ(three.f1(), 1.0);
  EXPECT_EQ(three.indirect_found, 1u);

  Counts all = score_article(a, pred, indirect, 1);
  EXPECT_EQ(all.gold, 2u);
  EXPECT_EQ(all.predicted, 3u);
  EXPECT_EQ(all.matched, 2u);
  EXPECT_EQ(all.speaker_correct, 1u);
  EXPECT_NEAR(all.precision(), 2.0 / 3.0, 1e-12);
  EXPECT_DOUBLE_EQ(all.recall(), 1.0);
  EXPECT_DOUBLE_EQ(all.speaker_accuracy(), 0.5);
  EXPECT_NEAR(all.attribution_f1(), 2 * (1.0 / 3) * 0.5 / (1.0 / 3 + 0.5), 1e-12);
}

TEST(PolnearMetric, IndirectPrecision) {
  Fixture f;
  Article a = read_split(f.dir, "dev").at(0);
  std::u32string t = a.cps;
  auto at = [&](const std::u32string& s) { return CpSpan{t.find(s), t.find(s) + s.size()}; };
  // one inside the gold indirect content, one over the direct quotation (no indirect gold there)
  std::vector<CpSpan> indirect = {at(U"the city would pay"), at(U"We will build the bridge")};
  Counts c = score_article(a, {}, indirect, 3);
  EXPECT_EQ(c.indirect_predicted, 2u);
  EXPECT_EQ(c.indirect_right, 1u);
  EXPECT_DOUBLE_EQ(c.indirect_precision(), 0.5);
  EXPECT_DOUBLE_EQ(c.indirect_recall(), 1.0);
}

TEST(CrossValidationFolds, FixedBySeedBalancedAndCoveringEveryArticle) {
  auto a = assign_folds(924, 5, 1), b = assign_folds(924, 5, 1), c = assign_folds(924, 5, 2);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  std::vector<std::size_t> size(5, 0);
  for (unsigned f : a) ++size.at(f);
  for (std::size_t s : size) EXPECT_TRUE(s == 184 || s == 185) << s;
  EXPECT_THROW(assign_folds(3, 5, 1), std::invalid_argument);
}

TEST(PolnearMetric, CoverageRulesAndOneToOne) {
  Fixture f;
  Article a = read_split(f.dir, "dev").at(0);
  std::u32string t = a.cps;
  auto at = [&](const std::u32string& s) { return CpSpan{t.find(s), t.find(s) + s.size()}; };
  // too short: covers less than 80% of the gold quotation
  Counts c1 = score_article(a, {{at(U"We will build"), 3, std::nullopt, ""}}, {}, 3);
  EXPECT_EQ(c1.matched, 0u);
  // too long: less than half of the prediction lies inside the gold quotation
  Counts c2 =
      score_article(a, {{CpSpan{at(U"We will").start, at(U"Critics").start + 30}, 12, std::nullopt, ""}}, {}, 3);
  EXPECT_EQ(c2.matched, 0u);
  // two predictions on one gold quotation: only one matches
  CpSpan g = at(U"We will build the bridge this year,");
  Counts c3 = score_article(a, {{g, 7, std::nullopt, ""}, {g, 7, std::nullopt, ""}}, {}, 3);
  EXPECT_EQ(c3.matched, 1u);
  EXPECT_EQ(c3.predicted, 2u);
}

TEST(PolnearMetric, NameWordRuleForSpeakers) {
  Fixture f;
  Article a = read_split(f.dir, "dev").at(0);
  const GoldAttribution& g = a.attributions[0];  // Source "Mayor Ortiz"
  Predicted p;
  p.name = "Lena Ortiz";  // "Ortiz" appears in the Source text
  EXPECT_TRUE(speaker_correct(a, g, p));
  p.name = "lena ortiz";  // lower case words do not count
  EXPECT_FALSE(speaker_correct(a, g, p));
  p.name = "Ortizo";  // a whole word, not a prefix
  EXPECT_FALSE(speaker_correct(a, g, p));
}

TEST(PolnearMetric, BadAnnotationNamesFileAndLine) {
  try {
    parse_brat("T1\tContent 5 3\tx\n", 10, "x.ann");
    FAIL();
  } catch (const std::exception& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("x.ann:1"));
  }
  try {
    parse_brat("T1\tContent 0 50\tx\n", 10, "y.ann");
    FAIL();
  } catch (const std::exception& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("y.ann:1"));
  }
}

TEST(PolnearMetric, MultiParagraphQuotationIsOneSegment) {
  auto segs = mark_segments(U"He said:\n“First part.\n“Second part,” he said.\nAfter “x y” z.");
  ASSERT_EQ(segs.size(), 2u);
  EXPECT_EQ(segs[0].start, 10u);
}

TEST(PolnearMetric, MixedSpeechPrecision) {
  Fixture f;
  Article a = read_split(f.dir, "dev").at(0);
  std::u32string t = a.cps;
  auto at = [&](const std::u32string& s) { return CpSpan{t.find(s), t.find(s) + s.size()}; };
  Counts c;
  // inside the indirect attribution's content; then a span that overlaps no Content span
  score_mixed(a, {at(U"the city would pay for it"), at(U"Critics called")}, c);
  EXPECT_EQ(c.mixed_predicted, 2u);
  EXPECT_EQ(c.mixed_right, 1u);
  EXPECT_DOUBLE_EQ(c.mixed_precision(), 0.5);
}
