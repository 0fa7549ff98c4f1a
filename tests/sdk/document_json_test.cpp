#include <factpipe/document_json.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace factpipe;
using ::testing::HasSubstr;

namespace {
// A document with every layer filled, non-ASCII text so byte and code point offsets differ.
Document rich_document() {
  Document d("doc-1", "Putin said “we stand together.” Kim agreed. Café prices rose 14% in 2025.");
  d.metadata = {"doc-1", "Title", "https://example.org/a", "Ledger", "2024-06-19",
                "en",    "a.txt", {"Ann Smith", "Bo Lee"}};
  auto find = [&](std::string_view s) {
    auto p = d.text.find(s);
    return Span{p, p + s.size()};
  };
  d.paragraphs.push_back({Span{0, d.text.size()}, Json::object()});
  d.sentences.push_back({find("Putin said “we stand together.”"), 0, 0.25, Json::object()});
  d.sentences.push_back({find("Kim agreed."), 0, std::nullopt, Json{{"mine", {1, 2}}}});
  d.tokens.push_back({find("Putin"), TokenKind::word});
  d.tokens.push_back({find("“"), TokenKind::punct});
  d.entities.push_back({"PERSON", "Vladimir Putin", {{find("Putin"), MentionKind::name}}, Json::object()});
  Quote q;
  q.span = find("we stand together.");
  q.kind = QuoteKind::direct;
  q.speaker = Speaker{"Vladimir Putin", 0, find("Putin")};
  q.cue = find("said");
  q.cue_verb = "say";
  q.confidence = 0.9;
  q.verification = QuoteVerification{
      "altered",
      "s1",
      "Transcript",
      "https://x",
      "we stand side by side",
      {{DiffOp::Op::equal, "we stand"}, {DiffOp::Op::remove, "together"}, {DiffOp::Op::insert, "side by side"}},
      0.6};
  d.quotes.push_back(q);
  Quote unattributed;
  unattributed.span = find("Kim agreed");
  unattributed.kind = QuoteKind::indirect;
  d.quotes.push_back(unattributed);
  Claim c;
  c.span = find("Café prices rose 14% in 2025");
  c.text = std::string(d.slice(c.span));
  c.normalized = c.text;
  c.score = 0.8125;
  c.type = "quantity";
  c.claimant = "Ledger";
  c.quote = -1;
  c.sentence = 1;
  c.numbers.push_back(find("14%"));
  c.dates.push_back(find("2025"));
  Evidence e;
  e.source_id = "stats-1";
  e.passage = "prices rose 3%";
  e.passage_end = 14;
  e.score = 12.5;
  e.stance = Stance::refutes;
  e.confidence = 0.7;
  c.evidence.push_back(e);
  c.verdict = Verdict{"refuted", 0.7, "numbers disagree"};
  d.claims.push_back(c);
  d.layers = {"sentences", "tokens", "entities", "quotes", "claims"};
  d.provenance = {"default", "config/default.yaml", {{"seg", "segmenter", "1.0.0", 0.001}}};
  d.extra = Json{{"myplugin", {{"score", 3}}}};
  return d;
}
}  // namespace

TEST(DocumentJson, RoundTripIsExact) {
  Document d = rich_document();
  Json j = to_json(d);
  Document back = document_from_json(j);
  EXPECT_EQ(back, d);
  EXPECT_EQ(to_json(back).dump(), j.dump());
  // And through text, as a file would carry it.
  EXPECT_EQ(document_from_json(Json::parse(j.dump())), d);
}

TEST(DocumentJson, OffsetsAreCodePoints) {
  Document d = rich_document();
  Json j = to_json(d);
  const auto& q = j["quotes"][0];
  std::u32string_view expected = U"we stand together.";
  EXPECT_EQ(q["start"].get<std::size_t>(), 12u);  // "Putin said “" is 12 code points, 14 bytes
  EXPECT_EQ(q["end"].get<std::size_t>() - q["start"].get<std::size_t>(), expected.size());
  EXPECT_EQ(q["text"], "we stand together.");
  EXPECT_EQ(q["speaker"]["mention"]["text"], "Putin");
  EXPECT_EQ(j["claims"][0]["numbers"][0]["text"], "14%");
}

TEST(DocumentJson, ErrorsNameTheField) {
  Json j = to_json(rich_document());
  j["quotes"][0]["speaker"]["mention"]["end"] = 100000;
  try {
    document_from_json(j);
    FAIL() << "expected an error";
  } catch (const JsonError& e) {
    EXPECT_EQ(e.path, "/quotes/0/speaker/mention");
    EXPECT_THAT(e.what(), HasSubstr("past the end of the text"));
  }
  Json k = to_json(rich_document());
  k["claims"][0]["evidence"][0]["stance"] = "agrees";
  EXPECT_THAT([&] { document_from_json(k); },
              testing::ThrowsMessage<JsonError>(HasSubstr("/claims/0/evidence/0/stance: unknown stance 'agrees'")));
  Json u = to_json(rich_document());
  u["sentences"][0]["colour"] = "red";
  EXPECT_THAT([&] { document_from_json(u); },
              testing::ThrowsMessage<JsonError>(HasSubstr("/sentences/0: unknown field 'colour'")));
  EXPECT_THAT(
      [&] {
        document_from_json(Json{{"id", "x"}});
      },
      testing::ThrowsMessage<JsonError>(HasSubstr("missing required field 'text'")));
}

TEST(DocumentJson, AcceptsPlainCorpusRecords) {
  Document d = document_from_json(Json{{"id", "a"}, {"text", "Hello."}, {"title", "T"}, {"date", "2020-01-01"}});
  EXPECT_EQ(d.metadata.title, "T");
  EXPECT_EQ(d.metadata.published, "2020-01-01");
}

TEST(DocumentJson, AuthorsAreMetadataGivenAsAListOrOneName) {
  Json j = to_json(rich_document());
  EXPECT_EQ(j["metadata"]["authors"], Json({"Ann Smith", "Bo Lee"}));
  EXPECT_EQ(to_json(Document("x", "y"))["metadata"]["authors"], Json::array());
  // At the top level, as corpora give it, or in metadata; one name may stand alone.
  Document d = document_from_json(Json{{"id", "a"}, {"text", "Hello."}, {"authors", "Cy Diaz"}});
  EXPECT_EQ(d.metadata.authors, std::vector<std::string>{"Cy Diaz"});
  d = document_from_json(Json{{"text", "Hello."}, {"metadata", {{"authors", {"A", "B"}}}}});
  EXPECT_EQ(d.metadata.authors, (std::vector<std::string>{"A", "B"}));
  EXPECT_THAT(
      [] {
        document_from_json(Json{{"text", "x"}, {"metadata", {{"authors", {"A", 3}}}}});
      },
      testing::ThrowsMessage<JsonError>(HasSubstr("/metadata/authors/1: expected a string")));
}

TEST(DocumentJson, RejectsInvalidUtf8) {
  EXPECT_THAT([] { document_from_text("bad", "ok\nno \xFF here"); },
              testing::ThrowsMessage<std::invalid_argument>(HasSubstr("line 2, column 4")));
}

TEST(Document, FindsSentenceAndTokenByOffset) {
  Document d = rich_document();
  EXPECT_EQ(d.sentence_at(0), 0);
  EXPECT_EQ(d.sentence_at(d.text.find("Kim")), 1);
  EXPECT_EQ(d.sentence_at(d.text.size() - 1), -1);
  EXPECT_EQ(d.token_at(2), 0);
}

TEST(DocumentJson, EveryQuoteKindRoundTripsByName) {
  for (QuoteKind k : {QuoteKind::direct, QuoteKind::partial, QuoteKind::indirect, QuoteKind::mixed}) {
    Document d;
    d.text = "He said it was \"fine\".";
    Quote q;
    q.span = {8, 22};
    q.kind = k;
    d.quotes.push_back(q);
    Json j = to_json(d);
    EXPECT_EQ(j["quotes"][0]["kind"], std::string(to_string(k)));
    EXPECT_EQ(document_from_json(j).quotes.at(0).kind, k);
  }
  EXPECT_EQ(to_string(QuoteKind::mixed), "mixed");
  EXPECT_FALSE(quoted_verbatim(QuoteKind::mixed));
  EXPECT_TRUE(quoted_verbatim(QuoteKind::partial));
  EXPECT_THROW(quote_kind_from("reported"), std::exception);
}
