#include "features.hpp"

namespace factpipe::claims::features {

void add_reporting(const AnalyzedSentence& s, FeatureVector& f) {
  std::size_t reporting = 0, quote_marks = 0;
  bool according = false;
  for (std::size_t i = 0; i < s.words.size(); ++i) {
    if (s.tags[i] & kReporting) ++reporting;
    if (s.words[i].lower == "\"") ++quote_marks;
    if (s.words[i].lower == "according" && i + 1 < s.words.size() && s.words[i + 1].lower == "to") according = true;
  }
  if (reporting) f.add("rep:verb", bucket(reporting));
  if (quote_marks) f.add("rep:quote_marks");
  if (according) f.add("rep:according_to");
}

}  // namespace factpipe::claims::features
