#include "features.hpp"

namespace factpipe::claims::features {

void add_person(const AnalyzedSentence& s, FeatureVector& f) {
  std::size_t first_singular = 0, first_plural = 0, second = 0;
  for (auto t : s.tags) {
    first_singular += (t & kFirstSingular) != 0;
    first_plural += (t & kFirstPlural) != 0;
    second += (t & kSecondPerson) != 0;
  }
  if (first_singular) f.add("person:i", bucket(first_singular));
  if (first_plural) f.add("person:we", bucket(first_plural));
  if (second) f.add("person:you", bucket(second));
  if (!s.words.empty() && (s.tags[0] & kThirdPronoun)) f.add("person:starts_with_pronoun");
}

}  // namespace factpipe::claims::features
