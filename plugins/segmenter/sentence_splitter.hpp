#pragma once
// Sentence boundaries inside one paragraph's tokens. The rules, in order:
//  1. A sentence can end only after . ! ? … ... or a word that kept an abbreviation period, and it takes
//     along everything glued to that mark: more terminators and closing quotes / brackets
//     (`He said "Go." Then` ends after the closing quote).
//  2. It does not end when the next word starts with a lower-case letter (`"We will win!" she said.`,
//     `we will... win`, `U.S. officials`) or the next token is , ; : or a dash.
//  3. After . ! ? it ends (next word capitalised, a number, an opening quote ...).
//  4. After an ellipsis it ends only when a capitalised word follows.
//  5. After a title abbreviation ("Gov.", "Lt.") it never ends; after other abbreviations, initials and
//     initialisms ("Inc.", "J.", "U.S.") it ends only when the next word is a listed sentence starter
//     ("in the U.S. The next day") or a closing quote came right after the abbreviation.
//  6. Exceptions: a list number alone ("1. FIREWORKS FLY") is no sentence, and a short attribution after a
//     closed quotation stays with it (`“... missing.” Trump said.`, `"Why?" Mr. Smith asked.`).
//  7. The end of the paragraph always ends the sentence.
#include <cstddef>
#include <string_view>
#include <vector>

#include "boundary_lexicon.hpp"
#include "tokenizer.hpp"

namespace factpipe::segmenter {

// Appends [first, last] token index pairs (inclusive) of each sentence in tokens[begin, end).
struct SentenceRange {
  std::size_t first, last;
};

void split_sentences(std::string_view text, const std::vector<RawToken>& tokens, std::size_t begin, std::size_t end,
                     const BoundaryLexicon& lexicon, std::vector<SentenceRange>& out);

}  // namespace factpipe::segmenter
