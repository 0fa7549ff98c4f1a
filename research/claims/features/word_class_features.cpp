#include <cstdio>
#include <string>

#include "experiment_features.hpp"
#include "features/features.hpp"

namespace factpipe::claims::features {

// The WordNet class of a word's noun reading and of its verb reading ("budgets" -> noun.possession and
// verb.cognition), and the pair of neighbouring words' classes (the noun reading when there is one), so that an
// unseen word counts like the seen words of its class ("tariffs" like "taxes"). Closed-class words (any of the
// lexicon's lists: pronouns, modals, reporting verbs, ...) are left to their own features.
void add_word_classes(const AnalyzedSentence& s, const WordClasses& classes, FeatureVector& f) {
  std::string prev = "<s>";
  char buf[16];
  for (std::size_t i = 0; i < s.words.size(); ++i) {
    const auto& w = s.words[i];
    if (w.kind != WordKind::word || w.lower.size() < 3 || s.tags[i] != 0) continue;
    auto c = classes.classes(w.lower);
    if (c.noun < 0 && c.verb < 0) continue;
    if (c.verb >= 0) {
      std::snprintf(buf, sizeof buf, "v%d", c.verb % 100);
      f.add("wn", buf);
    }
    if (c.noun >= 0) {
      std::snprintf(buf, sizeof buf, "n%d", c.noun % 100);
      f.add("wn", buf);
    }
    f.add("wn2", prev, buf);  // buf holds the noun class when there is one
    prev = buf;
  }
}

}  // namespace factpipe::claims::features
