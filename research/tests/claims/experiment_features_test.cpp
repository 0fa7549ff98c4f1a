// The feature experiments of research/claims (not in the shipped model): structure features and WordNet classes,
// added to the stage's extractor through its FeatureExtension and named in its signature.
#include <algorithm>
#include <filesystem>

#include <gtest/gtest.h>

#include "experiment_features.hpp"
#include "feature_extractor.hpp"
#include "test_paths.hpp"

using namespace factpipe::claims;

namespace {

std::filesystem::path data_dir() { return factpipe::test::source_dir() / "plugins/claims/data"; }

}  // namespace

TEST(ClaimsFeatureExtractor, StructureFeaturesCombineNumbersComparisonsAndPromises) {
  ExperimentFeatures with;
  with.structure = true;
  FeatureExtractor on = with.extractor(data_dir()), off = ExperimentFeatures{}.extractor(data_dir());
  EXPECT_NE(on.signature(), off.signature());
  // the letter the signature had when the option lived in the stage's FeatureOptions
  EXPECT_NE(on.signature().find("+w12c4-5s:"), std::string::npos) << on.signature();
  EXPECT_EQ(off.signature(), FeatureExtractor::from_data_dir(data_dir()).signature());
  auto index_of = [](std::string_view name, std::string_view value = {}) {
    FeatureVector f;
    f.set_group(FeatureGroup::hand);
    if (value.empty()) f.add(name);
    else f.add(name, value);
    return std::move(f).finish_counts().at(0).index;
  };
  auto has = [](const std::vector<SparseFeature>& x, int index) {
    return std::any_of(x.begin(), x.end(), [&](const SparseFeature& f) { return f.index == index; });
  };
  const int number_and_comparison = index_of("x:number_and_comparison"), promise = index_of("x:promise");
  auto statistic = hand_features(on, "Exports rose 5% more than imports in 2019.");
  EXPECT_TRUE(has(statistic, number_and_comparison));
  EXPECT_TRUE(has(statistic, index_of("x:number_and_past")));  // "rose": an irregular past in the lexicon
  EXPECT_FALSE(has(statistic, promise));
  auto pledge = hand_features(on, "We will cut taxes for every family.");
  EXPECT_TRUE(has(pledge, promise));
  EXPECT_FALSE(has(pledge, number_and_comparison));
  EXPECT_TRUE(has(hand_features(on, "There are 40 million people without insurance."), index_of("x:there_is")));
  EXPECT_TRUE(has(hand_features(on, "He said it."), index_of("x:short_pronoun_start")));
  EXPECT_FALSE(has(hand_features(off, "We will cut taxes for every family."), promise));
}

TEST(ClaimsWordClasses, WordNetClassesThroughBaseForms) {
  if (!std::filesystem::exists(std::filesystem::path(kDefaultWordNetDir) / "index.noun"))
    GTEST_SKIP() << "WordNet (wordnet-base) not installed";
  auto wc = WordClasses::shared(std::filesystem::path(kDefaultWordNetDir));
  EXPECT_GT(wc->size(), 50000u);
  constexpr int kNounPossession = 21, kVerbMotion = 38;
  EXPECT_EQ(wc->classes("budget").noun, kNounPossession);
  EXPECT_EQ(wc->classes("budgets").noun, kNounPossession);  // detachment rule -s
  EXPECT_EQ(wc->classes("tariffs").noun, kNounPossession);
  EXPECT_EQ(wc->classes("went").verb, kVerbMotion);  // exception list: went -> go
  EXPECT_EQ(wc->classes("went").noun, -1);
  EXPECT_EQ(wc->classes("qwzxv").noun, -1);
  EXPECT_EQ(wc.get(), WordClasses::shared(std::filesystem::path(kDefaultWordNetDir)).get());  // loaded once
  EXPECT_THROW(WordClasses::load("/nonexistent-wordnet"), std::runtime_error);
  // As features: two sentences differing only in a word of the same class share the class feature.
  ExperimentFeatures with;
  with.word_classes = true;
  with.options.char_ngrams = false;
  FeatureExtractor e = with.extractor(data_dir());
  ExperimentFeatures without = with;
  without.word_classes = false;
  FeatureExtractor plain = without.extractor(data_dir());
  auto shared = [](const FeatureExtractor& x) {
    auto a = x.extract("Tariffs went up."), b = x.extract("Budgets went up.");
    std::size_t n = 0;
    for (auto& p : a)
      for (auto& q : b) n += p.index == q.index;
    return n;
  };
  EXPECT_GT(shared(e), shared(plain));  // noun.possession of "tariffs" and "budgets"
  EXPECT_NE(e.signature(), plain.signature());
  EXPECT_NE(e.signature().find("wn3:"), std::string::npos) << e.signature();
}
