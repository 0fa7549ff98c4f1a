#include "word_classes.hpp"

#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace factpipe::claims {
namespace {

std::ifstream open(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read WordNet file " + file.string() + " (install wordnet-base)");
  return in;
}

[[noreturn]] void malformed(const std::filesystem::path& file, std::size_t line) {
  throw std::runtime_error("malformed WordNet file " + file.string() + " line " + std::to_string(line));
}

// index.<pos>: "lemma pos synset_cnt p_cnt [ptr...] sense_cnt tagsense_cnt offset..." -> lemma -> first offset
std::unordered_map<std::string, std::uint32_t> first_offsets(const std::filesystem::path& file) {
  auto in = open(file);
  std::unordered_map<std::string, std::uint32_t> out;
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == ' ') continue;  // license header
    std::istringstream f(line);
    std::string lemma, pos;
    std::size_t synsets = 0, pointers = 0;
    if (!(f >> lemma >> pos >> synsets >> pointers)) malformed(file, n);
    std::string skip;
    for (std::size_t i = 0; i < pointers; ++i) f >> skip;
    std::size_t senses = 0, tagged = 0;
    std::uint32_t offset = 0;
    if (!(f >> senses >> tagged >> offset)) malformed(file, n);
    if (lemma.find('_') == std::string::npos) out.emplace(lemma, offset);  // single words only
  }
  return out;
}

// data.<pos>: "offset lex_filenum ss_type ..." -> offset -> lex_filenum
std::unordered_map<std::uint32_t, int> lex_files(const std::filesystem::path& file) {
  auto in = open(file);
  std::unordered_map<std::uint32_t, int> out;
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == ' ') continue;
    std::istringstream f(line);
    std::uint32_t offset = 0;
    int lex = 0;
    if (!(f >> offset >> lex)) malformed(file, n);
    out.emplace(offset, lex);
  }
  return out;
}

template <class Map>
void read_exceptions(const std::filesystem::path& file, Map& out) {
  auto in = open(file);
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    std::istringstream f(line);
    std::string inflected, base;
    if (!(f >> inflected >> base)) malformed(file, n);
    out.emplace(inflected, base);
  }
}

// WordNet's detachment rules (morphy), in its order.
struct Rule {
  std::string_view suffix, ending;
};
constexpr Rule kNounRules[] = {{"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}};
constexpr Rule kVerbRules[] = {{"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""}};

}  // namespace

WordClasses WordClasses::load(const std::filesystem::path& dir) {
  WordClasses wc;
  for (bool noun : {true, false}) {
    const std::string pos = noun ? "noun" : "verb";
    auto offsets = first_offsets(dir / ("index." + pos));
    auto lex = lex_files(dir / ("data." + pos));
    for (auto& [lemma, offset] : offsets) {
      auto it = lex.find(offset);
      if (it == lex.end()) throw std::runtime_error("WordNet file " + (dir / ("index." + pos)).string() + ": '" + lemma + "' points to a synset missing from data." + pos);
      (noun ? wc.lemmas_[lemma].noun : wc.lemmas_[lemma].verb) = it->second;
    }
    read_exceptions(dir / (pos + ".exc"), noun ? wc.noun_exceptions_ : wc.verb_exceptions_);
  }
  return wc;
}

std::shared_ptr<const WordClasses> WordClasses::shared(const std::filesystem::path& dir) {
  static std::mutex mutex;
  static std::map<std::filesystem::path, std::shared_ptr<const WordClasses>> loaded;
  std::lock_guard lock(mutex);
  auto& slot = loaded[dir];
  if (!slot) slot = std::make_shared<const WordClasses>(load(dir));
  return slot;
}

WordClasses::Classes WordClasses::lemma(std::string_view base) const {
  auto it = lemmas_.find(base);
  return it == lemmas_.end() ? Classes{} : it->second;
}

WordClasses::Classes WordClasses::classes(std::string_view word) const {
  Classes out = lemma(word);
  auto fill = [&](int Classes::*slot, const auto& exceptions, const auto& rules) {
    if (out.*slot >= 0) return;
    if (auto e = exceptions.find(word); e != exceptions.end())
      if (int c = lemma(e->second).*slot; c >= 0) { out.*slot = c; return; }
    for (const auto& r : rules) {
      if (word.size() <= r.suffix.size() || !word.ends_with(r.suffix)) continue;
      thread_local std::string base;  // no allocation per lookup once it has grown
      base.assign(word.substr(0, word.size() - r.suffix.size()));
      base += r.ending;
      if (int c = lemma(base).*slot; c >= 0) { out.*slot = c; return; }
    }
  };
  fill(&Classes::noun, noun_exceptions_, kNounRules);
  fill(&Classes::verb, verb_exceptions_, kVerbRules);
  return out;
}

}  // namespace factpipe::claims
