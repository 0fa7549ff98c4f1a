// Our tokenizer and forward pass against the TensorFlow.js runtime's ids and vectors (the committed fixture).
#include <algorithm>
#include <cmath>
#include <thread>

#include <stdlib.h>

#include <gtest/gtest.h>

#include "encoder_test_support.hpp"

namespace factpipe::encoder {
namespace {

using testing::reference_cases;

constexpr float kTolerance = 1e-5f;

const SentenceEncoder& encoder() {
  static const auto loaded = SentenceEncoder::load(default_model_dir());
  return *loaded;
}

float max_difference(const std::vector<float>& a, const std::vector<float>& b) {
  EXPECT_EQ(a.size(), b.size());
  float worst = 0;
  for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) worst = std::max(worst, std::abs(a[i] - b[i]));
  return worst;
}

TEST(EncoderReference, FixtureCoversTheHardCases) {
  const auto cases = reference_cases();
  ASSERT_FALSE(cases.empty());
  EXPECT_TRUE(std::any_of(cases.begin(), cases.end(), [](const auto& c) { return c.text.empty(); }));
  EXPECT_TRUE(std::any_of(cases.begin(), cases.end(), [](const auto& c) { return c.ids.size() > 128; }));
  EXPECT_TRUE(std::any_of(cases.begin(), cases.end(), [](const auto& c) {
    return std::find(c.ids.begin(), c.ids.end(), 0) != c.ids.end();  // an unknown piece (emoji, CJK)
  }));
}

TEST(EncoderReference, TokenIdsEqualJavaScript) {
  const auto cases = reference_cases();
  FACTPIPE_SKIP_WITHOUT_MODEL();
  for (const auto& c : cases) EXPECT_EQ(encoder().tokenize(c.text), c.ids) << c.text;
}

TEST(EncoderReference, VectorsEqualJavaScript) {
  const auto cases = reference_cases();
  FACTPIPE_SKIP_WITHOUT_MODEL();
  float worst = 0;
  for (const auto& c : cases) {
    const auto vector = encoder().encode(c.text);
    ASSERT_EQ(vector.size(), static_cast<std::size_t>(SentenceEncoder::dimension));
    const float difference = max_difference(vector, c.vector);
    EXPECT_LE(difference, kTolerance) << c.text;
    worst = std::max(worst, difference);
  }
  std::cout << "largest difference from TensorFlow.js over " << cases.size() << " sentences: " << worst << "\n";
}

// The other kernels than the best this CPU has: Eigen's product (CPUs without AVX2 and FMA) and AVX2
// (CPUs without AVX-512). Forcing AVX2 on a CPU without it falls back to Eigen's product.
TEST(EncoderReference, EveryKernelsVectorsEqualJavaScript) {
  const auto cases = reference_cases();
  FACTPIPE_SKIP_WITHOUT_MODEL();
  for (const char* kernel : {"portable", "avx2"}) {
    ::setenv("FACTPIPE_ENCODER_KERNEL", kernel, 1);
    const auto forced = SentenceEncoder::load(default_model_dir());
    ::unsetenv("FACTPIPE_ENCODER_KERNEL");
    // Every third sentence (the longest included): the portable product is slow in the sanitizer build.
    for (std::size_t i = 0; i < cases.size(); ++i) {
      if (i % 3 != 0 && i + 1 != cases.size()) continue;
      EXPECT_LE(max_difference(forced->encode(cases[i].text), cases[i].vector), kTolerance)
          << kernel << ": " << cases[i].text;
    }
  }
}

TEST(EncoderReference, LongTextsAreCutToMaxPieces) {
  FACTPIPE_SKIP_WITHOUT_MODEL();
  EXPECT_EQ(encoder().max_pieces(), 128);
  std::string text;
  for (int i = 0; i < 60; ++i) text += "The minister said the figures were wrong. ";
  ASSERT_GT(encoder().tokenize(text).size(), 128u);
  // Whatever follows the 128th piece changes nothing.
  EXPECT_EQ(encoder().encode(text), encoder().encode(text + "Completely different words at the end."));
}

TEST(EncoderReference, BatchEqualsOneByOne) {
  const auto cases = reference_cases();
  FACTPIPE_SKIP_WITHOUT_MODEL();
  std::vector<std::string> texts;
  for (const auto& c : cases) texts.push_back(c.text);
  texts.push_back(cases.front().text);  // a repeat
  const auto vectors = encoder().encode_batch(texts);
  ASSERT_EQ(vectors.size(), texts.size());
  for (std::size_t i = 0; i < cases.size(); ++i)
    EXPECT_LE(max_difference(vectors[i], cases[i].vector), kTolerance) << texts[i];
  EXPECT_EQ(vectors.back(), vectors.front());
  EXPECT_TRUE(encoder().encode_batch({}).empty());
}

TEST(EncoderReference, ParaphrasesAreCloserThanUnrelatedSentences) {
  FACTPIPE_SKIP_WITHOUT_MODEL();
  const auto v = encoder().encode_batch({"The prime minister said vaccines are safe.", "The PM said the jabs are safe.",
                                         "Bus fares will rise in January."});
  auto cosine = [](const auto& a, const auto& b) {
    float dot = 0;
    for (std::size_t i = 0; i < a.size(); ++i) dot += a[i] * b[i];
    return dot;  // the vectors are unit length
  };
  EXPECT_NEAR(cosine(v[0], v[0]), 1.0f, 1e-5f);
  EXPECT_GT(cosine(v[0], v[1]), cosine(v[0], v[2]) + 0.1f);
}

TEST(EncoderReference, ConcurrentEncodesAgree) {
  const auto cases = reference_cases();
  FACTPIPE_SKIP_WITHOUT_MODEL();
  std::vector<std::vector<std::vector<float>>> results(3);
  std::vector<std::thread> threads;
  for (auto& result : results)
    threads.emplace_back([&] {
      for (const auto& c : cases) result.push_back(encoder().encode(c.text));
    });
  for (auto& t : threads) t.join();
  for (const auto& result : results) EXPECT_EQ(result, results.front());
}

}  // namespace
}  // namespace factpipe::encoder
