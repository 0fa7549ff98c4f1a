#include "features.hpp"

namespace factpipe::claims::features {

void add_dates(const AnalyzedSentence& s, FeatureVector& f) {
  f.add("date:count", bucket(s.dates.size()));
  std::size_t time_words = 0;
  for (auto t : s.tags) time_words += (t & kTimeWord) != 0;
  if (time_words) f.add("date:time_words", bucket(time_words));
  // A year with a number elsewhere ("in 2015, 40% ...") is the typical statistic.
  if (!s.dates.empty() && !s.numbers.empty()) f.add("date:with_number");
}

}  // namespace factpipe::claims::features
