// Issue 4's acceptance test on ../shared/samples/putin-kim-2024-06-19.txt (skipped when absent): the whole
// chain segmenter -> entities -> quotes -> claims; every gold claim found (by overlap), the photo credits
// not claims, and the claims inside Blinken's quotation credited to Blinken.
#include <iostream>

#include <gtest/gtest.h>

#include <factpipe/utf8.hpp>

#include <factpipe/host/stage_config.hpp>
#include "claims_stage.hpp"
#include "entities_stage.hpp"
#include "quotes_stage.hpp"
#include "segmenter_stage.hpp"
#include "test_paths.hpp"

using namespace factpipe;

namespace {

constexpr const char* kSample = "samples/putin-kim-2024-06-19";

template <class StageT>
void run(const char* plugin, Document& doc) {
  StageT stage;
  factpipe::host::configure_stage(
      stage, Json::object(), Context::for_library(test::plugin_dir() / (std::string("factpipe-") + plugin + ".so")));
  stage.process(doc);
}

struct Sample {
  Document doc;
  Json gold;
};

const Sample& sample() {
  static const Sample s = [] {
    Sample out;
    out.doc = Document("putin-kim-2024-06-19", test::read_file(test::shared_dir() / (std::string(kSample) + ".txt")));
    out.gold = Json::parse(test::read_file(test::shared_dir() / (std::string(kSample) + ".gold.json")));
    run<segmenter::SegmenterStage>("segmenter", out.doc);
    run<entities::EntitiesStage>("entities", out.doc);
    run<quotes::QuotesStage>("quotes", out.doc);
    run<claims::ClaimsStage>("claims", out.doc);
    for (auto& c : out.doc.claims)
      std::cout << "[claim " << c.type << " " << c.score << " by " << c.claimant << "] " << c.normalized << "\n";
    return out;
  }();
  return s;
}

Span gold_span(const Document& doc, const Json& g) {
  utf8::OffsetMap map(doc.text);
  return Span{map.to_byte(g["start"].get<std::size_t>()), map.to_byte(g["end"].get<std::size_t>())};
}

}  // namespace

TEST(ClaimsSample, EveryGoldClaimIsFound) {
  FACTPIPE_REQUIRE_SHARED(std::string(kSample) + ".gold.json");
  const auto& s = sample();
  ASSERT_FALSE(s.doc.claims.empty());
  for (const auto& g : s.gold["claims"]) {
    Span want = gold_span(s.doc, g);
    ASSERT_EQ(s.doc.slice(want), g["anchor"].get<std::string>());
    bool found = false;
    for (const auto& c : s.doc.claims) found = found || c.span.overlaps(want);
    EXPECT_TRUE(found) << "gold claim not found: " << g["anchor"];
  }
}

TEST(ClaimsSample, PhotoCreditsAreNotClaims) {
  FACTPIPE_REQUIRE_SHARED(std::string(kSample) + ".gold.json");
  const auto& s = sample();
  ASSERT_FALSE(s.gold["not_claims"].empty());
  for (const auto& line : s.gold["not_claims"]) {
    auto text = line.get<std::string>();
    auto pos = s.doc.text.find(text);
    ASSERT_NE(pos, std::string::npos) << text;
    Span credit{pos, pos + text.size()};
    for (const auto& c : s.doc.claims)
      EXPECT_FALSE(c.span.overlaps(credit)) << "photo credit became a claim: " << c.text;
  }
}

TEST(ClaimsSample, ClaimsInsideBlinkensQuoteAreCreditedToBlinken) {
  FACTPIPE_REQUIRE_SHARED(std::string(kSample) + ".gold.json");
  const auto& s = sample();
  int checked = 0;
  for (const auto& g : s.gold["claims"]) {
    if (!g["claimant"].is_string() || g["claimant"] != "Antony Blinken") continue;
    Span want = gold_span(s.doc, g);
    for (const auto& c : s.doc.claims) {
      if (!c.span.overlaps(want)) continue;
      ++checked;
      EXPECT_EQ(c.claimant, "Antony Blinken") << c.text;
      EXPECT_GE(c.quote, 0) << c.text;
      EXPECT_EQ(c.normalized.rfind("Antony Blinken said ", 0), 0u) << c.normalized;
    }
  }
  EXPECT_GE(checked, 2);
}

TEST(ClaimsSample, EverySentenceIsScored) {
  FACTPIPE_REQUIRE_SHARED(std::string(kSample) + ".txt");
  const auto& s = sample();
  for (const auto& sentence : s.doc.sentences) {
    ASSERT_TRUE(sentence.checkworthiness.has_value());
    EXPECT_GE(*sentence.checkworthiness, 0.0);
    EXPECT_LE(*sentence.checkworthiness, 1.0);
  }
}

// The bundled example articles (examples/articles, written for the project): every gold claim found by
// overlap, and the claimant of each found claim compared with the answer key (null = the publisher).
namespace {

struct Example {
  Document doc;
  Json gold;
};

Example run_example(const std::string& name) {
  auto dir = test::source_dir() / "examples/articles";
  Example ex;
  ex.doc = Document(name, test::read_file(dir / (name + ".txt")));
  auto meta = Json::parse(test::read_file(dir / (name + ".meta.json")));
  ex.doc.metadata.publisher = meta.value("publisher", "");
  ex.gold = Json::parse(test::read_file(dir / (name + ".gold.json")));
  run<segmenter::SegmenterStage>("segmenter", ex.doc);
  run<entities::EntitiesStage>("entities", ex.doc);
  run<quotes::QuotesStage>("quotes", ex.doc);
  run<claims::ClaimsStage>("claims", ex.doc);
  return ex;
}

void check_example(const std::string& name, double min_claimant_agreement) {
  if (!std::filesystem::exists(test::source_dir() / "examples/articles" / (name + ".gold.json")))
    FAIL() << "the committed example article is missing: " << name;
  auto ex = run_example(name);
  int agree = 0, total = 0;
  for (const auto& g : ex.gold["claims"]) {
    Span want = gold_span(ex.doc, g);
    std::string expected = g["claimant"].is_string() ? g["claimant"].get<std::string>() : ex.doc.metadata.publisher;
    const Claim* best = nullptr;
    for (const auto& c : ex.doc.claims)
      if (c.span.overlaps(want) && (!best || c.type != "identity")) best = &c;
    EXPECT_NE(best, nullptr) << name << ": gold claim not found: " << g["anchor"];
    if (!best) continue;
    ++total;
    agree += best->claimant == expected;
    std::cout << "[" << name << " " << g["id"].get<std::string>() << "] expected " << expected << ", got "
              << best->claimant << " (quote " << best->quote << "): " << best->normalized << "\n";
  }
  EXPECT_GE(agree, min_claimant_agreement * total) << agree << " of " << total << " claimants agree";
}

}  // namespace

// Claimants depend on the quotes stage too; 0.75 guards against regressions (measured: 16/16 and 8/10 on
// 2026-11-27, the misses being an unresolved "The authority" and "The authority expects ...").
TEST(ClaimsExamples, HarborBridgeGoldClaimsAreFound) { check_example("harbor-bridge-2026", 0.75); }
TEST(ClaimsExamples, TransitFaresGoldClaimsAreFound) { check_example("transit-fares-2026", 0.75); }
