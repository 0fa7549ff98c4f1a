#include <string>

#include "features.hpp"

namespace factpipe::claims::features {

// Character n-grams (3- to 5-grams by default) inside each word, with word boundaries marked ("<tax", "xes>"): they
// share evidence between inflections and compounds ("unemployment", "employed") and survive rare spellings. Numbers are
// left to the number features (their digits say little).
void add_char_ngrams(const AnalyzedSentence& s, unsigned min_n, unsigned max_n, FeatureVector& f) {
  std::string padded;
  for (const auto& w : s.words) {
    if (w.kind != WordKind::word) continue;
    padded.assign(1, '<');
    padded.append(w.lower);
    padded.push_back('>');
    f.add_substrings("c", padded, min_n, max_n);
  }
}

}  // namespace factpipe::claims::features
