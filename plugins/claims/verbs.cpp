#include "verbs.hpp"

namespace factpipe::claims {
namespace {

bool is_determiner(std::string_view w) {
  return w == "the" || w == "a" || w == "an" || w == "his" || w == "her" || w == "their" || w == "its" || w == "our" ||
         w == "my" || w == "your" || w == "this" || w == "that" || w == "these" || w == "those";
}

}  // namespace

bool is_auxiliary(std::string_view w) {
  return w == "is" || w == "are" || w == "was" || w == "were" || w == "am" || w == "has" || w == "have" || w == "had" ||
         w == "will" || w == "would" || w == "can" || w == "could" || w == "should" || w == "may" || w == "might" ||
         w == "must" || w == "shall" || w == "did" || w == "does" || w == "do" || w == "'re" || w == "'ve" ||
         w == "'ll" || w == "won't" || w == "can't";
}

bool looks_finite_verb(const AnalyzedSentence& s, std::size_t i) {
  const Word& w = s.words[i];
  if (w.kind != WordKind::word) return false;
  if (w.capitalized && i > 0) return false;  // a name, not a verb
  if (is_auxiliary(w.lower)) return !(w.lower == "may" && w.capitalized);
  bool after_determiner = i > 0 && is_determiner(s.words[i - 1].lower);
  if (after_determiner) return false;
  std::uint32_t t = s.tags[i];
  if (t & (kPastIrregular | kReporting)) return true;
  if ((t & kTrend) && !w.lower.ends_with("ing")) return true;
  if (w.lower.size() > 4 && w.lower.ends_with("ed")) return true;
  return false;
}

std::size_t first_finite_verb(const AnalyzedSentence& s, std::size_t first, std::size_t last) {
  for (std::size_t i = first; i < last; ++i)
    if (looks_finite_verb(s, i)) return i;
  return last;
}

}  // namespace factpipe::claims
