#pragma once
// What the quotes stage knows about words, loaded once from its data files.
#include <string>

#include "lexicon.hpp"
#include "word_lists.hpp"

namespace factpipe::quotes {

struct QuoteLexiconFiles {
  std::string speech_verbs = "speech_verbs.tsv";
  std::string title_cues = "title_cues.txt";
  std::string function_words = "function_words.tsv";
  std::string indirect_verbs = "indirect_verbs.txt";
  std::string cognition_verbs = "cognition_verbs.tsv";
};

struct QuoteLexicon {
  entities::WordMap speech_verbs;    // form -> lemma
  entities::WordList title_cues;     // words before a title in marks
  entities::WordMap function_words;  // word -> prep | adv | det | sub | rel | pron
  entities::WordList indirect_verbs; // lemmas that report speech without marks
  entities::WordMap cognition_verbs; // form -> lemma: think, believe, show ... (indirect speech only)

  template <class Resolve>
  static QuoteLexicon load(const QuoteLexiconFiles& f, Resolve&& resolve) {
    QuoteLexicon lx;
    lx.speech_verbs = entities::WordMap::load(resolve(f.speech_verbs));
    lx.title_cues = entities::WordList::load(resolve(f.title_cues));
    lx.function_words = entities::WordMap::load(resolve(f.function_words));
    lx.indirect_verbs = entities::WordList::load(resolve(f.indirect_verbs));
    lx.cognition_verbs = entities::WordMap::load(resolve(f.cognition_verbs));
    return lx;
  }
  bool is(const std::string& lower_word, const char* cls) const {
    const std::string* c = function_words.find(lower_word);
    return c && *c == cls;
  }
};

}  // namespace factpipe::quotes
