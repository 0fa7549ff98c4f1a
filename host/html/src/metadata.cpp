#include "metadata.hpp"

#include <algorithm>
#include <array>

#include <nlohmann/json.hpp>

namespace factpipe::html {

namespace {

using Json = nlohmann::json;

constexpr std::array kArticleTypes = {"NewsArticle",
                                      "Article",
                                      "ReportageNewsArticle",
                                      "AnalysisNewsArticle",
                                      "BlogPosting",
                                      "OpinionNewsArticle",
                                      "ReviewNewsArticle",
                                      "BackgroundNewsArticle",
                                      "LiveBlogPosting",
                                      "TechArticle",
                                      "ScholarlyArticle",
                                      "SocialMediaPosting",
                                      "Report",
                                      "WebPage"};

int type_rank(const Json& o) {  // lower is better; kArticleTypes.size() when not an article
  auto rank = [](const std::string& t) {
    auto it = std::find(kArticleTypes.begin(), kArticleTypes.end(), t);
    return static_cast<int>(it - kArticleTypes.begin());
  };
  int best = static_cast<int>(kArticleTypes.size());
  auto t = o.find("@type");
  if (t == o.end()) return best;
  if (t->is_string()) return rank(t->get<std::string>());
  if (t->is_array())
    for (const auto& e : *t)
      if (e.is_string()) best = std::min(best, rank(e.get<std::string>()));
  return best;
}

std::string str(const Json& v) {
  if (v.is_string()) return collapse_space(v.get<std::string>());
  if (v.is_object()) {
    for (const char* k : {"name", "@id", "url"})
      if (auto it = v.find(k); it != v.end() && it->is_string()) return collapse_space(it->get<std::string>());
  }
  if (v.is_array() && !v.empty()) return str(v.front());
  return {};
}

std::vector<std::string> names(const Json& v) {
  std::vector<std::string> out;
  auto add = [&](const Json& e) {
    std::string n = e.is_object() ? (e.contains("name") ? str(e["name"]) : std::string()) : str(e);
    if (!n.empty() && !n.starts_with("http") && std::find(out.begin(), out.end(), n) == out.end())
      out.push_back(std::move(n));
  };
  if (v.is_array())
    for (const auto& e : v) add(e);
  else add(v);
  return out;
}

// Depth-first over the JSON-LD (arrays and @graph), the best-ranked article object wins.
void find_article(const Json& j, const Json*& best, int& best_rank, int depth) {
  if (depth > 16) return;
  if (j.is_array()) {
    for (const auto& e : j) find_article(e, best, best_rank, depth + 1);
    return;
  }
  if (!j.is_object()) return;
  int r = type_rank(j);
  if (r < best_rank) {
    best = &j;
    best_rank = r;
  }
  if (auto g = j.find("@graph"); g != j.end()) find_article(*g, best, best_rank, depth + 1);
}

struct Found {
  std::string title, published, publisher, url, language;
  std::vector<std::string> authors;
};

void from_json_ld(const Json& a, Found& f) {
  auto get = [&](const char* k) { return a.contains(k) ? str(a[k]) : std::string(); };
  f.title = get("headline");
  if (f.title.empty()) f.title = get("name");
  f.published = get("datePublished");
  if (f.published.empty()) f.published = get("dateCreated");
  if (a.contains("publisher")) f.publisher = str(a["publisher"]);
  if (a.contains("author")) f.authors = names(a["author"]);
  if (a.contains("creator") && f.authors.empty()) f.authors = names(a["creator"]);
  f.url = get("url");
  if (f.url.empty() && a.contains("mainEntityOfPage")) f.url = str(a["mainEntityOfPage"]);
  f.language = get("inLanguage");
}

void walk(const xmlNode* n, std::vector<const xmlNode*>& metas, std::vector<const xmlNode*>& scripts,
          const xmlNode*& canonical, const xmlNode*& title, int depth) {
  if (depth > 256) return;
  for (const xmlNode* c = n; c; c = c->next) {
    if (!is_element(c)) continue;
    std::string_view name = name_of(c);
    if (name == "meta") metas.push_back(c);
    else if (name == "script") {
      if (lower_ascii(attr(c, "type")) == "application/ld+json") scripts.push_back(c);
      continue;
    } else if (name == "link" && !canonical && lower_ascii(attr(c, "rel")) == "canonical") canonical = c;
    else if (name == "title" && !title) title = c;
    else if (name == "svg" || name == "style") continue;
    walk(c->children, metas, scripts, canonical, title, depth + 1);
  }
}

void set_if_empty(std::string& field, std::string_view value) {
  if (field.empty()) field = collapse_space(value);
}

}  // namespace

void read_metadata(const xmlDoc* doc, ExtractedArticle& out) {
  const xmlNode* root = xmlDocGetRootElement(doc);
  if (!root) return;
  std::vector<const xmlNode*> metas, scripts;
  const xmlNode *canonical = nullptr, *title = nullptr;
  walk(root, metas, scripts, canonical, title, 0);

  Found ld;
  for (const xmlNode* s : scripts) {
    std::string raw;
    for (const xmlNode* c = s->children; c; c = c->next) raw += sv(c->content);
    Json j = Json::parse(raw, nullptr, false);
    if (j.is_discarded()) continue;
    const Json* best = nullptr;
    int rank = static_cast<int>(kArticleTypes.size());
    find_article(j, best, rank, 0);
    if (!best) continue;
    Found f;
    from_json_ld(*best, f);
    if (ld.title.empty()) ld.title = f.title;
    if (ld.published.empty()) ld.published = f.published;
    if (ld.publisher.empty()) ld.publisher = f.publisher;
    if (ld.url.empty()) ld.url = f.url;
    if (ld.language.empty()) ld.language = f.language;
    if (ld.authors.empty()) ld.authors = f.authors;
  }
  out.title = ld.title;
  out.published = ld.published;
  out.publisher = ld.publisher;
  out.canonical_url = ld.url;
  out.language = ld.language;
  out.authors = ld.authors;

  // Open Graph / article:* first, then plain names: collect, then fill by priority.
  std::string og_title, og_url, og_site, og_time, og_locale, name_date, name_author, name_title, dc_lang;
  std::vector<std::string> meta_authors;
  for (const xmlNode* m : metas) {
    std::string key = lower_ascii(attr(m, "property"));
    if (key.empty()) key = lower_ascii(attr(m, "name"));
    if (key.empty()) key = lower_ascii(attr(m, "itemprop"));
    std::string_view content = attr(m, "content");
    if (key.empty() || content.empty()) {
      if (lower_ascii(attr(m, "http-equiv")) == "content-language") set_if_empty(dc_lang, content);
      continue;
    }
    if (key == "og:title") set_if_empty(og_title, content);
    else if (key == "og:url") set_if_empty(og_url, content);
    else if (key == "og:site_name") set_if_empty(og_site, content);
    else if (key == "og:locale") set_if_empty(og_locale, content);
    else if (key == "article:published_time" || key == "og:published_time" || key == "datepublished")
      set_if_empty(og_time, content);
    else if (key == "date" || key == "pubdate" || key == "publish-date" || key == "publishdate" || key == "dc.date" ||
             key == "dc.date.issued" || key == "dcterms.date" || key == "parsely-pub-date" || key == "sailthru.date" ||
             key == "article.published" || key == "citation_publication_date")
      set_if_empty(name_date, content);
    else if (key == "author" || key == "article:author" || key == "dc.creator" || key == "parsely-author" ||
             key == "sailthru.author" || key == "byl" || key == "citation_author") {
      std::string a = collapse_space(content);
      if (a.starts_with("By ") || a.starts_with("by ")) a = a.substr(3);
      if (!a.empty() && !a.starts_with("http") &&
          std::find(meta_authors.begin(), meta_authors.end(), a) == meta_authors.end())
        meta_authors.push_back(a);
    } else if (key == "twitter:title" || key == "title" || key == "dc.title" || key == "headline")
      set_if_empty(name_title, content);
    else if (key == "dc.language" || key == "language" || key == "content-language") set_if_empty(dc_lang, content);
  }
  set_if_empty(out.title, og_title);
  set_if_empty(out.title, name_title);
  if (title) set_if_empty(out.title, collapsed_text(title));
  set_if_empty(out.published, og_time);
  set_if_empty(out.published, name_date);
  set_if_empty(out.publisher, og_site);
  if (canonical) set_if_empty(out.canonical_url, attr(canonical, "href"));
  set_if_empty(out.canonical_url, og_url);
  if (out.authors.empty()) out.authors = meta_authors;
  set_if_empty(out.language, attr(root, "lang"));
  set_if_empty(out.language, attr(root, "xml:lang"));
  set_if_empty(out.language, dc_lang);
  if (out.language.empty() && !og_locale.empty()) {
    out.language = og_locale;
    std::replace(out.language.begin(), out.language.end(), '_', '-');
  }
}

}  // namespace factpipe::html
