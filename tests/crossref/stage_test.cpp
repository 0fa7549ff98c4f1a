// The crossref stage end to end on small hand-made corpora: evidence, fact-checks, verdicts, quotation
// checks, documents of one run linked, configuration, and the bundled example against its answer key.
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <factpipe/document_json.hpp>
#include <factpipe/utf8.hpp>

#include <factpipe/host/stage_config.hpp>
#include "crossref_stage.hpp"
#include "crossref_test_support.hpp"
#include "test_paths.hpp"

namespace fs = std::filesystem;
using namespace factpipe;
using namespace factpipe::crossref;
using ::testing::HasSubstr;

namespace {

Context plugin_context(const fs::path& config_dir = {}) {
  (void)config_dir;
  return Context::for_library(test::plugin_dir() / "factpipe-crossref.so");
}

// A document with one claim per given text (claims filled by hand, as the claims stage would).
Document make_doc(const std::string& id, const std::string& text, const std::vector<std::string>& claims,
                  const std::string& published = "2026-03-14") {
  Document d(id, text);
  d.metadata.id = id;
  d.metadata.title = id;
  d.metadata.published = published;
  for (const auto& c : claims) {
    auto pos = text.find(c);
    Claim claim;
    claim.span = pos == std::string::npos ? Span{} : Span{pos, pos + c.size()};
    claim.text = c;
    claim.normalized = c;
    d.claims.push_back(claim);
  }
  d.add_layer("claims");
  return d;
}

const Evidence* find_evidence(const Claim& c, const std::string& source_id) {
  for (const auto& e : c.evidence)
    if (e.source_id == source_id) return &e;
  return nullptr;
}

// A link to another document of the run: listed apart from the evidence, in extra.crossref.links.
const Json* find_link(const Claim& c, const std::string& source_id) {
  if (!c.extra.contains("crossref") || !c.extra["crossref"].contains("links")) return nullptr;
  for (const auto& l : c.extra["crossref"]["links"])
    if (l.value("source_id", "") == source_id) return &l;
  return nullptr;
}

struct Corpus {
  TempDir tmp;
  fs::path sources = tmp.path() / "sources";
  fs::path db = tmp.path() / "index.sqlite";
  Corpus() {
    write_file(sources / "reports.jsonl",
               "{\"id\": \"budget\", \"title\": \"City budget 2026\", \"publisher\": \"Finance Dept\", \"date\": "
               "\"2026-01-10\", \"text\": \"The city budget sets the tram extension cost at $450 million. Council "
               "approved the plan in January. The province pays 30 percent of the cost.\"}\n"
               "{\"id\": \"ridership\", \"title\": \"Transit report\", \"date\": \"2026-01-20\", \"text\": \"Tram "
               "ridership in Northport rose 8 percent in 2025. Bus ridership was flat.\"}\n"
               "{\"id\": \"fish\", \"title\": \"Harbour fish landings\", \"text\": \"Cod landings at the fish market "
               "were steady in June.\"}\n"
               "{\"id\": \"mayor-speech\", \"title\": \"Mayor speaks at opening\", \"date\": \"2026-02-01\", "
               "\"text\": \"Mayor Jane Holt opened the depot. We will finish the tram line by 2028 and not a day "
               "later, Holt said to applause.\"}\n");
    write_file(sources / "checks.jsonld",
               R"({"@context": "https://schema.org", "@graph": [{"@type": "ClaimReview",
               "url": "https://example.org/check/tram-ridership-fell", "claimReviewed": "Tram ridership in Northport fell 8 percent in 2025.",
               "datePublished": "2026-02-02", "author": {"@type": "Organization", "name": "Northport Checks"},
               "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Sam Critic"}},
               "reviewRating": {"@type": "Rating", "ratingValue": 1, "alternateName": "False"}}]})");
    write_file(sources / "council-transcript-2026-02-05.txt",
               "NORTHPORT COUNCIL - TRANSCRIPT\n\nMAYOR HOLT: The tram extension is on budget and every month we "
               "delay adds to the bill.\n\nCOUNCILLOR REYES: I will vote against this plan.\n");
  }
  Json config() const { return Json{{"sources", Json::array({sources.string()})}, {"db", db.string()}}; }
};

}  // namespace

TEST(CrossrefStage, DescribeHasACompleteSchema) {
  PluginInfo info = CrossrefStage::describe();
  EXPECT_EQ(info.name, "crossref");
  EXPECT_TRUE(info.thread_safe);
  EXPECT_EQ(layer_names(info.requires_layers), (std::vector<std::string>{"markup", "entities", "claims", "quotes"}));
  EXPECT_EQ(layer_names(info.provides_layers),
            (std::vector<std::string>{"evidence", "verdicts", "quote_verification"}));
  // Without quotation checks it neither reads the quotations nor writes their verification.
  auto without = CrossrefStage::layers(Json{{"verify_quotes", false}});
  EXPECT_EQ(layer_names(without.requires_layers), (std::vector<std::string>{"markup", "entities", "claims"}));
  EXPECT_EQ(layer_names(without.provides_layers), (std::vector<std::string>{"evidence", "verdicts"}));
  const Json& schema = info.config_schema;
  EXPECT_EQ(schema["additionalProperties"], false);
  for (auto& [name, prop] : schema["properties"].items()) {
    EXPECT_TRUE(prop.contains("default")) << name;
    EXPECT_TRUE(prop.contains("description")) << name;
  }
  for (auto& [name, prop] : schema["properties"]["weights"]["properties"].items())
    EXPECT_TRUE(prop.contains("default")) << name;
}

TEST(CrossrefStage, EmptyConfigWorksWithoutAnIndex) {
  CrossrefStage stage;
  factpipe::host::configure_stage(stage, Json::object(), plugin_context());
  Document d = make_doc("d", "The tram costs $450 million.", {"The tram costs $450 million."});
  stage.process(d);
  ASSERT_TRUE(d.claims[0].verdict.has_value());
  EXPECT_EQ(d.claims[0].verdict->label, "not_enough_evidence");
  EXPECT_TRUE(d.has_layer("evidence"));
}

TEST(CrossrefStage, MissingSourceOrIndexNamesThePath) {
  CrossrefStage stage;
  try {
    factpipe::host::configure_stage(stage, Json{{"sources", {"/nonexistent/corpus"}}}, plugin_context());
    FAIL();
  } catch (const std::exception& e) {
    EXPECT_THAT(e.what(), HasSubstr("/nonexistent/corpus"));
  }
  try {
    factpipe::host::configure_stage(stage, Json{{"db", "/nonexistent/index.sqlite"}}, plugin_context());
    FAIL();
  } catch (const std::exception& e) {
    EXPECT_THAT(e.what(), HasSubstr("/nonexistent/index.sqlite"));
  }
}

TEST(CrossrefStage, EvidenceStancesFactChecksAndVerdicts) {
  Corpus corpus;
  CrossrefStage stage;
  factpipe::host::configure_stage(stage, corpus.config(), plugin_context());
  Document d =
      make_doc("art", "x",
               {"The tram extension will cost $450 million.", "Tram ridership in Northport fell 8 percent in 2025.",
                "The province pays 45 percent of the tram extension cost.", "Cod landings were steady in June."});
  stage.process(d);
  const Claim& cost = d.claims[0];
  const Evidence* budget = find_evidence(cost, "budget");
  ASSERT_NE(budget, nullptr);
  EXPECT_EQ(budget->stance, Stance::supports);
  EXPECT_EQ(budget->kind, "passage");
  EXPECT_EQ(budget->title, "City budget 2026");
  EXPECT_THAT(budget->passage, HasSubstr("$450 million"));
  EXPECT_EQ(cost.verdict->label, "supported");
  EXPECT_EQ(find_evidence(cost, "fish"), nullptr);  // unrelated passages are not evidence

  const Claim& fell = d.claims[1];
  const Evidence* fc = find_evidence(fell, "https://example.org/check/tram-ridership-fell");
  ASSERT_NE(fc, nullptr);
  EXPECT_EQ(fc->kind, "factcheck");
  EXPECT_EQ(fc->rating, "False");
  EXPECT_EQ(fc->publisher, "Northport Checks");
  EXPECT_EQ(fc->url, "https://example.org/check/tram-ridership-fell");
  EXPECT_EQ(fc->stance, Stance::refutes);
  const Evidence* report = find_evidence(fell, "ridership");
  ASSERT_NE(report, nullptr);
  EXPECT_EQ(report->stance, Stance::refutes) << report->extra.dump();  // "rose" is the antonym of "fell"
  EXPECT_EQ(fell.verdict->label, "refuted");

  const Claim& share = d.claims[2];
  const Evidence* b2 = find_evidence(share, "budget");
  ASSERT_NE(b2, nullptr);
  EXPECT_EQ(b2->stance, Stance::refutes);
  EXPECT_THAT(b2->extra["crossref"]["reason"].get<std::string>(), HasSubstr("45 percent vs 30 percent"));

  EXPECT_EQ(d.claims[3].verdict->label, "supported");  // the fish report says so, in other words
  // Evidence passages carry code point offsets into their source.
  EXPECT_LT(budget->passage_start, budget->passage_end);
  // The document stays valid JSON with the new layers.
  EXPECT_NO_THROW(document_from_json(to_json(d)));
}

TEST(CrossrefStage, QuotationsAreCheckedAgainstTranscriptsAndTheSpeakersReports) {
  Corpus corpus;
  CrossrefStage stage;
  factpipe::host::configure_stage(stage, corpus.config(), plugin_context());
  std::string text =
      "Holt said \"every month we wait adds to the bill\" and \"I will vote against this plan.\" She also said "
      "\"we will finish the tram line by 2028 and not a day later\" and \"the moon is blue tonight\".";
  Document d = make_doc("q", text, {});
  auto add_quote = [&](const std::string& q, const std::string& speaker) {
    auto pos = text.find(q);
    Quote quote;
    quote.span = Span{pos, pos + q.size()};
    quote.kind = QuoteKind::direct;
    quote.speaker = Speaker{speaker, -1, std::nullopt};
    d.quotes.push_back(quote);
  };
  add_quote("every month we wait adds to the bill", "Jane Holt");
  add_quote("I will vote against this plan.", "Ana Reyes");
  add_quote("we will finish the tram line by 2028 and not a day later", "Jane Holt");
  add_quote("the moon is blue tonight", "Jane Holt");
  stage.process(d);
  ASSERT_TRUE(d.quotes[0].verification.has_value());
  const auto& altered = *d.quotes[0].verification;
  EXPECT_EQ(altered.status, "altered");
  EXPECT_EQ(altered.source_id, "council-transcript-2026-02-05");
  EXPECT_EQ(altered.passage, "every month we delay adds to the bill");
  EXPECT_THAT(altered.diff, ::testing::Contains(DiffOp{DiffOp::Op::remove, "wait"}));
  EXPECT_THAT(altered.diff, ::testing::Contains(DiffOp{DiffOp::Op::insert, "delay"}));
  ASSERT_TRUE(d.quotes[1].verification.has_value());
  EXPECT_EQ(d.quotes[1].verification->status, "verbatim");
  EXPECT_TRUE(d.quotes[1].verification->diff.empty());
  ASSERT_TRUE(d.quotes[2].verification.has_value());
  EXPECT_EQ(d.quotes[2].verification->status, "verbatim");  // an earlier report naming the speaker
  EXPECT_EQ(d.quotes[2].verification->source_id, "mayor-speech");
  if (d.quotes[3].verification) {
    EXPECT_EQ(d.quotes[3].verification->status, "not_found");
  }
}

TEST(CrossrefStage, SameClaimInTwoDocumentsOfABatchIsLinkedBothWays) {
  Corpus corpus;
  CrossrefStage stage;
  factpipe::host::configure_stage(stage, corpus.config(), plugin_context());
  EXPECT_TRUE(CrossrefStage::describe().prepare_batch);
  Document first = make_doc("first", "The tram extension will cost $450 million, officials said.",
                            {"The tram extension will cost $450 million"});
  Document second = make_doc("second", "Officials put the price of the tram extension at $450 million.",
                             {"the price of the tram extension at $450 million"});
  Document third =
      make_doc("third", "The tram extension will cost $600 million.", {"The tram extension will cost $600 million."});
  stage.prepare_batch({&first, &second, &third});  // what the host does before the first document
  stage.process(first);
  stage.process(second);
  stage.process(third);
  // The first document of the batch sees the later ones too: the links no longer depend on the order.
  const Json* forward = find_link(first.claims[0], "second");
  ASSERT_NE(forward, nullptr);
  EXPECT_EQ((*forward)["kind"], "document");
  EXPECT_EQ((*forward)["passage"], "the price of the tram extension at $450 million");
  const Json* back = find_link(second.claims[0], "first");
  ASSERT_NE(back, nullptr);
  EXPECT_EQ((*back)["passage"], "The tram extension will cost $450 million");
  const Json* conflict = find_link(first.claims[0], "third");
  ASSERT_NE(conflict, nullptr);
  EXPECT_EQ((*conflict)["stance"], "refutes");
  EXPECT_EQ(find_link(first.claims[0], "first"), nullptr);  // never itself
  // Links never take an evidence slot.
  for (const auto& e : first.claims[0].evidence) EXPECT_NE(e.kind, "document");
}

TEST(CrossrefStage, WithoutPrepareBatchEarlierDocumentsAreRemembered) {
  Corpus corpus;
  CrossrefStage stage;
  factpipe::host::configure_stage(stage, corpus.config(), plugin_context());
  Document first = make_doc("first", "The tram extension will cost $450 million, officials said.",
                            {"The tram extension will cost $450 million"});
  Document second = make_doc("second", "Officials put the price of the tram extension at $450 million.",
                             {"the price of the tram extension at $450 million"});
  Document third =
      make_doc("third", "The tram extension will cost $600 million.", {"The tram extension will cost $600 million."});
  stage.process(first);
  stage.process(second);
  stage.process(third);
  EXPECT_EQ(find_link(first.claims[0], "second"), nullptr);  // one by one: only earlier documents
  const Json* link = find_link(second.claims[0], "first");
  ASSERT_NE(link, nullptr);
  EXPECT_EQ((*link)["kind"], "document");
  EXPECT_EQ((*link)["passage"], "The tram extension will cost $450 million");
  EXPECT_EQ((*link)["start"], 0u);
  const Json* conflict = find_link(third.claims[0], "first");
  ASSERT_NE(conflict, nullptr);
  EXPECT_EQ((*conflict)["stance"], "refutes");
}

TEST(CrossrefStage, ANewRunForgetsTheDocumentsOfEarlierRuns) {
  Corpus corpus;
  CrossrefStage stage;
  factpipe::host::configure_stage(stage, corpus.config(), plugin_context());
  Document first = make_doc("first", "The tram extension will cost $450 million, officials said.",
                            {"The tram extension will cost $450 million"});
  stage.prepare_batch({&first});
  stage.process(first);
  Document second = make_doc("second", "Officials put the price of the tram extension at $450 million.",
                             {"the price of the tram extension at $450 million"});
  Document again = second;
  stage.prepare_batch({&second});  // a later batch of the same run: linked to the earlier one
  stage.process(second);
  ASSERT_NE(find_link(second.claims[0], "first"), nullptr);
  stage.start_run();  // an independent run (a Dask partition): nothing of the first run is linked
  stage.prepare_batch({&again});
  stage.process(again);
  EXPECT_EQ(find_link(again.claims[0], "first"), nullptr);
  ASSERT_NE(find_evidence(again.claims[0], "budget"), nullptr);  // the sources are still there
}

TEST(CrossrefStage, ProcessesDocumentsOnSeveralThreads) {
  Corpus corpus;
  CrossrefStage stage;
  factpipe::host::configure_stage(stage, corpus.config(), plugin_context());
  std::vector<Document> docs;
  for (const char* id : {"d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7"})
    docs.push_back(make_doc(id, "x", {"The tram extension will cost $450 million."}));
  std::vector<std::thread> threads;
  for (auto& d : docs) threads.emplace_back([&] { stage.process(d); });
  for (auto& t : threads) t.join();
  for (auto& d : docs) {
    ASSERT_NE(find_evidence(d.claims[0], "budget"), nullptr);
    EXPECT_EQ(d.claims[0].verdict->label, "supported");
  }
}

TEST(CrossrefStage, DefaultIndexLivesInTheUserCache) {
  auto p = CrossrefStage::default_db_path({"/some/corpus"});
  EXPECT_THAT(p.string(), HasSubstr("factpipe"));
  EXPECT_THAT(p.filename().string(), ::testing::StartsWith("crossref-"));
  EXPECT_NE(p, CrossrefStage::default_db_path({"/other/corpus"}));
}

// The bundled example: each claim (normalised by hand in example_claims.json) against examples' gold file.
TEST(CrossrefExample, ClaimsGetTheExpectedSources) {
  fs::path examples = test::source_dir() / "examples";
  if (!fs::exists(examples / "sources") || !fs::exists(examples / "articles/harbor-bridge-2026.gold.json"))
    FAIL() << "the committed examples are missing from " << examples;
  TempDir tmp;
  CrossrefStage stage;
  factpipe::host::configure_stage(
      stage, Json{{"sources", {(examples / "sources").string()}}, {"db", (tmp.path() / "ex.sqlite").string()}},
      plugin_context());
  Json normalized = Json::parse(test::read_file(test::source_dir() / "tests/crossref/example_claims.json"));
  std::size_t expected = 0, right = 0;
  std::string misses;
  std::map<std::string, std::string> verdicts;
  for (std::string article : {"harbor-bridge-2026", "transit-fares-2026"}) {
    Json gold = Json::parse(test::read_file(examples / "articles" / (article + ".gold.json")));
    std::string text = test::read_file(examples / "articles" / (article + ".txt"));
    Document d(article, text);
    d.metadata.id = article;
    d.metadata.published = "2026-03-20";
    for (auto& c : gold["claims"]) {
      Claim claim;
      std::string anchor = c["anchor"];
      auto pos = text.find(anchor);
      claim.span = Span{pos, pos + anchor.size()};
      claim.text = anchor;
      claim.normalized = normalized.at(article + "/" + c["id"].get<std::string>());
      claim.claimant = c["claimant"].is_string() ? c["claimant"].get<std::string>() : "";
      d.claims.push_back(claim);
    }
    stage.process(d);
    for (std::size_t i = 0; i < gold["claims"].size(); ++i) {
      auto& c = gold["claims"][i];
      const Claim& got = d.claims[i];
      verdicts[article + "/" + c["id"].get<std::string>()] = got.verdict->label;
      for (std::string role : {"supports", "refutes", "discusses"}) {
        for (auto& sid : c.value(role, Json::array())) {
          ++expected;
          const Evidence* e = find_evidence(got, sid.get<std::string>());
          if (e && to_string(e->stance) == role) {
            ++right;
            continue;
          }
          std::ostringstream miss;
          miss << article << ' ' << c["id"].get<std::string>() << ' ' << role << ' ' << sid.get<std::string>() << " ("
               << (e ? std::string("got ") + std::string(to_string(e->stance)) : std::string("not found")) << ")\n";
          misses += miss.str();
        }
      }
    }
  }
  std::printf("example: %zu of %zu expected (source, stance) pairs right; misses:\n%s", right, expected,
              misses.c_str());
  // Measured 28 of 34 when this test was written; the misses are listed above (paraphrase beyond words).
  EXPECT_GE(right, 27u) << misses;
  // The refutations the example is built around (numbers that differ) and the claim without evidence.
  EXPECT_EQ(verdicts["harbor-bridge-2026/c12"], "refuted");
  EXPECT_EQ(verdicts["harbor-bridge-2026/c10"], "refuted");
  EXPECT_EQ(verdicts["harbor-bridge-2026/c07"], "refuted");
  EXPECT_EQ(verdicts["transit-fares-2026/c04"], "refuted");
  EXPECT_EQ(verdicts["harbor-bridge-2026/c05"], "not_enough_evidence");
  EXPECT_EQ(verdicts["harbor-bridge-2026/c03"], "supported");
  EXPECT_EQ(verdicts["harbor-bridge-2026/c15"], "supported");
}

TEST(CrossrefExample, QuotationsMatchTheTranscriptKey) {
  fs::path examples = test::source_dir() / "examples";
  if (!fs::exists(examples / "sources") || !fs::exists(examples / "articles/harbor-bridge-2026.gold.json"))
    FAIL() << "the committed examples are missing from " << examples;
  TempDir tmp;
  CrossrefStage stage;
  factpipe::host::configure_stage(
      stage, Json{{"sources", {(examples / "sources").string()}}, {"db", (tmp.path() / "ex.sqlite").string()}},
      plugin_context());
  std::string text = test::read_file(examples / "articles/harbor-bridge-2026.txt");
  Json gold = Json::parse(test::read_file(examples / "articles/harbor-bridge-2026.gold.json"));
  Document d("harbor-bridge-2026", text);
  d.metadata.published = "2026-03-14";
  utf8::OffsetMap map(text);
  std::vector<std::string> ids;
  for (auto& q : gold["quotes"]) {
    if (q["kind"] == "indirect") continue;
    Quote quote;
    quote.span = Span{map.to_byte(q["start"]), map.to_byte(q["end"])};
    quote.kind = quote_kind_from(q["kind"].get<std::string>());
    if (q["speaker"].is_string()) quote.speaker = Speaker{q["speaker"], -1, std::nullopt};
    d.quotes.push_back(quote);
    ids.push_back(q["id"]);
  }
  stage.process(d);
  std::map<std::string, QuoteVerification> got;
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (d.quotes[i].verification) got[ids[i]] = *d.quotes[i].verification;
  EXPECT_EQ(got["q01"].status, "altered");
  EXPECT_EQ(got["q01"].source_id, "council-transcript-2026-03-10");
  EXPECT_THAT(got["q01"].diff, ::testing::Contains(DiffOp{DiffOp::Op::insert, "delay"}));
  for (auto id : {"q03", "q05", "q17"}) {
    EXPECT_EQ(got[id].status, "verbatim") << id;
    EXPECT_EQ(got[id].source_id, "council-transcript-2026-03-10") << id;
  }
  // The provincial press release is an earlier report of the minister: q08 verbatim, q09 altered.
  EXPECT_EQ(got["q08"].status, "verbatim");
  EXPECT_EQ(got["q08"].source_id, "province-harbour-link-share");
  EXPECT_EQ(got["q09"].status, "altered");
  for (auto id : {"q02", "q06", "q13", "q15", "q16", "q20", "q21", "q22"}) EXPECT_EQ(got[id].status, "not_found") << id;
}

TEST(CrossrefStage, APostIsCheckedThroughItsMarkupAndItsFactChecksAreRankedApart) {
  Corpus corpus;
  CrossrefStage stage;
  factpipe::host::configure_stage(stage, corpus.config(), plugin_context());
  std::string text =
      "RT @NorthportNews: Tram ridership in #Northport fell 8 percent in 2025!! https://t.co/abc \xE2\x80\x94 "
      "Sam Critic (@samc) March 1, 2026";
  Document d = make_doc("post", text,
                        {"RT @NorthportNews: Tram ridership in #Northport fell 8 percent in 2025!! https://t.co/abc"});
  d.claims[0].normalized.clear();  // as the claims stage leaves a whole post
  auto markup = factpipe::text::markup_of(d);
  EXPECT_EQ(CrossrefStage::query_text(d, d.claims[0], markup),
            " Northport News : Tram ridership in Northport fell 8 percent in 2025!! ");
  stage.process(d);
  const Claim& c = d.claims[0];
  const Evidence* fc = find_evidence(c, "https://example.org/check/tram-ridership-fell");
  ASSERT_NE(fc, nullptr);
  EXPECT_EQ(fc->stance, Stance::refutes);
  EXPECT_EQ(c.verdict->label, "refuted");
  // Passages first, then the fact-checks, each kind best first; no links in evidence slots.
  bool seen_factcheck = false;
  for (const auto& e : c.evidence) {
    EXPECT_NE(e.kind, "document");
    if (e.kind == "factcheck") seen_factcheck = true;
    else EXPECT_FALSE(seen_factcheck) << "a passage after a fact-check";
  }
}

TEST(CrossrefStage, ANamedDatabaseIsUsedAsItIsWithoutTheExampleSources) {
  Corpus corpus;
  {
    CrossrefStage build;  // the user's database, built from their sources
    factpipe::host::configure_stage(build, corpus.config(), plugin_context());
  }
  TempDir other;
  write_file(other.path() / "extra.jsonl",
             "{\"id\": \"bundled-example\", \"text\": \"Tram ridership in Northport fell.\"}\n");
  CrossrefStage stage;
  factpipe::host::configure_stage(
      stage, Json{{"db", corpus.db.string()}, {"example_sources", {(other.path() / "extra.jsonl").string()}}},
      plugin_context());
  EXPECT_EQ(stage.db_path(), corpus.db);
  Document d = make_doc("d", "x", {"Tram ridership in Northport fell 8 percent in 2025."});
  stage.process(d);
  EXPECT_EQ(find_evidence(d.claims[0], "bundled-example"), nullptr);  // never indexed into the named db
  EXPECT_NE(find_evidence(d.claims[0], "ridership"), nullptr);
}

// The stage reads a post's byline: its author's name is a second query, so a fact-check naming the author
// becomes a match; the same post without the byline does not get it (one word candidate only).
TEST(CrossrefStage, APostsBylineAuthorBringsFactChecksAboutTheAuthor) {
  TempDir tmp;
  write_file(tmp.path() / "checks.jsonl",
             "{\"id\": \"plain\", \"kind\": \"factcheck\", \"text\": \"Crime in Northport rose 40 percent last "
             "year.\"}\n"
             "{\"id\": \"about-author\", \"kind\": \"factcheck\", \"text\": \"Jane Holt said crime in Northport "
             "fell.\"}\n");
  CrossrefStage stage;
  factpipe::host::configure_stage(stage,
                                  Json{{"sources", Json::array({(tmp.path() / "checks.jsonl").string()})},
                                       {"db", (tmp.path() / "index.sqlite").string()},
                                       {"candidates", 1},
                                       {"dense", false},
                                       {"author_candidates", 2}},
                                  plugin_context());
  const std::string claim = "Crime in Northport rose 40 percent last year";
  auto post = [&](const std::string& text) {
    Document d = make_doc("post", text, {claim});
    d.claims[0].extra["claims"]["whole_text"] = true;  // a post checked as a whole
    stage.process(d);
    return d;
  };
  Document with = post(claim + " \xE2\x80\x94 Jane Holt (@janeholt) March 1, 2026");
  EXPECT_NE(find_evidence(with.claims[0], "plain"), nullptr);
  EXPECT_NE(find_evidence(with.claims[0], "about-author"), nullptr);
  Document without = post(claim);
  EXPECT_NE(find_evidence(without.claims[0], "plain"), nullptr);
  EXPECT_EQ(find_evidence(without.claims[0], "about-author"), nullptr);
}
