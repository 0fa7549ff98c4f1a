#pragma once
// Capitalised-sequence name finding with gazetteers: "Russian President Vladimir Putin" gives the
// person name "Vladimir Putin" with roles {russian, president}; "NATO chief Jens Stoltenberg" gives
// ORG "NATO" and PERSON "Jens Stoltenberg" (role chief).
#include <string>
#include <vector>

#include <factpipe/text/text_view.hpp>
#include "name_lexicon.hpp"

namespace factpipe::entities {

struct NameMention {
  Span span;                       // the name itself, titles excluded
  std::string type;                // PERSON ORG GPE NORP, or "" when only a known person can claim it
  std::vector<std::string> words;  // surface words of the name
  std::vector<std::string> roles;  // lower-case title / role / appositive words
  char gender = 'u';               // m, f, u
  int sentence = -1;
  bool titled = false;  // came with a person title (Mr., President, Sen.)
};

std::vector<NameMention> find_names(const text::TextView& view, const NameLexicon& lx);

}  // namespace factpipe::entities
