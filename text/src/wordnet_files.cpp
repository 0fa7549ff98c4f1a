#include <factpipe/text/wordnet_files.hpp>

#include <charconv>
#include <fstream>
#include <stdexcept>

namespace factpipe::text::wordnet {
namespace fs = std::filesystem;

namespace {

std::ifstream open_or_throw(const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("WordNet file not readable: " + file.string() + " (install Debian's wordnet-base)");
  return in;
}

// The space-separated fields of one line, read in order.
class Fields {
 public:
  Fields(std::string_view line, const fs::path& file, std::size_t line_number, const char* kind)
      : rest_(line), file_(file), line_number_(line_number), kind_(kind) {}

  std::string_view word(const char* what) {
    while (!rest_.empty() && rest_.front() == ' ') rest_.remove_prefix(1);
    if (rest_.empty()) fail(std::string("no ") + what);
    auto end = rest_.find(' ');
    std::string_view w = rest_.substr(0, end);
    rest_.remove_prefix(end == std::string_view::npos ? rest_.size() : end);
    return w;
  }
  template <class Int>
  Int number(const char* what, int base = 10) {
    std::string_view w = word(what);
    Int value{};
    auto [ptr, ec] = std::from_chars(w.data(), w.data() + w.size(), value, base);
    if (ec != std::errc() || ptr != w.data() + w.size())
      fail(std::string(what) + " is not a number: '" + std::string(w) + "'");
    return value;
  }
  [[noreturn]] void fail(const std::string& why) const {
    throw std::runtime_error("WordNet " + file_.string() + ":" + std::to_string(line_number_) + ": malformed " + kind_ +
                             " line: " + why);
  }

 private:
  std::string_view rest_;
  const fs::path& file_;
  std::size_t line_number_;
  const char* kind_;
};

// Calls `f(line, number)` for every line that is no licence header (those start with a space).
template <class F>
void for_each_entry_line(const fs::path& file, F&& f) {
  auto in = open_or_throw(file);
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line.front() == ' ') continue;
    f(std::string_view(line), n);
  }
}

}  // namespace

void read_index(const fs::path& file, const std::function<void(const IndexEntry&)>& entry) {
  IndexEntry e;
  for_each_entry_line(file, [&](std::string_view line, std::size_t n) {
    Fields f(line, file, n, "index");
    e.lemma = f.word("lemma");
    f.word("part of speech");
    auto synsets = f.number<std::size_t>("synset count");
    auto pointers = f.number<std::size_t>("pointer count");
    for (std::size_t i = 0; i < pointers; ++i) f.word("pointer symbol");
    f.number<std::size_t>("sense count");
    f.number<std::size_t>("tagged sense count");
    e.offsets.clear();
    for (std::size_t i = 0; i < synsets; ++i) e.offsets.push_back(f.number<std::uint32_t>("synset offset"));
    entry(e);
  });
}

void read_data(const fs::path& file, const std::function<void(const Synset&)>& synset) {
  Synset s;
  for_each_entry_line(file, [&](std::string_view line, std::size_t n) {
    Fields f(line.substr(0, line.find(" | ")), file, n, "data");
    s.offset = f.number<std::uint32_t>("synset offset");
    s.lex_file = f.number<int>("lexicographer file");
    f.word("synset type");
    auto words = f.number<std::size_t>("word count", 16);
    s.words.clear();
    for (std::size_t i = 0; i < words; ++i) {
      s.words.push_back(f.word("word"));
      f.word("lex id");
    }
    auto pointers = f.number<std::size_t>("pointer count");
    s.pointers.clear();
    for (std::size_t i = 0; i < pointers; ++i) {
      Pointer p;
      p.symbol = f.word("pointer symbol");
      p.target = f.number<std::uint32_t>("pointer offset");
      std::string_view pos = f.word("pointer part of speech");
      p.target_pos = pos == "s" ? 'a' : pos.front();
      std::string_view source_target = f.word("pointer source/target");
      if (source_target.size() != 4)
        f.fail("pointer source/target is not 4 hex digits: '" + std::string(source_target) + "'");
      auto hex = [&](std::string_view two) {
        int v = 0;
        auto [ptr, ec] = std::from_chars(two.data(), two.data() + 2, v, 16);
        if (ec != std::errc() || ptr != two.data() + 2)
          f.fail("pointer source/target is not hex: '" + std::string(source_target) + "'");
        return v;
      };
      p.source_word = hex(source_target.substr(0, 2));
      p.target_word = hex(source_target.substr(2, 2));
      s.pointers.push_back(p);
    }
    synset(s);
  });
}

void read_exceptions(const fs::path& file,
                     const std::function<void(std::string_view, const std::vector<std::string_view>&)>& exception) {
  std::vector<std::string_view> bases;
  auto in = open_or_throw(file);
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    std::string_view rest(line);
    std::vector<std::string_view> words;
    while (!rest.empty()) {
      auto start = rest.find_first_not_of(' ');
      if (start == std::string_view::npos) break;
      rest.remove_prefix(start);
      auto end = rest.find(' ');
      words.push_back(rest.substr(0, end));
      rest.remove_prefix(end == std::string_view::npos ? rest.size() : end);
    }
    if (words.empty()) continue;
    if (words.size() < 2) Fields(line, file, n, "exception").fail("an inflected form without a base form");
    bases.assign(words.begin() + 1, words.end());
    exception(words.front(), bases);
  }
}

std::string clean_lemma(std::string_view lemma) {
  std::string w(lemma.substr(0, lemma.find('(')));
  for (auto& c : w) {
    if (c == '_') c = ' ';
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return w;
}

}  // namespace factpipe::text::wordnet
