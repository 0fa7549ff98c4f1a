#include "wordnet.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <unordered_set>

namespace factpipe::crossref {

namespace fs = std::filesystem;

namespace {

std::ifstream open_or_throw(const fs::path& p) {
  std::ifstream in(p);
  if (!in) throw std::runtime_error("WordNet file not readable: " + p.string() + " (install Debian's wordnet-base)");
  return in;
}

// WordNet writes multi-word lemmas with '_' and marks adjectives like "big(a)".
std::string clean_lemma(std::string w) {
  if (auto p = w.find('('); p != std::string::npos) w.resize(p);
  for (auto& c : w) {
    if (c == '_') c = ' ';
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return w;
}

bool ends_with(std::string_view s, std::string_view x) {
  return s.size() > x.size() && s.substr(s.size() - x.size()) == x;
}

}  // namespace

WordNet::WordNet(const fs::path& dir, int senses_per_word) {
  const std::pair<const char*, char> files[] = {{"noun", 'n'}, {"verb", 'v'}, {"adj", 'a'}, {"adv", 'r'}};
  for (auto [name, pos] : files) {
    add_index(dir / (std::string("index.") + name), pos, senses_per_word);
    add_data(dir / (std::string("data.") + name), pos);
    fs::path exc = dir / (std::string(name) + ".exc");
    if (fs::exists(exc)) add_exceptions(exc);
  }
  // Only keep synsets somebody's first senses point to (the antonyms were taken during the data pass).
  if (first_senses_.empty()) throw std::runtime_error("WordNet index files in " + dir.string() + " hold no lemmas");
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
  auto in = open_or_throw(file);
  std::string line;
  std::size_t lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (line.empty() || line[0] == ' ') continue;  // licence header lines start with spaces
    // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
    std::istringstream ss(line);
    std::string lemma, p;
    int synset_cnt = 0, p_cnt = 0;
    if (!(ss >> lemma >> p >> synset_cnt >> p_cnt))
      throw std::runtime_error("WordNet " + file.string() + ":" + std::to_string(lineno) + ": malformed index line");
    std::string skip;
    for (int i = 0; i < p_cnt; ++i) ss >> skip;
    int sense_cnt = 0, tagsense_cnt = 0;
    ss >> sense_cnt >> tagsense_cnt;
    auto& senses = first_senses_[clean_lemma(lemma)];
    for (int i = 0; i < synset_cnt && i < senses_per_word; ++i) {
      std::uint64_t off = 0;
      if (!(ss >> off)) break;
      senses.push_back(key(pos, off));
    }
  }
}

void WordNet::add_data(const fs::path& file, char pos) {
  // Which synsets we need words for: those in some lemma's first senses.
  std::unordered_set<std::uint64_t> wanted;
  for (const auto& [lemma, keys] : first_senses_)
    for (auto k : keys)
      if (static_cast<char>(k >> 40) == pos) wanted.insert(k);
  // Antonym pointers name a word of another synset: collect (source word, target synset, target word no).
  struct Pending {
    std::string word;
    std::uint64_t target;
    int target_word;
  };
  std::vector<Pending> pending;
  std::unordered_map<std::uint64_t, std::vector<std::string>> all_words;  // for resolving antonym targets
  auto in = open_or_throw(file);
  std::string line;
  std::size_t lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (line.empty() || line[0] == ' ') continue;
    // offset lex_filenum ss_type w_cnt(hex) word lex_id ... p_cnt ptr... | gloss
    auto bar = line.find(" | ");
    std::istringstream ss(line.substr(0, bar));
    std::uint64_t off = 0;
    std::string lexfile, sstype, wcnt_hex;
    if (!(ss >> off >> lexfile >> sstype >> wcnt_hex))
      throw std::runtime_error("WordNet " + file.string() + ":" + std::to_string(lineno) + ": malformed data line");
    int wcnt = static_cast<int>(std::stoul(wcnt_hex, nullptr, 16));
    std::vector<std::string> words;
    for (int i = 0; i < wcnt; ++i) {
      std::string w, lexid;
      ss >> w >> lexid;
      words.push_back(clean_lemma(w));
    }
    int pcnt = 0;
    ss >> pcnt;
    for (int i = 0; i < pcnt; ++i) {
      std::string sym, target_off, tpos, srcdst;
      ss >> sym >> target_off >> tpos >> srcdst;
      if (sym != "!" || srcdst.size() != 4) continue;
      int src = static_cast<int>(std::stoul(srcdst.substr(0, 2), nullptr, 16));
      int dst = static_cast<int>(std::stoul(srcdst.substr(2, 2), nullptr, 16));
      char tp = tpos[0] == 's' ? 'a' : tpos[0];
      std::uint64_t tkey = key(tp, std::stoull(target_off));
      if (src == 0) {
        for (auto& w : words) pending.push_back({w, tkey, dst});
      } else if (src <= static_cast<int>(words.size())) {
        pending.push_back({words[static_cast<std::size_t>(src - 1)], tkey, dst});
      }
    }
    std::uint64_t k = key(pos, off);
    if (!pending.empty() || wanted.count(k)) all_words[k] = words;
    if (wanted.count(k)) synset_words_[k] = words;
  }
  for (const auto& p : pending) {
    auto it = all_words.find(p.target);
    if (it == all_words.end()) continue;
    auto& list = antonyms_[p.word];
    auto add = [&](const std::string& w) {
      if (std::find(list.begin(), list.end(), w) == list.end()) list.push_back(w);
    };
    if (p.target_word == 0) {
      for (auto& w : it->second) add(w);
    } else if (p.target_word <= static_cast<int>(it->second.size())) {
      add(it->second[static_cast<std::size_t>(p.target_word - 1)]);
    }
  }
}

void WordNet::add_exceptions(const fs::path& file) {
  auto in = open_or_throw(file);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream ss(line);
    std::string inflected, base;
    if (!(ss >> inflected)) continue;
    while (ss >> base) {
      exceptions_[clean_lemma(inflected)].push_back(clean_lemma(base));
      inflections_[clean_lemma(base)].push_back(clean_lemma(inflected));
    }
  }
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
      {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"},
      {"s", ""},    {"es", "e"},  {"es", ""},   {"ed", "e"},    {"ed", ""},     {"ing", "e"}, {"ing", ""},
      {"er", ""},   {"est", ""},  {"er", "e"},  {"est", "e"}};
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
