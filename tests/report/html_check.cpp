#include "html_check.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#if defined(FACTPIPE_HAVE_LIBXML2)
#include <libxml/parser.h>
#include <libxml/tree.h>
#endif

namespace factpipe::test {

#if defined(FACTPIPE_HAVE_LIBXML2)
namespace {
void walk(xmlNode* node, HtmlFacts& facts) {
  for (xmlNode* n = node; n; n = n->next) {
    if (n->type == XML_ELEMENT_NODE) {
      facts.elements.emplace_back(reinterpret_cast<const char*>(n->name));
      for (xmlAttr* a = n->properties; a; a = a->next) {
        xmlChar* v = xmlNodeListGetString(n->doc, a->children, 1);
        facts.attributes.emplace_back(reinterpret_cast<const char*>(a->name),
                                      v ? reinterpret_cast<const char*>(v) : "");
        xmlFree(v);
      }
    } else if (n->type == XML_TEXT_NODE && n->content) {
      facts.text += reinterpret_cast<const char*>(n->content);
    }
    walk(n->children, facts);
  }
}

bool has_class(xmlNode* n, const std::string& cls) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>("class"));
  if (!v) return false;
  std::string classes(1, ' ');  // (built with += : GCC 12 warns falsely on " " + std::string)
  classes += reinterpret_cast<const char*>(v);
  classes += ' ';
  xmlFree(v);
  return classes.find(" " + cls + " ") != std::string::npos;
}

void collect_text(xmlNode* node, const std::vector<std::string>& skip, std::string& out) {
  for (xmlNode* n = node; n; n = n->next) {
    if (n->type == XML_TEXT_NODE && n->content) out += reinterpret_cast<const char*>(n->content);
    if (n->type != XML_ELEMENT_NODE) continue;
    if (std::any_of(skip.begin(), skip.end(), [&](const std::string& c) { return has_class(n, c); })) continue;
    collect_text(n->children, skip, out);
  }
}

xmlNode* find_class(xmlNode* node, const std::string& cls) {
  for (xmlNode* n = node; n; n = n->next) {
    if (n->type == XML_ELEMENT_NODE && has_class(n, cls)) return n;
    if (xmlNode* hit = find_class(n->children, cls)) return hit;
  }
  return nullptr;
}
}  // namespace

std::string text_of_class(const std::string& html, const std::string& cls, const std::vector<std::string>& skip) {
  xmlDoc* doc = xmlReadMemory(html.data(), static_cast<int>(html.size()), "report.html", "UTF-8",
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!doc) return {};
  std::string out;
  if (xmlNode* n = find_class(xmlDocGetRootElement(doc), cls)) collect_text(n->children, skip, out);
  xmlFreeDoc(doc);
  return out;
}

bool have_xml_parser() { return true; }

HtmlFacts parse_xml(const std::string& html) {
  HtmlFacts facts;
  xmlDoc* doc = xmlReadMemory(html.data(), static_cast<int>(html.size()), "report.html", "UTF-8",
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!doc) {
    const xmlError* e = xmlGetLastError();
    facts.error = e && e->message ? std::string(e->message) + " at line " + std::to_string(e->line) : "parse failed";
    return facts;
  }
  facts.parsed = true;
  walk(xmlDocGetRootElement(doc), facts);
  xmlFreeDoc(doc);
  return facts;
}
#else
bool have_xml_parser() { return false; }
std::string text_of_class(const std::string&, const std::string&, const std::vector<std::string>&) { return {}; }
HtmlFacts parse_xml(const std::string&) { return {false, "built without libxml2", {}, {}, {}}; }
#endif

std::string tag_balance(const std::string& html) {
  static const std::set<std::string> kVoid{"meta", "br", "hr", "img", "input", "link", "wbr", "col", "source"};
  std::vector<std::string> stack;
  std::size_t i = 0;
  while ((i = html.find('<', i)) != std::string::npos) {
    if (html.compare(i, 4, "<!--") == 0) {
      i = html.find("-->", i);
      if (i == std::string::npos) return "unclosed comment";
      continue;
    }
    std::size_t end = i + 1;
    char quote = 0;
    for (; end < html.size(); ++end) {
      char c = html[end];
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '<') {
        return "stray '<' inside a tag at byte " + std::to_string(i);
      } else if (c == '>') {
        break;
      }
    }
    if (end >= html.size()) return "unterminated tag at byte " + std::to_string(i);
    std::string tag = html.substr(i + 1, end - i - 1);
    i = end + 1;
    if (tag.empty()) return "empty tag";
    if (tag[0] == '!') continue;  // <!DOCTYPE html>
    bool closing = tag[0] == '/';
    std::size_t name_start = closing ? 1 : 0;
    std::size_t name_end = tag.find_first_of(" \t\n/", name_start);
    std::string name =
        tag.substr(name_start, name_end == std::string::npos ? std::string::npos : name_end - name_start);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (closing) {
      if (stack.empty() || stack.back() != name)
        return "</" + name + "> closes " + (stack.empty() ? std::string("nothing") : "<" + stack.back() + ">");
      stack.pop_back();
    } else if (!kVoid.count(name) && tag.back() != '/') {
      stack.push_back(name);
      if (name == "style" || name == "script") {  // raw text up to the end tag
        auto close = html.find("</" + name, i);
        if (close == std::string::npos) return "unclosed <" + name + ">";
        i = close;
      }
    }
  }
  if (!stack.empty()) return "unclosed <" + stack.back() + ">";
  return {};
}

std::vector<Tag> scan_tags(const std::string& html) {
  auto lower = [](std::string v) {
    std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return v;
  };
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; };
  std::vector<Tag> tags;
  std::size_t i = 0;
  while ((i = html.find('<', i)) != std::string::npos) {
    ++i;
    if (i + 1 < html.size() && html[i] == '/' && std::isalpha(static_cast<unsigned char>(html[i + 1]))) {
      std::size_t j = i + 1;
      while (j < html.size() && !is_space(html[j]) && html[j] != '>') ++j;
      Tag end;
      end.name = '/';  // (appended, not "/" + string: GCC 12 warns falsely on the latter)
      end.name += lower(html.substr(i + 1, j - i - 1));
      tags.push_back(std::move(end));
      i = j;
      continue;
    }
    if (i >= html.size() || !std::isalpha(static_cast<unsigned char>(html[i]))) continue;  // <!--, <!DOCTYPE
    Tag tag;
    std::size_t j = i;
    while (j < html.size() && !is_space(html[j]) && html[j] != '>' && html[j] != '/') ++j;
    tag.name = lower(html.substr(i, j - i));
    while (j < html.size() && html[j] != '>') {
      while (j < html.size() && (is_space(html[j]) || html[j] == '/')) ++j;
      if (j >= html.size() || html[j] == '>') break;
      std::size_t n = j;
      while (j < html.size() && !is_space(html[j]) && html[j] != '=' && html[j] != '>' && html[j] != '/') ++j;
      tag.attributes.push_back(lower(html.substr(n, j - n)));
      if (j < html.size() && html[j] == '=') {
        ++j;
        if (j < html.size() && (html[j] == '"' || html[j] == '\'')) {
          char q = html[j];
          auto close = html.find(q, j + 1);
          j = close == std::string::npos ? html.size() : close + 1;
        } else {
          while (j < html.size() && !is_space(html[j]) && html[j] != '>') ++j;
        }
      }
    }
    tags.push_back(std::move(tag));
    if (tags.back().name == "style" || tags.back().name == "script") {
      auto close = html.find("</" + tags.back().name, j);
      j = close == std::string::npos ? html.size() : close;
    }
    i = j;
  }
  return tags;
}

std::string unescape_html(const std::string& s) {
  static const std::pair<const char*, const char*> kEntities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&nbsp;", "\u00A0"}, {"&amp;", "&"}};
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    bool hit = false;
    if (s[i] == '&')
      for (auto [from, to] : kEntities)
        if (s.compare(i, std::char_traits<char>::length(from), from) == 0) {
          out += to;
          i += std::char_traits<char>::length(from);
          hit = true;
          break;
        }
    if (!hit) out += s[i++];
  }
  return out;
}

}  // namespace factpipe::test
