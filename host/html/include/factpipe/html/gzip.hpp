#pragma once
// gzip files (a saved page.html.gz) read whole, with a ceiling on the inflated size.
#include <cstddef>
#include <string>
#include <string_view>

namespace factpipe::html {

bool is_gzip(std::string_view bytes);
// Throws std::runtime_error for corrupt data, std::length_error when the output would pass `max_bytes`.
std::string gunzip(std::string_view bytes, std::size_t max_bytes);

}  // namespace factpipe::html
