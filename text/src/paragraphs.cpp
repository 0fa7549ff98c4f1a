#include <factpipe/text/paragraphs.hpp>

#include <stdexcept>
#include <string>

#include <factpipe/text/char_class.hpp>

namespace factpipe::text {

ParagraphBreaks paragraph_breaks_from(std::string_view name) {
  if (name == "auto") return ParagraphBreaks::automatic;
  if (name == "blank_line") return ParagraphBreaks::blank_line;
  if (name == "newline") return ParagraphBreaks::newline;
  throw std::invalid_argument("unknown paragraph_breaks '" + std::string(name) +
                              "' (allowed: auto, blank_line, newline)");
}

std::string_view to_string(ParagraphBreaks mode) {
  switch (mode) {
    case ParagraphBreaks::automatic:
      return "auto";
    case ParagraphBreaks::blank_line:
      return "blank_line";
    case ParagraphBreaks::newline:
      return "newline";
  }
  return "auto";
}

namespace {

struct Line {
  std::size_t first = 0, last_end = 0;  // first non-space byte, end of the last non-space character
  bool blank = true;
  bool hard_break = false;  // ended by U+2029
  CodePoint first_char{}, last_char{};
};

// One line starting at `i`; sets `next` to the start of the following line.
Line read_line(std::string_view t, std::size_t i, std::size_t& next) {
  Line line;
  const std::size_t n = t.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    if (c == '\n') {
      next = i + 1;
      return line;
    }
    if (c == '\r') {
      next = (i + 1 < n && t[i + 1] == '\n') ? i + 2 : i + 1;
      return line;
    }
    CodePoint cp = char_at(t, i);
    if (cp.cp == 0x2028 || cp.cp == 0x2029 || cp.cp == 0x85) {
      line.hard_break = cp.cp == 0x2029;
      next = i + cp.length;
      return line;
    }
    if (cp.cls != CharClass::space) {
      if (line.blank) {
        line.blank = false;
        line.first = i;
        line.first_char = cp;
      }
      line.last_end = i + cp.length;
      line.last_char = cp;
    }
    i += cp.length;
  }
  next = n;
  return line;
}

bool ends_like_sentence(const CodePoint& c) {
  switch (c.cls) {
    case CharClass::period:
    case CharClass::terminator:
    case CharClass::ellipsis:
    case CharClass::close_quote:
    case CharClass::right_single:
    case CharClass::straight_quote:
      return true;
    case CharClass::comma:
      return c.cp == ':';
    case CharClass::apostrophe:
      return true;  // '' closing a NYT quotation
    default:
      return false;
  }
}

}  // namespace

void find_paragraphs(std::string_view text, ParagraphBreaks mode, std::vector<Span>& out) {
  std::size_t i = 0;
  bool open = false;                // a paragraph is being collected
  bool after_single_break = false;  // the previous line was non-blank and ended with a plain line break
  Span cur;
  CodePoint last_char{};
  auto close = [&] {
    if (open) out.push_back(cur);
    open = false;
  };
  while (i < text.size()) {
    std::size_t next = text.size();
    Line line = read_line(text, i, next);
    if (line.blank) {
      close();
    } else {
      bool join = false;
      if (open && after_single_break) {
        if (mode == ParagraphBreaks::blank_line) join = true;
        else if (mode == ParagraphBreaks::automatic)
          join = line.first_char.cls == CharClass::lower && !ends_like_sentence(last_char);
      }
      if (!join) {
        close();
        cur.start = line.first;
        open = true;
      }
      cur.end = line.last_end;
      last_char = line.last_char;
    }
    after_single_break = !line.blank;
    if (line.hard_break) close();
    i = next;
  }
  close();
}

}  // namespace factpipe::text
