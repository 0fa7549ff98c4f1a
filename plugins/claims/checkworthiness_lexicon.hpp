#pragma once
// The closed-class word lists of data/lexicon.txt (hedges, reporting verbs, months, ...), loaded once and
// folded into one word -> bit set table so that a feature asks one hash lookup per word.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include <factpipe/text/word_table.hpp>

namespace factpipe::claims {

// One bit per [section] of lexicon.txt; every section listed here must be in the file.
enum Tag : std::uint32_t {
  kHedge = 1u << 0,
  kOpinion = 1u << 1,
  kReporting = 1u << 2,
  kFirstSingular = 1u << 3,
  kFirstPlural = 1u << 4,
  kSecondPerson = 1u << 5,
  kThirdPronoun = 1u << 6,
  kComparison = 1u << 7,
  kTrend = 1u << 8,
  kSuperlativeNot = 1u << 9,
  kMonth = 1u << 10,
  kWeekday = 1u << 11,
  kTimeWord = 1u << 12,
  kFuture = 1u << 13,
  kPastIrregular = 1u << 14,
  kPerfectAux = 1u << 15,
  kObligation = 1u << 16,
  kCausal = 1u << 17,
  kPosition = 1u << 18,
  kGreeting = 1u << 19,
  kNumberWord = 1u << 20,
  kMoney = 1u << 21,
  kNegation = 1u << 22,
  kQuestionWord = 1u << 23,
  kIdentityTitle = 1u << 24,
};

class CheckworthinessLexicon {
 public:
  // Throws std::runtime_error naming the file (and line) when it cannot be read or parsed, or when a
  // section the code needs is missing.
  static CheckworthinessLexicon load(const std::filesystem::path& file);
  static CheckworthinessLexicon parse(std::string_view content, const std::string& name);

  std::uint32_t tags(std::string_view lower_word) const {
    const std::uint32_t* t = tags_.find(lower_word);
    return t ? *t : 0u;
  }
  bool is(std::string_view lower_word, Tag t) const { return (tags(lower_word) & t) != 0; }
  // FNV-1a over the sorted sections and words: ties a model to the lists it was trained with.
  const std::string& fingerprint() const { return fingerprint_; }

 private:
  text::WordTable<std::uint32_t> tags_;  // every word of every sentence is looked up
  std::string fingerprint_;
};

}  // namespace factpipe::claims
