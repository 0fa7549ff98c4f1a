// The rating of an earlier fact-check -> the stance it gives a claim: negated forms ("not true", "untrue")
// must refute, and every distinct rating of the bundled ClaimReview data has an expected stance here.
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "test_paths.hpp"
#include "verdict.hpp"

namespace fs = std::filesystem;
using namespace factpipe;
using namespace factpipe::crossref;

namespace {

// Ratings seen in ClaimReview markup (the bundled data, and the common fact-checkers' scales).
const std::map<std::string, Stance>& expected_stances() {
  static const std::map<std::string, Stance> table = {{"True", Stance::supports},
                                                      {"Mostly true", Stance::supports},
                                                      {"Mostly True", Stance::supports},
                                                      {"Correct", Stance::supports},
                                                      {"Accurate", Stance::supports},
                                                      {"Legit", Stance::supports},
                                                      {"Confirmed", Stance::supports},
                                                      {"5", Stance::supports},
                                                      {"False", Stance::refutes},
                                                      {"Mostly false", Stance::refutes},
                                                      {"Pants on Fire", Stance::refutes},
                                                      {"pants-on-fire", Stance::refutes},
                                                      {"Fake", Stance::refutes},
                                                      {"Incorrect", Stance::refutes},
                                                      {"Misleading", Stance::refutes},
                                                      {"Exaggerated", Stance::refutes},
                                                      {"Fabricated", Stance::refutes},
                                                      {"Scam", Stance::refutes},
                                                      {"Miscaptioned", Stance::refutes},
                                                      {"Misattributed", Stance::refutes},
                                                      {"Four Pinocchios", Stance::refutes},
                                                      {"1", Stance::refutes},
                                                      // Negated forms of a "true" word.
                                                      {"Not true", Stance::refutes},
                                                      {"Untrue", Stance::refutes},
                                                      {"Not accurate", Stance::refutes},
                                                      {"Not correct", Stance::refutes},
                                                      {"No evidence", Stance::refutes},
                                                      {"Not legit", Stance::refutes},
                                                      {"Unfounded", Stance::refutes},
                                                      {"Unsubstantiated", Stance::refutes},
                                                      {"Not confirmed", Stance::refutes},
                                                      {"Inaccurate", Stance::refutes},
                                                      {"Mostly inaccurate", Stance::refutes},
                                                      // In between, or no call.
                                                      {"Half true", Stance::discusses},
                                                      {"half-true", Stance::discusses},
                                                      {"Mixture", Stance::discusses},
                                                      {"Partly false", Stance::discusses},
                                                      {"Missing context", Stance::discusses},
                                                      {"Unproven", Stance::discusses},
                                                      {"Unverified", Stance::discusses},
                                                      {"Outdated", Stance::discusses},
                                                      {"Satire", Stance::discusses},
                                                      {"Labeled Satire", Stance::discusses},
                                                      {"Not the whole story", Stance::discusses},
                                                      {"", Stance::discusses},
                                                      {"Research in progress", Stance::discusses}};
  return table;
}

}  // namespace

TEST(Rating, EveryKnownRatingMapsToItsStance) {
  for (const auto& [rating, stance] : expected_stances())
    EXPECT_EQ(stance_of_rating(rating), stance) << "rating '" << rating << "'";
}

TEST(Rating, NegatedFormsNeverSupport) {
  for (const char* r : {"Not true", "NOT TRUE", "untrue", "Not accurate", "Not correct", "No evidence",
                        "This is not true", "Claim not accurate"})
    EXPECT_EQ(stance_of_rating(r), Stance::refutes) << r;
}

// Every distinct reviewRating.alternateName of the bundled ClaimReview files has an expected stance above
// (a new rating in the data must be added there, with the stance it should give).
TEST(Rating, EveryRatingOfTheBundledClaimReviewsIsExpected) {
  fs::path sources = test::source_dir() / "examples" / "sources";
  ASSERT_TRUE(fs::exists(sources)) << sources;
  std::set<std::string> ratings;
  std::regex alternate_name("\"alternateName\"\\s*:\\s*\"([^\"]*)\"");
  for (const auto& f : fs::recursive_directory_iterator(sources)) {
    if (!f.is_regular_file() || (f.path().extension() != ".jsonld" && f.path().extension() != ".json")) continue;
    std::ifstream in(f.path());
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    for (std::sregex_iterator it(text.begin(), text.end(), alternate_name), end; it != end; ++it)
      ratings.insert((*it)[1].str());
  }
  ASSERT_FALSE(ratings.empty());
  for (const auto& r : ratings) {
    auto it = expected_stances().find(r);
    ASSERT_NE(it, expected_stances().end()) << "bundled rating '" << r << "' has no expected stance";
    EXPECT_EQ(stance_of_rating(r), it->second) << r;
  }
}
