#pragma once
// The files of WordNet 3.0 (Debian's wordnet-base: /usr/share/wordnet/{index,data}.{noun,verb,adj,adv} and
// {noun,verb,adj,adv}.exc), read line by line. Each reader hands every entry to a callback and throws
// std::runtime_error naming the file and the line of anything it cannot read. The string views an entry holds
// point into the line being read: valid during the callback only. What a stage builds from them
// (crossref's synonyms and antonyms, the claims experiments' word classes) is the stage's own.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace factpipe::text::wordnet {

inline constexpr std::string_view kDefaultDir = "/usr/share/wordnet";

// A part of speech and its file names: 'n' noun, 'v' verb, 'a' adj, 'r' adv.
struct PartOfSpeech {
  char tag;
  std::string_view name;
};
inline constexpr PartOfSpeech kPartsOfSpeech[] = {{'n', "noun"}, {'v', "verb"}, {'a', "adj"}, {'r', "adv"}};

// index.<pos>: "lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset..."
struct IndexEntry {
  std::string_view lemma;              // as written: lower case, '_' between words, "big(a)" markers kept
  std::vector<std::uint32_t> offsets;  // its synsets in data.<pos>, most frequent sense first
};
void read_index(const std::filesystem::path& file, const std::function<void(const IndexEntry&)>& entry);

// data.<pos>: "offset lex_filenum ss_type w_cnt word lex_id ... p_cnt [ptr...] | gloss"
struct Pointer {
  std::string_view symbol;  // "!" antonym, "@" hypernym, ...
  std::uint32_t target = 0;
  char target_pos = 'n';  // 'n', 'v', 'a' (a satellite 's' is an adjective), 'r'
  int source_word = 0;    // 1-based word of this synset, 0: the whole synset
  int target_word = 0;    // 1-based word of the target synset, 0: the whole synset
};
struct Synset {
  std::uint32_t offset = 0;
  int lex_file = 0;  // the lexicographer file (noun.possession = 21, verb.change = 30, ...)
  std::vector<std::string_view> words;
  std::vector<Pointer> pointers;
};
void read_data(const std::filesystem::path& file, const std::function<void(const Synset&)>& synset);

// <pos>.exc: "inflected base..." ("geese goose", "rose rise")
void read_exceptions(
    const std::filesystem::path& file,
    const std::function<void(std::string_view inflected, const std::vector<std::string_view>& bases)>& exception);

// A lemma as text: lower case, '_' as a space, an adjective's "(a)" marker dropped.
std::string clean_lemma(std::string_view lemma);

}  // namespace factpipe::text::wordnet
