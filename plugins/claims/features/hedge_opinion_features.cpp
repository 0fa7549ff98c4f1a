#include "features.hpp"

namespace factpipe::claims::features {

void add_hedges_opinion(const AnalyzedSentence& s, FeatureVector& f) {
  std::size_t hedges = 0, opinion = 0, negations = 0;
  for (std::size_t i = 0; i < s.words.size(); ++i) {
    std::uint32_t t = s.tags[i];
    // "May" the month is not a hedge; analyze() has already marked it as part of a date.
    if ((t & kHedge) && !s.words[i].capitalized) ++hedges;
    else if ((t & kHedge) && i == 0) ++hedges;
    if (t & kOpinion) ++opinion;
    if (t & kNegation) ++negations;
  }
  if (hedges) f.add("hedge:count", bucket(hedges));
  if (opinion) f.add("opinion:count", bucket(opinion));
  if (negations) f.add("neg:count", bucket(negations));
  // "I think", "I believe", "we feel": opinion framed as such.
  for (std::size_t i = 0; i + 1 < s.words.size(); ++i)
    if ((s.tags[i] & (kFirstSingular | kFirstPlural)) && (s.tags[i + 1] & kOpinion)) {
      f.add("opinion:i_think");
      break;
    }
}

}  // namespace factpipe::claims::features
