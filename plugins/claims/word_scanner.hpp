#pragma once
// Splits a sentence into words, numbers and punctuation for the features and rules of the claims stage.
// Deliberately self-contained (not the segmenter's tokens): the model is trained on raw sentences from the
// datasets, so the stage must see exactly the same words at run time as the trainer did.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace factpipe::claims {

enum class WordKind : unsigned char { word, number, punct };

struct Word {
  std::size_t start = 0, end = 0;  // byte offsets into the scanned text (plus the base given to scan_words)
  WordKind kind = WordKind::word;
  bool capitalized = false;  // first letter upper case (ASCII) or a non-ASCII letter start
  bool all_caps = false;     // two or more letters, all upper case
  std::string_view lower;    // ASCII lower case; curly quotes/apostrophes and dashes normalised
                             // (points into ScannedWords::storage)
};

struct ScannedWords {
  std::shared_ptr<const std::string> storage;  // the lower-case text every Word::lower points into
  std::vector<Word> words;
};

// `base` is added to every offset, so words of a sentence can carry document offsets.
ScannedWords scan_words(std::string_view text, std::size_t base = 0);

}  // namespace factpipe::claims
