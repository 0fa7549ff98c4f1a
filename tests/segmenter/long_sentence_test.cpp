// Text without sentence breaks (issue 15): sentences are cut every max_sentence_tokens tokens, the cut is
// reported on each piece and on the document, and ordinary text is left as it was.
#include <string>

#include <gmock/gmock.h>

#include <factpipe/host/stage_config.hpp>
#include "segmenter_stage.hpp"
#include "segmenter_test_support.hpp"

using ::testing::HasSubstr;
using namespace factpipe;
using factpipe::segmenter::SegmenterStage;

namespace {
Context plugin_context() { return Context::for_library(factpipe::test::plugin_dir() / "factpipe-segmenter.so"); }

// `words` words, a comma after every ninth, no full stop: one sentence as the text reads.
std::string unbroken_text(std::size_t words) {
  std::string text;
  for (std::size_t i = 0; i < words; ++i) {
    if (i) text += ' ';
    text += i % 2 ? "prices" : "officials";
    if (i % 9 == 8) text += ',';
  }
  return text;
}

Document processed(const Json& config, std::string text) {
  SegmenterStage stage;
  factpipe::host::configure_stage(stage, config, plugin_context());
  Document d("long", std::move(text));
  stage.process(d);
  return d;
}
}  // namespace

TEST(LongSentence, CutEveryMaxTokensAndReported) {
  auto d = processed(Json{{"max_sentence_tokens", 10}}, unbroken_text(25));  // 25 words + 2 commas = 27 tokens
  ASSERT_EQ(d.sentences.size(), 3u);
  std::size_t tokens = 0;
  for (const auto& s : d.sentences) {
    auto range = segmenter::tokens_in(d.tokens, s.span);
    EXPECT_LE(range.size(), 10u);
    tokens += range.size();
    EXPECT_EQ(s.extra.at("segmenter").at("cut_at_max_sentence_tokens"), 10);
  }
  EXPECT_EQ(tokens, d.tokens.size());  // nothing lost at the cuts
  EXPECT_EQ(d.sentences.front().span.start, 0u);
  EXPECT_EQ(d.sentences.back().span.end, d.text.size());
  EXPECT_EQ(d.extra.at("segmenter").at("sentences_cut"), (Json{{"count", 1}, {"max_sentence_tokens", 10}}));
}

TEST(LongSentence, DefaultCapsA100KbSentence) {
  auto d = processed(Json::object(), unbroken_text(15000));  // ~130 KB, 16,666 tokens
  const std::size_t cap = segmenter::Options{}.max_sentence_tokens;
  ASSERT_GT(d.tokens.size(), 10 * cap);
  EXPECT_EQ(d.sentences.size(), (d.tokens.size() + cap - 1) / cap);
  for (const auto& s : d.sentences) EXPECT_LE(segmenter::tokens_in(d.tokens, s.span).size(), cap);
  EXPECT_EQ(d.extra.at("segmenter").at("sentences_cut").at("max_sentence_tokens"), cap);
}

TEST(LongSentence, ZeroNeverCutsAndOrdinaryTextIsNotMarked) {
  auto whole = processed(Json{{"max_sentence_tokens", 0}}, unbroken_text(3000));
  EXPECT_EQ(whole.sentences.size(), 1u);
  EXPECT_FALSE(whole.extra.contains("segmenter"));
  auto news = processed(Json::object(), "Prices rose, the minister said. Officials denied it.");
  EXPECT_EQ(news.sentences.size(), 2u);
  EXPECT_TRUE(news.extra.empty());
  for (const auto& s : news.sentences) EXPECT_TRUE(s.extra.empty());
}

TEST(LongSentence, BadCapIsAConfigError) {
  SegmenterStage stage;
  try {
    factpipe::host::configure_stage(stage, Json{{"max_sentence_tokens", -1}}, plugin_context());
    FAIL() << "a negative cap was accepted";
  } catch (const std::exception& e) {
    EXPECT_THAT(e.what(), HasSubstr("max_sentence_tokens"));
  }
}
