// The word lists compiled in, for code that has no data folder (crossref's plain-text sentence splitter). The lists
// themselves are text/data/*.txt, each turned into one string literal at configure time. This file lives in the
// source tree and only includes those literals: a sanitizer build writes the name of each compiled file into the
// code, and no installed program may hold a path of the build tree.
#include <factpipe/text/abbreviations.hpp>
#include <factpipe/text/boundary_lexicon.hpp>

namespace factpipe::text {

namespace {
constexpr std::string_view kAbbreviations =
#include "builtin_abbreviations.inc"
    ;
constexpr std::string_view kSentenceStarters =
#include "builtin_sentence_starters.inc"
    ;
constexpr std::string_view kAttributionVerbs =
#include "builtin_attribution_verbs.inc"
    ;
}  // namespace

const AbbreviationList& AbbreviationList::builtin() {
  static const AbbreviationList list = parse(kAbbreviations, "text/data/abbreviations.txt");
  return list;
}

const BoundaryLexicon& BoundaryLexicon::builtin() {
  static const BoundaryLexicon lexicon =
      parse(kAbbreviations, "text/data/abbreviations.txt", kSentenceStarters, "text/data/sentence_starters.txt",
            kAttributionVerbs, "text/data/attribution_verbs.txt");
  return lexicon;
}

}  // namespace factpipe::text
