#pragma once
// A sentence scanned once: its words, each word's lexicon tags, and the number and date phrases found in
// it. Built for training (from raw dataset text) and in the stage (from the document) the same way.
#include <cstdint>
#include <string_view>
#include <vector>

#include "checkworthiness_lexicon.hpp"
#include "word_scanner.hpp"

namespace factpipe::claims {

struct WordRange {
  std::size_t first = 0, last = 0;  // word indices, inclusive first, exclusive last
};

struct AnalyzedSentence {
  std::string_view text;  // the sentence itself
  std::size_t base = 0;   // byte offset of `text` in its document (0 for dataset sentences)
  std::vector<Word> words;
  std::shared_ptr<const std::string> storage;  // owns the text of every words[i].lower
  std::vector<std::uint32_t> tags;             // CheckworthinessLexicon tags per word
  std::vector<WordRange> numbers;              // quantities: "5%", "$1.2 billion", "three"
  std::vector<WordRange> dates;                // "June 19, 2024", "Tuesday", "in 2016", "last year"
  int entity_mentions = -1;                    // named mentions from the entity layer, -1 when there is no layer
};

AnalyzedSentence analyze(std::string_view text, const CheckworthinessLexicon& lexicon, std::size_t base = 0);

}  // namespace factpipe::claims
