#include "claim_typer.hpp"

#include "verbs.hpp"

namespace factpipe::claims {
namespace {

bool has_word(const AnalyzedSentence& s, WordRange r, std::string_view a, std::string_view b = {}) {
  for (std::size_t i = r.first; i < r.last; ++i)
    if (s.words[i].lower == a && (b.empty() || (i + 1 < r.last && s.words[i + 1].lower == b))) return true;
  return false;
}

bool inside(const std::vector<WordRange>& ranges, WordRange r) {
  for (auto& x : ranges)
    if (x.first >= r.first && x.last <= r.last) return true;
  return false;
}

}  // namespace

std::string_view claim_type(const AnalyzedSentence& s, WordRange r) {
  bool trend_verb = false, comparative = false, future = false, obligation = false, position = false,
       copula_title = false;
  for (std::size_t i = r.first; i < r.last; ++i) {
    std::uint32_t t = s.tags[i];
    const auto& w = s.words[i].lower;
    // Inflected trend verbs only ("rose", "doubled", "falls"): "should raise" is a position, not a trend.
    if ((t & kTrend) && looks_finite_verb(s, i) &&
        ((t & kPastIrregular) || w.ends_with("ed") || (w.ends_with("s") && !w.ends_with("ss"))))
      trend_verb = true;
    if (w == "than" ||
        ((t & kComparison) && w != "record" && w != "times" && w != "more" && w != "most" && w != "best"))
      comparative = true;
    if (w == "will" || w == "'ll" || w == "shall" || w == "forecast" || w == "predicted" || w == "predict" ||
        w == "predicts" || w == "projected")
      future = true;
    if (t & kObligation) obligation = true;
    if (t & kPosition) position = true;
    if ((w == "is" || w == "was") && i + 1 < r.last &&
        (s.words[i + 1].lower == "the" || s.words[i + 1].lower == "a" || s.words[i + 1].lower == "an"))
      for (std::size_t k = i + 2; k < r.last && k <= i + 6; ++k)
        if (s.tags[k] & kIdentityTitle) copula_title = true;
  }
  bool quantity = inside(s.numbers, r);
  bool causal = has_word(s, r, "because") || has_word(s, r, "due", "to") || has_word(s, r, "caused") ||
                has_word(s, r, "causes") || has_word(s, r, "led", "to") || has_word(s, r, "resulted", "in") ||
                has_word(s, r, "result", "of") || has_word(s, r, "therefore") || has_word(s, r, "consequently") ||
                has_word(s, r, "thanks", "to");
  if (has_word(s, r, "expected", "to") || has_word(s, r, "going", "to")) future = true;
  if (copula_title && !quantity) return "identity";
  if (trend_verb || comparative) return "comparison";
  if (quantity) return "quantity";
  if (causal) return "causal";
  if (future) return "prediction";
  if (obligation || position) return "position";
  return "event";
}

}  // namespace factpipe::claims
