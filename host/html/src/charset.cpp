#include "charset.hpp"

#include <algorithm>
#include <cctype>
#include <memory>

#include <unicode/ucnv.h>

#include <factpipe/utf8.hpp>

#include "ascii.hpp"

namespace factpipe::html {

namespace {

std::string lower_copy(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), ascii_lower);
  return out;
}

// WHATWG: labels that mean windows-1252 in a browser.
std::string normalise(std::string name) {
  name = lower_copy(name);
  if (name == "iso-8859-1" || name == "latin1" || name == "us-ascii" || name == "ascii" || name == "iso8859-1" ||
      name == "l1" || name == "cp1252")
    return "windows-1252";
  if (name == "utf8") return "utf-8";
  return name;
}

std::string convert(std::string_view bytes, const char* from) {
  UErrorCode err = U_ZERO_ERROR;
  int32_t needed = ucnv_convert("UTF-8", from, nullptr, 0, bytes.data(), static_cast<int32_t>(bytes.size()), &err);
  if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err)) return {};
  std::string out(static_cast<std::size_t>(needed) + 1, '\0');
  err = U_ZERO_ERROR;
  int32_t n = ucnv_convert("UTF-8", from, out.data(), static_cast<int32_t>(out.size()), bytes.data(),
                           static_cast<int32_t>(bytes.size()), &err);
  if (U_FAILURE(err)) return {};
  out.resize(static_cast<std::size_t>(n));
  return out;
}

bool known_to_icu(const std::string& name) {
  UErrorCode err = U_ZERO_ERROR;
  UConverter* c = ucnv_open(name.c_str(), &err);
  if (c) ucnv_close(c);
  return U_SUCCESS(err);
}

}  // namespace

std::string declared_charset(std::string_view bytes, std::size_t window) {
  std::string_view head = bytes.substr(0, std::min(window, bytes.size()));
  for (std::size_t at = 0; (at = head.find('<', at)) != std::string_view::npos; ++at) {
    if (!ascii_starts_with_ci(head, at + 1, "meta")) continue;
    std::size_t end = head.find('>', at);
    if (end == std::string_view::npos) break;
    std::string tag = lower_copy(head.substr(at, end - at));
    std::size_t cs = tag.find("charset");
    if (cs == std::string::npos) continue;
    std::size_t i = cs + 7;
    while (i < tag.size() && (tag[i] == ' ' || tag[i] == '=' || tag[i] == '"' || tag[i] == '\'')) ++i;
    std::size_t j = i;
    while (j < tag.size() && (std::isalnum(static_cast<unsigned char>(tag[j])) || tag[j] == '-' || tag[j] == '_' ||
                              tag[j] == ':' || tag[j] == '.'))
      ++j;
    if (j > i) return normalise(tag.substr(i, j - i));
  }
  return {};
}

void decode_page(std::string_view bytes, DecodedPage& out) {
  auto converted = [&](std::string_view b, const char* from) {
    out.converted = convert(b, from);
    out.utf8 = out.converted;
    out.encoding = from;
  };
  auto as_utf8 = [&](std::string_view b) {
    if (utf8::find_invalid(b)) return converted(b, "UTF-8");
    out.utf8 = b;
    out.encoding = "UTF-8";
  };
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") return as_utf8(bytes.substr(3));
  if (bytes.size() >= 2 && (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF"))
    return converted(bytes.substr(2), bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE");
  std::string declared = declared_charset(bytes);
  // A page that says UTF-16 but reached us as ASCII-compatible bytes cannot be UTF-16 (HTML spec).
  if (declared.starts_with("utf-16")) declared = "utf-8";
  if (declared.empty() || declared == "utf-8" || !known_to_icu(declared)) {
    if (!utf8::find_invalid(bytes)) {
      out.utf8 = bytes;
      out.encoding = "UTF-8";
      return;
    }
    return converted(bytes, declared.empty() ? "windows-1252" : "UTF-8");
  }
  converted(bytes, declared.c_str());
  out.encoding = declared;
  if (out.converted.empty() && !bytes.empty()) as_utf8(bytes);
}

}  // namespace factpipe::html
