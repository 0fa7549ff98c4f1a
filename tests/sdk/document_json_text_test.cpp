// write_json_text must give the bytes of the JSON tree's dump (to_json(doc).dump() and .dump(2)), for every
// layer and field, odd strings and numbers included, and fail the way the tree writer fails.
#include <factpipe/document_json.hpp>

#include <cmath>
#include <limits>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "deep_json.hpp"

using namespace factpipe;
using ::testing::HasSubstr;

namespace {

// Every layer and optional field set, non-ASCII and control characters in text and strings, extras
// everywhere, and numbers of every kind the writer prints.
Document full_document() {
  Document d("doc \"1\"\\",
             "Putin said “we stand together.”\tKim agreed.\r\nCafé prices rose 14% in 2025 😀.\x01\x1f\x7f");
  d.metadata = {"doc \"1\"\\", "Tïtle\n",   "https://example.org/a?b=1&c=<2>", "Ledger", "2024-06-19",
                "en",          "dir/a.txt", {"Ann \"Q\" Smith", "Bø Lee"}};
  auto find = [&](std::string_view s) {
    auto p = d.text.find(s);
    return Span{p, p + s.size()};
  };
  d.paragraphs.push_back({Span{0, d.text.size()}, Json{{"z", 1}, {"a", {{"deep", {1, 2.5, nullptr, "x"}}}}}});
  d.paragraphs.push_back({Span{5, 5}, Json::object()});
  d.sentences.push_back({find("Putin said “we stand together.”"), 0, 0.25, Json::object()});
  d.sentences.push_back({find("Kim agreed."), 1, std::nullopt, Json{{"mine", {1, 2}}}});
  d.sentences.push_back({find("Café prices"), -1, 1e-7, Json::object()});
  d.tokens.push_back({find("Putin"), TokenKind::word});
  d.tokens.push_back({find("“"), TokenKind::punct});
  d.tokens.push_back({find("😀"), TokenKind::symbol});
  d.entities.push_back({"PERSON", "Vladimir Putin", {{find("Putin"), MentionKind::name}}, Json{{"wiki", "Q7747"}}});
  d.entities.push_back({"PERSON",
                        "Kim",
                        {{find("Kim"), MentionKind::pronoun}, {find("Kim agreed"), MentionKind::nominal}},
                        Json::object()});
  d.entities.push_back({"ORG", "", {}, Json::object()});
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
  q.extra = Json{{"quotes", {{"rule", "colon"}}}};
  d.quotes.push_back(q);
  Quote unattributed;
  unattributed.span = find("Kim agreed");
  unattributed.kind = QuoteKind::indirect;
  unattributed.speaker = Speaker{"someone", -1, std::nullopt};
  d.quotes.push_back(unattributed);
  Quote partial;
  partial.span = find("together");
  partial.kind = QuoteKind::partial;
  partial.verification = QuoteVerification{"not_found", "", "", "", "", {}, 0.0};
  d.quotes.push_back(partial);
  Claim c;
  c.span = find("Café prices rose 14% in 2025");
  c.text = std::string(d.slice(c.span));
  c.normalized = "Ledger: " + c.text;
  c.score = 0.8125;
  c.type = "quantity";
  c.claimant = "Ledger";
  c.claimant_entity = 1;
  c.quote = 0;
  c.sentence = 2;
  c.entities = {0, 1};
  c.numbers.push_back(find("14%"));
  c.dates.push_back(find("2025"));
  Evidence e;
  e.source_id = "stats-1";
  e.title = "Stats";
  e.passage = "prices rose 3%";
  e.passage_end = 14;
  e.score = 12.5;
  e.stance = Stance::refutes;
  e.confidence = 0.7;
  e.extra = Json{{"bm25", 3.25}};
  c.evidence.push_back(e);
  Evidence f;
  f.kind = "factcheck";
  f.score = -1234567.0;
  f.rating = "False";
  f.confidence = 1.0 / 3.0;
  c.evidence.push_back(f);
  c.verdict = Verdict{"refuted", 0.7, "numbers \"disagree\""};
  c.extra = Json{{"claims", {{"features", {0.1, 1e21, -0.0}}}}};
  d.claims.push_back(c);
  Claim bare;
  bare.span = find("Kim agreed.");
  bare.score = std::numeric_limits<double>::quiet_NaN();  // written as null, as nlohmann does
  d.claims.push_back(bare);
  d.layers = {"sentences", "tokens", "entities", "quotes", "claims"};
  d.provenance = {
      "default", "/etc/p.yaml", {{"segmenter", "segmenter", "1.0", 0.001234}, {"claims", "claims", "2", 12.0}}};
  d.extra = Json{{"input", {{"claim", true}}}, {"authors", {"A", "B"}}};
  return d;
}

void expect_same_as_tree(const Document& d) {
  EXPECT_EQ(to_json_text(d), to_json(d).dump());
  EXPECT_EQ(to_json_text(d, 2), to_json(d).dump(2));
  EXPECT_EQ(to_json_text(d, 4), to_json(d).dump(4));
}

TEST(DocumentJsonText, SameBytesAsTheTreeWriter) { expect_same_as_tree(full_document()); }

TEST(DocumentJsonText, SameBytesForEmptyAndBareDocuments) {
  expect_same_as_tree(Document());
  expect_same_as_tree(Document("x", "plain ascii text"));
  Document odd("", std::string("nul\0byte", 8));
  odd.extra = Json();  // not an object: written as {}
  expect_same_as_tree(odd);
}

TEST(DocumentJsonText, EveryControlCharacterIsEscapedAsNlohmannDoes) {
  std::string text;
  for (int c = 0; c < 0x80; ++c) text += static_cast<char>(c);
  Document d("ctl", text);
  d.tokens.push_back({Span{0, text.size()}, TokenKind::other});
  d.entities.push_back({"X", text, {{Span{0, text.size()}, MentionKind::name}}, Json::object()});
  expect_same_as_tree(d);
}

TEST(DocumentJsonText, AppendsToWhatIsThere) {
  std::string out = "prefix";
  write_json_text(full_document(), out);
  EXPECT_EQ(out, "prefix" + to_json(full_document()).dump());
}

TEST(DocumentJsonText, InvalidUtf8InAStringFailsLikeTheTreeWriter) {
  Document d = full_document();
  d.entities[0].name = "bad \xC3 byte";
  EXPECT_THROW(to_json(d).dump(), Json::type_error);
  EXPECT_THROW(to_json_text(d), Json::type_error);
  d.entities[0].name = "overlong \xC0\xAF";
  EXPECT_THROW(to_json_text(d, 2), Json::type_error);
  d.entities[0].name = "surrogate \xED\xA0\x80";
  EXPECT_THROW(to_json_text(d), Json::type_error);
}

TEST(DocumentJsonText, AnExtraTooDeepNamesTheSameFieldAsTheTreeWriter) {
  Document d = full_document();
  d.claims[0].evidence[1].extra = Json{{"deep", test::nested_arrays(40)}};
  d.extra = Json{{"deep", test::nested_arrays(40)}};  // also too deep, but found later by both
  std::string tree, text;
  try {
    to_json(d, 16);
  } catch (const JsonError& e) {
    tree = e.what();
  }
  try {
    to_json_text(d, 0, 16);
  } catch (const JsonError& e) {
    text = e.what();
  }
  EXPECT_THAT(text, HasSubstr("/claims/0/evidence/1/extra"));
  EXPECT_EQ(text, tree);
}

}  // namespace
