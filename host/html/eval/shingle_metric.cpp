#include "eval/shingle_metric.hpp"

#include <unordered_map>

#include <unicode/uchar.h>

#include <factpipe/utf8.hpp>

namespace factpipe::html::eval {

namespace {

bool word_char(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  switch (u_charType(static_cast<UChar32>(c))) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
      return true;
    default:
      return false;
  }
}

std::unordered_map<std::string, double> shingles(std::string_view text, std::size_t n) {
  auto tokens = word_tokens(text);
  std::unordered_map<std::string, double> out;
  std::size_t count = tokens.size() >= n ? tokens.size() - n + 1 : 1;
  for (std::size_t i = 0; i < count && i < tokens.size(); ++i) {
    std::string key;
    for (std::size_t k = i; k < i + n && k < tokens.size(); ++k) {
      key += tokens[k];
      key += '\x1f';
    }
    out[key] += 1;
  }
  return out;
}

}  // namespace

std::vector<std::string> word_tokens(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t start = i;
    char32_t c = utf8::decode(s, i);
    if (i == start) ++i;  // never stall on a bad byte
    if (word_char(c)) {
      cur.append(s.substr(start, i - start));
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

double PageCounts::precision() const {
  if (fp == 0 && fn == 0) return 1;
  if (tp == 0 && fp == 0) return 0;
  return tp / (tp + fp);
}
double PageCounts::recall() const {
  if (fp == 0 && fn == 0) return 1;
  if (tp == 0 && fn == 0) return 0;
  return tp / (tp + fn);
}
double PageCounts::f1() const {
  double p = precision(), r = recall();
  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

PageCounts shingle_match(std::string_view truth, std::string_view predicted, std::size_t n) {
  auto t = shingles(truth, n), p = shingles(predicted, n);
  PageCounts c;
  for (const auto& [key, tc] : t) {
    auto it = p.find(key);
    double pc = it == p.end() ? 0 : it->second;
    c.tp += std::min(tc, pc);
    c.fn += std::max(0.0, tc - pc);
    c.fp += std::max(0.0, pc - tc);
  }
  for (const auto& [key, pc] : p)
    if (!t.contains(key)) c.fp += pc;
  double s = c.tp + c.fp + c.fn;
  if (s > 0) {
    c.tp /= s;
    c.fp /= s;
    c.fn /= s;
  }
  return c;
}

Scores benchmark_scores(const std::vector<PageCounts>& pages) {
  double p = 0, r = 0;
  std::size_t np = 0, nr = 0;
  for (const auto& c : pages) {
    if (c.tp + c.fp > 0) {
      p += c.precision();
      ++np;
    }
    if (c.tp + c.fn > 0) {
      r += c.recall();
      ++nr;
    }
  }
  Scores s;
  s.precision = np ? p / double(np) : 0;
  s.recall = nr ? r / double(nr) : 0;
  s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0;
  return s;
}

}  // namespace factpipe::html::eval
