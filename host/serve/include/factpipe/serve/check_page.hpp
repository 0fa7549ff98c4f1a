#pragma once
// GET /: one self-contained page (no external resources) where a fact-checker pastes an article or drops
// a .txt file, and reads the HTML report the service writes for it.
#include <string>

namespace factpipe::serve {

const std::string& check_page_html();

}  // namespace factpipe::serve
