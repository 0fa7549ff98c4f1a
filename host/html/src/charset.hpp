#pragma once
// The page's bytes as UTF-8: a BOM first, then the charset a <meta> declares (charset= or http-equiv
// Content-Type) in the first kilobytes, then UTF-8 when the bytes are valid UTF-8, else windows-1252 (what
// browsers assume for undeclared Western pages). Conversion by ICU; invalid sequences become U+FFFD.
#include <string>
#include <string_view>

namespace factpipe::html {

struct DecodedPage {
  std::string_view utf8;  // the input itself when it was valid UTF-8 already, else `converted`
  std::string converted;
  std::string encoding;  // the charset used, as ICU names it ("UTF-8", "windows-1252", ...)
  DecodedPage() = default;
  DecodedPage(const DecodedPage&) = delete;  // utf8 may point into converted
  DecodedPage& operator=(const DecodedPage&) = delete;
};

// `bytes` must outlive the result (it is not copied when it is valid UTF-8).
void decode_page(std::string_view bytes, DecodedPage& out);

// The charset named in the first `window` bytes' <meta> tags, "" when none.
std::string declared_charset(std::string_view bytes, std::size_t window = 4096);

}  // namespace factpipe::html
