#pragma once
// Laying out the article text for a report: paragraphs (blocks), and the quote/claim spans that overlap
// each other turned into properly nested fragments, so that output markup is always well-formed.
#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

#include <factpipe/document.hpp>

namespace factpipe::report::detail {

// A span clamped to [0, text.size()] and widened to UTF-8 code point boundaries (offsets come from
// plugins: a report must never slice a character in half or read past the text).
Span snap(std::string_view text, Span s);

// The paragraphs of the text, in order and disjoint: the paragraph layer when present (with any
// non-blank text it misses added as blocks), else runs of non-blank lines.
std::vector<Span> blocks(const Document& doc);

// An annotation to render over the text. Equal spans nest by kind (lower kind outside).
struct Mark {
  Span span;      // snapped byte span into doc.text
  int kind = 0;   // caller's category, e.g. claim or quote
  int index = 0;  // caller's index, e.g. into doc.claims
};

struct Fragment {
  const Mark* mark;
  bool first;  // the mark starts here (not a continuation after a paragraph or an overlap)
  bool last;   // the mark ends here (not closed only to re-nest or at a paragraph end)
};

struct LayoutSink {
  std::function<void(const Fragment&)> open;
  std::function<void(const Fragment&)> close;
  std::function<void(std::string_view)> text;
};

// Walks `block` segment by segment (cut at every mark boundary) and calls the sink so that opens and
// closes nest: a mark interrupted by another one's end is closed and reopened (first/last false).
// Marks are ordered outermost first: earlier start, then longer, then lower kind, then lower index.
void layout(std::string_view text, Span block, const std::vector<Mark>& marks, const LayoutSink& sink);

}  // namespace factpipe::report::detail
