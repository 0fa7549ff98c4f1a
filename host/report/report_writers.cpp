// The public entry points: format names, dispatch to the writers, the batch summary row.
#include "report_writers.hpp"

#include <stdexcept>

#include "report_common.hpp"

namespace factpipe::report {
namespace {

std::string allowed() { return "html, md, claimreview"; }

[[noreturn]] void unknown(std::string_view format) {
  throw std::invalid_argument("unknown report format \"" + std::string(format) + "\" (allowed: " + allowed() + ")");
}

}  // namespace

std::vector<std::string> formats() { return {"html", "md", "claimreview"}; }

bool is_report_format(std::string_view format) { return format == "html" || format == "md" || format == "claimreview"; }

std::string extension(std::string_view format) {
  if (format == "html") return ".html";
  if (format == "md") return ".md";
  if (format == "claimreview") return ".claimreview.jsonld";
  unknown(format);
}

std::vector<std::string> setting_keys() {
  return {"organisation", "organisation_url", "review_url_base", "date", "max_evidence"};
}

// Empty, or an http(s) url: what `validate` accepts is what the writers accept (read_settings checks the same).
constexpr const char* kHttpUrlPattern = "^\\s*([Hh][Tt][Tt][Pp][Ss]?://\\S+)?\\s*$";

Json settings_schema() {
  return {{"type", "object"},
          {"description", "Claim reports (html, md, claimreview)."},
          {"properties",
           {{"organisation",
             {{"type", "string"},
              {"default", "factpipe"},
              {"description", "Name of the fact-checking organisation: ClaimReview author, report footer."}}},
            {"organisation_url",
             {{"type", "string"},
              {"pattern", kHttpUrlPattern},
              {"default", ""},
              {"description", "The organisation's website (http/https)."}}},
            {"review_url_base",
             {{"type", "string"},
              {"pattern", kHttpUrlPattern},
              {"default", ""},
              {"description",
               "Where reviews are published: a ClaimReview url is this + document id + \"#claim-<n>\". "
               "Empty: a relative url to the HTML report."}}},
            {"date",
             {{"type", "string"},
              {"pattern", "^([0-9]{4}-[0-9]{2}-[0-9]{2})?$"},
              {"default", ""},
              {"description", "Review date YYYY-MM-DD for reproducible output; empty: today (UTC)."}}},
            {"max_evidence",
             {{"type", "integer"},
              {"minimum", 1},
              {"default", 5},
              {"description", "Evidence passages shown per claim in HTML and Markdown."}}}}}};
}

void write_document(std::string_view format, const Document& doc, const Options& options, std::ostream& out) {
  if (format == "html") return detail::write_html(doc, options, out);
  if (format == "md") return detail::write_markdown(doc, options, out);
  if (format == "claimreview") return detail::write_claimreview(doc, options, out);
  unknown(format);
}

void write_index(std::string_view format, const std::vector<BatchEntry>& entries, const Options& options,
                 std::ostream& out) {
  if (format == "html") return detail::write_html_index(entries, options, out);
  if (format == "md") return detail::write_markdown_index(entries, options, out);
  if (format == "claimreview") return detail::write_claimreview_index(entries, options, out);
  unknown(format);
}

BatchEntry summarize(const Document& doc, std::string report_file) {
  return summarize(doc, std::move(report_file), Options{});
}

BatchEntry summarize(const Document& doc, std::string report_file, const Options& options) {
  BatchEntry e;
  e.id = doc.metadata.id;
  e.title = doc.metadata.title;
  e.url = doc.metadata.url;
  e.report_file = std::move(report_file);
  e.quotes = doc.quotes.size();
  e.claims = doc.claims.size();
  for (const auto& c : doc.claims)
    if (c.verdict) ++e.verdicts[c.verdict->label];
  e.claimreview = claimreview_records(doc, options);
  return e;
}

}  // namespace factpipe::report
