#pragma once
// What the quotes stage knows about words, loaded once from its data files.
#include <string>

#include <factpipe/text/abbreviations.hpp>
#include <factpipe/text/word_lists.hpp>
#include <factpipe/text/word_pieces.hpp>

namespace factpipe::quotes {

struct QuoteLexiconFiles {
  std::string speech_verbs = "speech_verbs.tsv";
  std::string title_cues = "title_cues.txt";
  std::string function_words = "function_words.tsv";
  std::string indirect_verbs = "indirect_verbs.txt";
  std::string cognition_verbs = "cognition_verbs.tsv";
  std::string stance_verbs = "stance_verbs.tsv";
  std::string finder_skip_words = "finder_skip_words.txt";
  // The shared lists of text/data (the build copies them into this plugin's data dir).
  std::string abbreviations = "abbreviations.txt";
  std::string titles = "titles.tsv";
  std::string not_names = "not_names.txt";
  std::string credit_cues = "credit_cues.txt";
};

struct QuoteLexicon {
  text::WordMap speech_verbs;           // form -> lemma
  text::WordList title_cues;            // words before a title in marks
  text::WordMap function_words;         // word -> prep | adv | det | sub | rel | pron
  text::WordList indirect_verbs;        // lemmas that report speech without marks
  text::WordMap cognition_verbs;        // form -> lemma: think, believe, show ... (indirect speech only)
  text::WordMap stance_verbs;           // form -> lemma: endorse, oppose, urge ... (indirect speech only)
  text::WordList finder_skip_words;     // forms around which the learned indirect finder proposes nothing
  text::AbbreviationSet abbreviations;  // "mr.", "sen.": keep their period in the word scanner
  text::WordMap titles;                 // title and role words before a name ("sen.", "president")
  text::WordList not_names;             // capitalised words that are never a speaker's name
  text::WordList credit_cues;           // words of photo credits and bylines: those paragraphs hold no speaker

  template <class Resolve>
  static QuoteLexicon load(const QuoteLexiconFiles& f, Resolve&& resolve) {
    QuoteLexicon lx;
    lx.speech_verbs = text::WordMap::load(resolve(f.speech_verbs));
    lx.title_cues = text::WordList::load(resolve(f.title_cues));
    lx.function_words = text::WordMap::load(resolve(f.function_words));
    lx.indirect_verbs = text::WordList::load(resolve(f.indirect_verbs));
    lx.cognition_verbs = text::WordMap::load(resolve(f.cognition_verbs));
    lx.stance_verbs = text::WordMap::load(resolve(f.stance_verbs));
    lx.finder_skip_words = text::WordList::load(resolve(f.finder_skip_words));
    lx.abbreviations = text::AbbreviationList::load(resolve(f.abbreviations)).scanned();
    lx.titles = text::WordMap::load(resolve(f.titles));
    lx.not_names = text::WordList::load(resolve(f.not_names));
    lx.credit_cues = text::WordList::load(resolve(f.credit_cues));
    return lx;
  }
  bool is(const std::string& lower_word, const char* cls) const {
    const std::string* c = function_words.find(lower_word);
    return c && *c == cls;
  }
};

}  // namespace factpipe::quotes
