#include "features.hpp"

namespace factpipe::claims::features {

void add_numbers(const AnalyzedSentence& s, FeatureVector& f) {
  f.add("num:count", bucket(s.numbers.size()));
  bool percent = false, money = false, scale = false, digits = false;
  for (auto& r : s.numbers) {
    for (std::size_t i = r.first; i < r.last; ++i) {
      const auto& w = s.words[i].lower;
      if (w == "%" || w == "percent" || w == "cent") percent = true;
      if (w == "$" || w == "dollars" || w == "dollar") money = true;
      if (w == "million" || w == "billion" || w == "trillion" || w == "thousand") scale = true;
      if (s.words[i].kind == WordKind::number) digits = true;
    }
    if (r.last < s.words.size() && (s.tags[r.last] & kMoney)) money = true;
  }
  if (percent) f.add("num:percent");
  if (money) f.add("num:money");
  if (scale) f.add("num:scale");
  if (digits) f.add("num:digits");
}

}  // namespace factpipe::claims::features
