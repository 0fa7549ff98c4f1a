#pragma once
// The word lists of the sentence rules (sentence_splitter.hpp), data and not code: abbreviations with their class,
// the words that typically open a sentence and verbs of saying (text/data/abbreviations.txt, sentence_starters.txt,
// attribution_verbs.txt). Immutable once built, so one BoundaryLexicon can serve many threads.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_set>

#include <factpipe/text/abbreviations.hpp>

namespace factpipe::text {

class BoundaryLexicon {
 public:
  BoundaryLexicon() = default;

  // Parses the list formats (text/data/abbreviations.txt, text/data/sentence_starters.txt).
  // `*_name` is used in error messages, which name the source and the 1-based line.
  static BoundaryLexicon parse(std::string_view abbreviations, std::string_view abbreviations_name,
                               std::string_view starters, std::string_view starters_name,
                               std::string_view attribution_verbs = {}, std::string_view attribution_verbs_name = {});
  // Reads the files; std::runtime_error names the file that is missing or malformed.
  static BoundaryLexicon load(const std::filesystem::path& abbreviations_file,
                              const std::filesystem::path& starters_file,
                              const std::filesystem::path& attribution_verbs_file);
  // The lists in data_dir: abbreviations.txt, sentence_starters.txt, attribution_verbs.txt (a plugin's data dir).
  static BoundaryLexicon load_dir(const std::filesystem::path& data_dir);
  // The three lists of text/data as they were when this library was built (code without a data folder).
  static const BoundaryLexicon& builtin();

  // `word` includes its final period: "Gov.".
  AbbreviationClass abbreviation(std::string_view word) const { return abbreviations_.find(word); }
  // Case-insensitive (ASCII): "The", "THE" and "the" all match "The".
  bool is_sentence_starter(std::string_view word) const;
  // A verb of saying ("said", "asked"), case-insensitive (ASCII).
  bool is_attribution_verb(std::string_view word) const;

  std::size_t abbreviation_count() const { return abbreviations_.size(); }
  std::size_t starter_count() const { return starters_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  AbbreviationList abbreviations_;
  std::unordered_set<std::string, Hash, std::equal_to<>> starters_;           // lower case
  std::unordered_set<std::string, Hash, std::equal_to<>> attribution_verbs_;  // lower case
  std::size_t longest_word_ = 0;

  static bool contains_lower(const std::unordered_set<std::string, Hash, std::equal_to<>>& set, std::size_t longest,
                             std::string_view word);
};

}  // namespace factpipe::text
