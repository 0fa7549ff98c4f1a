#include "experiment_features.hpp"
#include "features/features.hpp"

namespace factpipe::claims::features {
namespace {

// Share of the sentence's words with some property, in coarse steps (a linear model cannot divide).
std::string_view share_bucket(std::size_t part, std::size_t whole) {
  if (part == 0 || whole == 0) return "0";
  const double r = static_cast<double>(part) / static_cast<double>(whole);
  return r < 0.1 ? "<10" : r < 0.25 ? "<25" : "25+";
}

bool is_be(std::string_view w) { return w == "is" || w == "are" || w == "was" || w == "were"; }

}  // namespace

// Combinations of the single hand features that a linear model cannot form itself, and ratios:
// a quantity compared ("rose 5%", "twice as many ... than"), a promise ("we will", "I'm going to": ClaimBuster
// labels proposals 0), a short sentence opened by a pronoun (a debate fragment whose subject is elsewhere),
// "there is/are ..." existentials, past tense with a number, and the share of numbers and of names.
void add_structure(const AnalyzedSentence& s, FeatureVector& f) {
  std::size_t words = 0, names = 0, number_words = 0;
  bool comparison = false, past = false;
  for (std::size_t i = 0; i < s.words.size(); ++i) {
    const auto& w = s.words[i];
    if (w.kind == WordKind::punct) continue;
    ++words;
    if (w.kind == WordKind::number || (s.tags[i] & kNumberWord)) ++number_words;
    if (w.kind == WordKind::word && w.capitalized && i > 0 && w.lower != "i") ++names;
    if ((s.tags[i] & (kComparison | kTrend)) || w.lower == "than") comparison = true;
    if ((s.tags[i] & kPastIrregular) || (w.lower.size() > 4 && w.lower.ends_with("ed"))) past = true;
  }
  const bool number = !s.numbers.empty();
  if (number && comparison) f.add("x:number_and_comparison");
  if (number && past) f.add("x:number_and_past");
  f.add("x:number_share", share_bucket(number_words, words));
  f.add("x:name_share", share_bucket(names, words));
  // "we will", "I'll", "we're going to", "I would", "we must/should/need to"
  for (std::size_t i = 0; i + 1 < s.words.size(); ++i) {
    if (!(s.tags[i] & (kFirstSingular | kFirstPlural))) continue;
    for (std::size_t j = i + 1; j < s.words.size() && j <= i + 2; ++j) {
      const auto& n = s.words[j].lower;
      if ((s.tags[j] & (kFuture | kObligation)) || n == "going" || n == "want" || n == "need") {
        f.add("x:promise");
        i = s.words.size();
        break;
      }
    }
  }
  if (!s.words.empty() && (s.tags[0] & kThirdPronoun) && words <= 10) f.add("x:short_pronoun_start");
  for (std::size_t i = 0; i + 1 < s.words.size(); ++i)
    if (s.words[i].lower == "there" && is_be(s.words[i + 1].lower)) {
      f.add("x:there_is");
      break;
    }
}

}  // namespace factpipe::claims::features
