#pragma once
// What a page says about itself: JSON-LD (NewsArticle and its kin) first, then Open Graph and article:*
// properties, then plain <meta> names, <link rel=canonical>, <title> and <html lang>.
#include <factpipe/html/article.hpp>

#include "dom.hpp"

namespace factpipe::html {

// Fills every metadata field of `out` that the page gives (text and encoding are left alone).
void read_metadata(const xmlDoc* doc, ExtractedArticle& out);

}  // namespace factpipe::html
