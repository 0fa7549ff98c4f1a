#include "features.hpp"

namespace factpipe::claims::features {
namespace {

// Numbers are replaced by their shape, so "5%" and "7%" share one feature: the model should learn that
// quantities matter, not which quantity.
std::string_view normalized(const Word& w) {
  if (w.kind == WordKind::number) return w.lower.size() == 4 && w.lower[0] != '0' ? "<num4>" : "<num>";
  return w.lower;
}

// A crude stem (plural, -ing, -ed, -ly stripped) so that inflections share a feature.
std::string_view stem(std::string_view w) {
  auto strip = [&](std::string_view suffix, std::size_t min_left) {
    if (w.size() >= suffix.size() + min_left && w.ends_with(suffix)) {
      w.remove_suffix(suffix.size());
      return true;
    }
    return false;
  };
  strip("ies", 3) || strip("ing", 3) || strip("ed", 3) || strip("ly", 4) || strip("es", 3) || strip("s", 3);
  return w;
}

}  // namespace

void add_ngrams(const AnalyzedSentence& s, FeatureVector& f) {
  std::string_view prev = "<s>";
  for (const auto& w : s.words) {
    std::string_view cur = normalized(w);
    if (w.kind != WordKind::punct || cur == "?" || cur == "%" || cur == "$") {
      f.add("u", cur);
      if (w.kind == WordKind::word) f.add("st", stem(cur));
    }
    f.add("b", prev, cur);
    prev = cur;
  }
  f.add("b", prev, "</s>");
}

void add_word_trigrams(const AnalyzedSentence& s, FeatureVector& f) {
  std::string_view a = "<s>", b = "<s>";
  for (const auto& w : s.words) {
    std::string_view c = normalized(w);
    f.add("t", a, b, c);
    a = b;
    b = c;
  }
  f.add("t", a, b, "</s>");
}

}  // namespace factpipe::claims::features
