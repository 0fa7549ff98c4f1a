#pragma once
// Claim reports: what a fact-checker reads. The host's `run --format` calls these for every format
// other than json/jsonl (which the host writes itself).
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

// One document's report. Throws std::invalid_argument for an unknown format.
void write_document(std::string_view format, const Document& doc, const Options& options, std::ostream& out);

// One row of a batch index.
struct BatchEntry {
  std::string id, title, url;
  std::string report_file;  // relative path of this document's report, empty when it failed
  bool failed = false;
  std::string error;        // why it failed
  std::size_t quotes = 0, claims = 0;
  std::map<std::string, std::size_t> verdicts;  // label -> count
};

// The batch index (index.html / index.md / an array of all ClaimReview records).
void write_index(std::string_view format, const std::vector<BatchEntry>& entries, const Options& options,
                 std::ostream& out);

// The summary row of a processed document.
BatchEntry summarize(const Document& doc, std::string report_file);

}  // namespace factpipe::report
