#pragma once
// Helpers for the segmenter tests: one Segmenter over the plugin's shipped lists, slices of each layer as
// strings, and the invariants every segmentation must satisfy.
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include <factpipe/text/char_class.hpp>
#include "segmenter.hpp"
#include "test_paths.hpp"

namespace factpipe::segmenter::test {

using text::char_at;
using text::CharClass;

inline std::filesystem::path data_dir() { return factpipe::test::plugin_dir() / "factpipe-segmenter.data"; }

inline const Segmenter& default_segmenter() {
  static const Segmenter seg = Segmenter::from_data_dir(data_dir());
  return seg;
}

inline std::vector<std::string> slices(std::string_view text, const std::vector<Span>& spans) {
  std::vector<std::string> out;
  for (const auto& s : spans) out.emplace_back(text.substr(s.start, s.size()));
  return out;
}

inline std::vector<std::string> sentences(std::string_view text, const Segmenter& seg = default_segmenter()) {
  auto r = seg.segment(text);
  std::vector<Span> spans;
  for (const auto& s : r.sentences) spans.push_back(s.span);
  return slices(text, spans);
}

inline std::vector<std::string> tokens(std::string_view text, const Segmenter& seg = default_segmenter()) {
  auto r = seg.segment(text);
  std::vector<Span> spans;
  for (const auto& t : r.tokens) spans.push_back(t.span);
  return slices(text, spans);
}

inline std::vector<std::string> paragraphs(std::string_view text, const Segmenter& seg = default_segmenter()) {
  auto r = seg.segment(text);
  std::vector<Span> spans;
  for (const auto& p : r.paragraphs) spans.push_back(p.span);
  return slices(text, spans);
}

// Kind of the token whose text is exactly `tok` (first match).
inline std::string kind_of(std::string_view text, std::string_view tok) {
  auto r = default_segmenter().segment(text);
  for (const auto& t : r.tokens)
    if (text.substr(t.span.start, t.span.size()) == tok) return std::string(to_string(t.kind));
  return "<no such token>";
}

inline bool is_space_at(std::string_view text, std::size_t i) { return char_at(text, i).cls == CharClass::space; }
inline bool is_boundary(std::string_view text, std::size_t i) {
  return i == text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
}
inline bool edges_clean(std::string_view text, const Span& s) {
  if (s.empty()) return false;
  std::size_t last = s.end - 1;
  while (last > s.start && !is_boundary(text, last)) --last;
  return !is_space_at(text, s.start) && !is_space_at(text, last);
}

// Everything the other stages may rely on. Reports the first broken rule with its offsets.
inline ::testing::AssertionResult invariants_hold(std::string_view text, const Segmentation& r,
                                                  bool with_tokens = true) {
  auto fail = [](auto... parts) {
    auto res = ::testing::AssertionFailure();
    ((res << parts), ...);
    return res;
  };
  std::size_t prev = 0;
  for (std::size_t i = 0; i < r.paragraphs.size(); ++i) {
    const Span& p = r.paragraphs[i].span;
    if (p.start < prev || p.end > text.size() || p.empty()) return fail("paragraph ", i, " out of order/empty");
    if (!is_boundary(text, p.start) || !is_boundary(text, p.end)) return fail("paragraph ", i, " splits a code point");
    if (!edges_clean(text, p)) return fail("paragraph ", i, " has white space at an edge");
    prev = p.end;
  }
  prev = 0;
  std::vector<std::size_t> first_of(r.paragraphs.size(), SIZE_MAX), last_of(r.paragraphs.size(), 0);
  for (std::size_t i = 0; i < r.sentences.size(); ++i) {
    const auto& s = r.sentences[i];
    if (s.paragraph < 0 || static_cast<std::size_t>(s.paragraph) >= r.paragraphs.size())
      return fail("sentence ", i, " has paragraph index ", s.paragraph);
    if (!r.paragraphs[s.paragraph].span.contains(s.span)) return fail("sentence ", i, " crosses its paragraph");
    if (s.span.start < prev || s.span.empty()) return fail("sentence ", i, " out of order/empty");
    if (!is_boundary(text, s.span.start) || !is_boundary(text, s.span.end))
      return fail("sentence ", i, " splits a code point");
    if (!edges_clean(text, s.span)) return fail("sentence ", i, " has white space at an edge");
    if (i > 0 && r.sentences[i - 1].paragraph > s.paragraph) return fail("sentence ", i, " paragraph order");
    first_of[s.paragraph] = std::min(first_of[s.paragraph], s.span.start);
    last_of[s.paragraph] = std::max(last_of[s.paragraph], s.span.end);
    prev = s.span.end;
  }
  for (std::size_t p = 0; p < r.paragraphs.size(); ++p)
    if (first_of[p] != r.paragraphs[p].span.start || last_of[p] != r.paragraphs[p].span.end)
      return fail("paragraph ", p, " is not covered by its sentences");
  if (!with_tokens) return ::testing::AssertionSuccess();
  // Tokens: ordered, inside a sentence, and together with white space they cover every byte.
  std::size_t pos = 0, sent = 0;
  for (std::size_t i = 0; i < r.tokens.size(); ++i) {
    const Span& t = r.tokens[i].span;
    if (t.start < pos || t.empty()) return fail("token ", i, " out of order/empty");
    for (std::size_t k = pos; k < t.start; k += char_at(text, k).length)
      if (!is_space_at(text, k)) return fail("byte ", k, " is neither white space nor in a token");
    if (!is_boundary(text, t.start) || !is_boundary(text, t.end)) return fail("token ", i, " splits a code point");
    if (r.tokens[i].kind == TokenKind::space) return fail("token ", i, " is a space token");
    if (!edges_clean(text, t)) return fail("token ", i, " has white space at an edge");
    while (sent < r.sentences.size() && r.sentences[sent].span.end <= t.start) ++sent;
    if (sent == r.sentences.size() || !r.sentences[sent].span.contains(t))
      return fail("token ", i, " [", t.start, ",", t.end, ") is not inside a sentence");
    pos = t.end;
  }
  for (std::size_t k = pos; k < text.size(); k += char_at(text, k).length)
    if (!is_space_at(text, k)) return fail("byte ", k, " after the last token is not white space");
  return ::testing::AssertionSuccess();
}

}  // namespace factpipe::segmenter::test
