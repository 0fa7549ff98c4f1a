#pragma once
// How the body extraction treats each HTML element, and which class/id names mark boilerplate.
#include <cstdint>
#include <string_view>

namespace factpipe::html {

enum class TagKind : std::uint8_t {
  inline_text,  // b, span, a ...: part of the surrounding block
  skipped,      // script, nav, form controls ...: never text of the article
  paragraph,    // p, pre, blockquote, li ...: a block whose score goes to its containers
  heading,      // h1-h6
  container,    // div, section, article, td ...: holds blocks, is a candidate for the article
  line_break,   // br
  cell,         // td, th: text of its row, separated by a space
};

TagKind tag_kind(std::string_view name);

// Readability-style weight of an element's class and id: +25 for names of article containers, -25 for
// names of boilerplate, 0 otherwise.
int name_weight(std::string_view lower_class_and_id);
// Class/id names of elements left out with everything in them (share bars, comments, related links,
// cookie banners ...), unless the name also says it holds the article.
bool boilerplate_name(std::string_view lower_class_and_id);
// role= values of page furniture (navigation, banner, complementary, contentinfo ...).
bool boilerplate_role(std::string_view lower_role);

}  // namespace factpipe::html
