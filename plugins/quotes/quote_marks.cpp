#include "quote_marks.hpp"

#include <algorithm>

#include <unicode/uchar.h>

#include <factpipe/utf8.hpp>

namespace factpipe::quotes {
namespace {

enum class Role { open, close, either, apostrophe };

struct Mark {
  Span span;
  Role role;
  bool single;
};

char32_t cp_at(std::string_view t, std::size_t i) {
  if (i >= t.size()) return 0;
  auto b = static_cast<unsigned char>(t[i]);
  if (b < 0x80) return b;
  std::size_t j = i;
  return utf8::decode(t, j);
}
char32_t cp_before(std::string_view t, std::size_t i, std::size_t floor) {
  if (i <= floor) return 0;
  std::size_t j = i - 1;
  while (j > floor && (static_cast<unsigned char>(t[j]) & 0xC0) == 0x80) --j;
  return cp_at(t, j);
}
bool alnum(char32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return u_isalnum(static_cast<UChar32>(c));
}
bool space(char32_t c) { return c == 0 || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0; }
bool opener_context(char32_t c) {  // what may stand before an opening mark
  return space(c) || c == '(' || c == '[' || c == 0x2014 || c == 0x2013 || c == '-' || c == '/' || c == ':' ||
         c == 0x201C || c == '"' || c == 0x2018;
}

// The end of a markup tag opening at `i` ("<tweet ...>", "</a>"): just past its '>' when it is one, with a
// name of ASCII letters and an '=' before the '>' or a '/' after the '<'; otherwise `i` (a plain '<').
std::size_t markup_end(std::string_view t, std::size_t i, std::size_t end) {
  std::size_t k = i + 1;
  bool closing = k < end && t[k] == '/';
  if (closing) ++k;
  std::size_t name = k;
  while (k < end && ((t[k] >= 'a' && t[k] <= 'z') || (t[k] >= 'A' && t[k] <= 'Z'))) ++k;
  if (k == name || k >= end || (t[k] != ' ' && t[k] != '>' && t[k] != '/')) return i;
  bool attribute = false;
  for (std::size_t n = 0; k < end && n < 2000; ++k, ++n) {
    if (t[k] == '>') return closing || attribute || t[k - 1] == '/' ? k + 1 : i;
    if (t[k] == '<') return i;
    attribute |= t[k] == '=';
  }
  return i;
}

// Where a tag opened in an earlier paragraph ends in this one: a line break inside an attribute value
// (<tweet tweet-date="March 9, 2016⏎">) splits the tag across paragraphs. The text before each paragraph is
// read once for the whole document (looking back from every paragraph read up to 2,000 bytes each time).
class CarriedTags {
 public:
  explicit CarriedTags(std::string_view t) : t_(t) {}

  std::size_t end_in(Span para) {
    if (para.start < read_) {  // paragraphs out of order: read again from the start
      read_ = 0;
      open_ = npos;
    }
    for (; read_ < para.start; ++read_) {
      if (t_[read_] == '<') open_ = read_;
      else if (t_[read_] == '>') open_ = npos;
    }
    // a '<' not closed before the paragraph, no further back than markup_end's longest tag
    if (open_ == npos || para.start - open_ > 2000) return para.start;
    std::size_t end = markup_end(t_, open_, t_.size());
    return end > para.start ? std::min(end, para.end) : para.start;
  }

 private:
  static constexpr std::size_t npos = std::string_view::npos;
  std::string_view t_;
  std::size_t read_ = 0;     // bytes read so far
  std::size_t open_ = npos;  // the last '<' read with no '>' after it
};

std::vector<Mark> scan_marks(std::string_view t, Span para, CarriedTags& carried) {
  std::vector<Mark> out;
  std::size_t i = carried.end_in(para);
  while (i < para.end) {
    auto b = static_cast<unsigned char>(t[i]);
    if (b == '<') {
      // markup left in the text (<tweet tweet-date="March 10, 2016">, <a href="...">): its attribute
      // values are no quotations, even when the tag goes on past the paragraph
      std::size_t end = markup_end(t, i, t.size());
      if (end > i) {
        i = std::min(end, para.end);
        continue;
      }
    }
    if (b != '"' && b != '\'' && b != '`' && b != 0xE2 && b != 0xC2) {
      ++i;
      continue;
    }
    char32_t c = cp_at(t, i);
    std::size_t len = c < 0x80 ? 1 : (c < 0x800 ? 2 : 3);
    char32_t prev = cp_before(t, i, para.start);
    if ((c == '`' || c == '\'') && i + 1 < para.end && t[i + 1] == static_cast<char>(c)) {
      // `` opens; '' opens after a space, closes after a word
      char32_t next = cp_at(t, i + 2);
      Role r = c == '`' ? Role::open : (opener_context(prev) && !space(next) ? Role::open : Role::close);
      out.push_back({{i, i + 2}, r, false});
      i += 2;
      continue;
    }
    char32_t next = i + len < para.end ? cp_at(t, i + len) : 0;
    Span s{i, i + len};
    switch (c) {
      case 0x201C:
      case 0x201E:
      case 0x00AB:
        out.push_back({s, Role::open, false});
        break;
      case 0x201D:
      case 0x00BB:
        // a ” opening a paragraph is a typo for “
        out.push_back({s, i == para.start && alnum(next) ? Role::open : Role::close, false});
        break;
      case '"':
        if (opener_context(prev) && !space(next)) out.push_back({s, Role::open, false});
        else if (!space(prev) && !alnum(next)) out.push_back({s, Role::close, false});
        else out.push_back({s, Role::either, false});
        break;
      case 0x2018:
        if (next >= '0' && next <= '9') break;  // ‘90s
        out.push_back({s, Role::open, true});
        break;
      case '\'':
      case 0x2019:
        if (alnum(prev) && alnum(next)) break;  // don't, Clinton’s
        if (opener_context(prev) && alnum(next)) {
          if (next >= '0' && next <= '9') break;  // '90s
          out.push_back({s, c == 0x2019 ? Role::apostrophe : Role::open, true});
        } else if (!space(prev) && !alnum(next)) {
          // a closing single mark, or the apostrophe of a plural possessive (voters’)
          out.push_back({s, (prev == 's' || prev == 'S') && space(next) ? Role::apostrophe : Role::close, true});
        }
        break;
      default:
        break;
    }
    i += len;
  }
  return out;
}

bool starts_with_open(std::string_view t, Span para) {
  std::size_t i = para.start;
  while (i < para.end && (t[i] == ' ' || t[i] == '\t')) ++i;
  if (i >= para.end) return false;
  char32_t c = cp_at(t, i);
  if (c == 0x201C || c == 0x201E || c == 0x00AB || c == '"') return true;
  if (c == '`' || c == '\'') return i + 1 < para.end && t[i + 1] == static_cast<char>(c);
  return false;
}

}  // namespace

std::vector<MarkedQuote> find_marked_quotes(std::string_view t, const std::vector<Span>& paragraphs) {
  std::vector<MarkedQuote> out;
  bool carry = false;  // the previous paragraph's quotation goes on here
  CarriedTags carried(t);
  for (std::size_t p = 0; p < paragraphs.size(); ++p) {
    const Span para = paragraphs[p];
    auto marks = scan_marks(t, para, carried);
    int dbl = -1;  // index of the open double mark
    int sgl = -1;  // index of the open single mark (top level or nested)
    bool reopened = carry && starts_with_open(t, para);
    carry = false;
    auto emit = [&](const Mark& o, Span close, bool single) {
      MarkedQuote q;
      q.open = o.span;
      q.close = close;
      q.inner = {o.span.end, close.empty() ? para.end : close.start};
      q.paragraph = static_cast<int>(p);
      q.single = single;
      if (reopened && !single && out.size() && out.back().continues && o.span.start == marks.front().span.start)
        q.continued = true;
      if (q.inner.end > q.inner.start) out.push_back(q);
    };
    for (std::size_t k = 0; k < marks.size(); ++k) {
      const Mark& m = marks[k];
      if (m.role == Role::apostrophe) continue;
      if (!m.single) {
        bool closes = dbl >= 0 && (m.role == Role::close || m.role == Role::either ||
                                   // a second opener while open: a straight mark after a word closes
                                   (m.role == Role::open && t[m.span.start] == '"' && m.span.start > 0 &&
                                    !space(cp_before(t, m.span.start, para.start))));
        if (closes) {
          emit(marks[static_cast<std::size_t>(dbl)], m.span, false);
          dbl = -1;
          sgl = -1;
        } else if (m.role != Role::close) {
          dbl = static_cast<int>(k);  // a new opener replaces an unmatched one
          sgl = -1;
        }
        continue;
      }
      // single marks
      if (m.role == Role::open) {
        sgl = static_cast<int>(k);
        continue;
      }
      if (sgl >= 0) {
        if (dbl < 0) emit(marks[static_cast<std::size_t>(sgl)], m.span, true);  // nested ones stay inside
        sgl = -1;
        continue;
      }
      // a single closing mark with no single open: closes a double opened earlier (wrong mark) when it
      // ends the paragraph or a sentence
      if (dbl >= 0) {
        std::size_t after = m.span.end;
        while (after < para.end && (t[after] == ' ' || t[after] == '\t')) ++after;
        char32_t before = cp_before(t, m.span.start, para.start);
        if (after >= para.end && (before == '.' || before == '!' || before == '?' || before == ',')) {
          emit(marks[static_cast<std::size_t>(dbl)], m.span, false);
          out.back().wrong_close = true;
          dbl = -1;
        }
      }
    }
    if (dbl >= 0) {
      // unclosed at the paragraph's end: a multi-paragraph quotation when the next paragraph reopens
      const Mark& o = marks[static_cast<std::size_t>(dbl)];
      bool next_reopens = p + 1 < paragraphs.size() && starts_with_open(t, paragraphs[p + 1]);
      emit(o, Span{para.end, para.end}, false);
      if (!out.empty() && out.back().open == o.span) {
        out.back().continues = next_reopens;
        out.back().unclosed = !next_reopens;
      }
      carry = next_reopens;
    }
  }
  return out;
}

}  // namespace factpipe::quotes
