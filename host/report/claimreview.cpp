// ClaimReview JSON-LD drafts (schema.org, the fact-check markup search engines read): one record per
// claim with a verdict. Drafts for an editor: the organisation, date and url come from the settings.
#include <cctype>
#include <ostream>
#include <string>

#include "escaping.hpp"
#include "report_common.hpp"
#include "report_writers.hpp"

namespace factpipe::report {
namespace {

using detail::squash_space;

struct Rating {
  int value = 0;  // 1..5, 0 = no numeric rating
  std::string name;
};

// The verdict on schema.org's 1 (false) .. 5 (true) scale. "Not enough evidence" is not a point on
// that scale, so it (and any unknown label) carries only the human label, which is what is required.
Rating rating_of(const Verdict& v) {
  if (v.label == "supported") return {5, "Supported by sources"};
  if (v.label == "refuted") return {1, "Refuted by sources"};
  if (v.label == "disputed") return {3, "Disputed"};
  if (v.label == "not_enough_evidence") return {0, "Not enough evidence"};
  return {0, detail::claim_type_label(v.label)};
}

std::string percent_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
    }
  }
  return out;
}

const Entity* entity_at(const Document& doc, int index) {
  return index >= 0 && static_cast<std::size_t>(index) < doc.entities.size() ? &doc.entities[index] : nullptr;
}

// The article's authors as schema.org Persons: one object for one author, an array for several.
Json people(const std::vector<std::string>& names) {
  Json out = Json::array();
  for (const auto& n : names) out.push_back({{"@type", "Person"}, {"name", n}});
  return out.size() == 1 ? out[0] : out;
}

// Who made the claim: a Person or an Organization. When no claimant is named the article makes the claim
// in its own voice: its authors, else the publication itself.
Json claim_author(const Document& doc, const Claim& c) {
  std::string name = squash_space(c.claimant);
  std::string publisher = squash_space(doc.metadata.publisher);
  if (name.empty()) {
    if (auto authors = detail::document_authors(doc); !authors.empty()) return people(authors);
    if (publisher.empty()) return nullptr;
    return {{"@type", "Organization"}, {"name", publisher}};
  }
  const Entity* e = entity_at(doc, c.claimant_entity);
  if (!e && c.quote >= 0 && static_cast<std::size_t>(c.quote) < doc.quotes.size() && doc.quotes[c.quote].speaker)
    e = entity_at(doc, doc.quotes[c.quote].speaker->entity);
  bool person = e ? e->type == "PERSON" : name != publisher;
  return {{"@type", person ? "Person" : "Organization"}, {"name", name}};
}

}  // namespace

Json claimreview_records(const Document& doc, const Options& options) {
  detail::Settings settings = detail::read_settings(options);
  const auto& m = doc.metadata;
  Json organisation = {{"@type", "Organization"}, {"name", settings.organisation}};
  if (!settings.organisation_url.empty()) organisation["url"] = settings.organisation_url;

  Json records = Json::array();
  for (std::size_t i = 0; i < doc.claims.size(); ++i) {
    const Claim& c = doc.claims[i];
    if (!c.verdict) continue;
    std::string anchor = "#claim-" + std::to_string(i + 1);
    std::string url = settings.review_url_base.empty() ? percent_encode(m.id) + ".html" + anchor
                                                       : settings.review_url_base + percent_encode(m.id) + anchor;
    std::string reviewed = squash_space(c.normalized);
    if (reviewed.empty()) reviewed = squash_space(detail::claim_text(doc, c));

    Json item = {{"@type", "Claim"}};
    if (Json author = claim_author(doc, c); !author.is_null()) item["author"] = author;
    if (!m.published.empty()) item["datePublished"] = m.published;
    auto authors = detail::document_authors(doc);
    if (!m.url.empty() || !m.title.empty() || !authors.empty()) {
      Json appearance = {{"@type", "CreativeWork"}};
      if (auto url = detail::http_url(m.url)) appearance["url"] = *url;  // never a javascript: link
      if (!m.title.empty()) appearance["headline"] = squash_space(m.title);
      if (!authors.empty()) appearance["author"] = people(authors);
      if (!m.publisher.empty())
        appearance["publisher"] = {{"@type", "Organization"}, {"name", squash_space(m.publisher)}};
      item["appearance"] = Json::array({appearance});
    }

    Rating r = rating_of(*c.verdict);
    Json rating = {{"@type", "Rating"}, {"alternateName", r.name}};
    if (r.value > 0) {
      rating["ratingValue"] = r.value;
      rating["bestRating"] = 5;
      rating["worstRating"] = 1;
    }

    Json record = {{"@context", "https://schema.org"},
                   {"@type", "ClaimReview"},
                   {"url", url},
                   {"claimReviewed", reviewed},
                   {"datePublished", settings.date},
                   {"author", organisation},
                   {"itemReviewed", item},
                   {"reviewRating", rating}};
    if (auto why = squash_space(c.verdict->explanation); !why.empty()) record["reviewBody"] = why;
    records.push_back(std::move(record));
  }
  return records;
}

namespace detail {
namespace {

// JSON text safe to paste into <script type="application/ld+json">: '<', '>' and '&' only occur inside
// JSON strings, where \u escapes mean the same, so "</script>" in a claim can never end the element.
std::string jsonld_text(const Json& j) {
  std::string raw = j.dump(2, ' ', false, Json::error_handler_t::replace);  // invalid UTF-8 from plugins: U+FFFD
  std::string out;
  out.reserve(raw.size());
  for (char c : raw) {
    if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else if (c == '&') out += "\\u0026";
    else out += c;
  }
  return out;
}

}  // namespace

void write_claimreview(const Document& doc, const Options& options, std::ostream& out) {
  out << jsonld_text(claimreview_records(doc, options)) << "\n";
}

void write_claimreview_index(const std::vector<BatchEntry>& entries, const Options& options, std::ostream& out) {
  read_settings(options);  // same validation as the per-document writer
  Json all = Json::array();
  for (const auto& e : entries)
    if (!e.failed && e.claimreview.is_array())
      for (const auto& record : e.claimreview) all.push_back(record);
  out << jsonld_text(all) << "\n";
}

}  // namespace detail
}  // namespace factpipe::report
