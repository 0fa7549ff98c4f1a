#include <factpipe/text/boundary_lexicon.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <factpipe/text/word_lists.hpp>
#include <factpipe/text/word_pieces.hpp>

namespace factpipe::text {

namespace {

// Calls f(line_number, content) for each line that is neither blank nor a # comment.
template <class F>
void for_each_entry(std::string_view text, F&& f) {
  std::size_t line_no = 0;
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    ++line_no;
    line = trim(line);
    if (line.empty() || line.front() == '#') continue;
    f(line_no, line);
  }
}

std::string read_whole(const std::filesystem::path& p, std::string_view what) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + std::string(what) + " file " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

BoundaryLexicon BoundaryLexicon::parse(std::string_view abbreviations, std::string_view abbreviations_name,
                                       std::string_view starters, std::string_view starters_name,
                                       std::string_view attribution_verbs, std::string_view attribution_verbs_name) {
  BoundaryLexicon lex;
  lex.abbreviations_ = AbbreviationList::parse(abbreviations, abbreviations_name);
  auto word_list = [&](std::string_view text, std::string_view name, auto& set) {
    for_each_entry(text, [&](std::size_t line_no, std::string_view line) {
      if (line.find_first_of(" \t") != std::string_view::npos)
        throw std::runtime_error(std::string(name) + ":" + std::to_string(line_no) +
                                 ": expected one word per line, got '" + std::string(line) + "'");
      set.insert(lower(line));
      lex.longest_word_ = std::max(lex.longest_word_, line.size());
    });
  };
  word_list(starters, starters_name, lex.starters_);
  word_list(attribution_verbs, attribution_verbs_name, lex.attribution_verbs_);
  return lex;
}

BoundaryLexicon BoundaryLexicon::load(const std::filesystem::path& abbreviations_file,
                                      const std::filesystem::path& starters_file,
                                      const std::filesystem::path& attribution_verbs_file) {
  return parse(read_whole(abbreviations_file, "abbreviations"), abbreviations_file.string(),
               read_whole(starters_file, "sentence starters"), starters_file.string(),
               read_whole(attribution_verbs_file, "attribution verbs"), attribution_verbs_file.string());
}

BoundaryLexicon BoundaryLexicon::load_dir(const std::filesystem::path& data_dir) {
  return load(data_dir / "abbreviations.txt", data_dir / "sentence_starters.txt", data_dir / "attribution_verbs.txt");
}

bool BoundaryLexicon::is_sentence_starter(std::string_view word) const {
  return contains_lower(starters_, longest_word_, word);
}

bool BoundaryLexicon::is_attribution_verb(std::string_view word) const {
  return contains_lower(attribution_verbs_, longest_word_, word);
}

bool BoundaryLexicon::contains_lower(const std::unordered_set<std::string, Hash, std::equal_to<>>& set,
                                     std::size_t longest, std::string_view word) {
  if (word.empty() || word.size() > longest) return false;
  char buf[64];
  if (word.size() > sizeof buf) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    buf[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return set.find(std::string_view(buf, word.size())) != set.end();
}

}  // namespace factpipe::text
