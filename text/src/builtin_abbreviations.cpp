// The abbreviation list compiled in, for code that has no data folder (crossref's plain-text sentence splitter).
// The list itself is text/data/abbreviations.txt, turned into one string literal at configure time. This file
// lives in the source tree and only includes that literal: a sanitizer build writes the name of each compiled
// file into the code, and no installed program may hold a path of the build tree.
#include <factpipe/text/abbreviations.hpp>

namespace factpipe::text {

const AbbreviationList& AbbreviationList::builtin() {
  static const AbbreviationList list = parse(
#include "builtin_abbreviations.inc"
      , "text/data/abbreviations.txt");
  return list;
}

}  // namespace factpipe::text
