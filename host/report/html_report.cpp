// The HTML report of one document: a self-contained page (inline CSS, no script, no external asset).
#include <algorithm>
#include <cmath>
#include <ostream>
#include <string>

#include "escaping.hpp"
#include "html_parts.hpp"
#include "report_common.hpp"
#include "text_layout.hpp"

namespace factpipe::report::detail {
namespace {

constexpr int kClaimMark = 0;  // claims nest outside quotes with the same span
constexpr int kQuoteMark = 1;

using std::string;

string esc(std::string_view s) { return html_escape(s); }

// The claimant, or the publication itself (named when known).
string claimant_html(const Document& doc, const Claim& c) {
  if (auto name = squash_space(c.claimant); !name.empty()) return esc(name);
  // The article's own voice: its authors and publisher, when known.
  string pub = authors_line(document_authors(doc));
  if (auto publisher = squash_space(doc.metadata.publisher); !publisher.empty())
    pub += (pub.empty() ? "" : ", ") + publisher;
  return "<span class=\"none\">the publication</span>" + (pub.empty() ? string() : " (" + esc(pub) + ")");
}

string verdict_badge(const Claim& c) {
  if (!c.verdict) return html_badge(verdict_label(""), "v-");
  string conf = c.verdict->confidence > 0 ? " \u00B7 " + percent(c.verdict->confidence) : "";
  return html_badge(verdict_label(c.verdict->label), "v-", conf);
}

string verdict_css(const Claim& c) { return verdict_label(c.verdict ? c.verdict->label : "").css; }

// Rank (1-based) of every claim, by document index.
std::vector<std::size_t> rank_of(const Document& doc) {
  std::vector<std::size_t> rank(doc.claims.size());
  auto order = ranked_claims(doc);
  for (std::size_t r = 0; r < order.size(); ++r) rank[order[r]] = r + 1;
  return rank;
}

void write_header(const Document& doc, const Settings& settings, std::ostream& out) {
  const auto& m = doc.metadata;
  out << "<header class=\"report-header\">\n<p class=\"kicker\">" << esc(settings.organisation)
      << " \u00B7 Claim report</p>\n<h1>" << esc(document_title(doc)) << "</h1>\n<dl class=\"meta\">\n";
  auto item = [&](std::string_view term, const string& html) {
    if (!html.empty()) out << "<div><dt>" << term << "</dt><dd>" << html << "</dd></div>\n";
  };
  item("By", esc(authors_line(document_authors(doc))));
  item("Publisher", esc(squash_space(m.publisher)));
  item("Published", esc(squash_space(m.published)));
  item("Article", m.url.empty() ? string() : html_link(m.url, m.url));
  item("Document", m.id.empty() ? string() : "<code>" + esc(m.id) + "</code>");
  out << "</dl>\n<nav class=\"toc\" aria-label=\"Sections of this report\">\n<ul>\n"
      << "<li><a href=\"#summary\">Summary</a></li>\n<li><a href=\"#claims\">Claims</a></li>\n"
      << "<li><a href=\"#article\">Article</a></li>\n<li><a href=\"#speakers\">Who said what</a></li>\n"
      << "<li><a href=\"#verification\">Quote verification</a></li>\n"
      << "<li><a href=\"#factchecks\">Earlier fact-checks</a></li>\n<li><a href=\"#provenance\">Provenance</a></li>\n"
      << "</ul>\n</nav>\n<p class=\"notice\">Automated analysis: quotations, claims and verdicts were found by "
         "software and are a starting point for a fact-checker, not a finding.</p>\n</header>\n";
}

void section_open(std::ostream& out, std::string_view id, std::string_view heading) {
  out << "<section id=\"" << id << "\" aria-labelledby=\"" << id << "-h\">\n<h2 id=\"" << id << "-h\">" << heading
      << "</h2>\n";
}

void write_summary(const Document& doc, std::ostream& out) {
  Counts c = count(doc);
  section_open(out, "summary", "Summary");
  out << "<ul class=\"stats\">\n";
  auto stat = [&](std::size_t n, std::string_view label, const string& sub) {
    out << "<li class=\"stat\"><span class=\"num\">" << n << "</span><span class=\"lbl\">" << label
        << "</span><span class=\"sub\">" << sub << "</span></li>\n";
  };
  auto pl = [](std::size_t n, const char* one, const char* many) { return n == 1 ? one : many; };
  stat(c.claims, pl(c.claims, "claim", "claims"), std::to_string(c.checked) + " with a verdict");
  stat(c.quotes, pl(c.quotes, "quotation", "quotations"),
       std::to_string(c.direct) + " direct \u00B7 " + std::to_string(c.partial) + " partial \u00B7 " +
           std::to_string(c.indirect) + " reported");
  stat(c.speakers, pl(c.speakers, "speaker", "speakers"),
       std::to_string(c.unattributed) + pl(c.unattributed, " unattributed quotation", " unattributed quotations"));
  stat(c.evidence, pl(c.evidence, "evidence passage", "evidence passages"),
       std::to_string(c.factchecks) + pl(c.factchecks, " earlier fact-check matched", " earlier fact-checks matched"));
  stat(c.verified, pl(c.verified, "quotation verified", "quotations verified"),
       std::to_string(c.verbatim) + " verbatim \u00B7 " + std::to_string(c.altered) + " altered \u00B7 " +
           std::to_string(c.not_found) + " not found");
  out << "</ul>\n<p class=\"verdict-line\"><strong>Verdicts:</strong>\n";
  for (const auto& label : verdict_order(c.verdicts)) {
    auto n = c.verdicts.count(label) ? c.verdicts.at(label) : 0;
    out << html_badge(verdict_label(label), "v-", ": " + std::to_string(n)) << "\n";
  }
  out << html_badge(verdict_label(""), "v-", ": " + std::to_string(c.claims - c.checked)) << "\n</p>\n</section>\n";
}

void write_evidence_item(const Evidence& e, std::ostream& out) {
  out << "<li>"
      << html_badge(stance_label(e.stance), "s-", e.confidence > 0 ? " \u00B7 " + percent(e.confidence) : string())
      << " " << html_link(e.url, e.title.empty() ? e.source_id : e.title);
  string meta;
  auto add = [&](const string& s) {
    if (!s.empty()) meta += (meta.empty() ? "" : " \u00B7 ") + s;
  };
  add(squash_space(e.publisher));
  add(squash_space(e.date));
  add("score " + fixed(e.score));
  out << " <span class=\"src\">" << esc(meta) << "</span>";
  if (auto p = squash_space(e.passage); !p.empty())
    out << "\n<blockquote class=\"passage\">" << esc(p) << "</blockquote>";
  out << "</li>\n";
}

void write_factcheck_item(const Evidence& e, std::ostream& out) {
  out << "<li>";
  if (auto r = squash_space(e.rating); !r.empty())
    out << "<span class=\"badge rating\">Rated: " << esc(r) << "</span> ";
  out << html_link(e.url, e.title.empty() ? (e.passage.empty() ? e.source_id : e.passage) : e.title);
  string meta = squash_space(e.publisher);
  if (auto d = squash_space(e.date); !d.empty()) meta += (meta.empty() ? "" : " \u00B7 ") + d;
  if (!meta.empty()) out << " <span class=\"src\">" << esc(meta) << "</span>";
  if (auto p = squash_space(e.passage); !p.empty() && !e.title.empty())
    out << "\n<blockquote class=\"passage\">" << esc(p) << "</blockquote>";
  out << "</li>\n";
}

void write_claims(const Document& doc, const Settings& settings, std::ostream& out) {
  section_open(out, "claims", "Claims");
  if (doc.claims.empty()) {
    out << "<p class=\"none\">No check-worthy claims were found.</p>\n</section>\n";
    return;
  }
  out << "<table class=\"claims\">\n<caption>Claims ranked by check-worthiness, most check-worthy first, with the "
         "evidence found for each</caption>\n<thead><tr><th scope=\"col\" class=\"c-rank\">Rank</th><th "
         "scope=\"col\">Claim</th>"
         "<th scope=\"col\" class=\"c-type\">Type</th><th scope=\"col\" class=\"c-claimant\">Claimant</th>"
         "<th scope=\"col\" class=\"num c-score\">Check-worthiness</th><th scope=\"col\" class=\"c-verdict\">Verdict"
         "</th></tr></thead>\n";
  auto order = ranked_claims(doc);
  for (std::size_t r = 0; r < order.size(); ++r) {
    std::size_t i = order[r];
    const Claim& c = doc.claims[i];
    string text = squash_space(claim_text(doc, c));
    string normalized = squash_space(c.normalized);
    double score = std::isfinite(c.score) ? std::clamp(c.score, 0.0, 1.0) : 0.0;
    out << "<tbody class=\"claim\" id=\"claim-" << i + 1 << "\">\n<tr><th scope=\"row\" class=\"rank\">" << r + 1
        << "</th>\n<td><p class=\"said\">" << esc(text) << "</p>";
    if (!normalized.empty() && normalized != text)
      out << "<p class=\"normalized\"><strong>Read alone:</strong> " << esc(normalized) << "</p>";
    out << "<p class=\"where\"><a href=\"#text-claim-" << i + 1 << "\">Show in the article</a></p></td>\n<td>"
        << esc(claim_type_label(c.type)) << "</td>\n<td>" << claimant_html(doc, c) << "</td>\n"
        << "<td class=\"num\">" << fixed(c.score) << "<meter min=\"0\" max=\"1\" value=\"" << fixed(score, 3)
        << "\" aria-hidden=\"true\"></meter></td>\n<td>" << verdict_badge(c) << "</td></tr>\n"
        << "<tr class=\"details\"><td></td><td colspan=\"5\"><div class=\"details-box\">\n";
    if (c.verdict && !squash_space(c.verdict->explanation).empty())
      out << "<p class=\"explanation\"><strong>Why:</strong> " << esc(squash_space(c.verdict->explanation)) << "</p>\n";
    auto passages = passages_of(c);
    out << "<h4>Evidence</h4>\n";
    if (passages.empty()) {
      out << "<p class=\"none\">No evidence passage was found.</p>\n";
    } else {
      out << "<ol class=\"evidence\">\n";
      for (std::size_t k = 0; k < passages.size() && k < settings.max_evidence; ++k)
        write_evidence_item(*passages[k], out);
      out << "</ol>\n";
      if (passages.size() > settings.max_evidence)
        out << "<p class=\"src\">" << passages.size() - settings.max_evidence
            << " more passages not shown (report.max_evidence).</p>\n";
    }
    if (auto fcs = factchecks_of(c); !fcs.empty()) {
      out << "<h4>Earlier fact-checks</h4>\n<ol class=\"evidence\">\n";
      for (const Evidence* e : fcs) write_factcheck_item(*e, out);
      out << "</ol>\n";
    }
    out << "</div></td></tr>\n</tbody>\n";
  }
  out << "</table>\n</section>\n";
}

void write_article(const Document& doc, std::ostream& out) {
  section_open(out, "article", "Article");
  auto rank = rank_of(doc);
  out << "<p class=\"legend\"><strong>Key:</strong> <mark class=\"q q-direct\">direct quote</mark> "
         "<mark class=\"q q-partial\">partial quote</mark> <mark class=\"q q-indirect\">reported speech</mark> "
         "<sup class=\"who\">\u2014 speaker</sup> <mark class=\"claim v-refuted\">claim, underlined in the colour "
         "of its verdict</mark> with its rank and verdict</p>\n<div class=\"article\">\n";
  std::vector<Mark> marks;
  for (std::size_t i = 0; i < doc.claims.size(); ++i)
    marks.push_back({snap(doc.text, doc.claims[i].span), kClaimMark, static_cast<int>(i)});
  for (std::size_t i = 0; i < doc.quotes.size(); ++i)
    marks.push_back({snap(doc.text, doc.quotes[i].span), kQuoteMark, static_cast<int>(i)});

  LayoutSink sink;
  sink.text = [&](std::string_view s) { out << esc(s); };
  sink.open = [&](const Fragment& f) {
    auto i = static_cast<std::size_t>(f.mark->index);
    if (f.mark->kind == kClaimMark) {
      const Claim& c = doc.claims[i];
      out << "<mark class=\"claim v-" << verdict_css(c) << "\"";
      if (f.first) out << " id=\"text-claim-" << i + 1 << "\"";
      out << " title=\"Claim ranked " << rank[i] << ": " << esc(verdict_label(c.verdict ? c.verdict->label : "").text)
          << "\">";
    } else {
      const Quote& q = doc.quotes[i];
      string who = speaker_name(doc, q);
      out << "<mark class=\"q q-" << quote_kind_label(q.kind).css << "\"";
      if (f.first) out << " id=\"text-quote-" << i + 1 << "\"";
      out << " title=\"" << esc(quote_kind_label(q.kind).text) << " \u2014 " << esc(who.empty() ? "Unattributed" : who)
          << "\">";
    }
  };
  sink.close = [&](const Fragment& f) {
    out << "</mark>";
    if (!f.last) return;
    auto i = static_cast<std::size_t>(f.mark->index);
    if (f.mark->kind == kClaimMark) {
      const Claim& c = doc.claims[i];
      Label l = verdict_label(c.verdict ? c.verdict->label : "");
      out << "<a class=\"vlabel v-" << l.css << "\" href=\"#claim-" << i + 1 << "\">#" << rank[i] << " "
          << esc(l.symbol) << " " << esc(l.text) << "</a>";
    } else {
      string who = speaker_name(doc, doc.quotes[i]);
      out << "<sup class=\"who\">\u2014 " << esc(who.empty() ? "Unattributed" : who) << "</sup>";
    }
  };
  for (const Span& block : blocks(doc)) {
    out << "<p>";
    layout(doc.text, block, marks, sink);
    out << "</p>\n";
  }
  out << "</div>\n</section>\n";
}

string quoted(const Quote& q, const string& text) {
  if (!quoted_verbatim(q.kind)) return esc(text);  // reported speech; a mixed one holds its own marks
  return "\u201C" + esc(text) + "\u201D";
}

void write_speakers(const Document& doc, std::ostream& out) {
  section_open(out, "speakers", "Who said what");
  auto groups = speaker_groups(doc);
  if (groups.empty()) {
    out << "<p class=\"none\">No quotations were found.</p>\n</section>\n";
    return;
  }
  out << "<div class=\"speaker-list\">\n";
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const auto& group = groups[g];
    out << "<section class=\"speaker\" aria-labelledby=\"speaker-" << g + 1 << "\">\n<h3 id=\"speaker-" << g + 1
        << "\">" << esc(group.name.empty() ? "Unattributed" : group.name) << " <span class=\"count\">("
        << group.quotes.size() << (group.quotes.size() == 1 ? " quotation" : " quotations") << ")</span></h3>\n<ol>\n";
    for (std::size_t i : group.quotes) {
      const Quote& q = doc.quotes[i];
      out << "<li id=\"quote-" << i + 1 << "\">" << html_badge(quote_kind_label(q.kind), "k-") << " <span class=\"qt\">"
          << quoted(q, squash_space(quote_text(doc, q))) << "</span>";
      string via;
      if (auto m = speaker_mention(doc, q); !m.empty()) via = "as \u201C" + m + "\u201D";
      if (!q.cue_verb.empty()) via += (via.empty() ? "" : " \u00B7 ") + string("cue: ") + squash_space(q.cue_verb);
      if (!via.empty()) out << " <span class=\"via\">" << esc(via) << "</span>";
      if (q.verification) out << " " << html_badge(verification_label(q.verification->status), "f-");
      out << " <a class=\"via\" href=\"#text-quote-" << i + 1 << "\">in the article</a></li>\n";
    }
    out << "</ol>\n</section>\n";
  }
  out << "</div>\n</section>\n";
}

string diff_html(const QuoteVerification& v) {
  string out;
  for (const auto& op : v.diff) {
    string words = esc(squash_space(op.text));
    if (words.empty()) continue;
    if (!out.empty()) out += " ";
    switch (op.op) {
      case DiffOp::Op::equal:
        out += words;
        break;
      case DiffOp::Op::remove:
        out += "<del>" + words + "</del>";
        break;
      case DiffOp::Op::insert:
        out += "<ins>" + words + "</ins>";
        break;
    }
  }
  return out;
}

void write_verification(const Document& doc, std::ostream& out) {
  section_open(out, "verification", "Quote verification");
  std::size_t checked = 0;
  for (const auto& q : doc.quotes) checked += q.verification ? 1 : 0;
  if (checked == 0) {
    out << "<p class=\"none\">No quotation was checked against earlier sources.</p>\n</section>\n";
    return;
  }
  out << "<p>Each quotation was compared word by word with earlier sources (transcripts, statements). In the "
         "wording compared, <del>struck words</del> are in the article but not in the source; <ins>underlined "
         "words</ins> are in the source but not in the article.</p>\n<table "
         "class=\"verification\">\n<caption>Quotations "
         "checked against earlier sources</caption>\n<thead><tr><th scope=\"col\" class=\"c-quote\">Quotation</th>"
         "<th scope=\"col\" class=\"c-result\">Result</th><th scope=\"col\">Source and wording compared</th></tr>"
         "</thead>\n<tbody>\n";
  for (std::size_t i = 0; i < doc.quotes.size(); ++i) {
    const Quote& q = doc.quotes[i];
    if (!q.verification) continue;
    const auto& v = *q.verification;
    string who = speaker_name(doc, q);
    out << "<tr><td><a href=\"#quote-" << i + 1 << "\">Q" << i + 1 << "</a> <span class=\"qt\">"
        << quoted(q, squash_space(quote_text(doc, q))) << "</span><span class=\"who-line\">\u2014 "
        << esc(who.empty() ? "Unattributed" : who) << "</span></td><td>"
        << html_badge(verification_label(v.status), "f-");
    if (v.status != "not_found") out << "<span class=\"sim\">similarity " << percent(v.similarity) << "</span>";
    out << "</td><td>";
    bool has_source = !v.title.empty() || !v.url.empty() || !v.source_id.empty();
    if (v.status == "not_found") {
      out << "<span class=\"none\">No matching passage";
      if (has_source) out << " in " << esc(squash_space(v.title.empty() ? v.source_id : v.title));
      out << ".</span>";
    } else {
      if (has_source) out << html_link(v.url, v.title.empty() ? v.source_id : v.title);
      if (!v.diff.empty()) out << "<p class=\"diff\">" << diff_html(v) << "</p>";
      else if (auto p = squash_space(v.passage); !p.empty()) out << "<p class=\"diff\">" << esc(p) << "</p>";
    }
    out << "</td></tr>\n";
  }
  out << "</tbody>\n</table>\n";
  if (checked < doc.quotes.size())
    out << "<p class=\"src\">" << doc.quotes.size() - checked << " of " << doc.quotes.size()
        << " quotations were not checked (reported speech has no wording to compare, or no source was searched).</p>\n";
  out << "</section>\n";
}

void write_factchecks(const Document& doc, std::ostream& out) {
  section_open(out, "factchecks", "Earlier fact-checks");
  auto rank = rank_of(doc);
  std::vector<std::pair<std::size_t, const Evidence*>> rows;
  for (std::size_t i : ranked_claims(doc))
    for (const Evidence* e : factchecks_of(doc.claims[i])) rows.emplace_back(i, e);
  if (rows.empty()) {
    out << "<p class=\"none\">No earlier fact-check matched these claims.</p>\n</section>\n";
    return;
  }
  out << "<table>\n<caption>Published fact-checks of the same claims</caption>\n<thead><tr><th scope=\"col\">"
         "Claim</th><th scope=\"col\">Fact-check</th><th scope=\"col\">Rating</th><th scope=\"col\">Fact-checker</th>"
         "<th scope=\"col\">Date</th></tr></thead>\n<tbody>\n";
  for (const auto& [i, e] : rows) {
    out << "<tr><td><a href=\"#claim-" << i + 1 << "\">#" << rank[i] << "</a> "
        << esc(squash_space(claim_text(doc, doc.claims[i]))) << "</td><td>"
        << html_link(e->url, e->title.empty() ? (e->passage.empty() ? e->source_id : e->passage) : e->title)
        << "</td><td>";
    if (auto r = squash_space(e->rating); !r.empty()) out << "<span class=\"badge rating\">" << esc(r) << "</span>";
    out << "</td><td>" << esc(squash_space(e->publisher)) << "</td><td class=\"date\">" << esc(squash_space(e->date))
        << "</td></tr>\n";
  }
  out << "</tbody>\n</table>\n</section>\n";
}

void write_provenance(const Document& doc, const Options& options, std::ostream& out) {
  section_open(out, "provenance", "Provenance");
  const auto& p = doc.provenance;
  out << "<dl class=\"meta\">\n";
  auto item = [&](std::string_view term, const string& value) {
    out << "<div><dt>" << term << "</dt><dd>" << (value.empty() ? "<span class=\"none\">not recorded</span>" : value)
        << "</dd></div>\n";
  };
  item("Pipeline", esc(p.pipeline));
  auto file = pipeline_file(doc, options);
  item("Pipeline file", file.empty() ? string() : "<code>" + esc(file) + "</code>");
  item("Source file",
       doc.metadata.source_file.empty() ? string() : "<code>" + esc(doc.metadata.source_file) + "</code>");
  string layers;
  for (const auto& l : doc.layers) layers += (layers.empty() ? "" : ", ") + l;
  item("Layers", esc(layers));
  out << "</dl>\n";
  if (p.stages.empty()) {
    out << "<p class=\"none\">No stage runs were recorded.</p>\n</section>\n";
    return;
  }
  out << "<table>\n<caption>Stages in the order they ran</caption>\n<thead><tr><th scope=\"col\">Stage</th>"
         "<th scope=\"col\">Plugin</th><th scope=\"col\">Version</th><th scope=\"col\" class=\"num\">Time (ms)</th>"
         "</tr></thead>\n<tbody>\n";
  double total = 0;
  for (const auto& s : p.stages) {
    total += std::isfinite(s.seconds) ? s.seconds : 0.0;
    out << "<tr><th scope=\"row\">" << esc(s.stage) << "</th><td>" << esc(s.plugin) << "</td><td>" << esc(s.version)
        << "</td><td class=\"num\">" << fixed(s.seconds * 1000.0, 1) << "</td></tr>\n";
  }
  out << "</tbody>\n<tfoot><tr><th scope=\"row\">Total</th><td></td><td></td><td class=\"num\">"
      << fixed(total * 1000.0, 1) << "</td></tr></tfoot>\n</table>\n</section>\n";
}

}  // namespace

void write_html(const Document& doc, const Options& options, std::ostream& out) {
  Settings settings = read_settings(options);
  html_page_open(out, doc.metadata.language, "Claim report: " + document_title(doc));
  write_header(doc, settings, out);
  out << "<main>\n";
  write_summary(doc, out);
  write_claims(doc, settings, out);
  write_article(doc, out);
  write_speakers(doc, out);
  write_verification(doc, out);
  write_factchecks(doc, out);
  write_provenance(doc, options, out);
  out << "</main>\n";
  html_page_close(out, settings);
}

}  // namespace factpipe::report::detail
