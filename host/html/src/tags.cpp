#include "tags.hpp"

#include <array>
#include <unordered_map>

namespace factpipe::html {

namespace {

bool word_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// `word` occurs in `s` starting at a name boundary (start, or after - _ space or a digit); a `prefix` word may
// continue (comment -> comments, commentlist), a whole word must end at a boundary too.
bool has_word(std::string_view s, std::string_view word, bool prefix) {
  for (std::size_t at = s.find(word); at != std::string_view::npos; at = s.find(word, at + 1)) {
    bool start_ok = at == 0 || !word_char(s[at - 1]) || (s[at - 1] >= '0' && s[at - 1] <= '9');
    std::size_t end = at + word.size();
    bool end_ok = prefix || end == s.size() || !word_char(s[end]);
    if (start_ok && end_ok) return true;
  }
  return false;
}

template <std::size_t N>
bool any_word(std::string_view s, const std::array<std::string_view, N>& words, bool prefix) {
  for (auto w : words)
    if (has_word(s, w, prefix)) return true;
  return false;
}

// Names (prefixes) of boilerplate containers.
constexpr std::array<std::string_view, 50> kBoilerplatePrefixes = {"comment",
                                                                   "disqus",
                                                                   "share",
                                                                   "sharing",
                                                                   "social",
                                                                   "related",
                                                                   "recommend",
                                                                   "promo",
                                                                   "advert",
                                                                   "sponsor",
                                                                   "newsletter",
                                                                   "subscri",
                                                                   "signup",
                                                                   "sign-up",
                                                                   "cookie",
                                                                   "consent",
                                                                   "gdpr",
                                                                   "sidebar",
                                                                   "breadcrumb",
                                                                   "pagination",
                                                                   "pager",
                                                                   "popup",
                                                                   "modal",
                                                                   "masthead",
                                                                   "skip",
                                                                   "outbrain",
                                                                   "taboola",
                                                                   "widget",
                                                                   "banner",
                                                                   "footer",
                                                                   "nav",
                                                                   "menu",
                                                                   "toolbar",
                                                                   "trending",
                                                                   "most-popular",
                                                                   "mostpopular",
                                                                   "more-stories",
                                                                   "read-more",
                                                                   "readmore",
                                                                   "tags",
                                                                   "tag-list",
                                                                   "byline",
                                                                   "author",
                                                                   "dateline",
                                                                   "timestamp",
                                                                   "print-only",
                                                                   "visually-hidden",
                                                                   "sr-only",
                                                                   "caption",
                                                                   "credit"};
// Whole-word names of boilerplate.
constexpr std::array<std::string_view, 9> kBoilerplateWords = {"ad",   "ads",   "adv",   "rss",   "hidden",
                                                               "hide", "share", "login", "header"};
// Names that say "the article is in here": they protect an element from the lists above.
constexpr std::array<std::string_view, 9> kArticlePrefixes = {"article", "story", "content", "entry", "post-body",
                                                              "main",    "body",  "text",    "blog"};
constexpr std::array<std::string_view, 6> kNegativePrefixes = {"comment", "footer",  "sidebar",
                                                               "sponsor", "related", "share"};

}  // namespace

TagKind tag_kind(std::string_view name) {
  static const std::unordered_map<std::string_view, TagKind> kinds = {
      {"p", TagKind::paragraph},       {"pre", TagKind::paragraph},      {"blockquote", TagKind::paragraph},
      {"li", TagKind::paragraph},      {"dd", TagKind::paragraph},       {"dt", TagKind::paragraph},
      {"address", TagKind::paragraph}, {"figcaption", TagKind::skipped}, {"h1", TagKind::heading},
      {"h2", TagKind::heading},        {"h3", TagKind::heading},         {"h4", TagKind::heading},
      {"h5", TagKind::heading},        {"h6", TagKind::heading},         {"div", TagKind::container},
      {"section", TagKind::container}, {"article", TagKind::container},  {"main", TagKind::container},
      {"body", TagKind::container},    {"html", TagKind::container},     {"td", TagKind::cell},
      {"th", TagKind::cell},           {"tr", TagKind::paragraph},       {"table", TagKind::container},
      {"tbody", TagKind::container},   {"thead", TagKind::container},    {"ul", TagKind::container},
      {"ol", TagKind::container},      {"dl", TagKind::container},       {"center", TagKind::container},
      {"figure", TagKind::container},  {"details", TagKind::container},  {"summary", TagKind::paragraph},
      {"hr", TagKind::container},      {"font", TagKind::inline_text},   {"br", TagKind::line_break},
      {"script", TagKind::skipped},    {"style", TagKind::skipped},      {"noscript", TagKind::skipped},
      {"template", TagKind::skipped},  {"svg", TagKind::skipped},        {"math", TagKind::skipped},
      {"canvas", TagKind::skipped},    {"iframe", TagKind::skipped},     {"object", TagKind::skipped},
      {"embed", TagKind::skipped},     {"head", TagKind::skipped},       {"select", TagKind::skipped},
      {"option", TagKind::skipped},    {"textarea", TagKind::skipped},   {"button", TagKind::skipped},
      {"input", TagKind::skipped},     {"nav", TagKind::skipped},        {"aside", TagKind::skipped},
      {"footer", TagKind::skipped},    {"header", TagKind::skipped},     {"audio", TagKind::skipped},
      {"video", TagKind::skipped},     {"map", TagKind::skipped},        {"dialog", TagKind::skipped},
      {"menu", TagKind::skipped},      {"label", TagKind::skipped},      {"time", TagKind::inline_text},
      {"form", TagKind::container},    {"fieldset", TagKind::container}, {"caption", TagKind::skipped},
  };
  auto it = kinds.find(name);
  return it == kinds.end() ? TagKind::inline_text : it->second;
}

int name_weight(std::string_view s) {
  if (s.empty()) return 0;
  int w = 0;
  if (any_word(s, kArticlePrefixes, true)) w += 25;
  if (any_word(s, kNegativePrefixes, true) || any_word(s, kBoilerplateWords, false)) w -= 25;
  return w;
}

bool boilerplate_name(std::string_view s) {
  if (s.empty()) return false;
  if (!any_word(s, kBoilerplatePrefixes, true) && !any_word(s, kBoilerplateWords, false)) return false;
  return !any_word(s, kArticlePrefixes, true);
}

bool boilerplate_role(std::string_view r) {
  return r == "navigation" || r == "banner" || r == "complementary" || r == "contentinfo" || r == "dialog" ||
         r == "alertdialog" || r == "menu" || r == "menubar" || r == "search" || r == "toolbar";
}

}  // namespace factpipe::html
