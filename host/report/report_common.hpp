#pragma once
// What every report format shares: the settings, human labels for the pipeline's codes, and the
// document read the way a reader sees it (claims ranked, quotes grouped by speaker).
#include <cstddef>
#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <factpipe/document.hpp>

#include "report_writers.hpp"

namespace factpipe::report::detail {

struct Settings {
  std::string organisation = "factpipe";
  std::string organisation_url;
  std::string review_url_base;
  std::string date;  // YYYY-MM-DD, today (UTC) when not configured
  std::size_t max_evidence = 5;
};
// Validates the keys listed in report_writers.hpp; throws std::invalid_argument naming "report.<key>".
Settings read_settings(const Options& options);
std::string today_utc();  // YYYY-MM-DD

// A code shown to people: css class suffix, a short text label and a symbol (never colour alone).
struct Label {
  std::string css, text, symbol;
};
Label verdict_label(std::string_view verdict);  // "" = not checked
Label stance_label(Stance stance);
Label quote_kind_label(QuoteKind kind);
Label verification_label(std::string_view status);
std::string claim_type_label(std::string_view type);  // "quantity" -> "Quantity"

// Fixed-point number without trailing noise, e.g. 0.8125 -> "0.81", 12.5 -> "12.50".
std::string fixed(double value, int decimals = 2);
std::string percent(double fraction);  // 0.7 -> "70%"

std::string document_title(const Document& doc);  // title, else id, else "Untitled document"
// The article's authors, spaces squashed and empty names left out, in the order given.
std::vector<std::string> document_authors(const Document& doc);
// "Ann Smith", "Ann Smith and Bo Lee", "Ann Smith, Bo Lee and Cy Diaz"; "" without authors.
std::string authors_line(const std::vector<std::string>& authors);
std::string claim_text(const Document& doc, const Claim& c);  // text, else the span's text
std::string quote_text(const Document& doc, const Quote& q);
// The quote's speaker as the reader should see it: the entity's canonical name when resolved, else
// the speaker name; empty when nobody is attributed.
std::string speaker_name(const Document& doc, const Quote& q);
// The words that attribute the quote ("he", "the minister") when they differ from the name.
std::string speaker_mention(const Document& doc, const Quote& q);

// Claim indices ranked by check-worthiness, highest first; ties keep document order.
std::vector<std::size_t> ranked_claims(const Document& doc);

struct SpeakerGroup {
  std::string name;                 // "" for unattributed quotes
  std::vector<std::size_t> quotes;  // indices into doc.quotes, document order
};
// Groups by resolved entity (or by name when unresolved), in order of first appearance; the
// unattributed group (if any) comes last.
std::vector<SpeakerGroup> speaker_groups(const Document& doc);

struct Counts {
  // `indirect` counts all reported speech: kinds indirect and mixed.
  std::size_t quotes = 0, direct = 0, partial = 0, indirect = 0, speakers = 0, unattributed = 0;
  std::size_t claims = 0, checked = 0, factchecks = 0, evidence = 0;
  std::size_t verified = 0, verbatim = 0, altered = 0, not_found = 0;
  std::map<std::string, std::size_t> verdicts;
};
Counts count(const Document& doc);

// The pipeline file shown in provenance: Options::pipeline_file, else the document's own record.
std::string pipeline_file(const Document& doc, const Options& options);

// Evidence of a claim split into source passages and earlier fact-checks, each in ranked order.
std::vector<const Evidence*> passages_of(const Claim& c);
std::vector<const Evidence*> factchecks_of(const Claim& c);

// The per-format writers (dispatched by report_writers.cpp).
void write_html(const Document& doc, const Options& options, std::ostream& out);
void write_markdown(const Document& doc, const Options& options, std::ostream& out);
void write_claimreview(const Document& doc, const Options& options, std::ostream& out);
void write_html_index(const std::vector<BatchEntry>& entries, const Options& options, std::ostream& out);
void write_markdown_index(const std::vector<BatchEntry>& entries, const Options& options, std::ostream& out);
void write_claimreview_index(const std::vector<BatchEntry>& entries, const Options& options, std::ostream& out);

// The verdict labels in the order reports list them; other labels follow alphabetically.
std::vector<std::string> verdict_order(const std::map<std::string, std::size_t>& seen);

}  // namespace factpipe::report::detail
