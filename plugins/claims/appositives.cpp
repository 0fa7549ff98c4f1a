#include "appositives.hpp"

#include "verbs.hpp"

namespace factpipe::claims {

std::vector<WordRange> find_identity_appositives(const AnalyzedSentence& s, WordRange r) {
  std::vector<WordRange> out;
  const auto& w = s.words;
  for (std::size_t comma = r.first + 1; comma + 1 < r.last; ++comma) {
    if (w[comma].lower != ",") continue;
    // The name: two or more capitalised words right before the comma (one word is too often "Kim, in
    // his turn," or a sentence-initial adverb).
    std::size_t name_first = comma;
    while (name_first > r.first && w[name_first - 1].kind == WordKind::word && w[name_first - 1].capitalized &&
           !(s.tags[name_first - 1] & kIdentityTitle))
      --name_first;
    if (comma - name_first < 2) continue;
    // The role: "the/a/an/former ..." with a title word, up to the next comma or finite verb.
    std::size_t k = comma + 1;
    const auto& first = w[k].lower;
    if (!(first == "the" || first == "a" || first == "an" || first == "former" || (s.tags[k] & kIdentityTitle)))
      continue;
    bool title = false;
    std::size_t end = k;
    for (; end < r.last; ++end) {
      const auto& x = w[end];
      if (x.lower == "," || x.lower == ";" || x.lower == "\"" || x.lower == "." || x.lower == "-") break;
      if (end > k && looks_finite_verb(s, end)) break;
      if (s.tags[end] & kIdentityTitle) title = true;
    }
    if (!title || end - k < 2) continue;
    out.push_back({name_first, end});
    comma = end;
  }
  return out;
}

}  // namespace factpipe::claims
