// The index of a batch: one row per document (linked to its report; failed documents with their error)
// and the totals, as HTML and Markdown. The ClaimReview index lives in claimreview.cpp.
#include <map>
#include <ostream>
#include <string>

#include "escaping.hpp"
#include "html_parts.hpp"
#include "report_common.hpp"

namespace factpipe::report::detail {
namespace {

using std::string;

struct Totals {
  std::size_t documents = 0, failed = 0, quotes = 0, claims = 0, checked = 0;
  std::map<string, std::size_t> verdicts;
};

Totals totals_of(const std::vector<BatchEntry>& entries) {
  Totals t;
  for (const auto& e : entries) {
    ++t.documents;
    if (e.failed) {
      ++t.failed;
      continue;
    }
    t.quotes += e.quotes;
    t.claims += e.claims;
    for (const auto& [label, n] : e.verdicts) {
      t.verdicts[label] += n;
      t.checked += n;
    }
  }
  return t;
}

std::size_t verdict_count(const std::map<string, std::size_t>& v, const string& label) {
  auto it = v.find(label);
  return it == v.end() ? 0 : it->second;
}

std::size_t unchecked(const BatchEntry& e) {
  std::size_t checked = 0;
  for (const auto& [label, n] : e.verdicts) checked += n;
  return e.claims > checked ? e.claims - checked : 0;
}

string entry_title(const BatchEntry& e) {
  if (auto t = squash_space(e.title); !t.empty()) return t;
  return e.id.empty() ? string("Untitled document") : e.id;
}

}  // namespace

void write_html_index(const std::vector<BatchEntry>& entries, const Options& options, std::ostream& out) {
  Settings settings = read_settings(options);
  Totals t = totals_of(entries);
  auto labels = verdict_order(t.verdicts);
  html_page_open(out, "en", "Claim reports: batch index");
  out << "<header class=\"report-header\">\n<p class=\"kicker\">Batch report</p>\n<h1>Claim reports for " << t.documents
      << (t.documents == 1 ? " document" : " documents") << "</h1>\n</header>\n<main>\n";

  out << "<section id=\"summary\" aria-labelledby=\"summary-h\">\n<h2 id=\"summary-h\">Totals</h2>\n<ul "
         "class=\"stats\">\n";
  auto stat = [&](std::size_t n, std::string_view label, const string& sub) {
    out << "<li class=\"stat\"><span class=\"num\">" << n << "</span><span class=\"lbl\">" << label
        << "</span><span class=\"sub\">" << sub << "</span></li>\n";
  };
  stat(t.documents - t.failed, "documents processed", std::to_string(t.failed) + " failed");
  stat(t.claims, "claims", std::to_string(t.checked) + " with a verdict");
  stat(t.quotes, "quotations", "in processed documents");
  out << "</ul>\n<p class=\"verdict-line\"><strong>Verdicts:</strong>\n";
  for (const auto& l : labels)
    out << html_badge(verdict_label(l), "v-", ": " + std::to_string(verdict_count(t.verdicts, l))) << "\n";
  out << html_badge(verdict_label(""), "v-", ": " + std::to_string(t.claims > t.checked ? t.claims - t.checked : 0))
      << "\n</p>\n</section>\n";

  out << "<section id=\"documents\" aria-labelledby=\"documents-h\">\n<h2 id=\"documents-h\">Documents</h2>\n";
  if (entries.empty()) {
    out << "<p class=\"none\">The batch was empty.</p>\n</section>\n</main>\n";
    html_page_close(out, settings);
    return;
  }
  out << "<div class=\"table-wrap\">\n<table class=\"index\">\n<caption>One row per document, in input "
         "order</caption>\n"
         "<thead><tr><th scope=\"col\" class=\"c-doc\">Document</th>"
         "<th scope=\"col\">Status</th><th scope=\"col\" class=\"num\">Quotes</th><th scope=\"col\" class=\"num\">"
         "Claims</th>";
  for (const auto& l : labels)
    out << "<th scope=\"col\" class=\"num\">" << html_escape(verdict_label(l).text) << "</th>";
  out << "<th scope=\"col\" class=\"num\">Not checked</th></tr></thead>\n<tbody>\n";
  for (const auto& e : entries) {
    out << "<tr" << (e.failed ? " class=\"failed\"" : "") << "><th scope=\"row\">";
    auto href = e.failed ? std::nullopt : relative_href(e.report_file);
    if (href)
      out << "<a class=\"doc-title\" href=\"" << html_escape(*href) << "\">" << html_escape(entry_title(e)) << "</a>";
    else out << "<span class=\"doc-title\">" << html_escape(entry_title(e)) << "</span>";
    if (!e.id.empty() && e.id != entry_title(e)) out << "<br /><code class=\"src\">" << html_escape(e.id) << "</code>";
    if (!e.url.empty()) out << "<br /><span class=\"src\">" << html_link(e.url, e.url) << "</span>";
    if (e.failed) out << "<br /><span class=\"error\">Error:</span> " << html_escape(e.error);
    out << "</th>";
    if (e.failed) {
      out << "<td class=\"status\"><span class=\"error\">\u2717 Failed</span></td>";
      out << "<td class=\"num\">\u2013</td><td class=\"num\">\u2013</td>";
      for (std::size_t k = 0; k < labels.size(); ++k) out << "<td class=\"num\">\u2013</td>";
      out << "<td class=\"num\">\u2013</td></tr>\n";
      continue;
    }
    out << "<td class=\"status\">\u2713 Processed</td><td class=\"num\">" << e.quotes << "</td><td class=\"num\">"
        << e.claims << "</td>";
    for (const auto& l : labels) out << "<td class=\"num\">" << verdict_count(e.verdicts, l) << "</td>";
    out << "<td class=\"num\">" << unchecked(e) << "</td></tr>\n";
  }
  out << "</tbody>\n<tfoot><tr><th scope=\"row\">Total (" << t.documents - t.failed << " processed, " << t.failed
      << " failed)</th><td></td><td class=\"num\">" << t.quotes << "</td><td class=\"num\">" << t.claims << "</td>";
  for (const auto& l : labels) out << "<td class=\"num\">" << verdict_count(t.verdicts, l) << "</td>";
  out << "<td class=\"num\">" << (t.claims > t.checked ? t.claims - t.checked : 0) << "</td></tr></tfoot>\n"
      << "</table>\n</div>\n</section>\n</main>\n";
  html_page_close(out, settings);
}

void write_markdown_index(const std::vector<BatchEntry>& entries, const Options& options, std::ostream& out) {
  Settings settings = read_settings(options);
  Totals t = totals_of(entries);
  auto labels = verdict_order(t.verdicts);
  out << "# Claim reports for " << t.documents << (t.documents == 1 ? " document" : " documents") << "\n\n"
      << "- " << t.documents - t.failed << " processed, " << t.failed << " failed\n- " << t.claims << " claims, "
      << t.checked << " with a verdict\n- " << t.quotes << " quotations\n\n";
  if (!entries.empty()) {
    out << "| Document | Quotations | Claims |";
    for (const auto& l : labels) out << " " << verdict_label(l).text << " |";
    out << " Not checked | Status |\n|---|---:|---:|";
    for (std::size_t k = 0; k < labels.size(); ++k) out << "---:|";
    out << "---:|---|\n";
    for (const auto& e : entries) {
      auto href = e.failed ? std::nullopt : relative_href(e.report_file);
      string title = md_cell(entry_title(e));
      out << "| " << (href ? "[" + title + "](<" + md_link_destination(*href) + ">)" : title) << " | ";
      if (e.failed) {
        out << "– | – |";
        for (std::size_t k = 0; k < labels.size(); ++k) out << " – |";
        out << " – | ✗ Failed: " << md_cell(e.error) << " |\n";
        continue;
      }
      out << e.quotes << " | " << e.claims << " |";
      for (const auto& l : labels) out << " " << verdict_count(e.verdicts, l) << " |";
      out << " " << unchecked(e) << " | ✓ Processed |\n";
    }
    out << "| **Total** | **" << t.quotes << "** | **" << t.claims << "** |";
    for (const auto& l : labels) out << " **" << verdict_count(t.verdicts, l) << "** |";
    out << " **" << (t.claims > t.checked ? t.claims - t.checked : 0) << "** | |\n\n";
  }
  out << "---\n\nGenerated by factpipe on " << md_escape(settings.date, false) << " for "
      << md_escape(settings.organisation, false) << ".\n";
}

}  // namespace factpipe::report::detail
