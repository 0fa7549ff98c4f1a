#pragma once
// WordNet 3.0 (Debian's wordnet-base: /usr/share/wordnet/{index,data}.{noun,verb,adj,adv} and *.exc),
// read by factpipe_text's WordNet file readers (wordnet_files.hpp): synonyms from a word's first senses, antonyms from
// "!" pointers, and base forms via the exception lists and WordNet's detachment rules (morphy). Loaded once, read-only
// after.
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace factpipe::crossref {

class WordNet {
 public:
  // Reads the dictionary folder; throws naming the missing or malformed file.
  explicit WordNet(const std::filesystem::path& dir, int senses_per_word = 2);
  // One shared instance per folder (loading takes a fraction of a second; every stage shares it).
  static std::shared_ptr<const WordNet> shared(const std::filesystem::path& dir);

  // Base forms of a lower-case word ("fell" -> "fall", "routes" -> "route"), the word itself first.
  std::vector<std::string> base_forms(std::string_view word) const;
  // Single-word synonyms of the word's first senses (lower case, without the word itself).
  std::vector<std::string> synonyms(std::string_view word) const;
  // Antonyms over all senses (WordNet "!" pointers of the word's lemma).
  std::vector<std::string> antonyms(std::string_view word) const;
  bool known(std::string_view word) const;
  // Irregular inflections of a base form ("rise" -> "rose", "risen"), from the exception lists.
  std::vector<std::string> irregular_forms(std::string_view base) const;

  std::size_t lemma_count() const { return first_senses_.size(); }

 private:
  void add_index(const std::filesystem::path& file, char pos, int senses_per_word);
  void add_data(const std::filesystem::path& file, char pos);
  void add_exceptions(const std::filesystem::path& file);

  // Synset key: pos char and byte offset.
  static std::uint64_t key(char pos, std::uint64_t offset) { return (static_cast<std::uint64_t>(pos) << 40) | offset; }

  std::unordered_map<std::string, std::vector<std::uint64_t>> first_senses_;  // lemma -> first synsets
  std::unordered_map<std::uint64_t, std::vector<std::string>> synset_words_;
  std::unordered_map<std::string, std::vector<std::string>> antonyms_;
  std::unordered_map<std::string, std::vector<std::string>> exceptions_;   // inflected -> base
  std::unordered_map<std::string, std::vector<std::string>> inflections_;  // base -> inflected
};

}  // namespace factpipe::crossref
