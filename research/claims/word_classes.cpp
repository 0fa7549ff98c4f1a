#include "word_classes.hpp"

#include <map>
#include <mutex>
#include <stdexcept>
#include <vector>

#include <factpipe/text/wordnet_files.hpp>

namespace factpipe::claims {
namespace {

namespace wn = text::wordnet;

// Single-word lemmas of index.<pos> with the offset of their most frequent sense.
std::unordered_map<std::string, std::uint32_t> first_offsets(const std::filesystem::path& file) {
  std::unordered_map<std::string, std::uint32_t> out;
  wn::read_index(file, [&](const wn::IndexEntry& e) {
    if (e.offsets.empty())
      throw std::runtime_error("WordNet file " + file.string() + ": '" + std::string(e.lemma) + "' has no synset");
    if (e.lemma.find('_') == std::string_view::npos) out.emplace(e.lemma, e.offsets.front());
  });
  return out;
}

// data.<pos>: synset offset -> its lexicographer file
std::unordered_map<std::uint32_t, int> lex_files(const std::filesystem::path& file) {
  std::unordered_map<std::uint32_t, int> out;
  wn::read_data(file, [&](const wn::Synset& s) { out.emplace(s.offset, s.lex_file); });
  return out;
}

// <pos>.exc: inflected form -> its first base form
template <class Map>
void read_exceptions(const std::filesystem::path& file, Map& out) {
  wn::read_exceptions(file, [&](std::string_view inflected, const std::vector<std::string_view>& bases) {
    out.emplace(std::string(inflected), std::string(bases.front()));
  });
}

// WordNet's detachment rules (morphy), in its order.
struct Rule {
  std::string_view suffix, ending;
};
constexpr Rule kNounRules[] = {{"s", ""},      {"ses", "s"},   {"xes", "x"},   {"zes", "z"},
                               {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}};
constexpr Rule kVerbRules[] = {{"s", ""},   {"ies", "y"}, {"es", "e"},  {"es", ""},
                               {"ed", "e"}, {"ed", ""},   {"ing", "e"}, {"ing", ""}};

}  // namespace

WordClasses WordClasses::load(const std::filesystem::path& dir) {
  WordClasses wc;
  for (bool noun : {true, false}) {
    const std::string pos = noun ? "noun" : "verb";
    auto offsets = first_offsets(dir / ("index." + pos));
    auto lex = lex_files(dir / ("data." + pos));
    for (auto& [lemma, offset] : offsets) {
      auto it = lex.find(offset);
      if (it == lex.end())
        throw std::runtime_error("WordNet file " + (dir / ("index." + pos)).string() + ": '" + lemma +
                                 "' points to a synset missing from data." + pos);
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
      if (int c = lemma(e->second).*slot; c >= 0) {
        out.*slot = c;
        return;
      }
    for (const auto& r : rules) {
      if (word.size() <= r.suffix.size() || !word.ends_with(r.suffix)) continue;
      thread_local std::string base;  // no allocation per lookup once it has grown
      base.assign(word.substr(0, word.size() - r.suffix.size()));
      base += r.ending;
      if (int c = lemma(base).*slot; c >= 0) {
        out.*slot = c;
        return;
      }
    }
  };
  fill(&Classes::noun, noun_exceptions_, kNounRules);
  fill(&Classes::verb, verb_exceptions_, kVerbRules);
  return out;
}

}  // namespace factpipe::claims
