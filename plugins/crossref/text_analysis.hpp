#pragma once
// Words of a text as the index sees them: SQLite's own FTS5 "porter unicode61" tokenizer stems both the
// indexed passages and everything we compare with them, so a claim's terms and the index always agree.
// Deliberately not text::scan_pieces (the stages' word scanner): these terms must be exactly FTS5's.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace factpipe::crossref {

// The tokenizer arguments used for the index and for every comparison.
inline constexpr const char* kFtsTokenizer = "porter unicode61 remove_diacritics 2";

struct Term {
  std::string stem;                // porter stem, lower case (what FTS5 indexes)
  std::string lower;               // the surface word, lower case
  std::size_t start = 0, end = 0;  // byte offsets into the analysed text
  bool capitalized = false;        // first letter upper case in the text
};

// Tokenizes and stems with FTS5's porter tokenizer (one tokenizer per thread: it keeps buffers).
std::vector<Term> analyze(std::string_view text);
std::string stem_word(std::string_view word);

// English function words: data/stopwords.txt when loaded, otherwise a built-in list.
class Stopwords {
 public:
  static const Stopwords& instance();
  static const Stopwords& builtin();               // the built-in list, whatever file was loaded
  static void load_file(const std::string& path);  // throws naming the file
  bool contains(std::string_view lower) const { return words_.find(lower) != words_.end(); }
  const auto& words() const { return words_; }

 private:
  // Looked up by string_view without building a string (asked for every word of every candidate passage).
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_set<std::string, Hash, std::equal_to<>> words_;
};

// Content words: not stop words, not pure digits (numbers are compared separately).
bool is_content(const Term& t);

// A number mentioned in a text, with what it counts, for agreement and conflict checks.
struct NumberMention {
  enum class Kind { count, percent, money, year };
  enum class Bound { exact, about, at_least, at_most };  // "about 14", "more than 50", "fewer than 1,000"
  Kind kind = Kind::count;
  Bound bound = Bound::exact;
  double value = 0;
  std::vector<std::string> units;           // stems of the (up to 2) content words after the number
  std::vector<std::string> context;         // stems of the content words next to it (6 either side)
  std::vector<std::string> tight;           // the 2 content words either side (what a sum of money is)
  bool share = false;                       // "40 percent of ...": a share, not a change
  std::vector<std::string> sentence;        // stems of the content words of its sentence, names left out
  std::vector<std::string> sentence_names;  // the names of its sentence
  std::size_t start = 0, end = 0;           // byte offsets
};
std::vector<NumberMention> extract_numbers(std::string_view text);
// The same, with the text's terms already analysed (saves a second tokenizer pass).
std::vector<NumberMention> extract_numbers(std::string_view text, const std::vector<Term>& terms);
// Same kind, and they count the same thing (shared unit word, or shared context for % and money).
bool comparable(const NumberMention& a, const NumberMention& b);
bool same_value(const NumberMention& a, const NumberMention& b);
// Does the passage's number confirm the claim's, bounds and approximations included?
bool confirms(const NumberMention& claim, const NumberMention& passage);

// Words that count the same things ("people", "residents", "inhabitants"): data/unit_classes.txt, one class
// per line. Unit stems are mapped to their class's first stem before comparing.
class UnitClasses {
 public:
  static const UnitClasses& instance();
  static void load_file(const std::string& path);  // throws naming the file
  const std::string& canonical(const std::string& stem) const;

 private:
  std::unordered_map<std::string, std::string> map_;
};

std::string ascii_lower(std::string_view s);

// Loads stopwords.txt and unit_classes.txt from the plugin's data folder (a missing file keeps the default).
void load_word_lists(const std::string& data_dir);

}  // namespace factpipe::crossref
