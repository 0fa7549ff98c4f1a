#include "text_layout.hpp"

#include <algorithm>
#include <tuple>

namespace factpipe::report::detail {
namespace {

bool is_continuation(std::string_view text, std::size_t i) {
  return i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
}

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

// Runs of non-blank lines inside [from, to).
void split_blank_lines(std::string_view text, std::size_t from, std::size_t to, std::vector<Span>& out) {
  std::size_t line = from;
  constexpr std::size_t kNone = std::string_view::npos;
  std::size_t start = kNone;
  std::size_t last_end = from;
  while (line < to) {
    std::size_t nl = text.find('\n', line);
    std::size_t end = (nl == std::string_view::npos || nl >= to) ? to : nl;
    if (blank(text.substr(line, end - line))) {
      if (start != kNone) out.push_back({start, last_end});
      start = kNone;
    } else {
      if (start == kNone) start = line;
      last_end = end;
    }
    line = end + 1;
  }
  if (start != kNone) out.push_back({start, last_end});
}

bool outer_first(const Mark* a, const Mark* b) {
  return std::make_tuple(a->span.start, b->span.end, a->kind, a->index) <
         std::make_tuple(b->span.start, a->span.end, b->kind, b->index);
}

}  // namespace

Span snap(std::string_view text, Span s) {
  s.end = std::min(s.end, text.size());
  s.start = std::min(s.start, s.end);
  while (s.start > 0 && is_continuation(text, s.start)) --s.start;
  while (s.end < text.size() && is_continuation(text, s.end)) ++s.end;
  return s;
}

std::vector<Span> blocks(const Document& doc) {
  std::string_view text = doc.text;
  std::vector<Span> paragraphs;
  for (const auto& p : doc.paragraphs) {
    Span s = snap(text, p.span);
    if (!s.empty()) paragraphs.push_back(s);
  }
  std::sort(paragraphs.begin(), paragraphs.end(),
            [](const Span& a, const Span& b) { return std::tie(a.start, a.end) < std::tie(b.start, b.end); });
  std::vector<Span> out;
  std::size_t cursor = 0;
  for (Span p : paragraphs) {
    p.start = std::max(p.start, cursor);  // overlapping paragraphs: the earlier one wins
    if (p.start >= p.end) continue;
    split_blank_lines(text, cursor, p.start, out);  // text the paragraph layer missed
    out.push_back(p);
    cursor = p.end;
  }
  split_blank_lines(text, cursor, text.size(), out);
  return out;
}

void layout(std::string_view text, Span block, const std::vector<Mark>& marks, const LayoutSink& sink) {
  std::vector<const Mark*> here;
  std::vector<std::size_t> cuts{block.start, block.end};
  for (const auto& m : marks) {
    if (m.span.empty() || m.span.end <= block.start || m.span.start >= block.end) continue;
    here.push_back(&m);
    cuts.push_back(std::clamp(m.span.start, block.start, block.end));
    cuts.push_back(std::clamp(m.span.end, block.start, block.end));
  }
  std::sort(here.begin(), here.end(), outer_first);
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());

  std::vector<const Mark*> stack;
  auto pop_to = [&](std::size_t depth, std::size_t at) {
    while (stack.size() > depth) {
      const Mark* m = stack.back();
      stack.pop_back();
      sink.close({m, false, m->span.end == at});
    }
  };
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
    std::size_t a = cuts[i], b = cuts[i + 1];
    std::vector<const Mark*> active;
    for (const Mark* m : here)
      if (m->span.start <= a && b <= m->span.end) active.push_back(m);  // already outermost first
    std::size_t common = 0;
    while (common < stack.size() && common < active.size() && stack[common] == active[common]) ++common;
    pop_to(common, a);
    for (std::size_t k = common; k < active.size(); ++k) {
      stack.push_back(active[k]);
      sink.open({active[k], active[k]->span.start == a, false});
    }
    sink.text(text.substr(a, b - a));
  }
  pop_to(0, block.end);
}

}  // namespace factpipe::report::detail
