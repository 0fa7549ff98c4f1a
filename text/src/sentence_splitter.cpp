#include <factpipe/text/sentence_splitter.hpp>

#include <array>

#include <factpipe/text/abbreviations.hpp>

namespace factpipe::text {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

// Starts a new sentence: an upper-case letter, digit, or opening quote / bracket (ASCII or UTF-8 curly).
bool opens_sentence(std::string_view t, std::size_t i) {
  if (i >= t.size()) return false;
  char c = t[i];
  if (is_upper(c) || (c >= '0' && c <= '9') || c == '"' || c == '\'' || c == '(' || c == '[') return true;
  return t.substr(i, 3) == "\xE2\x80\x9C" || t.substr(i, 3) == "\xE2\x80\x98";  // “ ‘
}

}  // namespace

std::vector<Span> split_sentences(std::string_view text) {
  std::vector<Span> out;
  std::size_t n = text.size(), start = 0;
  auto emit = [&](std::size_t end) {
    std::size_t s = start, e = end;
    while (s < e && is_space(text[s])) ++s;
    while (e > s && is_space(text[e - 1])) --e;
    if (e > s) out.push_back(Span{s, e});
    start = end;
  };
  // Only these bytes can end a sentence: the scan skips the others with one table look-up each (every byte of
  // every indexed source passes here).
  static constexpr auto kMayEnd = [] {
    std::array<bool, 256> t{};
    t['.'] = t['!'] = t['?'] = t['\n'] = true;
    return t;
  }();
  for (std::size_t i = 0; i < n; ++i) {
    while (i < n && !kMayEnd[static_cast<unsigned char>(text[i])]) ++i;
    if (i >= n) break;
    char c = text[i];
    if (c == '\n' && i + 1 < n) {
      // A blank line ends a paragraph and so a sentence.
      std::size_t j = i + 1;
      while (j < n && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r')) ++j;
      if (j < n && text[j] == '\n') {
        emit(i);
        i = j;
        continue;
      }
    }
    if (c != '.' && c != '!' && c != '?') continue;
    std::size_t j = i + 1;
    // Closing quotes and brackets stay with the sentence.
    while (j < n) {
      if (text[j] == '"' || text[j] == '\'' || text[j] == ')' || text[j] == ']' || text[j] == '.') {
        ++j;
      } else if (text.substr(j, 3) == "\xE2\x80\x9D" || text.substr(j, 3) == "\xE2\x80\x99") {
        j += 3;
      } else {
        break;
      }
    }
    if (j < n && !is_space(text[j])) continue;
    std::size_t k = j;
    while (k < n && is_space(text[k])) ++k;
    if (k < n && !opens_sentence(text, k)) continue;
    if (c == '.') {
      // The word before the dot: an abbreviation or a single initial does not end a sentence. Abbreviations
      // are text/data/abbreviations.txt's, as the segmenter reads them (case-sensitive; "No." only before a
      // number).
      std::size_t w = i;
      while (w > 0 && !is_space(text[w - 1]) && text[w - 1] != '(' && text[w - 1] != '"') --w;
      std::string_view word = text.substr(w, i - w);
      if (word.size() == 1 && is_upper(text[w])) continue;  // J. R. Hale
      AbbreviationClass cls = AbbreviationList::builtin().find(text.substr(w, i + 1 - w));
      if (cls == AbbreviationClass::title || cls == AbbreviationClass::general) continue;
      if (cls == AbbreviationClass::number && k < n && text[k] >= '0' && text[k] <= '9') continue;
      if (word.find('.') != std::string::npos && word.size() <= 4) continue;  // U.S, e.g
    }
    emit(j);
    i = j - 1;
  }
  emit(n);
  return out;
}

}  // namespace factpipe::text
