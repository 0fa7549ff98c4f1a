#include "inert_markup.hpp"

#include <cctype>

#include "ascii.hpp"

namespace factpipe::html {

namespace {

// Where `</tag` starts at or after `from` (case-insensitive), npos when never.
std::size_t find_close(std::string_view s, std::size_t from, std::string_view close) {
  for (std::size_t at = s.find('<', from); at != std::string_view::npos; at = s.find('<', at + 1))
    if (ascii_starts_with_ci(s, at, close)) return at;
  return std::string_view::npos;
}

}  // namespace

std::string without_inert_markup(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t copied = 0;
  for (std::size_t at = s.find('<'); at != std::string_view::npos; at = s.find('<', at + 1)) {
    std::size_t end = std::string_view::npos;
    if (s.compare(at, 4, "<!--") == 0) {
      std::size_t close = s.find("-->", at + 4);
      if (close != std::string_view::npos) end = close + 3;
    } else {
      std::string_view close_tag;
      if (ascii_starts_with_ci(s, at, "<script") &&
          (at + 7 == s.size() || !std::isalnum(static_cast<unsigned char>(s[at + 7]))))
        close_tag = "</script";
      else if (ascii_starts_with_ci(s, at, "<style") &&
               (at + 6 == s.size() || !std::isalnum(static_cast<unsigned char>(s[at + 6]))))
        close_tag = "</style";
      if (close_tag.empty()) continue;
      std::size_t tag_end = s.find('>', at);
      if (tag_end == std::string_view::npos) break;
      std::string_view tag = s.substr(at, tag_end - at);
      if (tag.find("ld+json") != std::string_view::npos || tag.find("LD+JSON") != std::string_view::npos) continue;
      std::size_t close = find_close(s, tag_end, close_tag);
      if (close != std::string_view::npos) {
        std::size_t gt = s.find('>', close);
        if (gt != std::string_view::npos) end = gt + 1;
      }
    }
    if (end == std::string_view::npos) continue;  // unterminated: left to the parser
    out.append(s.substr(copied, at - copied));
    copied = end;
    at = end - 1;
  }
  out.append(s.substr(copied));
  return out;
}

}  // namespace factpipe::html
