#pragma once
// Groups name mentions into entities and resolves short forms ("Putin", "Mr. Trump", "Kim"),
// nominal mentions ("the Russian leader") and pronouns ("he", "she", "they").
#include <vector>

#include <factpipe/document.hpp>

#include <factpipe/text/text_view.hpp>
#include "name_finder.hpp"
#include "name_lexicon.hpp"

namespace factpipe::entities {

struct CorefOptions {
  bool resolve_nominals = true;
  bool resolve_pronouns = true;
  int pronoun_window = 6;  // sentences back a pronoun may reach
};

std::vector<Entity> build_entities(const text::TextView& view, const std::vector<NameMention>& names,
                                   const NameLexicon& lx, const CorefOptions& opt);

}  // namespace factpipe::entities
