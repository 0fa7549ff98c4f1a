#include "dom.hpp"

#include <climits>

namespace factpipe::html {

DocPtr parse_html(std::string_view utf8) {
  if (utf8.empty() || utf8.size() > static_cast<std::size_t>(INT_MAX)) return nullptr;
  int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_COMPACT |
                HTML_PARSE_IGNORE_ENC;
  return DocPtr(htmlReadMemory(utf8.data(), static_cast<int>(utf8.size()), nullptr, "UTF-8", options));
}

std::string_view attr(const xmlNode* n, std::string_view name) {
  for (const xmlAttr* a = n->properties; a; a = a->next)
    if (sv(a->name) == name) {
      if (a->children && a->children->type == XML_TEXT_NODE && !a->children->next) return sv(a->children->content);
      return a->children ? sv(a->children->content) : std::string_view();
    }
  return {};
}

namespace {
bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; }

void append_text(const xmlNode* n, std::string& out, int depth) {
  if (depth > 256) return;  // hostile nesting: the stack stays small
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      out += sv(c->content);
      out += ' ';
    } else if (c->type == XML_ELEMENT_NODE) {
      append_text(c, out, depth + 1);
      out += ' ';
    }
  }
}
}  // namespace

std::string collapse_space(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (is_space(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string lower_ascii(std::string_view s) {
  std::string out = collapse_space(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string collapsed_text(const xmlNode* n) {
  std::string raw;
  append_text(n, raw, 0);
  return collapse_space(raw);
}

}  // namespace factpipe::html
