#pragma once
// Scripts, style sheets and comments are often half of a page's bytes and never its text; cutting them
// out before libxml2 parses the page (a plain scan) doubles the extraction speed. JSON-LD scripts stay:
// they carry the metadata.
#include <string>
#include <string_view>

namespace factpipe::html {

std::string without_inert_markup(std::string_view html);

}  // namespace factpipe::html
