#pragma once
// Sentence boundaries: the one set of rules of the segmenter stage and of crossref's plain-text splitter (issue
// #18). Over one paragraph's tokens (tokenizer.hpp), in order:
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

#include <factpipe/document.hpp>
#include <factpipe/text/boundary_lexicon.hpp>
#include <factpipe/text/paragraphs.hpp>
#include <factpipe/text/tokenizer.hpp>

namespace factpipe::text {

// The sentences of plain text that no segmenter has seen (crossref's sources and passages, and sentence_spans'
// fallback without a sentences layer): paragraphs by `breaks`, then the tokenizer and the rules below with the
// lists compiled in (BoundaryLexicon::builtin()), as the segmenter stage splits with its default lists. Trimmed,
// never empty, never crossing a paragraph. The default keeps a single line break inside a paragraph: measured on
// CLEF-2020 train through crossref (text/README.md "Sentences of plain text").
std::vector<Span> split_sentences(std::string_view text, ParagraphBreaks breaks = ParagraphBreaks::blank_line);

// Appends [first, last] token index pairs (inclusive) of each sentence in tokens[begin, end).
struct SentenceRange {
  std::size_t first, last;
};

void split_sentences(std::string_view text, const std::vector<RawToken>& tokens, std::size_t begin, std::size_t end,
                     const BoundaryLexicon& lexicon, std::vector<SentenceRange>& out);

}  // namespace factpipe::text
