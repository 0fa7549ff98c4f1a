#include "plain_sentences.hpp"

namespace factpipe::claims {

void add_plain_sentences(Document& doc) {
  doc.sentences.clear();
  const std::string& t = doc.text;
  auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  std::size_t start = 0, n = t.size();
  auto emit = [&](std::size_t end) {
    while (start < end && is_space(t[start])) ++start;
    std::size_t e = end;
    while (e > start && is_space(t[e - 1])) --e;
    if (e > start) {
      Sentence s;
      s.span = Span{start, e};
      doc.sentences.push_back(s);
    }
    start = end;
  };
  for (std::size_t i = 0; i < n; ++i) {
    char c = t[i];
    if (c == '\n' && i + 1 < n && t[i + 1] == '\n') {
      emit(i);
      continue;
    }
    if (c != '.' && c != '!' && c != '?') continue;
    std::size_t j = i + 1;
    while (j < n && (t[j] == '"' || t[j] == '\'' || t[j] == ')')) ++j;
    if (j < n && is_space(t[j])) {
      std::size_t k = j;
      while (k < n && is_space(t[k])) ++k;
      if (k == n || (t[k] >= 'A' && t[k] <= 'Z') || t[k] == '"' || static_cast<unsigned char>(t[k]) >= 0x80) emit(j);
    }
  }
  emit(n);
  doc.add_layer("sentences");
  doc.add_layer("tokens");
}

}  // namespace factpipe::claims
