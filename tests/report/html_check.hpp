#pragma once
// Checks on generated HTML: a strict XML parse (libxml2, when built with it) that also lists what the
// page contains, and a small tag-balance checker that needs nothing.
#include <string>
#include <utility>
#include <vector>

namespace factpipe::test {

struct HtmlFacts {
  bool parsed = false;
  std::string error;                                            // the parser's message when !parsed
  std::vector<std::string> elements;                            // every element name, document order
  std::vector<std::pair<std::string, std::string>> attributes;  // every attribute (name, value)
  std::string text;                                             // all text content, entities decoded
};

bool have_xml_parser();
// Parses `html` as XML (the reports are written to be well-formed XML as well as HTML5).
HtmlFacts parse_xml(const std::string& html);

// Text content of the first element whose class list holds `cls`, without the text of descendants whose
// class list holds any of `skip` (libxml2 only; "" without it).
std::string text_of_class(const std::string& html, const std::string& cls, const std::vector<std::string>& skip);

// "" when every start tag is closed in order (void elements and <!DOCTYPE> excepted) and no tag is
// broken by a stray '<' or quote; else what is wrong and where.
std::string tag_balance(const std::string& html);

// Tags of an HTML serialisation (as chromium's --dump-dom prints it), read tolerantly, in order: the
// element name and attribute names of every start tag, and end tags as "/name"; lower-cased. Text content is never
// mistaken for a tag because a serialiser escapes '<' in text.
struct Tag {
  std::string name;
  std::vector<std::string> attributes;
};
std::vector<Tag> scan_tags(const std::string& html);

// Decodes &amp; &lt; &gt; &quot; &#39; &nbsp; (what chromium's --dump-dom emits).
std::string unescape_html(const std::string& s);

}  // namespace factpipe::test
