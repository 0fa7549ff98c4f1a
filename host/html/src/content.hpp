#pragma once
// The article body of a parsed page (after Readability's scoring, arc90/Mozilla): text blocks are scored
// by length and commas, the scores flow to their containers, the best container (with the siblings that
// score close to it) is the article, and its blocks that read like navigation are dropped.
#include <string>
#include <string_view>

#include <factpipe/html/article.hpp>

#include "dom.hpp"

namespace factpipe::html {

std::string extract_body(const xmlDoc* doc, const ExtractOptions& options, std::string_view title);

}  // namespace factpipe::html
