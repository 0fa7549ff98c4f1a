#pragma once
// The one stylesheet of the HTML reports and the batch index, inlined so a report opens offline.
// Colours meet WCAG AA contrast; every colour-coded thing also carries a text label and a symbol.
// Kept free of '<' and '&' so the page stays well-formed XML (the tests parse it strictly).
#include <string_view>

namespace factpipe::report::detail {

inline constexpr std::string_view kReportCss = R"css(
:root {
  --ink: #1b1f24; --muted: #4f5b67; --line: #d6dbe1; --panel: #f5f7f9; --accent: #1d4f7a;
  --sup-fg: #14532d; --sup-bg: #dcfce7; --sup-bd: #15803d;
  --ref-fg: #7f1d1d; --ref-bg: #fee2e2; --ref-bd: #b91c1c;
  --dis-fg: #713f12; --dis-bg: #fef3c7; --dis-bd: #b45309;
  --nee-fg: #374151; --nee-bg: #e5e7eb; --nee-bd: #6b7280;
  --oth-fg: #1e3a8a; --oth-bg: #dbeafe; --oth-bd: #1d4ed8;
}
* { box-sizing: border-box; }
html { background: #e9edf1; }
body { margin: 0; color: var(--ink); font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", "DejaVu Sans", Arial, sans-serif; }
.page { max-width: 70rem; margin: 1.5rem auto; background: #fff; padding: 2.25rem 3rem 2rem; border: 1px solid var(--line); border-radius: 6px; }
a { color: #0b4f8a; }
a:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
h1, h2, h3 { line-height: 1.25; }
h1 { font-family: Georgia, "Liberation Serif", "DejaVu Serif", serif; font-size: 2rem; margin: .25rem 0 1rem; }
h2 { font-size: 1.35rem; margin: 2.5rem 0 1rem; padding-bottom: .35rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
.kicker { margin: 0; text-transform: uppercase; letter-spacing: .08em; font-size: .78rem; font-weight: 700; color: var(--accent); }
.report-header { border-bottom: 4px solid var(--accent); padding-bottom: 1rem; }
dl.meta { display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); gap: .5rem 1.5rem; margin: 0; }
dl.meta div { min-width: 0; }
dl.meta dt { font-size: .75rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
nav.toc ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; padding: 0; margin: 1rem 0 0; font-size: .9rem; }
.notice { background: var(--panel); border-left: 4px solid var(--accent); padding: .6rem 1rem; margin: 1.25rem 0 0; font-size: .92rem; }
.stats { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: .75rem; }
.stat { border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; background: var(--panel); }
.stat .num { display: block; font-size: 1.9rem; font-weight: 700; line-height: 1.1; }
.stat .lbl { display: block; font-weight: 600; }
.stat .sub { display: block; color: var(--muted); font-size: .85rem; }
.verdict-line { margin: 1rem 0 0; display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
.badge { display: inline-block; padding: .05rem .55rem; border: 1px solid; border-radius: 999px; font-size: .8rem; font-weight: 700; white-space: nowrap; line-height: 1.5; font-family: system-ui, "Liberation Sans", "DejaVu Sans", sans-serif; }
.badge .conf { font-weight: 400; }
.v-supported { color: var(--sup-fg); background: var(--sup-bg); border-color: var(--sup-bd); }
.v-refuted { color: var(--ref-fg); background: var(--ref-bg); border-color: var(--ref-bd); }
.v-disputed { color: var(--dis-fg); background: var(--dis-bg); border-color: var(--dis-bd); }
.v-nee, .v-none { color: var(--nee-fg); background: var(--nee-bg); border-color: var(--nee-bd); }
.v-none { background: #fff; border-style: dashed; }
.v-other { color: var(--oth-fg); background: var(--oth-bg); border-color: var(--oth-bd); }
.s-supports { color: var(--sup-fg); background: var(--sup-bg); border-color: var(--sup-bd); }
.s-refutes { color: var(--ref-fg); background: var(--ref-bg); border-color: var(--ref-bd); }
.s-discusses { color: var(--oth-fg); background: var(--oth-bg); border-color: var(--oth-bd); }
.s-unrelated { color: var(--nee-fg); background: #fff; border-color: var(--nee-bd); }
.f-verbatim { color: var(--sup-fg); background: var(--sup-bg); border-color: var(--sup-bd); }
.f-altered { color: var(--dis-fg); background: var(--dis-bg); border-color: var(--dis-bd); }
.f-notfound, .f-other { color: var(--nee-fg); background: #fff; border-color: var(--nee-bd); }
.k-direct, .k-partial, .k-indirect, .k-mixed { color: #1e293b; background: #fff; border-color: #94a3b8; font-weight: 600; }
.rating { color: #3b0764; background: #f3e8ff; border-color: #7e22ce; }
table { width: 100%; border-collapse: collapse; font-size: .95rem; }
caption { text-align: left; font-weight: 700; padding: 0 0 .5rem; color: var(--muted); }
th, td { text-align: left; vertical-align: top; padding: .55rem .65rem; border-bottom: 1px solid var(--line); }
thead th { background: var(--panel); border-bottom: 2px solid #b8c1cc; font-size: .78rem; text-transform: uppercase; letter-spacing: .03em; color: #33404d; }
table.index th, table.index td { padding: .5rem .45rem; }
table.index .c-doc { width: 32%; }
tfoot th, tfoot td { font-weight: 700; border-top: 2px solid #b8c1cc; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
tbody th { font-weight: 400; }
.table-wrap { overflow-x: auto; }
.doc-title { font-weight: 700; }
.status { white-space: nowrap; }
table.claims tbody.claim { border-top: 2px solid #b8c1cc; }
table.claims { table-layout: fixed; }
table.claims .c-rank { width: 4.5rem; }
table.claims .c-type { width: 7.5rem; }
table.claims .c-claimant { width: 10rem; }
table.claims .c-score { width: 9rem; }
table.claims .c-verdict { width: 12.5rem; }
table.verification .c-quote { width: 38%; }
table.verification .c-result { width: 12rem; }
td.date { white-space: nowrap; }
.who-line { display: block; color: var(--muted); font-size: .85rem; margin-top: .2rem; }
.sim { display: block; color: var(--muted); font-size: .85rem; margin-top: .25rem; }
table.claims th.rank { font-weight: 700; font-size: 1.3rem; color: var(--accent); width: 3.5rem; }
table.claims .said { margin: 0; font-family: Georgia, "Liberation Serif", "DejaVu Serif", serif; font-size: 1.02rem; }
table.claims .normalized { margin: .35rem 0 0; color: var(--muted); font-size: .9rem; }
table.claims .where { margin: .25rem 0 0; font-size: .82rem; }
table.claims tr.details td { border-bottom: 0; padding-top: 0; }
meter { width: 5rem; height: .8rem; display: block; margin-left: auto; }
.details-box { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: .6rem .9rem; }
.details-box h4 { margin: .4rem 0 .3rem; font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
.explanation { margin: .2rem 0 .4rem; }
ol.evidence { margin: 0; padding-left: 1.4rem; }
ol.evidence li { margin: .35rem 0 .6rem; }
.src { color: var(--muted); font-size: .85rem; }
.url-text { color: var(--muted); font-size: .85rem; overflow-wrap: anywhere; }
blockquote.passage { margin: .3rem 0 0; padding: .35rem .8rem; border-left: 3px solid #a3afbd; background: #fff; font-family: Georgia, "Liberation Serif", "DejaVu Serif", serif; font-size: .95rem; }
.none { color: var(--muted); font-style: italic; }
.legend { display: flex; flex-wrap: wrap; gap: .4rem 1rem; align-items: center; font-size: .85rem; margin: 0 0 1rem; padding: .5rem .8rem; border: 1px solid var(--line); border-radius: 6px; }
.article { font-family: Georgia, "Liberation Serif", "DejaVu Serif", serif; font-size: 1.07rem; line-height: 1.85; max-width: 48rem; }
.article p { margin: 0 0 1rem; white-space: pre-line; }
mark { color: inherit; background: none; }
mark.q { border-radius: 2px; padding: .1em 0; }
mark.q-direct { background: #dbeafe; }
mark.q-partial { background: #ede9fe; }
mark.q-indirect, mark.q-mixed { background: #eef2f6; outline: 1px dashed #94a3b8; }
mark.claim { color: inherit; text-decoration: underline; text-decoration-thickness: 3px; text-underline-offset: .28em; text-decoration-color: var(--nee-bd); }
mark.claim.v-supported { color: inherit; background: none; text-decoration-color: var(--sup-bd); }
mark.claim.v-refuted { color: inherit; background: none; text-decoration-color: var(--ref-bd); }
mark.claim.v-disputed { color: inherit; background: none; text-decoration-color: var(--dis-bd); }
mark.claim.v-nee, mark.claim.v-none { color: inherit; background: none; text-decoration-style: dashed; }
mark.claim.v-other { color: inherit; background: none; text-decoration-color: var(--oth-bd); }
sup.who, a.vlabel { font-family: system-ui, "Liberation Sans", "DejaVu Sans", sans-serif; font-size: .68rem; font-weight: 600; line-height: 1; white-space: nowrap; vertical-align: super; padding: .05rem .3rem; border-radius: 3px; border: 1px solid; margin: 0 .15rem; text-decoration: none; }
sup.who { color: #1e293b; background: #f8fafc; border-color: #94a3b8; }
.speaker-list { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: .25rem 2rem; }
.speaker h3 { border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
.speaker h3 .count { color: var(--muted); font-weight: 400; font-size: .9rem; }
.speaker ol { margin: 0; padding-left: 1.3rem; }
.speaker li { margin: .3rem 0 .55rem; }
.qt { font-family: Georgia, "Liberation Serif", "DejaVu Serif", serif; }
.via { color: var(--muted); font-size: .85rem; }
.diff { font-family: Georgia, "Liberation Serif", "DejaVu Serif", serif; margin: 0; }
del { color: var(--ref-fg); background: var(--ref-bg); text-decoration: line-through; }
ins { color: var(--sup-fg); background: var(--sup-bg); text-decoration: underline; }
tr.failed td, tr.failed th { background: #fff5f5; }
.error { color: var(--ref-fg); font-weight: 600; }
footer { margin-top: 3rem; padding-top: 1rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .85rem; }
code { font-size: .9em; overflow-wrap: anywhere; }
@media (max-width: 48rem) { .page { padding: 1.25rem; margin: 0; border: 0; } }
@media print {
  html, body { background: none; }
  .page { max-width: none; margin: 0; padding: 0; border: 0; }
  nav.toc { display: none; }
  .table-wrap { overflow: visible; }
  a { color: inherit; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .8em; color: #333; overflow-wrap: anywhere; }
  table.claims tbody.claim, .speaker, tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  mark.q { outline: 1px dotted #555; }
  del, ins { background: none; }
}
)css";

}  // namespace factpipe::report::detail
