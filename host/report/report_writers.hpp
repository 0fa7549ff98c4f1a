#pragma once
// Claim reports: what a fact-checker reads. The host's `run --format` calls these for every format
// other than json/jsonl (which the host writes itself).
//
// Settings (Options::settings, the pipeline file's `report:` section; every key optional):
//   organisation      string  Name of the fact-checking organisation: ClaimReview `author.name`, report footer.
//                             Default "factpipe".
//   organisation_url  string  Its website (http/https): ClaimReview `author.url`. Default: none.
//   review_url_base   string  Where the reviews will be published; a ClaimReview's `url` is
//                             review_url_base + doc id + "#claim-<n>" (n = 1-based index in doc.claims).
//                             Default: none, then the url is relative: "<doc id>.html#claim-<n>" (the HTML
//                             report's anchor), which must be replaced before publishing.
//   date              string  Review date YYYY-MM-DD (ClaimReview `datePublished`, report footer), for
//                             reproducible output. Default: today (UTC).
//   max_evidence      integer Evidence passages shown per claim in HTML/Markdown (>= 1). Default 5.
// Keys not listed are ignored here (the host may keep its own keys in the same section); a listed key
// with the wrong type or value throws std::invalid_argument naming "report.<key>".
#include <cstddef>
#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <factpipe/document.hpp>

namespace factpipe::report {

struct Options {
  Json settings = Json::object();  // the pipeline file's `report:` section (organisation, url, ...)
  std::string pipeline_file;       // shown in the provenance section
};

// Report formats besides json/jsonl: "html", "md", "claimreview".
std::vector<std::string> formats();
bool is_report_format(std::string_view format);
// File extension of a format, e.g. "html" -> ".html", "claimreview" -> ".claimreview.jsonld".
std::string extension(std::string_view format);

// The keys of Options::settings listed above, and a JSON Schema of them (with "default" and
// "description" for each) for the host's config validation and documentation.
std::vector<std::string> setting_keys();
Json settings_schema();

// One document's report. Throws std::invalid_argument for an unknown format.
void write_document(std::string_view format, const Document& doc, const Options& options, std::ostream& out);

// The ClaimReview JSON-LD draft records of one document: one object per claim that has a verdict,
// in document order (write_document("claimreview") writes exactly this array).
Json claimreview_records(const Document& doc, const Options& options);

// One row of a batch index.
struct BatchEntry {
  std::string id, title, url;
  std::string report_file;  // relative path of this document's report, empty when it failed
  bool failed = false;
  std::string error;  // why it failed
  std::size_t quotes = 0, claims = 0;
  std::map<std::string, std::size_t> verdicts;  // label -> count
  // The document's ClaimReview records (claimreview_records); the "claimreview" index concatenates them.
  Json claimreview = Json::array();
};

// The batch index (index.html / index.md / an array of all ClaimReview records).
void write_index(std::string_view format, const std::vector<BatchEntry>& entries, const Options& options,
                 std::ostream& out);

// The summary row of a processed document. The two-argument form fills `claimreview` with default
// settings; pass the run's Options to get the configured organisation, date and review urls.
BatchEntry summarize(const Document& doc, std::string report_file);
BatchEntry summarize(const Document& doc, std::string report_file, const Options& options);

}  // namespace factpipe::report
