#include "wordnet.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <stdexcept>

#include <factpipe/text/wordnet_files.hpp>

namespace factpipe::crossref {

namespace fs = std::filesystem;

namespace wn = text::wordnet;

namespace {

bool ends_with(std::string_view s, std::string_view x) {
  return s.size() > x.size() && s.substr(s.size() - x.size()) == x;
}

}  // namespace

WordNet::WordNet(const fs::path& dir, int senses_per_word) {
  for (auto [pos, name] : wn::kPartsOfSpeech) add_index(dir / ("index." + std::string(name)), pos, senses_per_word);
  if (first_senses_.empty()) throw std::runtime_error("WordNet index files in " + dir.string() + " hold no lemmas");
  // Only the synsets some lemma's first senses point to get their words: their keys are seeded with empty lists.
  for (const auto& [lemma, keys] : first_senses_)
    for (auto k : keys) synset_words_.try_emplace(k);
  for (auto [pos, name] : wn::kPartsOfSpeech) {
    add_data(dir / ("data." + std::string(name)), pos);
    fs::path exc = dir / (std::string(name) + ".exc");
    if (fs::exists(exc)) add_exceptions(exc);
  }
}

std::shared_ptr<const WordNet> WordNet::shared(const fs::path& dir) {
  static std::mutex m;
  static std::map<fs::path, std::shared_ptr<const WordNet>> cache;  // kept for the process: loaded once
  std::lock_guard lock(m);
  if (auto p = cache[dir]) return p;
  auto p = std::make_shared<const WordNet>(dir);
  cache[dir] = p;
  return p;
}

void WordNet::add_index(const fs::path& file, char pos, int senses_per_word) {
  wn::read_index(file, [&](const wn::IndexEntry& e) {
    auto& senses = first_senses_[wn::clean_lemma(e.lemma)];
    for (std::size_t i = 0; i < e.offsets.size() && i < static_cast<std::size_t>(senses_per_word); ++i)
      senses.push_back(key(pos, e.offsets[i]));
  });
}

void WordNet::add_data(const fs::path& file, char pos) {
  // Antonym pointers name a word of another synset of this file, maybe one further on: collect (source word,
  // target synset, target word no), and every synset's words in one arena, in file order, which is offset order:
  // a target is found by binary search, without a hash or a list of strings per synset for all 117,000 synsets.
  struct Pending {
    std::string word;
    std::uint64_t target;
    int target_word;
  };
  std::vector<Pending> pending;
  std::string arena;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> word_at;  // (start, length) in arena
  std::vector<std::uint64_t> keys;                               // per synset
  std::vector<std::uint32_t> first_word;                         // per synset, into word_at
  std::vector<std::string> words;
  wn::read_data(file, [&](const wn::Synset& synset) {
    words.clear();
    for (auto w : synset.words) words.push_back(wn::clean_lemma(w));
    for (const auto& p : synset.pointers) {
      if (p.symbol != "!") continue;
      std::uint64_t target = key(p.target_pos, p.target);
      if (p.source_word == 0) {
        for (auto& w : words) pending.push_back({w, target, p.target_word});
      } else if (p.source_word <= static_cast<int>(words.size())) {
        pending.push_back({words[static_cast<std::size_t>(p.source_word - 1)], target, p.target_word});
      }
    }
    std::uint64_t k = key(pos, synset.offset);
    if (auto it = synset_words_.find(k); it != synset_words_.end()) it->second = words;
    keys.push_back(k);
    first_word.push_back(static_cast<std::uint32_t>(word_at.size()));
    for (const auto& w : words) {
      word_at.emplace_back(static_cast<std::uint32_t>(arena.size()), static_cast<std::uint32_t>(w.size()));
      arena += w;
    }
  });
  first_word.push_back(static_cast<std::uint32_t>(word_at.size()));
  // A data file not in offset order (not WordNet's own) is sorted by key; the last synset read with a key stands.
  std::vector<std::size_t> order(keys.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  if (!std::is_sorted(keys.begin(), keys.end()))
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
  auto key_at = [&](std::size_t i) { return keys[order[i]]; };
  for (const auto& p : pending) {
    std::size_t lo = 0, hi = order.size();  // the first position whose key is above the target
    while (lo < hi) {
      std::size_t mid = (lo + hi) / 2;
      if (key_at(mid) <= p.target) lo = mid + 1;
      else hi = mid;
    }
    if (lo == 0 || key_at(lo - 1) != p.target) continue;
    std::size_t synset = order[lo - 1];
    std::size_t n = first_word[synset + 1] - first_word[synset];
    auto word = [&](std::size_t i) {
      auto [start, length] = word_at[first_word[synset] + i];
      return std::string_view(arena).substr(start, length);
    };
    auto& list = antonyms_[p.word];
    auto add = [&](std::string_view w) {
      if (std::find(list.begin(), list.end(), w) == list.end()) list.emplace_back(w);
    };
    if (p.target_word == 0) {
      for (std::size_t i = 0; i < n; ++i) add(word(i));
    } else if (p.target_word <= static_cast<int>(n)) {
      add(word(static_cast<std::size_t>(p.target_word - 1)));
    }
  }
}

void WordNet::add_exceptions(const fs::path& file) {
  wn::read_exceptions(file, [&](std::string_view inflected, const std::vector<std::string_view>& bases) {
    for (auto base : bases) {
      exceptions_[wn::clean_lemma(inflected)].push_back(wn::clean_lemma(base));
      inflections_[wn::clean_lemma(base)].push_back(wn::clean_lemma(inflected));
    }
  });
}

std::vector<std::string> WordNet::irregular_forms(std::string_view base) const {
  auto it = inflections_.find(std::string(base));
  return it == inflections_.end() ? std::vector<std::string>{} : it->second;
}

bool WordNet::known(std::string_view word) const { return first_senses_.count(std::string(word)) > 0; }

std::vector<std::string> WordNet::base_forms(std::string_view word) const {
  std::vector<std::string> out;
  auto add = [&](std::string w) {
    if (std::find(out.begin(), out.end(), w) == out.end()) out.push_back(std::move(w));
  };
  std::string w(word);
  add(w);
  if (auto it = exceptions_.find(w); it != exceptions_.end())
    for (auto& b : it->second) add(b);
  // Morphy's detachment rules (nouns, verbs, adjectives), kept when the result is a known lemma.
  static const std::pair<const char*, const char*> rules[] = {
      {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"men", "man"},
      {"ies", "y"}, {"s", ""},    {"es", "e"},  {"es", ""},     {"ed", "e"},    {"ed", ""},
      {"ing", "e"}, {"ing", ""},  {"er", ""},   {"est", ""},    {"er", "e"},    {"est", "e"}};
  for (auto [suf, rep] : rules) {
    if (!ends_with(w, suf)) continue;
    std::string b = w.substr(0, w.size() - std::string_view(suf).size()) + rep;
    if (known(b)) add(b);
  }
  return out;
}

std::vector<std::string> WordNet::synonyms(std::string_view word) const {
  std::vector<std::string> out;
  for (const auto& base : base_forms(word)) {
    auto it = first_senses_.find(base);
    if (it == first_senses_.end()) continue;
    for (auto k : it->second) {
      auto s = synset_words_.find(k);
      if (s == synset_words_.end()) continue;
      for (const auto& w : s->second)
        if (w != base && w != word && w.find(' ') == std::string::npos &&
            std::find(out.begin(), out.end(), w) == out.end())
          out.push_back(w);
    }
  }
  return out;
}

std::vector<std::string> WordNet::antonyms(std::string_view word) const {
  std::vector<std::string> out;
  for (const auto& base : base_forms(word)) {
    auto it = antonyms_.find(base);
    if (it == antonyms_.end()) continue;
    for (const auto& w : it->second)
      if (std::find(out.begin(), out.end(), w) == out.end()) out.push_back(w);
  }
  return out;
}

}  // namespace factpipe::crossref
