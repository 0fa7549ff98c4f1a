#include "escaping.hpp"

#include <cctype>

#include <factpipe/utf8.hpp>

namespace factpipe::report::detail {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool is_bad_control(unsigned char c) { return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F; }

bool ascii_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

}  // namespace

std::string clean_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    auto bad = utf8::find_invalid(s.substr(i));
    std::size_t stop = bad ? i + bad->byte_offset : s.size();
    for (; i < stop; ++i) {
      if (s[i] == '\r') {
        if (i + 1 < s.size() && s[i + 1] == '\n') continue;  // CRLF -> LF
        out += '\n';
      } else if (is_bad_control(static_cast<unsigned char>(s[i]))) {
        out += kReplacement;
      } else {
        out += s[i];
      }
    }
    if (bad) {
      out += kReplacement;
      ++i;  // skip one byte of the bad sequence; the rest is re-examined
    }
  }
  return out;
}

std::string html_escape(std::string_view raw) {
  std::string s = clean_text(raw);
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::optional<std::string> http_url(std::string_view url) {
  while (!url.empty() && std::isspace(static_cast<unsigned char>(url.front()))) url.remove_prefix(1);
  while (!url.empty() && std::isspace(static_cast<unsigned char>(url.back()))) url.remove_suffix(1);
  auto colon = url.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::string scheme;
  for (char c : url.substr(0, colon)) scheme += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "http" && scheme != "https") return std::nullopt;
  if (url.substr(colon + 1, 2) != "//" || url.size() <= colon + 3) return std::nullopt;
  for (char c : url) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F) return std::nullopt;  // whitespace or controls inside a url: not a url
  }
  if (utf8::find_invalid(url)) return std::nullopt;
  return std::string(url);
}

std::optional<std::string> relative_href(std::string_view path) {
  if (path.empty() || path.front() == '/' || path.front() == '\\') return std::nullopt;
  auto first_sep = path.find_first_of("/?#");
  if (path.substr(0, first_sep).find(':') != std::string_view::npos) return std::nullopt;  // a scheme
  std::string out;
  std::size_t seg_start = 0;
  for (std::size_t i = 0; i <= path.size(); ++i) {
    if (i == path.size() || path[i] == '/') {
      if (path.substr(seg_start, i - seg_start) == "..") return std::nullopt;
      seg_start = i + 1;
    }
  }
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char c : path) {
    auto u = static_cast<unsigned char>(c);
    if (ascii_alnum(c) || std::string_view("-._~/").find(c) != std::string_view::npos) {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
    }
  }
  return out;
}

std::string md_escape(std::string_view raw, bool line_start) {
  std::string s = clean_text(raw);
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (line_start && c != ' ' && c != '\n') {
      // Block markers only count at the start of a line.
      if (c == '#' || ((c == '-' || c == '+' || c == '=') && (i + 1 == s.size() || s[i + 1] == ' ' || s[i + 1] == c))) {
        out += '\\';
      } else if (std::isdigit(static_cast<unsigned char>(c))) {
        std::size_t j = i;
        while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
        if (j < s.size() && (s[j] == '.' || s[j] == ')')) {
          out.append(s, i, j - i);
          out += '\\';
          i = j - 1;
          line_start = false;
          continue;
        }
      }
      line_start = false;
    }
    switch (c) {
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '<':
      case '>':
      case '|':
      case '~':
      case '$':  // GitHub, GitLab and others read $...$ as math
        out += '\\';
        out += c;
        break;
      case '&': {
        // Only text that would read as an entity (&amp; &#38;) needs escaping.
        std::size_t j = i + 1;
        while (j < s.size() && (ascii_alnum(s[j]) || s[j] == '#')) ++j;
        if (j > i + 1 && j < s.size() && s[j] == ';') out += '\\';
        out += c;
        break;
      }
      case '\n':
        out += c;
        line_start = true;
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string md_cell(std::string_view s) {
  std::string flat = squash_space(s);
  return md_escape(flat, false);  // a cell never starts a line of Markdown
}

std::string md_link_destination(std::string_view url) {
  std::string out;
  for (char c : url) {
    switch (c) {
      case ' ':
        out += "%20";
        break;
      case '<':
        out += "%3C";
        break;
      case '>':
        out += "%3E";
        break;
      case '(':
        out += "%28";
        break;
      case ')':
        out += "%29";
        break;
      case '|':
        out += "%7C";
        break;  // would end a table cell
      default:
        out += c;
    }
  }
  return out;
}

std::string squash_space(std::string_view s) {
  std::string out;
  bool pending = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      pending = !out.empty();
    } else {
      if (pending) out += ' ';
      pending = false;
      out += c;
    }
  }
  return out;
}

}  // namespace factpipe::report::detail
