// The claims stage over hand-made documents: every sentence here was written for these tests.
#include <thread>

#include <gtest/gtest.h>

#include <factpipe/host/stage_config.hpp>
#include "claims_test_support.hpp"

using namespace factpipe;
using namespace factpipe::claims;
using namespace factpipe::claims::test;

namespace {

// Threshold 0 isolates the rules (types, splitting, filters, attribution) from the model's scores.
ClaimsStage rules_stage() { return configured_stage(Json{{"threshold", 0.0}}); }

const Claim* only_claim(const Document& doc, int sentence) {
  auto c = claims_of_sentence(doc, sentence);
  EXPECT_EQ(c.size(), 1u) << "sentence " << sentence << ": "
                          << doc.slice(doc.sentences[static_cast<std::size_t>(sentence)].span);
  return c.empty() ? nullptr : c.front();
}

}  // namespace

TEST(ClaimsStage, DescribesItselfWithASchemaThatAcceptsAnEmptyConfig) {
  auto info = ClaimsStage::describe();
  EXPECT_EQ(info.name, "claims");
  EXPECT_TRUE(info.thread_safe);
  EXPECT_EQ(layer_names(info.requires_layers), (std::vector<std::string>{"sentences", "markup", "entities", "quotes"}));
  EXPECT_EQ(layer_names(info.provides_layers), (std::vector<std::string>{"claims", "checkworthiness"}));
  EXPECT_FALSE(info.config_schema["additionalProperties"].get<bool>());
  for (auto& [key, prop] : info.config_schema["properties"].items()) {
    EXPECT_TRUE(prop.contains("default")) << key;
    EXPECT_TRUE(prop.contains("description")) << key;
  }
  ClaimsStage stage = configured_stage();
  EXPECT_DOUBLE_EQ(stage.threshold(), stage.model().recall_threshold());
  EXPECT_DOUBLE_EQ(configured_stage(Json{{"operating_point", "f1"}}).threshold(), stage.model().threshold());
}

TEST(ClaimsStage, RejectsUnknownOrBadConfigNamingTheKey) {
  ClaimsStage stage;
  auto ctx = Context::for_library(plugin_library());
  try {
    factpipe::host::configure_stage(stage, Json{{"treshold", 0.3}}, ctx);
    FAIL() << "accepted an unknown key";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("treshold"), std::string::npos) << e.what();
  }
  try {
    factpipe::host::configure_stage(stage, Json{{"threshold", 2.0}}, ctx);
    FAIL() << "accepted a threshold above 1";
  } catch (const std::invalid_argument& e) {
    // The schema's check, worded as `factpipe validate` words it: the stage no longer checks by hand.
    EXPECT_NE(std::string(e.what()).find("claims: config key 'threshold': must be <= 1"), std::string::npos)
        << e.what();
  }
}

TEST(ClaimsStage, ScoresEverySentenceInTheUnitInterval) {
  auto doc = make_doc({"Thank you.", "The unemployment rate fell to 4.1 percent in 2017.", "What do you think?"});
  configured_stage().process(doc);
  for (auto& s : doc.sentences) {
    ASSERT_TRUE(s.checkworthiness.has_value());
    EXPECT_GE(*s.checkworthiness, 0.0);
    EXPECT_LE(*s.checkworthiness, 1.0);
  }
  EXPECT_GT(*doc.sentences[1].checkworthiness, *doc.sentences[0].checkworthiness);
  EXPECT_GT(*doc.sentences[1].checkworthiness, *doc.sentences[2].checkworthiness);
  EXPECT_TRUE(doc.has_layer("claims"));
  EXPECT_TRUE(doc.has_layer("checkworthiness"));
}

TEST(ClaimsStage, TheShippedModelSeparatesStatisticsFromSmallTalk) {
  auto doc = make_doc({
      "The city spent $4.5 million on road repairs in 2023, twice the amount spent in 2019.",
      "Crime in the county fell by 12 percent last year, according to police figures.",
      "Good evening and welcome, everybody.",
      "I love this town and its wonderful people.",
  });
  configured_stage().process(doc);
  EXPECT_EQ(claims_of_sentence(doc, 0).size(), 1u);
  EXPECT_EQ(claims_of_sentence(doc, 1).size(), 1u);
  EXPECT_TRUE(claims_of_sentence(doc, 2).empty());
  EXPECT_TRUE(claims_of_sentence(doc, 3).empty());
}

TEST(ClaimsStage, TypesClaims) {
  auto doc = make_doc({
      "The council approved a budget of 3.2 million euros for the new library.",
      "Exports to Canada grew faster than imports from Mexico during the decade.",
      "The mayor signed the agreement with the port authority on Tuesday.",
      "The minister said the government should raise the pension age.",
      "The factory closed because the regional power grid failed repeatedly.",
      "The new line will open to passengers next spring, the operator said.",
      "Maria Lopez is the chief executive of the regional water company.",
  });
  rules_stage().process(doc);
  const char* expected[] = {"quantity", "comparison", "event", "position", "causal", "prediction", "identity"};
  for (int i = 0; i < 7; ++i) {
    const Claim* c = only_claim(doc, i);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->type, expected[i]) << c->text;
  }
}

TEST(ClaimsStage, AppositiveGivesAnIdentityClaim) {
  auto doc = make_doc(
      {"Ahead of the talks, Anna Berg, the Swedish Trade Minister and a former banker, met the delegation in Oslo."});
  rules_stage().process(doc);
  bool found = false;
  for (auto& c : doc.claims)
    if (c.type == "identity") {
      found = true;
      EXPECT_EQ(c.text, "Anna Berg, the Swedish Trade Minister and a former banker");
    }
  EXPECT_TRUE(found);
}

TEST(ClaimsStage, NotClaims) {
  auto doc = make_doc({
      "How many jobs did the plan create in 2020?",              // question
      "Good evening and thank you for joining us.",              // greeting
      "By Jane Porter and Tom Reid",                             // byline
      "Erik Olsen, Nordic News, Pool Photo via AP",              // photo credit
      "date 2025-03-14",                                         // dateline
      "I think the new stadium is a beautiful building.",        // opinion
      "The merger could possibly reshape the regional market.",  // hedged speculation
      "Prices might rise again if the drought continues.",       // hedged speculation
  });
  rules_stage().process(doc);
  const char* reasons[] = {"question", "greeting", "byline", "photo_credit", "dateline", "opinion", "hedged", "hedged"};
  for (int i = 0; i < 8; ++i) {
    EXPECT_TRUE(claims_of_sentence(doc, i).empty()) << doc.slice(doc.sentences[static_cast<std::size_t>(i)].span);
    const auto& extra = doc.sentences[static_cast<std::size_t>(i)].extra;
    ASSERT_TRUE(extra.contains("claims")) << i;
    EXPECT_EQ(extra["claims"]["not_claim"], reasons[i]) << doc.slice(doc.sentences[static_cast<std::size_t>(i)].span);
  }
}

TEST(ClaimsStage, DatelinePrefixIsCutFromTheClaim) {
  auto doc = make_doc({"OSLO (Reuters) - The central bank raised its key rate to 4.5 percent on Thursday."});
  rules_stage().process(doc);
  const Claim* c = only_claim(doc, 0);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->text, "The central bank raised its key rate to 4.5 percent on Thursday.");
}

TEST(ClaimsStage, SplitsTwoIndependentClaims) {
  auto doc = make_doc({
      "Wheat prices rose 5% and corn prices fell 3%.",
      "The ministry hired 200 nurses in March; the hospital closed two wards in April.",
      "Ticket sales doubled in June, but attendance fell by a third in July.",
      "Russia and Norway signed the fishing treaty in 2010.",  // coordinated subjects: one claim
      "She said exports rose and imports fell.",               // reported content stays whole
  });
  rules_stage().process(doc);
  auto texts = [&](int s) {
    std::vector<std::string> out;
    for (auto* c : claims_of_sentence(doc, s)) out.push_back(c->text);
    return out;
  };
  EXPECT_EQ(texts(0), (std::vector<std::string>{"Wheat prices rose 5%", "corn prices fell 3%."}));
  EXPECT_EQ(texts(1), (std::vector<std::string>{"The ministry hired 200 nurses in March",
                                                "the hospital closed two wards in April."}));
  EXPECT_EQ(texts(2),
            (std::vector<std::string>{"Ticket sales doubled in June", "attendance fell by a third in July."}));
  EXPECT_EQ(texts(3).size(), 1u);
  EXPECT_EQ(texts(4).size(), 1u);
  // Each part carries its own numbers and dates.
  auto parts = claims_of_sentence(doc, 1);
  ASSERT_EQ(parts.size(), 2u);
  ASSERT_EQ(parts[0]->numbers.size(), 1u);
  EXPECT_EQ(doc.slice(parts[0]->numbers[0]), "200");
  ASSERT_EQ(parts[1]->dates.size(), 1u);
  EXPECT_EQ(doc.slice(parts[1]->dates[0]), "April");
  EXPECT_EQ(parts[0]->type, "quantity");
  EXPECT_EQ(claims_of_sentence(doc, 0)[1]->type, "comparison");
}

TEST(ClaimsStage, NumbersDatesAndEntitiesOfAClaim) {
  auto doc = make_doc({"On June 19, 2024, Nordbank lent $1.2 billion to Harlow Steel."});
  int bank = add_entity(doc, "ORG", "Nordbank", {{"Nordbank", MentionKind::name}});
  int steel = add_entity(doc, "ORG", "Harlow Steel", {{"Harlow Steel", MentionKind::name}});
  rules_stage().process(doc);
  const Claim* c = only_claim(doc, 0);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->entities, (std::vector<int>{bank, steel}));
  ASSERT_EQ(c->numbers.size(), 1u);
  EXPECT_EQ(doc.slice(c->numbers[0]), "$1.2 billion");
  ASSERT_EQ(c->dates.size(), 1u);
  EXPECT_EQ(doc.slice(c->dates[0]), "June 19, 2024");
}

TEST(ClaimsStage, ClaimInsideAQuoteIsCreditedToTheSpeaker) {
  auto doc = make_doc({"\"The factory cut 300 jobs in 2022,\" Helen Ward told reporters on Monday.",
                       "The company employs 4,000 people in the region."});
  doc.metadata.publisher = "Daily Ledger";
  int ward = add_entity(doc, "PERSON", "Helen Ward", {{"Helen Ward", MentionKind::name}});
  Quote q;
  q.span = find_span(doc, "The factory cut 300 jobs in 2022,");
  q.kind = QuoteKind::direct;
  q.speaker = Speaker{"Helen Ward", ward, find_span(doc, "Helen Ward")};
  doc.quotes.push_back(q);
  rules_stage().process(doc);
  const Claim* c = only_claim(doc, 0);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->claimant, "Helen Ward");
  EXPECT_EQ(c->claimant_entity, ward);
  EXPECT_EQ(c->quote, 0);
  EXPECT_EQ(c->normalized, "Helen Ward said the factory cut 300 jobs in 2022.");
  const Claim* own = only_claim(doc, 1);
  ASSERT_NE(own, nullptr);
  EXPECT_EQ(own->claimant, "Daily Ledger");
  EXPECT_EQ(own->quote, -1);
}

TEST(ClaimsStage, UnknownPublisherIsThePublication) {
  auto doc = make_doc({"The company employs 4,000 people in the region."});
  rules_stage().process(doc);
  const Claim* c = only_claim(doc, 0);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->claimant, "the publication");
  auto custom = configured_stage(Json{{"threshold", 0.0}, {"publication", "the newspaper"}});
  auto doc2 = make_doc({"The company employs 4,000 people in the region."});
  custom.process(doc2);
  ASSERT_EQ(doc2.claims.size(), 1u);
  EXPECT_EQ(doc2.claims[0].claimant, "the newspaper");
}

TEST(ClaimsStage, DecontextualisesALeadingPronounSpeaker) {
  auto doc = make_doc({"Tomas Varga, the Hungarian finance minister, spoke in Brussels.",
                       "He said that Hungary should cut its deficit to 3 percent by 2027."});
  int varga =
      add_entity(doc, "PERSON", "Tomas Varga", {{"Tomas Varga", MentionKind::name}, {"He", MentionKind::pronoun}});
  Quote q;
  q.span = find_span(doc, "Hungary should cut its deficit to 3 percent by 2027");
  q.kind = QuoteKind::indirect;
  q.speaker = Speaker{"Tomas Varga", varga, find_span(doc, "He")};
  doc.quotes.push_back(q);
  rules_stage().process(doc);
  const Claim* c = nullptr;
  for (auto* x : claims_of_sentence(doc, 1)) c = x;
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->normalized, "Tomas Varga said that Hungary should cut its deficit to 3 percent by 2027.");
  EXPECT_EQ(c->claimant, "Tomas Varga");
  EXPECT_EQ(c->quote, 0);
}

TEST(ClaimsStage, ReportedSpeechWithoutAQuoteLayerEntryStillNamesTheSpeaker) {
  auto doc = make_doc({"Finance Minister Tomas Varga said the deficit fell to 2.9 percent in 2024."});
  int varga = add_entity(doc, "PERSON", "Tomas Varga", {{"Finance Minister Tomas Varga", MentionKind::name}});
  rules_stage().process(doc);
  const Claim* c = only_claim(doc, 0);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->claimant, "Tomas Varga");
  EXPECT_EQ(c->claimant_entity, varga);
  EXPECT_EQ(c->quote, -1);
}

TEST(ClaimsStage, PronounWithoutAnyLayerIsLeftAlone) {
  auto doc = make_doc({"He said the deficit fell to 2.9 percent in 2024."});
  rules_stage().process(doc);
  const Claim* c = only_claim(doc, 0);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->normalized, "He said the deficit fell to 2.9 percent in 2024.");
  EXPECT_EQ(c->claimant, "the publication");
}

TEST(ClaimsStage, OneInstanceServesSeveralThreadsWithTheSameResults) {
  const std::vector<std::string> sentences{"Wheat prices rose 5% and corn prices fell 3%.",
                                           "Good evening and thank you for joining us.",
                                           "The council approved a budget of 3.2 million euros for the new library.",
                                           "Exports to Canada grew faster than imports from Mexico during the decade."};
  ClaimsStage stage = configured_stage();
  Document expected = make_doc(sentences);
  stage.process(expected);
  std::vector<Document> docs(8, make_doc(sentences));
  std::vector<std::thread> threads;
  for (auto& d : docs)
    threads.emplace_back([&stage, &d] {
      for (int k = 0; k < 20; ++k) stage.process(d);
    });
  for (auto& t : threads) t.join();
  for (auto& d : docs) EXPECT_EQ(d, expected);
}

TEST(ClaimsStage, AnInputMarkedAsAClaimIsOneClaimAsAWhole) {
  auto doc = make_doc({"Tram fares doubled last year.", "Nobody voted for it."});
  doc.extra["input"]["claim"] = true;
  configured_stage().process(doc);
  ASSERT_EQ(doc.claims.size(), 1u);
  EXPECT_EQ(doc.claims[0].text, doc.text);
  EXPECT_EQ(doc.claims[0].score, 1.0);
  EXPECT_TRUE(doc.sentences[1].checkworthiness.has_value());  // sentences are still scored
  // Nobody is known to say it: not "the publication" (that names an article's own statements).
  EXPECT_EQ(doc.claims[0].claimant, "");
  doc.metadata.publisher = "Daily Ledger";
  configured_stage().process(doc);
  EXPECT_EQ(doc.claims[0].claimant, "Daily Ledger");
}

TEST(ClaimsStage, AShortPostWithoutAClaimIsCheckedAsAWholeAndItsBylineNamesTheClaimant) {
  auto doc =
      make_doc({"Tram fares doubled last year #Transit https://t.co/x \xE2\x80\x94 Jane Doe (@jdoe) March 1, 2020"});
  // No sentence passes a threshold of 1: the post is still checked, without its byline.
  configured_stage(Json{{"threshold", 1.0}}).process(doc);
  ASSERT_EQ(doc.claims.size(), 1u);
  const Claim& c = doc.claims[0];
  EXPECT_EQ(c.text, "Tram fares doubled last year #Transit https://t.co/x");
  EXPECT_EQ(c.claimant, "Jane Doe");
  EXPECT_EQ(c.extra["claims"]["date"], "2020-03-01");
  EXPECT_EQ(c.extra["claims"]["whole_text"], true);

  auto off = make_doc({"Tram fares doubled last year."});
  configured_stage(Json{{"threshold", 1.0}, {"whole_document_max_chars", 0}}).process(off);
  EXPECT_TRUE(off.claims.empty());
  auto question = make_doc({"Did tram fares double last year?"});  // asks, states nothing
  configured_stage(Json{{"threshold", 1.0}}).process(question);
  EXPECT_TRUE(question.claims.empty());
}
