#pragma once
// Coarse semantic classes of English words from WordNet 3.0 (Debian's wordnet-base): the lexicographer file
// of a noun's or verb's most frequent sense ("budget", "fare" -> noun.possession; "rise" -> verb.change), after
// WordNet's own base-form rules ("budgets" -> "budget"). A backoff for the n-grams: a word never seen in training
// still shares a class with words that were. Loaded once, read-only after.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include <factpipe/text/wordnet_files.hpp>

namespace factpipe::claims {

inline constexpr std::string_view kDefaultWordNetDir = text::wordnet::kDefaultDir;

class WordClasses {
 public:
  // Reads index.{noun,verb}, data.{noun,verb}, {noun,verb}.exc; throws naming the missing or malformed file.
  static WordClasses load(const std::filesystem::path& dir);
  // One instance per folder for the whole process (the eval builds several extractors).
  static std::shared_ptr<const WordClasses> shared(const std::filesystem::path& dir);

  struct Classes {
    int noun = -1, verb = -1;  // WordNet lex_filenum of the first sense (noun 3-28, verb 29-43), -1 when none
  };
  // Classes of a lower-case word form, through its base forms.
  Classes classes(std::string_view word) const;
  std::size_t size() const { return lemmas_.size(); }

 private:
  Classes lemma(std::string_view base) const;
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, Classes, Hash, std::equal_to<>> lemmas_;
  std::unordered_map<std::string, std::string, Hash, std::equal_to<>> noun_exceptions_, verb_exceptions_;
};

}  // namespace factpipe::claims
