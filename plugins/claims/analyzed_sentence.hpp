#pragma once
// A sentence scanned once: its words, each word's lexicon tags, and the number and date phrases found in
// it. Built for training (from raw dataset text) and in the stage (from the document) the same way.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <factpipe/text/word_pieces.hpp>

#include "checkworthiness_lexicon.hpp"

namespace factpipe::claims {

using WordKind = text::PieceKind;

// A word, number or punctuation mark of the sentence: a piece of the shared scanner (text::scan_pieces with
// kWordScan) and its plain lower-case form, which the lexicon and the hashed features read.
struct Word {
  std::size_t start = 0, end = 0;  // byte offsets into the document (the sentence's plus `base`)
  WordKind kind = WordKind::word;
  bool capitalized = false;  // first letter upper case
  bool all_caps = false;     // two or more letters, all upper case ("NATO", "U.S.", not "I")
  std::string_view lower;    // text::plain_lower of the piece (points into AnalyzedSentence::storage)
};

// How the stage scans: every clitic split ("do" + "n't": the lexicon lists "n't", "'re", "'ll"), dates and
// times one number, "COVID-19" one word, "..." one mark (the model is trained on these words).
inline constexpr text::ScanOptions kWordScan{
    .split_clitics = true, .dates_and_times = true, .digits_after_hyphen = true, .ellipsis_as_one = true};

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
