// Quotations and speakers through segmenter -> entities -> quotes, one pattern of issue 3 per test,
// on sentences written for these tests.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include <factpipe/host/stage_config.hpp>
#include "many_quotations.hpp"
#include "pipeline.hpp"

using namespace factpipe;
using factpipe::test::mention_of;
using factpipe::test::quote_of;
using factpipe::test::speaker_of;

namespace {

class Quotes : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { p_ = new test::QuotePipeline(); }
  static void TearDownTestSuite() { delete p_; }
  static Document run(const std::string& t) { return p_->run(t); }
  static test::QuotePipeline* p_;
};
test::QuotePipeline* Quotes::p_ = nullptr;

}  // namespace

TEST(QuotesConfig, SchemaHasDefaultsAndDescriptions) {
  PluginInfo info = quotes::QuotesStage::describe();
  EXPECT_EQ(info.name, "quotes");
  EXPECT_TRUE(info.thread_safe);
  EXPECT_EQ(info.config_schema["additionalProperties"], false);
  for (const auto& [key, prop] : info.config_schema["properties"].items()) {
    EXPECT_TRUE(prop.contains("default")) << key;
    EXPECT_TRUE(prop.contains("description")) << key;
  }
  EXPECT_THAT(layer_names(info.requires_layers), ::testing::ElementsAre("paragraphs", "entities"));
}

TEST(QuotesConfig, MissingDataFileIsNamed) {
  quotes::QuotesStage s;
  try {
    factpipe::host::configure_stage(s, Json{{"speech_verbs", "missing-verbs.tsv"}},
                                    Context::for_library(test::plugin_dir() / "factpipe-quotes.so"));
    FAIL() << "configure accepted a missing file";
  } catch (const std::exception& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("missing-verbs.tsv"));
  }
}

// The shared lists of text/data that quotes reads are its own config keys (not the entities stage's files).
TEST(QuotesConfig, SharedWordListsAreItsOwnConfig) {
  Json props = quotes::QuotesStage::describe().config_schema["properties"];
  for (const char* key : {"abbreviations", "titles", "not_names", "credit_cues"}) {
    ASSERT_TRUE(props.contains(key)) << key;
    EXPECT_TRUE(props[key]["default"].is_string()) << key;
    quotes::QuotesStage s;
    try {
      factpipe::host::configure_stage(s, Json{{key, std::string("no-such-") + key + ".txt"}},
                                      Context::for_library(test::plugin_dir() / "factpipe-quotes.so"));
      ADD_FAILURE() << "configure accepted a missing " << key << " file";
    } catch (const std::exception& e) {
      EXPECT_THAT(e.what(), ::testing::HasSubstr(std::string("no-such-") + key)) << key;
    }
  }
}

TEST_F(Quotes, SpeakerSaid) {
  Document d = run("Mayor Lena Ortiz said: \"The bridge will open in May.\"");
  EXPECT_EQ(speaker_of(d, "The bridge will open in May."), "Lena Ortiz");
  const Quote* q = quote_of(d, "The bridge will open in May.");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->cue_verb, "say");
  ASSERT_TRUE(q->cue.has_value());
  EXPECT_EQ(d.slice(*q->cue), "said");
  EXPECT_EQ(q->kind, QuoteKind::direct);
  EXPECT_GE(q->confidence, 0.8);
}

TEST_F(Quotes, SaidSpeakerAfterTheQuotation) {
  Document d = run("“The budget is a mess and everyone knows it,” said Councillor David Mbeki.");
  EXPECT_EQ(speaker_of(d, "The budget is a mess and everyone knows it,"), "David Mbeki");
  EXPECT_EQ(mention_of(d, "The budget is a mess and everyone knows it,"), "Councillor David Mbeki");
}

TEST_F(Quotes, SpeakerToldReportersAfterTheQuotation) {
  Document d =
      run("“Iran has been providing weaponry to the war. It has been used against civilians,” "
          "Antony Blinken told reporters on Tuesday.");
  EXPECT_EQ(speaker_of(d, "Iran has been providing weaponry to the war. It has been used against civilians,"),
            "Antony Blinken");
  EXPECT_EQ(quote_of(d, "Iran has been providing weaponry to the war. It has been used against civilians,")->cue_verb,
            "tell");
}

TEST_F(Quotes, SpeakerColonQuotation) {
  Document d = run("Ortiz: “We will not wait another year for this bridge.”");
  EXPECT_EQ(speaker_of(d, "We will not wait another year for this bridge."), "Ortiz");
}

TEST_F(Quotes, DescribedAsPartialQuotation) {
  Document d = run("North Korean leader Kim Jong Un described the agreement as “peaceful and defensive in nature.”");
  EXPECT_EQ(speaker_of(d, "peaceful and defensive in nature."), "Kim Jong Un");
  EXPECT_EQ(quote_of(d, "peaceful and defensive in nature.")->cue_verb, "describe");
}

TEST_F(Quotes, WarnedAgainstGoingPartialQuotation) {
  Document d =
      run("Ahead of the meeting, Chang Ho-jin, the South Korean National Security Adviser and a former ambassador "
          "to Russia warned his Russian counterpart against going “beyond a certain point” in the talks.");
  EXPECT_EQ(speaker_of(d, "beyond a certain point"), "Chang Ho-jin");
  EXPECT_EQ(quote_of(d, "beyond a certain point")->kind, QuoteKind::partial);
}

TEST_F(Quotes, ScareQuotedWordInReportedSpeechIsPartial) {
  Document d = run("Mayor Lena Ortiz said the city and the province agreed on a “historic” plan for the harbour.");
  const Quote* q = quote_of(d, "historic");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::partial);
  EXPECT_EQ(speaker_of(d, "historic"), "Lena Ortiz");
}

TEST_F(Quotes, AccordingTo) {
  Document d = run("According to Councillor Priya Nandakumar, “the buses will stop running in June.”");
  EXPECT_EQ(speaker_of(d, "the buses will stop running in June."), "Priya Nandakumar");
}

TEST_F(Quotes, TrailingDashSpeaker) {
  Document d = run("“We will build it, whatever it costs.” — Lena Ortiz");
  EXPECT_EQ(speaker_of(d, "We will build it, whatever it costs."), "Lena Ortiz");
}

TEST_F(Quotes, PronounSpeakerResolvedToThePerson) {
  Document d =
      run("Councillor David Mbeki voted against the plan on Tuesday.\n\n"
          "“We are building a monument while the buses run empty,” he said.");
  EXPECT_EQ(speaker_of(d, "We are building a monument while the buses run empty,"), "David Mbeki");
  EXPECT_EQ(mention_of(d, "We are building a monument while the buses run empty,"), "he");
}

TEST_F(Quotes, NominalSpeakerResolvedToThePerson) {
  Document d =
      run("Transport Minister Hana Sato met the council.\n\n"
          "“The province has made its offer,” the minister said.");
  EXPECT_EQ(speaker_of(d, "The province has made its offer,"), "Hana Sato");
  EXPECT_EQ(mention_of(d, "The province has made its offer,"), "the minister");
}

TEST_F(Quotes, SecondQuotationOfTheSameSpeaker) {
  Document d = run("“We are ready,” said Ortiz. “We have been ready for years.”");
  EXPECT_EQ(speaker_of(d, "We have been ready for years."), "Ortiz");
}

TEST_F(Quotes, SpeakerNamedInThePreviousSentence) {
  Document d =
      run("Engineer J. R. Hale told the council on Monday that steel prices had risen. "
          "“Every tonne costs us more than it did last spring.”");
  EXPECT_EQ(speaker_of(d, "Every tonne costs us more than it did last spring."), "J. R. Hale");
}

TEST_F(Quotes, QuotationWithoutVerbAttributedFromContext) {
  Document d =
      run("Mayor Lena Ortiz spoke to reporters on Monday.\n\n"
          "“This is not a luxury project.”");
  EXPECT_EQ(speaker_of(d, "This is not a luxury project."), "Lena Ortiz");
  EXPECT_LT(quote_of(d, "This is not a luxury project.")->confidence, 0.9);  // from context, not a cue
}

TEST_F(Quotes, ConversationalTurns) {
  Document d =
      run("“I have been busy with the budget,” Councillor Priya Nandakumar said.\n\n"
          "“Will you run again?” asked David Mbeki.\n\n"
          "“I have not decided yet.”\n\n"
          "“Why not?” Mbeki asked.\n\n"
          "“My family comes first.”");
  EXPECT_EQ(speaker_of(d, "Will you run again?"), "David Mbeki");
  EXPECT_EQ(speaker_of(d, "I have not decided yet."), "Priya Nandakumar");
  EXPECT_EQ(speaker_of(d, "My family comes first."), "Priya Nandakumar");
}

TEST_F(Quotes, MultiParagraphQuotationIsOneQuotation) {
  Document d =
      run("Mbeki went further in an interview.\n\n"
          "“When I joined this council, we ran 61 routes.\n\n"
          "“Every one of those routes had a neighbourhood attached to it,” he said.");
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(d.slice(d.quotes[0].span),
            "When I joined this council, we ran 61 routes.\n\n“Every one of those routes had a neighbourhood attached "
            "to it,");
  ASSERT_TRUE(d.quotes[0].speaker.has_value());
  EXPECT_EQ(d.slice(*d.quotes[0].speaker->mention), "he");
}

TEST_F(Quotes, QuotationClosedByTheWrongMark) {
  Document d = run("Regarding the meeting, Stoltenberg said: \"We are of course also concerned about the programs.'");
  EXPECT_EQ(speaker_of(d, "We are of course also concerned about the programs."), "Stoltenberg");
}

TEST_F(Quotes, UnmatchedMarkIsBoundedByItsParagraph) {
  Document d =
      run("The sign said \"closed for the season and nobody came back.\n\n"
          "Ortiz was not worried. “We reopen in May,” said Ortiz.");
  EXPECT_EQ(speaker_of(d, "We reopen in May,"), "Ortiz");
  for (const auto& q : d.quotes) EXPECT_EQ(d.slice(q.span).find('\n'), std::string_view::npos);
}

TEST_F(Quotes, TitlesAndShowNamesAreNotQuotations) {
  Document d =
      run("Ortiz appeared on \"Meet the Press\" on Sunday. She also watched the show \"Shark Tank\" and read a "
          "report titled \"Moving Calder 2025\" before lunch.");
  EXPECT_EQ(quote_of(d, "Meet the Press"), nullptr);
  EXPECT_EQ(quote_of(d, "Shark Tank"), nullptr);
  EXPECT_EQ(quote_of(d, "Moving Calder 2025"), nullptr);
}

// A comma inside a title-case phrase ("So, That Happened") keeps it a title; a comma before a lower-case
// word is a sentence's.
TEST_F(Quotes, TitlesWithCommasAreNotQuotations) {
  Document d =
      run("Ortiz co-hosts the politics podcast \"So, That Happened.\" Her record \"Girls, Girls, Girls\" sold well.\n\n"
          "\"Look, we tried hard,\" Ortiz said.");
  EXPECT_EQ(quote_of(d, "So, That Happened."), nullptr);
  EXPECT_EQ(quote_of(d, "Girls, Girls, Girls"), nullptr);
  EXPECT_NE(quote_of(d, "Look, we tried hard,"), nullptr);
}

// News roundups list headlines with their bylines after a dash; a passive's agent after the marks is no byline.
TEST_F(Quotes, RoundupHeadlinesWithBylinesAreNotQuotations) {
  Document d =
      run("NOW OPEN\u2014\"Pop-up art show strives to confront gentrification,\" by DNAinfo's Eddie Small.\n\n"
          "Many voters were \u201Cboth nauseated and terrified\u201D by Trump, Ortiz said.");
  EXPECT_EQ(quote_of(d, "Pop-up art show strives to confront gentrification,"), nullptr);
  EXPECT_NE(quote_of(d, "both nauseated and terrified"), nullptr);
}

// A paragraph of one short quotation in single marks is a subheading; in double marks it is someone's.
TEST_F(Quotes, SubheadingsInSingleMarksAreNotQuotations) {
  Document d =
      run("The workers gathered after their shift.\n\n"
          "'Pretty cool working there.'\n\n"
          "People should not wave around speculative words, Ortiz told reporters.\n\n"
          "\u201CThis is extremely irresponsible.\u201D");
  EXPECT_EQ(quote_of(d, "Pretty cool working there."), nullptr);
  EXPECT_NE(quote_of(d, "This is extremely irresponsible."), nullptr);
}

// Headings in single marks and capitals stand inside a paragraph too, before the quotation they announce.
TEST_F(Quotes, HeadingsInSingleMarksAndCapitalsAreNotQuotations) {
  Document d =
      run("\u2018EUROPEANS ASK IF VIOLENCE IS BECOMING FACT OF LIFE\u2019 \u201CIn less than two weeks, the calm of "
          "everyday life was shattered,\u201D the paper wrote.");
  EXPECT_EQ(quote_of(d, "EUROPEANS ASK IF VIOLENCE IS BECOMING FACT OF LIFE"), nullptr);
  EXPECT_NE(quote_of(d, "In less than two weeks, the calm of everyday life was shattered,"), nullptr);
}

// PolNeAR's Source is the subject of the verb that reports the quotation: the speaker's nearest mention
// before a speech verb in the quotation's sentence, not the name further back.
TEST_F(Quotes, SpeakerMentionIsTheSubjectOfTheReportingVerb) {
  Document d =
      run("Lena Ortiz said late Wednesday that she would go ahead with the meeting, although she tweeted that she "
          "\u201Crejects the latest comments about the workers.\u201D");
  EXPECT_EQ(speaker_of(d, "rejects the latest comments about the workers."), "Lena Ortiz");
  const Quote* q = quote_of(d, "rejects the latest comments about the workers.");
  ASSERT_NE(q, nullptr);
  ASSERT_TRUE(q->speaker && q->speaker->mention);
  EXPECT_EQ(q->speaker->mention->start, d.text.find("she tweeted"));
}

// ... or the relative pronoun after the speaker's name that is the subject of the reporting verb.
TEST_F(Quotes, SpeakerMentionIsTheRelativePronounOfTheReportingVerb) {
  Document d =
      run("\u201CWe are gearing up,\u201D said Scott Reed, the chamber's chief strategist, who added that the group "
          "plans to focus on local issues \u201Clike folks are running for sheriff.\u201D");
  EXPECT_EQ(speaker_of(d, "like folks are running for sheriff."), "Scott Reed");
  EXPECT_EQ(mention_of(d, "like folks are running for sheriff."), "who");
}

// A speech verb's base form after an article and an adjective is a noun: "a subsequent tweet" has no subject.
TEST_F(Quotes, SpeechNounAfterAnAdjectiveIsNoCue) {
  Document d =
      run("In a subsequent tweet, Lena Ortiz said the bridge would open \u201Cbefore the end of the year.\u201D");
  EXPECT_EQ(speaker_of(d, "before the end of the year."), "Lena Ortiz");
}

// ... but "read" is its own past: "“…,” the statement read." is a cue, and a document is its speaker.
TEST_F(Quotes, DocumentThatReadIsTheSpeaker) {
  Document d =
      run("Lena Ortiz met the mayor on Friday.\n\n\u201CThe meeting took place at City Hall this morning,\u201D "
          "the statement read. \u201CWe can open the bridge,\u201D the email read.");
  EXPECT_EQ(mention_of(d, "The meeting took place at City Hall this morning,"), "the statement");
  EXPECT_EQ(mention_of(d, "We can open the bridge,"), "the email");
}

// "put it" before a comma, colon or stop reports speech; "put" elsewhere does not.
TEST_F(Quotes, WhoPutItIsTheSpeaker) {
  Document d =
      run("The rule needs a \"lawful source of income,\" as a city memo put it.\n\nAs Vulture put it, "
          "\u201CHello, the bridge is open.\u201D Lena Ortiz put the \u201Cnew bridge plan\u201D on hold.");
  EXPECT_EQ(mention_of(d, "lawful source of income,"), "a city memo");
  EXPECT_EQ(mention_of(d, "Hello, the bridge is open."), "Vulture");
}

// An adverb set off by commas between the subject and its speech verb is no speaker.
TEST_F(Quotes, AdverbBetweenCommasIsNoSpeaker) {
  Document d =
      run("The council voted on Friday. The two engineers, however, argue that \u201Cthe bridge is unsafe.\u201D");
  EXPECT_EQ(mention_of(d, "the bridge is unsafe."), "two engineers");
}

// "states" is a verb after an article and a noun where its clause ends, a noun elsewhere ("in swing states").
TEST_F(Quotes, DocumentThatStatesIsTheSpeaker) {
  Document d =
      run("Lena Ortiz visited three swing states on Friday.\n\n\u201CThe bridge opens in May,\u201D the "
          "document states, and \u201Ctolls start in June.\u201D");
  EXPECT_EQ(mention_of(d, "The bridge opens in May,"), "the document");
  for (const auto& q : d.quotes) EXPECT_GT(q.span.start, d.text.find("\n\n")) << d.slice(q.span);  // "states on Friday"
}

// ", he said, “…”" right before the quotation is its cue, not a reporting verb further out.
TEST_F(Quotes, CueSetOffByCommasBeforeTheQuotation) {
  Document d =
      run("Campaign manager David Mbeki acknowledged that the two had split the contests, which is an outcome, "
          "he said, \u201Cwe have long anticipated and planned for.\u201D");
  EXPECT_EQ(mention_of(d, "we have long anticipated and planned for."), "he");
}

TEST_F(Quotes, ChantedSloganIsAQuotationOfTheCrowd) {
  Document d = run("Thousands of North Koreans chanted “Welcome Putin” as the motorcade passed.");
  EXPECT_EQ(speaker_of(d, "Welcome Putin"), "North Koreans");
}

TEST_F(Quotes, BylinesAndPhotoCreditsAreNeverSpeakers) {
  Document d =
      run("By Ana Ruiz\n\n"
          "Sam Okafor, Ledger Pool Photo via AP\n\n"
          "“Everything must go before the bridge opens.”");
  const Quote* q = quote_of(d, "Everything must go before the bridge opens.");
  ASSERT_NE(q, nullptr);
  EXPECT_FALSE(q->speaker.has_value()) << q->speaker->name;  // nobody to attribute it to
  EXPECT_LE(q->confidence, 0.5);
}

TEST_F(Quotes, IndirectSpeech) {
  Document d =
      run("Councillor David Mbeki said that the money would be better spent on buses.\n\n"
          "Sato shared that the province would cover 40 percent of the cost.\n\n"
          "According to the engineer J. R. Hale, the price of steel had risen by a third.");
  const Quote* a = quote_of(d, "the money would be better spent on buses");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->kind, QuoteKind::indirect);
  EXPECT_EQ(a->speaker->name, "David Mbeki");
  const Quote* b = quote_of(d, "the province would cover 40 percent of the cost");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->kind, QuoteKind::indirect);
  EXPECT_EQ(b->cue_verb, "share");
  const Quote* c = quote_of(d, "the price of steel had risen by a third");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->speaker->name, "J. R. Hale");
}

TEST_F(Quotes, IndirectViewsOfThinkingAndFinding) {
  // the rules' conditions on verbs of thinking; the learned finder (indirect_finder_test.cpp) reads "was
  // expected to" as PolNeAR does, an attribution without a source
  test::QuotePipeline rules(Json{{"indirect_model", ""}});
  Document d = rules.run(
      "Councillor David Mbeki believes that the money would be better spent on buses.\n\n"
      "A new poll shows most voters in the city want the bridge built.\n\n"
      "The bridge was expected to cost less than the tunnel next to it.\n\n"
      "Mbeki expects to win the vote on the bridge next month.");
  const Quote* a = quote_of(d, "the money would be better spent on buses");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->kind, QuoteKind::indirect);
  EXPECT_EQ(a->speaker->name, "David Mbeki");
  EXPECT_EQ(a->cue_verb, "believe");
  const Quote* b = quote_of(d, "most voters in the city want the bridge built");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->cue_verb, "show");
  // a passive and an infinitive report nobody's view
  for (const auto& q : d.quotes) {
    EXPECT_EQ(d.slice(q.span).find("cost less"), std::string_view::npos) << d.slice(q.span);
    EXPECT_EQ(d.slice(q.span).find("win the vote"), std::string_view::npos) << d.slice(q.span);
  }
}

TEST_F(Quotes, IndirectStanceVerbsReportTheirObject) {
  Document d =
      run("Councillor David Mbeki endorsed the tunnel plan on Monday.\n\n"
          "The mayor refused to fund the bridge, citing its cost.\n\n"
          "Attacks on the plan would come from the unions.\n\n"
          "“I want the bridge and the tunnel,” Mbeki said.");
  const Quote* a = quote_of(d, "the tunnel plan on Monday");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->kind, QuoteKind::indirect);
  EXPECT_EQ(a->speaker->name, "David Mbeki");
  EXPECT_EQ(a->cue_verb, "endorse");
  const Quote* b = quote_of(d, "to fund the bridge");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->cue_verb, "refuse");
  // a noun ("attacks on") and a verb inside a quotation report nothing
  for (const auto& q : d.quotes) {
    if (q.kind != QuoteKind::indirect) continue;
    EXPECT_EQ(d.slice(q.span).find("the plan would"), std::string_view::npos) << d.slice(q.span);
    EXPECT_EQ(d.slice(q.span).find("the bridge and"), std::string_view::npos) << d.slice(q.span);
  }
}

TEST_F(Quotes, ReportedSpeechHoldingAQuotationIsMixedAndItsQuotedWordsPartial) {
  Document d = run("Councillor David Mbeki said the plan was \"dead on arrival\" in the council chamber.");
  const Quote* partial = nullptr;
  const Quote* mixed = nullptr;
  for (const auto& q : d.quotes) {
    EXPECT_NE(q.kind, QuoteKind::indirect) << d.slice(q.span);
    (q.kind == QuoteKind::mixed ? mixed : partial) = &q;
  }
  ASSERT_NE(partial, nullptr);
  EXPECT_EQ(d.slice(partial->span), "dead on arrival");
  EXPECT_EQ(partial->kind, QuoteKind::partial);
  ASSERT_NE(mixed, nullptr);
  EXPECT_EQ(d.slice(mixed->span), "the plan was \"dead on arrival\" in the council chamber");
  ASSERT_TRUE(mixed->speaker);
  EXPECT_EQ(mixed->speaker->name, "David Mbeki");
  EXPECT_EQ(to_string(mixed->kind), "mixed");
}

TEST_F(Quotes, MixedSpeechCanBeTurnedOff) {
  test::QuotePipeline p(Json{{"mixed_speech", false}});
  Document d = p.run("Councillor David Mbeki said the plan was \"dead on arrival\" in the council chamber.");
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(d.quotes[0].kind, QuoteKind::partial);
}

TEST_F(Quotes, IndirectSpeechCanBeTurnedOff) {
  test::QuotePipeline p(Json{{"indirect", false}});
  Document d = p.run("Councillor David Mbeki said that the money would be better spent on buses.");
  EXPECT_TRUE(d.quotes.empty());
}

TEST_F(Quotes, MinConfidenceDropsContextGuesses) {
  test::QuotePipeline p(Json{{"min_confidence", 0.7}});
  Document d = p.run("Mayor Lena Ortiz spoke to reporters on Monday.\n\n“This is not a luxury project.”");
  EXPECT_EQ(quote_of(d, "This is not a luxury project."), nullptr);
}

TEST_F(Quotes, SameResultOnManyThreads) {
  const std::string text =
      "Mayor Lena Ortiz said: “The bridge will open in May.” “It is late,” Mbeki said. He said the cost rose.";
  Document base = document_from_text("t", text);
  p_->seg.process(base);
  p_->ent.process(base);
  Document expected = base;
  p_->quo.process(expected);
  std::vector<std::thread> threads;
  std::vector<Document> got(4);
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&, i] {
      for (int k = 0; k < 25; ++k) {
        Document d = base;
        p_->quo.process(d);
        got[static_cast<std::size_t>(i)] = std::move(d);
      }
    });
  for (auto& t : threads) t.join();
  for (const auto& d : got) EXPECT_EQ(d.quotes, expected.quotes);
}

TEST(QuotesConfig, UnknownKeyIsRejectedWithTheAllowedOnes) {
  quotes::QuotesStage s;
  try {
    factpipe::host::configure_stage(s, Json{{"min_confidance", 0.5}},
                                    Context::for_library(test::plugin_dir() / "factpipe-quotes.so"));
    FAIL() << "configure accepted an unknown key";
  } catch (const std::invalid_argument& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("min_confidance"));
    EXPECT_THAT(e.what(), ::testing::HasSubstr("min_confidence"));
  }
}

// A document of thousands of quotations in one paragraph (one long sentence) and thousands of short
// ones opening their sentences: each quotation used to walk back over the ones before it (quadratic; this
// test took minutes). Its speed is measured by quotes_bench's BM_QuotesManyQuotations; here, the answers.
TEST_F(Quotes, ThousandsOfQuotationsInOneParagraph) {
  const std::size_t n = 6000;
  const std::string t = test::many_quotations(n);
  Document d = run(t);
  std::size_t direct = 0, smith = 0;
  for (const auto& q : d.quotes) {
    if (!quoted_verbatim(q.kind)) continue;
    ++direct;
    smith += q.speaker && q.speaker->name == "Jane Smith";
  }
  EXPECT_EQ(direct, 2 * n);
  // the first paragraph's quotations are all hers (by their cue or the quotation before them)
  EXPECT_GE(smith, n);
  EXPECT_EQ(speaker_of(d, "the bridge will open in May"), "Jane Smith");
}
