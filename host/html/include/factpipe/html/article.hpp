#pragma once
// The article in a web page: its body text with the page's boilerplate (menus, ads, comments, related
// links, cookie banners) left out, and what the page says about itself (JSON-LD, Open Graph, <meta>).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace factpipe::html {

struct ExtractedArticle {
  std::string text;  // UTF-8; paragraphs separated by a blank line, no markup
  std::string title;
  std::vector<std::string> authors;
  std::string published;  // as the page gives it (usually ISO 8601)
  std::string publisher;
  std::string canonical_url;
  std::string language;  // <html lang>, og:locale or content-language, e.g. "en" or "en-US"
  std::string encoding;  // the charset the page was decoded from
};

// Thresholds of the body extraction, chosen by cross-validation over the benchmark (see README.md).
struct ExtractOptions {
  double min_block_chars = 25;          // a block shorter than this adds nothing to its container's score
  double max_link_density = 0.5;        // blocks with more of their text in links are navigation
  double climb_paragraph_share = 1.01;  // the best container grows to its parent when what that adds is
  double free_climb_chars = 0;          // mostly paragraphs, or at most this many characters
  double sibling_share = 0.3;           // a sibling of the best container joins it above this share of its score
  double name_weight = 0.25;  // a container named like an article (or like boilerplate) scores this share more (less)
  double short_block_chars = 60;      // at the edges of the body, blocks shorter than this need punctuation
  bool use_boilerplate_names = true;  // skip elements whose class/id say menu, share, comment, related ...
  double boilerplate_share = 0.3;     // ... unless it holds more than this share of the page's text
  bool whole_page = false;            // every visible text block instead (the benchmark's baseline)
  // Limits for hostile input: bytes parsed and element depth considered (deeper content is ignored).
  std::size_t max_bytes = 64u << 20;
  std::size_t max_depth = 256;
};

// Never throws on bad markup: a page that is not HTML at all gives its visible text (possibly empty).
// Throws std::length_error when `html` is larger than options.max_bytes.
ExtractedArticle extract_article(std::string_view html, const ExtractOptions& options = {});

}  // namespace factpipe::html
