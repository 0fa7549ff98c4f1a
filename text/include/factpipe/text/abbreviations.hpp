#pragma once
// The one abbreviation list (text/data/abbreviations.txt): "<abbreviation with its period> <class> [scan]" a
// line. The segmenter reads every class case-sensitively; the word scanner of entities and quotes takes the
// entries marked `scan`, lower-cased (scan_pieces); crossref's plain-text splitter uses the copy compiled in.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>

#include <factpipe/text/word_lists.hpp>
#include <factpipe/text/word_pieces.hpp>

namespace factpipe::text {

enum class AbbreviationClass : std::uint8_t {
  none,     // not an abbreviation
  title,    // precedes a name, never ends a sentence: "Gov.", "Lt."
  general,  // may end a sentence: "Inc.", "Jan.", "U.S.", initials
  number,   // an abbreviation only before a number: "No. 3"
};

class AbbreviationList {
 public:
  // `name` is used in errors, which name it and the 1-based line.
  static AbbreviationList parse(std::string_view list, std::string_view name);
  // std::runtime_error names the file that is missing or malformed.
  static AbbreviationList load(const std::filesystem::path& file);
  // text/data/abbreviations.txt as it was when this library was built.
  static const AbbreviationList& builtin();

  // Case-sensitive; `word` includes its final period: "Gov.".
  AbbreviationClass find(std::string_view word) const {
    auto it = classes_.find(word);
    return it == classes_.end() ? AbbreviationClass::none : it->second;
  }
  std::size_t size() const { return classes_.size(); }
  // The entries marked `scan` in the third column, lower-cased ("gov."), for scan_pieces (which keeps such a
  // period wherever it stands, so it takes only entries that seldom end a sentence as a word would).
  const AbbreviationSet& scanned() const { return scanned_; }

 private:
  std::unordered_map<std::string, AbbreviationClass, StringHash, std::equal_to<>> classes_;
  AbbreviationSet scanned_;
};

}  // namespace factpipe::text
