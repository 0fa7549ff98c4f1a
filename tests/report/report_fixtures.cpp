#include "report_fixtures.hpp"

#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include <factpipe/utf8.hpp>

namespace factpipe::test {
namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Evidence passage(std::string id, std::string title, std::string url, std::string publisher, std::string date,
                 std::string text, double score, Stance stance, double confidence) {
  Evidence e;
  e.source_id = std::move(id);
  e.title = std::move(title);
  e.url = std::move(url);
  e.publisher = std::move(publisher);
  e.date = std::move(date);
  e.passage = std::move(text);
  e.passage_end = 10;
  e.score = score;
  e.stance = stance;
  e.confidence = confidence;
  return e;
}

}  // namespace

Span find_span(const Document& doc, std::string_view needle, int occurrence) {
  std::size_t from = 0;
  for (int i = 0;; ++i) {
    auto p = doc.text.find(needle, from);
    if (p == std::string::npos) throw std::runtime_error("not in text: " + std::string(needle));
    if (i == occurrence) return {p, p + needle.size()};
    from = p + 1;
  }
}

Document rich_document() {
  Document d("zürich-café-vote",
             "Café owners welcome Zürich bridge plan\n\n"
             "Mayor Lena Ortiz said “the bridge will cost €1.2 billion, and every month we wait adds to that bill.” "
             "Critics disagree.\n\n"
             "Councillor Dávid Mbeki called the plan “reckless” and said ridership fell 14 % in 2025. "
             "Someone said “prices will never fall”.");
  d.metadata = {"zürich-café-vote",
                "Café owners welcome Zürich bridge plan",
                "https://example.org/news/zürich-vote",
                "Calder Ledger",
                "2026-03-14",
                "en",
                "examples/zurich.txt",
                {}};
  auto s = [&](std::string_view n, int k = 0) { return find_span(d, n, k); };
  // Layers in pipeline order.
  d.paragraphs = {{s("Café owners welcome Zürich bridge plan"), Json::object()},
                  {s("Mayor Lena Ortiz said “the bridge will cost €1.2 billion, and every month we wait adds to that "
                     "bill.” Critics disagree."),
                   Json::object()},
                  {Span{s("Councillor").start, d.text.size()}, Json::object()}};
  d.sentences = {{s("Café owners welcome Zürich bridge plan"), 0, std::nullopt, Json::object()},
                 {s("Mayor Lena Ortiz said “the bridge will cost €1.2 billion, and every month we wait adds to that "
                    "bill.”"),
                  1, 0.9, Json::object()},
                 {s("Critics disagree."), 1, 0.1, Json::object()},
                 {s("Councillor Dávid Mbeki called the plan “reckless” and said ridership fell 14 % in 2025."), 2, 0.8,
                  Json::object()},
                 {s("Someone said “prices will never fall”."), 2, 0.4, Json::object()}};
  d.tokens = {{s("Café"), TokenKind::word}, {s("€"), TokenKind::symbol}, {s("1.2"), TokenKind::number}};
  d.entities = {{"PERSON", "Lena Ortiz", {{s("Lena Ortiz"), MentionKind::name}}, Json::object()},
                {"PERSON", "Dávid Mbeki", {{s("Dávid Mbeki"), MentionKind::name}}, Json::object()},
                {"GPE", "Zürich", {{s("Zürich"), MentionKind::name}}, Json::object()}};

  Quote q0;
  q0.span = s("the bridge will cost €1.2 billion, and every month we wait adds to that bill.");
  q0.kind = QuoteKind::direct;
  q0.speaker = Speaker{"Lena Ortiz", 0, s("Mayor Lena Ortiz")};
  q0.cue = s("said");
  q0.cue_verb = "say";
  q0.confidence = 0.95;
  q0.verification = QuoteVerification{"altered",
                                      "council-transcript",
                                      "Council transcript, 10 March",
                                      "https://example.org/transcript",
                                      "the bridge will cost €1.2 billion, and every month we delay adds to the bill",
                                      {{DiffOp::Op::equal, "the bridge will cost €1.2 billion, and every month we"},
                                       {DiffOp::Op::remove, "wait"},
                                       {DiffOp::Op::insert, "delay"},
                                       {DiffOp::Op::equal, "adds to"},
                                       {DiffOp::Op::remove, "that"},
                                       {DiffOp::Op::insert, "the"},
                                       {DiffOp::Op::equal, "bill"}},
                                      0.86};
  Quote q1;
  q1.span = s("reckless");
  q1.kind = QuoteKind::partial;
  q1.speaker = Speaker{"Dávid Mbeki", 1, s("Councillor Dávid Mbeki")};
  q1.cue = s("called");
  q1.cue_verb = "call";
  q1.confidence = 0.8;
  q1.verification = QuoteVerification{"verbatim",
                                      "council-transcript",
                                      "Council transcript, 10 March",
                                      "https://example.org/transcript",
                                      "reckless",
                                      {},
                                      1.0};
  Quote q2;
  q2.span = s("ridership fell 14 % in 2025");
  q2.kind = QuoteKind::indirect;
  q2.speaker = Speaker{"Mbeki", 1, std::nullopt};
  q2.cue = s("said", 1);
  q2.cue_verb = "say";
  q2.confidence = 0.7;
  Quote q3;
  q3.span = s("prices will never fall");
  q3.kind = QuoteKind::direct;
  q3.cue = s("said", 2);
  q3.cue_verb = "say";
  q3.confidence = 0.5;
  q3.verification = QuoteVerification{"not_found", "", "", "", "", {}, 0.0};
  d.quotes = {q0, q1, q2, q3};

  auto claim = [&](Span span, std::string type, std::string claimant, int entity, int quote, double score) {
    Claim c;
    c.span = span;
    c.text = std::string(d.slice(span));
    c.normalized = c.text;
    c.type = std::move(type);
    c.claimant = std::move(claimant);
    c.claimant_entity = entity;
    c.quote = quote;
    c.score = score;
    c.sentence = d.sentence_at(span.start);
    return c;
  };
  // c0 nests inside q0 (same start); c1 starts inside q0 and ends after it (crossing).
  Claim c0 = claim(s("the bridge will cost €1.2 billion"), "quantity", "Lena Ortiz", 0, 0, 0.91);
  c0.normalized = "Lena Ortiz said the Zürich bridge will cost €1.2 billion.";
  c0.numbers = {s("€1.2 billion")};
  c0.evidence = {passage("calder-budget-2026", "City budget 2026: capital plan", "https://example.org/sources/budget",
                         "City of Port Calder", "2026-01-28", "The bridge’s estimated cost is €1.2 billion.", 14.25,
                         Stance::supports, 0.88)};
  Evidence fc;
  fc.kind = "factcheck";
  fc.source_id = "calderverify-price-tag";
  fc.title = "Does the Harbour Link really cost €1.2 billion?";
  fc.url = "https://example.org/calderverify/price-tag";
  fc.publisher = "Calder Verify";
  fc.date = "2026-03-02";
  fc.passage = "The bridge will cost €1.2 billion.";
  fc.rating = "Mostly true";
  fc.score = 0.9;
  fc.stance = Stance::supports;
  c0.evidence.push_back(fc);
  c0.verdict = Verdict{"supported", 0.82, "The 2026 budget gives the same figure."};

  Claim c1 = claim(s("every month we wait adds to that bill.” Critics disagree"), "causal", "Lena Ortiz", 0, 0, 0.55);
  c1.evidence = {
      passage("herald-opinion", "Opinion: the cost of waiting", "https://example.org/herald/opinion", "Harbour Herald",
              "2026-02-14", "Delays add cost, but not every month.", 6.5, Stance::discusses, 0.6),
      passage("auditor-review", "Auditor’s review", "https://example.org/auditor", "City Auditor", "2025-12-03",
              "Inflation adds to the bill each month.", 5.0, Stance::supports, 0.55)};
  c1.verdict = Verdict{"disputed", 0.5, "Sources disagree on the cost of delay."};

  // c2 has exactly the span of q2; c3 contains q1; c4 runs across the paragraph break.
  Claim c2 = claim(s("ridership fell 14 % in 2025"), "quantity", "Dávid Mbeki", 1, 2, 0.88);
  c2.dates = {s("2025")};
  c2.evidence = {passage("pcta-annual-2025", "Transit Authority annual report 2025", "https://example.org/pcta/annual",
                         "Port Calder Transit Authority", "2026-01-22", "Ridership fell 9 % in 2025.", 11.0,
                         Stance::refutes, 0.77)};
  c2.verdict = Verdict{"refuted", 0.77, "The annual report gives 9 %, not 14 %."};
  Claim c3 = claim(s("called the plan “reckless” and said"), "position", "Dávid Mbeki", 1, 1, 0.2);
  Claim c4 = claim(s("Critics disagree.\n\nCouncillor Dávid Mbeki"), "event", "", -1, -1, 0.3);
  c4.verdict = Verdict{"not_enough_evidence", 0.3, ""};
  d.claims = {c0, c1, c2, c3, c4};

  d.layers = {"paragraphs", "sentences",       "tokens",   "entities", "quotes",
              "claims",     "checkworthiness", "evidence", "verdicts", "quote_verification"};
  d.provenance = {"default",
                  "config/default.yaml",
                  {{"segmenter", "segmenter", "0.1.0", 0.0012},
                   {"entities", "entities", "0.1.0", 0.0105},
                   {"quotes", "quotes", "0.2.0", 0.0043},
                   {"claims", "claims", "0.1.0", 0.0201},
                   {"crossref", "crossref", "0.1.0", 0.1502}}};
  return d;
}

Document hostile_document() {
  Document d("evil<id>",
             "Breaking: <script>alert(1)</script> and \" onmouseover=\"x and 'single' & more.\n\n"
             "The spokesman said \"<b>we</b> | deny it\" today.");
  d.metadata = {"evil<id>",
                "<script>alert('title')</script>\" onmouseover=\"x",
                "javascript:alert(1)",
                "Pub <i>lisher</i>",
                "2026-01-01\" onmouseover=\"x",
                "en\" onload=\"x",
                "",
                {}};
  auto s = [&](std::string_view n) { return find_span(d, n); };
  Quote q;
  q.span = s("<b>we</b> | deny it");
  q.kind = QuoteKind::direct;
  q.speaker = Speaker{"<script>alert(2)</script>\" onmouseover=\"x", -1, s("The spokesman")};
  q.cue_verb = "say\" onmouseover=\"x";
  q.verification = QuoteVerification{"altered",
                                     "src",
                                     "<script>alert(3)</script>",
                                     "javascript:alert(3)",
                                     "we deny it",
                                     {{DiffOp::Op::equal, "<b>we</b>"}, {DiffOp::Op::remove, "| <i>"}},
                                     0.5};
  d.quotes = {q};
  Claim c;
  c.span = s("<script>alert(1)</script> and \" onmouseover=\"x");
  c.text = "<script>alert(1)</script> and \" onmouseover=\"x | pipe";
  c.normalized = "<img src=x onerror=alert(1)> normalized";
  c.type = "event<script>";
  c.claimant = "<script>alert(4)</script>";
  c.score = 0.7;
  c.evidence = {passage("s1", "<script>alert(5)</script>\" onmouseover=\"x", "javascript:alert(5)", "<b>pub</b>",
                        "2026", "passage <script>alert(6)</script> ' \" &amp;", 3.0, Stance::refutes, 0.5),
                passage("s2", "Quote in url", "https://example.org/a?q=\"onmouseover=x&y='z'", "pub", "2026", "ok", 2.0,
                        Stance::supports, 0.5)};
  Evidence fc;
  fc.kind = "factcheck";
  fc.title = "Fact-check <script>alert(7)</script>";
  fc.url = "JavaScript:alert(7)";
  fc.rating = "<b>False</b>";
  fc.publisher = "Checker \" onmouseover=\"x";
  c.evidence.push_back(fc);
  c.verdict = Verdict{"refuted", 0.6, "<script>alert(8)</script>"};
  d.claims = {c};
  d.provenance = {"<pipe>", "<file>.yaml", {{"<stage>", "<plugin>", "1.0\" onmouseover=\"x", 0.5}}};
  return d;
}

Document example_document(const std::filesystem::path& examples_dir) {
  const auto article = examples_dir / "articles" / "harbor-bridge-2026";
  std::string text = slurp(article.string() + ".txt");
  Json meta = Json::parse(slurp(article.string() + ".meta.json"));
  Json gold = Json::parse(slurp(article.string() + ".gold.json"));
  std::map<std::string, Json> sources;
  {
    std::istringstream lines(slurp(examples_dir / "sources" / "reports.jsonl"));
    for (std::string line; std::getline(lines, line);)
      if (!line.empty()) {
        Json j = Json::parse(line);
        sources[j.at("id").get<std::string>()] = j;
      }
  }
  std::map<std::string, Json> factchecks;
  for (const auto& r : Json::parse(slurp(examples_dir / "sources" / "factchecks.jsonld")))
    factchecks[r.at("url").get<std::string>()] = r;

  Document d(meta.at("id").get<std::string>(), text);
  d.metadata.title = meta.value("title", "");
  d.metadata.url = meta.value("url", "");
  d.metadata.publisher = meta.value("publisher", "");
  d.metadata.published = meta.value("published", "");
  d.metadata.language = meta.value("language", "en");
  d.metadata.source_file = "examples/articles/harbor-bridge-2026.txt";
  utf8::OffsetMap map(d.text);
  auto span_of = [&](const Json& j) {
    return Span{map.to_byte(j.at("start").get<std::size_t>()), map.to_byte(j.at("end").get<std::size_t>())};
  };

  std::map<std::string, int> entity_of;
  std::map<std::string, int> quote_index;
  for (const auto& g : gold.at("quotes")) {
    Quote q;
    q.span = span_of(g);
    q.kind = quote_kind_from(g.at("kind").get<std::string>());
    if (g.contains("speaker") && g["speaker"].is_string()) {
      std::string name = g["speaker"];
      auto [it, fresh] = entity_of.emplace(name, static_cast<int>(d.entities.size()));
      if (fresh) d.entities.push_back({"PERSON", name, {}, Json::object()});
      q.speaker = Speaker{name, it->second, std::nullopt};
      if (g.contains("mention") && g["mention"].is_string()) {
        // The attribution closest before the quote (or just after it).
        std::string m = g["mention"];
        auto before = d.text.rfind(m, q.span.start);
        auto after = d.text.find(m, q.span.end);
        auto at = before != std::string::npos ? before : after;
        if (at != std::string::npos) q.speaker->mention = Span{at, at + m.size()};
      }
    }
    q.cue_verb = q.kind == QuoteKind::indirect ? "say" : "";
    q.confidence = 0.9;
    if (g.contains("transcript") && g["transcript"].is_string())
      q.verification =
          QuoteVerification{g["transcript"],
                            "council-transcript-2026-03-10",
                            "Port Calder council meeting transcript, 10 March 2026",
                            "",
                            "",
                            {},
                            g["transcript"] == "verbatim" ? 1.0 : (g["transcript"] == "altered" ? 0.85 : 0.0)};
    quote_index[g.at("id").get<std::string>()] = static_cast<int>(d.quotes.size());
    d.quotes.push_back(q);
  }
  // Q01's wording differs from the transcript in two words (see examples/README.md).
  if (!d.quotes.empty() && d.quotes[0].verification && d.quotes[0].verification->status == "altered")
    d.quotes[0].verification->diff = {{DiffOp::Op::equal, "The bridge will cost $1.2 billion, and every month we"},
                                      {DiffOp::Op::remove, "wait"},
                                      {DiffOp::Op::insert, "delay"},
                                      {DiffOp::Op::equal, "adds to"},
                                      {DiffOp::Op::remove, "that"},
                                      {DiffOp::Op::insert, "the"},
                                      {DiffOp::Op::equal, "bill"}};

  std::size_t n = 0;
  for (const auto& g : gold.at("claims")) {
    Claim c;
    c.span = span_of(g);
    c.text = std::string(d.slice(c.span));
    c.type = g.value("type", "");
    c.claimant = g.contains("claimant") && g["claimant"].is_string() ? g["claimant"].get<std::string>() : "";
    if (auto it = entity_of.find(c.claimant); it != entity_of.end()) c.claimant_entity = it->second;
    if (g.contains("in_quote") && g["in_quote"].is_string() && quote_index.count(g["in_quote"]))
      c.quote = quote_index[g["in_quote"]];
    // Check-worthiness is not in the answer key: a fixed spread so the ranking is visible.
    c.score = 0.95 - 0.05 * static_cast<double>((n * 7) % 16);
    ++n;
    auto add = [&](const Json& ids, Stance stance) {
      for (const auto& id : ids) {
        auto it = sources.find(id.get<std::string>());
        Evidence e;
        e.source_id = id;
        if (it != sources.end()) {
          const Json& src = it->second;
          e.title = src.value("title", "");
          e.url = src.value("url", "");
          e.publisher = src.value("publisher", "");
          e.date = src.value("date", "");
          std::string body = src.value("text", "");
          e.passage = body.substr(0, std::min<std::size_t>(body.size(), 220));
        } else {
          e.title = "Council meeting transcript, 10 March 2026";
        }
        e.stance = stance;
        e.score = 12.0 - static_cast<double>(c.evidence.size());
        e.confidence = stance == Stance::discusses ? 0.55 : 0.8;
        c.evidence.push_back(e);
      }
    };
    add(g.at("supports"), Stance::supports);
    add(g.at("refutes"), Stance::refutes);
    add(g.at("discusses"), Stance::discusses);
    if (g.contains("factchecks"))
      for (const auto& f : g["factchecks"]) {
        Evidence e;
        e.kind = "factcheck";
        e.url = f.value("url", "");
        e.rating = f.value("rating", "");
        if (auto it = factchecks.find(e.url); it != factchecks.end()) {
          e.title = it->second.value("claimReviewed", "");
          e.publisher = it->second.at("author").value("name", "");
          e.date = it->second.value("datePublished", "");
        }
        c.evidence.push_back(e);
      }
    bool refutes = !g.at("refutes").empty(), supports = !g.at("supports").empty();
    if (refutes) c.verdict = Verdict{"refuted", 0.8, "A source gives a different figure."};
    else if (supports) c.verdict = Verdict{"supported", 0.8, "Sources agree with the claim."};
    else if (!g.at("discusses").empty())
      c.verdict = Verdict{"disputed", 0.5, "Sources discuss it without settling it."};
    else c.verdict = Verdict{"not_enough_evidence", 0.3, "No source mentions it."};
    d.claims.push_back(c);
  }
  d.layers = {"quotes", "claims", "evidence", "verdicts", "quote_verification"};
  d.provenance = {"example (answer key, not a pipeline run)", "tests/report/report_fixtures.cpp", {}};
  return d;
}

}  // namespace factpipe::test
