#pragma once
// Small helpers over libxml2's HTML tree: the parsed page owned by a unique_ptr, names and attributes as
// string_views (no copies), and the text of a subtree.
#include <memory>
#include <string>
#include <string_view>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

namespace factpipe::html {

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;

// Parses UTF-8 HTML, recovering from any error, never touching the network, ignoring <meta charset>
// (the bytes are UTF-8 already). nullptr only for empty input.
DocPtr parse_html(std::string_view utf8);

inline std::string_view sv(const xmlChar* s) {
  return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}
inline std::string_view name_of(const xmlNode* n) { return sv(n->name); }
inline bool is_element(const xmlNode* n) { return n->type == XML_ELEMENT_NODE; }

// An attribute's value (the common case of one text child), "" when absent.
std::string_view attr(const xmlNode* n, std::string_view name);

// All text below `n`, whitespace runs collapsed to one space, trimmed.
std::string collapsed_text(const xmlNode* n);

// ASCII lower case, whitespace runs collapsed, trimmed.
std::string lower_ascii(std::string_view s);
std::string collapse_space(std::string_view s);

}  // namespace factpipe::html
