#include "features.hpp"

namespace factpipe::claims::features {

// Past events and present states are checkable; futures and wishes rarely are.
void add_tense(const AnalyzedSentence& s, FeatureVector& f) {
  bool past = false, perfect = false, future = false, progressive = false, obligation = false;
  for (std::size_t i = 0; i < s.words.size(); ++i) {
    const auto& w = s.words[i];
    if (w.kind != WordKind::word) continue;
    std::uint32_t t = s.tags[i];
    bool ed = w.lower.size() > 4 && w.lower.ends_with("ed");
    if ((t & kPastIrregular) || ed) past = true;
    if ((t & kPerfectAux) && i + 1 < s.words.size()) {
      const auto& next = s.words[i + 1];
      if (next.lower == "been" || (next.lower.size() > 4 && next.lower.ends_with("ed")) ||
          (s.tags[i + 1] & kPastIrregular))
        perfect = true;
    }
    if ((t & kFuture) && !(t & kReporting)) future = true;
    if (w.lower == "going" && i + 1 < s.words.size() && s.words[i + 1].lower == "to") future = true;
    if (w.lower.size() > 4 && w.lower.ends_with("ing") && i > 0 &&
        (s.words[i - 1].lower == "is" || s.words[i - 1].lower == "are" || s.words[i - 1].lower == "'re" ||
         s.words[i - 1].lower == "'s" || s.words[i - 1].lower == "was" || s.words[i - 1].lower == "were"))
      progressive = true;
    if (t & kObligation) obligation = true;
  }
  if (past) f.add("tense:past");
  if (perfect) f.add("tense:perfect");
  if (future) f.add("tense:future");
  if (progressive) f.add("tense:progressive");
  if (obligation) f.add("tense:obligation");
  if (!past && !perfect && !future) f.add("tense:present_only");
}

}  // namespace factpipe::claims::features
