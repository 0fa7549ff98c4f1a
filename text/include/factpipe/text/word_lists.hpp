#pragma once
// Word lists and gazetteers read from data files: one entry per line, '#' starts a comment line,
// entries are matched case-insensitively. Multi-word entries ("North Korea") match word sequences.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <factpipe/text/word_pieces.hpp>
#include <factpipe/text/word_table.hpp>

namespace factpipe::text {

// Lets std::unordered_map / set with string keys be searched with a string_view, without building a string.
// Deliberately not noexcept: libstdc++ then keeps each entry's hash code in its node. With a noexcept hash it
// takes the hash for cheap and, on every look-up, hashes again each entry of the bucket it walks (to tell where
// the bucket ends). The word lists below use WordTable (word_table.hpp), faster still.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

class WordList {
 public:
  // Throws std::runtime_error naming the file (and line) when it cannot be read or is malformed.
  static WordList load(const std::filesystem::path& file);
  void add(std::string_view entry);
  bool contains(std::string_view lowercase) const { return set_.contains(lowercase); }
  std::size_t max_words() const { return max_words_; }
  std::size_t size() const { return set_.size(); }

 private:
  WordTable<bool> set_;
  std::size_t max_words_ = 1;
};

// Two-column files: "key<TAB>value" (value may hold spaces).
class WordMap {
 public:
  static WordMap load(const std::filesystem::path& file);
  void add(std::string_view key, std::string_view value);
  const std::string* find(std::string_view lowercase_key) const;
  std::size_t max_words() const { return max_words_; }
  std::size_t size() const { return map_.size(); }

 private:
  WordTable<std::string> map_;
  std::size_t max_words_ = 1;
};

std::vector<std::string> split_words(std::string_view s);

// `s` without spaces, tabs and carriage returns at either end (a line of a data file).
std::string_view trim(std::string_view s);

}  // namespace factpipe::text
