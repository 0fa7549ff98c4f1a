#include "word_diff.hpp"

#include <algorithm>

#include <factpipe/text/word_pieces.hpp>

namespace factpipe::crossref {

std::vector<Word> split_words(std::string_view text) {
  // No abbreviation list: a quotation and its source are split alike, and a listed period ("no.") would make a
  // quote's last word differ from the same word mid-sentence in the source.
  static const text::AbbreviationSet kNoAbbreviations;
  std::vector<Word> out;
  for (const auto& p : text::scan_pieces(text, Span{0, text.size()}, kNoAbbreviations)) {
    if (p.kind == text::PieceKind::punct) continue;
    // "today’s" stays one word, as written (a diff shows "today's", not "today 's").
    if (p.possessive && !out.empty() && out.back().end == p.span.start) {
      text::append_plain_lower(text.substr(p.span.start, p.span.size()), out.back().norm);
      out.back().end = p.span.end;
      continue;
    }
    Word word;
    word.start = p.span.start;
    word.end = p.span.end;
    word.norm = text::plain_lower(text.substr(p.span.start, p.span.size()));
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
