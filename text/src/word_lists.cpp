#include <factpipe/text/word_lists.hpp>

#include <fstream>
#include <stdexcept>

#include <factpipe/text/word_pieces.hpp>

namespace factpipe::text {
namespace {

template <class F>
void each_line(const std::filesystem::path& file, F&& f) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read data file " + file.string());
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string_view t = trim(line);
    if (t.empty() || t[0] == '#') continue;
    f(line, n);
  }
}

std::size_t word_count(std::string_view s) { return split_words(s).size(); }

}  // namespace

std::string_view trim(std::string_view s) {
  std::size_t a = 0, b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r')) ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r')) --b;
  return s.substr(a, b - a);
}

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

void WordList::add(std::string_view entry) {
  std::string e = lower(trim(entry));
  if (e.empty()) return;
  max_words_ = std::max(max_words_, word_count(e));
  set_.insert_or_assign(std::move(e), true);
}

WordList WordList::load(const std::filesystem::path& file) {
  WordList list;
  each_line(file, [&](const std::string& line, std::size_t n) {
    if (line.find('\t') != std::string::npos)
      throw std::runtime_error(file.string() + ":" + std::to_string(n) + ": expected one entry per line, found a tab");
    list.add(line);
  });
  return list;
}

void WordMap::add(std::string_view key, std::string_view value) {
  std::string k = lower(trim(key));
  if (k.empty()) return;
  max_words_ = std::max(max_words_, word_count(k));
  map_.insert_or_assign(std::move(k), std::string(trim(value)));
}

const std::string* WordMap::find(std::string_view key) const { return map_.find(key); }

WordMap WordMap::load(const std::filesystem::path& file) {
  WordMap map;
  each_line(file, [&](const std::string& line, std::size_t n) {
    auto tab = line.find('\t');
    if (tab == std::string::npos)
      throw std::runtime_error(file.string() + ":" + std::to_string(n) + ": expected 'key<TAB>value'");
    std::string v(trim(std::string_view(line).substr(tab + 1)));
    if (v.empty()) throw std::runtime_error(file.string() + ":" + std::to_string(n) + ": empty value");
    map.add(std::string_view(line).substr(0, tab), v);
  });
  return map;
}

}  // namespace factpipe::text
