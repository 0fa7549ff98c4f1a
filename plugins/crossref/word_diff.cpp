#include "word_diff.hpp"

#include <algorithm>

namespace factpipe::crossref {

namespace {

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Strips punctuation at both ends (ASCII and the common UTF-8 quotes, dashes and ellipsis).
std::string_view strip(std::string_view w) {
  static const std::string_view multi[] = {"\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98", "\xE2\x80\x99",
                                           "\xE2\x80\x94", "\xE2\x80\x93", "\xE2\x80\xA6"};
  auto punct = [](char c) {
    return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '"' || c == '\'' || c == '(' ||
           c == ')' || c == '[' || c == ']' || c == '-' || c == '*' || c == '_';
  };
  bool changed = true;
  while (changed && !w.empty()) {
    changed = false;
    if (punct(w.front())) {
      w.remove_prefix(1);
      changed = true;
    } else if (punct(w.back())) {
      w.remove_suffix(1);
      changed = true;
    }
    for (auto m : multi) {
      if (w.size() >= m.size() && w.substr(0, m.size()) == m) {
        w.remove_prefix(m.size());
        changed = true;
      }
      if (w.size() >= m.size() && w.substr(w.size() - m.size()) == m) {
        w.remove_suffix(m.size());
        changed = true;
      }
    }
  }
  return w;
}

}  // namespace

std::vector<Word> split_words(std::string_view text) {
  std::vector<Word> out;
  std::size_t i = 0, n = text.size();
  while (i < n) {
    while (i < n && is_space(static_cast<unsigned char>(text[i]))) ++i;
    std::size_t s = i;
    while (i < n && !is_space(static_cast<unsigned char>(text[i]))) ++i;
    if (i == s) break;
    std::string_view raw = text.substr(s, i - s);
    std::string_view w = strip(raw);
    if (w.empty()) continue;
    Word word;
    word.start = s + static_cast<std::size_t>(w.data() - raw.data());
    word.end = word.start + w.size();
    for (std::size_t k = 0; k < w.size(); ++k) {
      char c = w[k];
      if (w.substr(k, 3) == "\xE2\x80\x99" || w.substr(k, 3) == "\xE2\x80\x98") {
        word.norm += '\'';
        k += 2;
        continue;
      }
      word.norm += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    out.push_back(std::move(word));
  }
  return out;
}

std::vector<DiffOp> word_diff(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::size_t n = a.size(), m = b.size();
  // LCS table from the end, so the walk below goes forward.
  std::vector<std::vector<std::uint32_t>> L(n + 1, std::vector<std::uint32_t>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t j = m; j-- > 0;) L[i][j] = a[i] == b[j] ? L[i + 1][j + 1] + 1 : std::max(L[i + 1][j], L[i][j + 1]);
  std::vector<DiffOp> out;
  auto push = [&](DiffOp::Op op, const std::string& w) {
    if (!out.empty() && out.back().op == op) {
      out.back().text += ' ';
      out.back().text += w;
    } else {
      out.push_back(DiffOp{op, w});
    }
  };
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) {
      push(DiffOp::Op::equal, a[i]);
      ++i;
      ++j;
    } else if (j < m && (i == n || L[i][j + 1] >= L[i + 1][j])) {
      // Prefer removals first when both are optimal so "remove X, insert Y" reads as a replacement.
      if (i < n && L[i + 1][j] == L[i][j + 1]) {
        push(DiffOp::Op::remove, a[i]);
        ++i;
      } else {
        push(DiffOp::Op::insert, b[j]);
        ++j;
      }
    } else {
      push(DiffOp::Op::remove, a[i]);
      ++i;
    }
  }
  return out;
}

Alignment align_quote(const std::vector<std::string>& q, const std::vector<std::string>& s) {
  Alignment best;
  std::size_t n = q.size(), m = s.size();
  if (n == 0 || m == 0) return best;
  // H[i][j]: best score aligning q[0..i) ending at s[j); free start in s. Match +2, mismatch / gap -1.
  std::vector<std::vector<int>> H(n + 1, std::vector<int>(m + 1, 0));
  std::vector<std::vector<std::uint32_t>> start(n + 1, std::vector<std::uint32_t>(m + 1, 0));
  for (std::size_t j = 0; j <= m; ++j) start[0][j] = static_cast<std::uint32_t>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    H[i][0] = -static_cast<int>(i);
    start[i][0] = 0;
    for (std::size_t j = 1; j <= m; ++j) {
      int diag = H[i - 1][j - 1] + (q[i - 1] == s[j - 1] ? 2 : -1);
      int up = H[i - 1][j] - 1;    // quote word missing in source
      int left = H[i][j - 1] - 1;  // extra source word
      if (diag >= up && diag >= left) {
        H[i][j] = diag;
        start[i][j] = start[i - 1][j - 1];
      } else if (up >= left) {
        H[i][j] = up;
        start[i][j] = start[i - 1][j];
      } else {
        H[i][j] = left;
        start[i][j] = start[i][j - 1];
      }
    }
  }
  std::size_t end = 1;
  for (std::size_t j = 1; j <= m; ++j)
    if (H[n][j] > H[n][end]) end = j;
  best.begin = start[n][end];
  best.end = end;
  // Trim unmatched source words at the ends of the span.
  std::vector<std::string> span(s.begin() + static_cast<long>(best.begin), s.begin() + static_cast<long>(best.end));
  auto ops = word_diff(q, span);
  if (!ops.empty() && ops.front().op == DiffOp::Op::insert) {
    best.begin += static_cast<std::size_t>(std::count(ops.front().text.begin(), ops.front().text.end(), ' ') + 1);
  }
  if (!ops.empty() && ops.back().op == DiffOp::Op::insert && best.end > best.begin) {
    best.end -= static_cast<std::size_t>(std::count(ops.back().text.begin(), ops.back().text.end(), ' ') + 1);
  }
  for (const auto& op : ops)
    if (op.op == DiffOp::Op::equal)
      best.common += static_cast<std::size_t>(std::count(op.text.begin(), op.text.end(), ' ') + 1);
  std::size_t span_words = best.end > best.begin ? best.end - best.begin : 0;
  best.similarity = 2.0 * static_cast<double>(best.common) / static_cast<double>(n + span_words);
  return best;
}

}  // namespace factpipe::crossref
