#include "features.hpp"

namespace factpipe::claims::features {

void add_comparisons(const AnalyzedSentence& s, FeatureVector& f) {
  std::size_t comparatives = 0, trends = 0, superlatives = 0;
  bool than = false;
  for (std::size_t i = 0; i < s.words.size(); ++i) {
    const auto& w = s.words[i].lower;
    if (s.tags[i] & kComparison) ++comparatives;
    if (s.tags[i] & kTrend) ++trends;
    if (w == "than") than = true;
    // -est words that are superlatives (not "interest", "protest" ...): after "the", "most"/"least".
    if (w.size() > 4 && w.ends_with("est") && !(s.tags[i] & kSuperlativeNot)) ++superlatives;
    if ((w == "most" || w == "least") && i > 0 && s.words[i - 1].lower == "the") ++superlatives;
  }
  if (comparatives) f.add("cmp:comparative", bucket(comparatives));
  if (trends) f.add("cmp:trend", bucket(trends));
  if (superlatives) f.add("cmp:superlative");
  if (than) f.add("cmp:than");
  if (trends && !s.numbers.empty()) f.add("cmp:trend_with_number");
}

}  // namespace factpipe::claims::features
