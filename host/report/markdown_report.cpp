// The Markdown report of one document (CommonMark + GitHub tables): the HTML report's content for a
// CMS or a chat channel. All document and source text goes through md_escape / md_cell.
#include <cmath>
#include <ostream>
#include <sstream>
#include <string>

#include "escaping.hpp"
#include "report_common.hpp"
#include "text_layout.hpp"

namespace factpipe::report::detail {
namespace {

using std::string;

constexpr int kClaimMark = 0;
constexpr int kQuoteMark = 1;

string badge(const Label& l, const string& extra = {}) { return l.symbol + " " + l.text + extra; }

string verdict_text(const Claim& c) {
  if (!c.verdict) return badge(verdict_label(""));
  return badge(verdict_label(c.verdict->label),
               c.verdict->confidence > 0 ? " (" + percent(c.verdict->confidence) + ")" : string());
}

string link(std::string_view url, std::string_view text) {
  string shown = md_escape(squash_space(text), false);
  if (auto safe = http_url(url)) {
    if (shown.empty()) shown = md_escape(*safe, false);
    return "[" + shown + "](<" + md_link_destination(*safe) + ">)";
  }
  string raw = squash_space(url);
  if (!raw.empty() && raw != squash_space(text))
    shown += (shown.empty() ? "" : " ") + ("(" + md_escape(raw, false) + ")");
  return shown;
}

string claimant_md(const Document& doc, const Claim& c) {
  if (auto name = squash_space(c.claimant); !name.empty()) return md_cell(name);
  // The article's own voice: its authors and publisher, when known.
  string pub = authors_line(document_authors(doc));
  if (auto publisher = squash_space(doc.metadata.publisher); !publisher.empty())
    pub += (pub.empty() ? "" : ", ") + publisher;
  return "_the publication_" + (pub.empty() ? string() : " (" + md_cell(pub) + ")");
}

std::vector<std::size_t> rank_of(const Document& doc) {
  std::vector<std::size_t> rank(doc.claims.size());
  auto order = ranked_claims(doc);
  for (std::size_t r = 0; r < order.size(); ++r) rank[order[r]] = r + 1;
  return rank;
}

void write_header(const Document& doc, std::ostream& out) {
  const auto& m = doc.metadata;
  out << "# Claim report: " << md_escape(document_title(doc), false) << "\n\n";
  string meta;
  auto add = [&](std::string_view k, const string& v) {
    if (!v.empty()) meta += (meta.empty() ? "" : " · ") + ("**" + string(k) + ":** " + v);
  };
  add("By", md_escape(authors_line(document_authors(doc)), false));
  add("Publisher", md_escape(squash_space(m.publisher), false));
  add("Published", md_escape(squash_space(m.published), false));
  add("Article", m.url.empty() ? string() : link(m.url, m.url));
  add("Document", m.id.empty() ? string() : md_escape(m.id, false));
  if (!meta.empty()) out << meta << "\n\n";
  out << "> Automated analysis: quotations, claims and verdicts were found by software and are a starting point "
         "for a fact-checker, not a finding.\n\n";
}

void write_summary(const Document& doc, std::ostream& out) {
  Counts c = count(doc);
  out << "## Summary\n\n";
  string verdicts;
  for (const auto& label : verdict_order(c.verdicts)) {
    auto n = c.verdicts.count(label) ? c.verdicts.at(label) : 0;
    verdicts += (verdicts.empty() ? "" : " · ") + badge(verdict_label(label)) + " " + std::to_string(n);
  }
  verdicts += " · " + badge(verdict_label("")) + " " + std::to_string(c.claims - c.checked);
  out << "- **" << c.claims << " claims**, " << c.checked << " with a verdict: " << md_escape(verdicts, false) << "\n"
      << "- **" << c.quotes << " quotations** (" << c.direct << " direct, " << c.partial << " partial, " << c.indirect
      << " reported) by " << c.speakers << " speakers; " << c.unattributed << " unattributed\n"
      << "- **" << c.evidence << " evidence passages**; " << c.factchecks << " earlier fact-checks matched\n"
      << "- **" << c.verified << " quotations verified**: " << c.verbatim << " verbatim, " << c.altered << " altered, "
      << c.not_found << " not found\n\n";
}

void write_claims(const Document& doc, const Settings& settings, std::ostream& out) {
  out << "## Claims\n\n";
  if (doc.claims.empty()) {
    out << "_No check-worthy claims were found._\n\n";
    return;
  }
  auto order = ranked_claims(doc);
  out << "Ranked by check-worthiness, most check-worthy first.\n\n"
      << "| Rank | Claim | Type | Claimant | Check-worthiness | Verdict |\n|---:|---|---|---|---:|---|\n";
  for (std::size_t r = 0; r < order.size(); ++r) {
    const Claim& c = doc.claims[order[r]];
    out << "| " << r + 1 << " | " << md_cell(claim_text(doc, c)) << " | " << md_cell(claim_type_label(c.type)) << " | "
        << claimant_md(doc, c) << " | " << fixed(c.score) << " | " << md_cell(verdict_text(c)) << " |\n";
  }
  out << "\n### Evidence for each claim\n\n";
  for (std::size_t r = 0; r < order.size(); ++r) {
    const Claim& c = doc.claims[order[r]];
    string text = squash_space(claim_text(doc, c));
    out << "#### " << r + 1 << ". " << md_escape(text, false) << "\n\n";
    if (auto n = squash_space(c.normalized); !n.empty() && n != text)
      out << "Read alone: " << md_escape(n, false) << "\n\n";
    out << "**Verdict:** " << md_escape(verdict_text(c), false);
    if (c.verdict && !squash_space(c.verdict->explanation).empty())
      out << " — " << md_escape(squash_space(c.verdict->explanation), false);
    out << "\n\n";
    auto passages = passages_of(c);
    if (passages.empty()) out << "_No evidence passage was found._\n\n";
    std::ostringstream list;
    for (std::size_t k = 0; k < passages.size() && k < settings.max_evidence; ++k) {
      const Evidence& e = *passages[k];
      Label s = stance_label(e.stance);
      string meta;
      for (const string& part : {squash_space(e.publisher), squash_space(e.date), "score " + fixed(e.score)})
        if (!part.empty()) meta += (meta.empty() ? "" : ", ") + part;
      list << "- " << s.symbol << " **" << s.text << "**"
           << (e.confidence > 0 ? " (" + percent(e.confidence) + ")" : string()) << " "
           << link(e.url, e.title.empty() ? e.source_id : e.title) << " — " << md_escape(meta, false) << "\n";
      if (auto p = squash_space(e.passage); !p.empty()) list << "  > " << md_escape(p, false) << "\n";
    }
    if (passages.size() > settings.max_evidence)
      list << "- _" << passages.size() - settings.max_evidence << " more passages not shown._\n";
    for (const Evidence* e : factchecks_of(c)) {
      list << "- Earlier fact-check: ";
      if (auto rating = squash_space(e->rating); !rating.empty())
        list << "**Rated " << md_escape(rating, false) << "** ";
      list << link(e->url, e->title.empty() ? (e->passage.empty() ? e->source_id : e->passage) : e->title);
      string meta = squash_space(e->publisher);
      if (auto d = squash_space(e->date); !d.empty()) meta += (meta.empty() ? "" : ", ") + d;
      if (!meta.empty()) list << " — " << md_escape(meta, false);
      list << "\n";
    }
    if (!list.str().empty()) out << list.str() << "\n";
  }
}

// One paragraph: claims in bold (a claim's fragments merge into one run), and a tag after each quote
// and claim naming its speaker / rank and verdict.
string paragraph_md(const Document& doc, Span block, const std::vector<Mark>& marks,
                    const std::vector<std::size_t>& rank) {
  struct Piece {
    string text;
    bool bold;
    bool tag;
  };
  std::vector<Piece> pieces;
  int claim_depth = 0;
  LayoutSink sink;
  sink.open = [&](const Fragment& f) { claim_depth += f.mark->kind == kClaimMark; };
  sink.text = [&](std::string_view s) { pieces.push_back({string(s), claim_depth > 0, false}); };
  sink.close = [&](const Fragment& f) {
    claim_depth -= f.mark->kind == kClaimMark;
    if (!f.last) return;
    auto i = static_cast<std::size_t>(f.mark->index);
    if (f.mark->kind == kClaimMark) {
      const Claim& c = doc.claims[i];
      Label l = verdict_label(c.verdict ? c.verdict->label : "");
      pieces.push_back({" ‹#" + std::to_string(rank[i]) + " " + l.symbol + " " + l.text + "›", false, true});
    } else {
      string who = speaker_name(doc, doc.quotes[i]);
      pieces.push_back(
          {" ‹Q" + std::to_string(i + 1) + " — " + (who.empty() ? "Unattributed" : who) + "›", false, true});
    }
  };
  layout(doc.text, block, marks, sink);

  string out;
  bool at_line_start = true;
  auto emit = [&](const string& escaped) {
    out += escaped;
    if (!escaped.empty()) at_line_start = escaped.back() == '\n';
  };
  for (std::size_t i = 0; i < pieces.size();) {
    if (pieces[i].tag) {
      emit(md_escape(pieces[i].text, false));
      ++i;
      continue;
    }
    string run;
    bool bold = pieces[i].bold;
    while (i < pieces.size() && !pieces[i].tag && pieces[i].bold == bold) run += pieces[i++].text;
    if (!bold) {
      emit(md_escape(run, at_line_start));
      continue;
    }
    // Emphasis markers must touch text: keep surrounding whitespace outside them.
    std::size_t a = run.find_first_not_of(" \t\n"), b = run.find_last_not_of(" \t\n");
    if (a == string::npos) {
      emit(run);
      continue;
    }
    emit(run.substr(0, a));
    emit("**" + md_escape(run.substr(a, b - a + 1), false) + "**");
    emit(run.substr(b + 1));
  }
  return out;
}

void write_article(const Document& doc, std::ostream& out) {
  out << "## Article (excerpt)\n\nParagraphs with quotations or claims. Claims are in **bold**, followed by "
         "‹#rank and verdict›; each quotation is followed by ‹Q number — speaker›.\n\n";
  std::vector<Mark> marks;
  for (std::size_t i = 0; i < doc.claims.size(); ++i)
    marks.push_back({snap(doc.text, doc.claims[i].span), kClaimMark, static_cast<int>(i)});
  for (std::size_t i = 0; i < doc.quotes.size(); ++i)
    marks.push_back({snap(doc.text, doc.quotes[i].span), kQuoteMark, static_cast<int>(i)});
  auto rank = rank_of(doc);
  bool skipped = false, any = false;
  for (const Span& block : blocks(doc)) {
    bool annotated = false;
    for (const auto& m : marks) annotated = annotated || (!m.span.empty() && m.span.overlaps(block));
    if (!annotated) {
      skipped = true;
      continue;
    }
    if (skipped && any) out << "[…]\n\n";
    skipped = false;
    any = true;
    out << paragraph_md(doc, block, marks, rank) << "\n\n";
  }
  if (!any) out << "_No quotation or claim was found in the text._\n\n";
}

void write_speakers(const Document& doc, std::ostream& out) {
  out << "## Who said what\n\n";
  auto groups = speaker_groups(doc);
  if (groups.empty()) out << "_No quotations were found._\n\n";
  for (const auto& g : groups) {
    out << "### " << md_escape(g.name.empty() ? "Unattributed" : g.name, false) << " (" << g.quotes.size()
        << (g.quotes.size() == 1 ? " quotation" : " quotations") << ")\n\n";
    for (std::size_t i : g.quotes) {
      const Quote& q = doc.quotes[i];
      string text = md_escape(squash_space(quote_text(doc, q)), false);
      if (quoted_verbatim(q.kind)) text = "“" + text + "”";
      out << "- Q" << i + 1 << ": " << text << " — " << quote_kind_label(q.kind).text;
      if (auto m = speaker_mention(doc, q); !m.empty()) out << ", as “" << md_escape(m, false) << "”";
      if (q.verification) out << ", " << md_escape(badge(verification_label(q.verification->status)), false);
      out << "\n";
    }
    out << "\n";
  }
}

string diff_md(const QuoteVerification& v) {
  string out;
  for (const auto& op : v.diff) {
    string words = md_cell(op.text);
    if (words.empty()) continue;
    if (!out.empty()) out += " ";
    switch (op.op) {
      case DiffOp::Op::equal:
        out += words;
        break;
      case DiffOp::Op::remove:
        out += "~~" + words + "~~";
        break;
      case DiffOp::Op::insert:
        out += "**" + words + "**";
        break;
    }
  }
  return out;
}

void write_verification(const Document& doc, std::ostream& out) {
  out << "## Quote verification\n\n";
  std::size_t checked = 0;
  for (const auto& q : doc.quotes) checked += q.verification ? 1 : 0;
  if (checked == 0) {
    out << "_No quotation was checked against earlier sources._\n\n";
    return;
  }
  out << "In the wording compared, ~~struck words~~ are in the article but not in the source; **bold words** are "
         "in the source but not in the article.\n\n"
      << "| Quote | Speaker | Result | Source | Similarity | Wording compared |\n|---|---|---|---|---:|---|\n";
  for (std::size_t i = 0; i < doc.quotes.size(); ++i) {
    const Quote& q = doc.quotes[i];
    if (!q.verification) continue;
    const auto& v = *q.verification;
    string who = speaker_name(doc, q);
    string wording = !v.diff.empty() ? diff_md(v) : md_cell(v.passage);
    out << "| Q" << i + 1 << ": " << md_cell(quote_text(doc, q)) << " | " << md_cell(who.empty() ? "Unattributed" : who)
        << " | " << md_cell(badge(verification_label(v.status))) << " | "
        << link(v.url, v.title.empty() ? v.source_id : v.title) << " | "
        << (v.status == "not_found" ? string("–") : percent(v.similarity)) << " | " << wording << " |\n";
  }
  out << "\n";
}

void write_factchecks(const Document& doc, std::ostream& out) {
  out << "## Earlier fact-checks\n\n";
  auto rank = rank_of(doc);
  string rows;
  for (std::size_t i : ranked_claims(doc))
    for (const Evidence* e : factchecks_of(doc.claims[i]))
      rows += "| #" + std::to_string(rank[i]) + " " + md_cell(claim_text(doc, doc.claims[i])) + " | " +
              link(e->url, e->title.empty() ? (e->passage.empty() ? e->source_id : e->passage) : e->title) + " | " +
              md_cell(e->rating) + " | " + md_cell(e->publisher) + " | " + md_cell(e->date) + " |\n";
  if (rows.empty()) {
    out << "_No earlier fact-check matched these claims._\n\n";
    return;
  }
  out << "| Claim | Fact-check | Rating | Fact-checker | Date |\n|---|---|---|---|---|\n" << rows << "\n";
}

void write_provenance(const Document& doc, const Options& options, std::ostream& out) {
  const auto& p = doc.provenance;
  out << "## Provenance\n\n";
  auto item = [&](std::string_view k, const string& v) {
    out << "- " << k << ": " << (v.empty() ? string("_not recorded_") : md_escape(v, false)) << "\n";
  };
  item("Pipeline", p.pipeline);
  item("Pipeline file", pipeline_file(doc, options));
  item("Source file", doc.metadata.source_file);
  string layers;
  for (const auto& l : doc.layers) layers += (layers.empty() ? "" : ", ") + l;
  item("Layers", layers);
  out << "\n";
  if (p.stages.empty()) {
    out << "_No stage runs were recorded._\n\n";
    return;
  }
  double total = 0;
  out << "| Stage | Plugin | Version | Time (ms) |\n|---|---|---|---:|\n";
  for (const auto& s : p.stages) {
    total += std::isfinite(s.seconds) ? s.seconds : 0.0;
    out << "| " << md_cell(s.stage) << " | " << md_cell(s.plugin) << " | " << md_cell(s.version) << " | "
        << fixed(s.seconds * 1000.0, 1) << " |\n";
  }
  out << "| **Total** | | | **" << fixed(total * 1000.0, 1) << "** |\n\n";
}

}  // namespace

void write_markdown(const Document& doc, const Options& options, std::ostream& out) {
  Settings settings = read_settings(options);
  write_header(doc, out);
  write_summary(doc, out);
  write_claims(doc, settings, out);
  write_article(doc, out);
  write_speakers(doc, out);
  write_verification(doc, out);
  write_factchecks(doc, out);
  write_provenance(doc, options, out);
  out << "---\n\nGenerated by factpipe on " << md_escape(settings.date, false) << " for "
      << link(settings.organisation_url, settings.organisation)
      << ". Automated draft: every verdict, attribution and source needs a human check before publication.\n";
}

}  // namespace factpipe::report::detail
