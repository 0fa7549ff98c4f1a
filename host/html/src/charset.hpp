#pragma once
// The page's bytes as UTF-8: a BOM first, then the charset a <meta> declares (charset= or http-equiv
// Content-Type) in the first kilobytes, then UTF-8 when the bytes are valid UTF-8, else windows-1252 (what
// browsers assume for undeclared Western pages). Conversion by ICU; invalid sequences become U+FFFD.
#include <string>
#include <string_view>

namespace factpipe::html {

struct DecodedPage {
  std::string utf8;
  std::string encoding;  // the charset used, as ICU names it ("UTF-8", "windows-1252", ...)
};

DecodedPage decode_page(std::string_view bytes);

// The charset named in the first `window` bytes' <meta> tags, "" when none.
std::string declared_charset(std::string_view bytes, std::size_t window = 4096);

}  // namespace factpipe::html
