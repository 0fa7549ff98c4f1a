#include "features.hpp"

namespace factpipe::claims::features {

// Named things make a sentence checkable. The entity layer is used when the document has one; otherwise
// (and always in training, where sentences come without layers) runs of capitalised words inside the
// sentence stand in for names. Both land on the same features so the model applies to either.
void add_entities(const AnalyzedSentence& s, FeatureVector& f) {
  std::size_t names = 0;
  if (s.entity_mentions >= 0) {
    names = static_cast<std::size_t>(s.entity_mentions);
  } else {
    bool in_run = false;
    for (std::size_t i = 0; i < s.words.size(); ++i) {
      const auto& w = s.words[i];
      bool sentence_start = i == 0 || s.words[i - 1].lower == "\"" || s.words[i - 1].lower == ":";
      bool name = w.kind == WordKind::word && w.capitalized && !sentence_start && w.lower != "i" &&
                  (s.tags[i] & (kMonth | kWeekday | kFirstSingular)) == 0;
      if (name && !in_run) ++names;
      in_run = name ||
               (in_run && (w.lower == "of" || w.lower == "de") && i + 1 < s.words.size() && s.words[i + 1].capitalized);
    }
  }
  f.add("ent:count", bucket(names));
  for (const auto& w : s.words)
    if (w.all_caps && w.lower.size() >= 2 && w.lower.size() <= 5) {
      f.add("ent:acronym");
      break;
    }
}

}  // namespace factpipe::claims::features
