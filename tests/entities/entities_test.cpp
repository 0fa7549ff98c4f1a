#include <algorithm>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <factpipe/document_json.hpp>

#include <factpipe/host/stage_config.hpp>
#include "entities_stage.hpp"
#include "segmenter_stage.hpp"
#include "test_paths.hpp"

using namespace factpipe;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

namespace {

class Entities : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    seg_ = new segmenter::SegmenterStage();
    factpipe::host::configure_stage(*seg_, Json::object(),
                                    Context::for_library(test::plugin_dir() / "factpipe-segmenter.so"));
    ent_ = new entities::EntitiesStage();
    factpipe::host::configure_stage(*ent_, Json::object(),
                                    Context::for_library(test::plugin_dir() / "factpipe-entities.so"));
  }
  static void TearDownTestSuite() {
    delete seg_;
    delete ent_;
  }
  static Document run(const std::string& text) {
    Document d = document_from_text("t", text);
    seg_->process(d);
    ent_->process(d);
    return d;
  }
  // The entity with a mention whose text is `surface`, or nullptr.
  static const Entity* with_mention(const Document& d, std::string_view surface) {
    for (const auto& e : d.entities)
      for (const auto& m : e.mentions)
        if (d.slice(m.span) == surface) return &e;
    return nullptr;
  }
  static const Entity* named(const Document& d, std::string_view name) {
    for (const auto& e : d.entities)
      if (e.name == name) return &e;
    return nullptr;
  }
  static std::vector<std::string> surfaces(const Document& d, const Entity& e) {
    std::vector<std::string> out;
    for (const auto& m : e.mentions) out.emplace_back(d.slice(m.span));
    return out;
  }
  static segmenter::SegmenterStage* seg_;
  static entities::EntitiesStage* ent_;
};
segmenter::SegmenterStage* Entities::seg_ = nullptr;
entities::EntitiesStage* Entities::ent_ = nullptr;

}  // namespace

TEST(EntitiesConfig, SchemaHasDefaultsAndDescriptions) {
  PluginInfo info = entities::EntitiesStage::describe();
  EXPECT_EQ(info.name, "entities");
  EXPECT_TRUE(info.thread_safe);
  EXPECT_EQ(info.config_schema["additionalProperties"], false);
  for (const auto& [key, prop] : info.config_schema["properties"].items()) {
    EXPECT_TRUE(prop.contains("default")) << key;
    EXPECT_TRUE(prop.contains("description")) << key;
  }
  EXPECT_THAT(layer_names(info.requires_layers), ElementsAre("paragraphs", "sentences"));
  EXPECT_THAT(layer_names(info.provides_layers), ElementsAre("entities"));
}

TEST(EntitiesConfig, MissingDataFileIsNamed) {
  entities::EntitiesStage s;
  try {
    factpipe::host::configure_stage(s, Json{{"titles", "no-such-titles.tsv"}},
                                    Context::for_library(test::plugin_dir() / "factpipe-entities.so"));
    FAIL() << "configure accepted a missing file";
  } catch (const std::exception& e) {
    EXPECT_THAT(e.what(), HasSubstr("no-such-titles.tsv"));
  }
}

TEST_F(Entities, TitlesAndRolesAreNotPartOfTheCanonicalName) {
  Document d = run("Russian President Vladimir Putin arrived on Tuesday. Putin met the press later.");
  const Entity* putin = named(d, "Vladimir Putin");
  ASSERT_NE(putin, nullptr);
  EXPECT_EQ(putin->type, "PERSON");
  EXPECT_THAT(surfaces(d, *putin), ::testing::ElementsAre("Vladimir Putin", "Putin"));
  EXPECT_THAT(putin->extra["roles"].get<std::vector<std::string>>(), ::testing::IsSupersetOf({"russian", "president"}));
  const Entity* russian = with_mention(d, "Russian");
  ASSERT_NE(russian, nullptr);
  EXPECT_EQ(russian->type, "NORP");
}

TEST_F(Entities, TitlesOfEveryKind) {
  Document d =
      run("U.S. State Secretary Antony Blinken met NATO chief Jens Stoltenberg in Brussels. "
          "Lt. Gen. Michael Flynn was not there.");
  EXPECT_NE(named(d, "Antony Blinken"), nullptr);
  EXPECT_NE(named(d, "Jens Stoltenberg"), nullptr);
  EXPECT_NE(named(d, "Michael Flynn"), nullptr);
  ASSERT_NE(with_mention(d, "NATO"), nullptr);
  EXPECT_EQ(with_mention(d, "NATO")->type, "ORG");
  ASSERT_NE(with_mention(d, "Brussels"), nullptr);
  EXPECT_EQ(with_mention(d, "Brussels")->type, "GPE");
  ASSERT_NE(with_mention(d, "U.S."), nullptr);
  EXPECT_EQ(with_mention(d, "U.S.")->type, "GPE");
}

TEST_F(Entities, LaterShortFormsJoinTheFullName) {
  Document d =
      run("Donald Trump spoke in Ohio. Mr. Trump said little.\n\n"
          "The North Korean leader Kim Jong Un smiled. Kim waved to the crowd.");
  const Entity* trump = named(d, "Donald Trump");
  ASSERT_NE(trump, nullptr);
  EXPECT_THAT(surfaces(d, *trump), Contains("Trump"));
  EXPECT_EQ(trump->extra["gender"], "m");  // from "Mr." and the first name
  const Entity* kim = named(d, "Kim Jong Un");
  ASSERT_NE(kim, nullptr);
  EXPECT_THAT(surfaces(d, *kim), Contains("Kim"));
}

// A surname that is usually no name ("From", "Will", "Read") is one after a name word, and alone later on,
// but not in a title-case headline, not as a time after a name, and not opening a quotation.
TEST_F(Entities, SurnamesThatAreCommonWords) {
  Document d =
      run("Democrats Will Win, He Says.\n\n\u201CIt was a big change,\u201D said Al From, who founded the council. "
          "\u201COur challenge was big,\u201D From said. From agreed that the mood changed. Columnist George Will "
          "wrote a column, and Will urged voters to wait. From there, the race changed. \u201CWill it work?\u201D "
          "asked Lena Ortiz Tuesday in Iowa.");
  const Entity* from = named(d, "Al From");
  ASSERT_NE(from, nullptr);
  EXPECT_THAT(surfaces(d, *from), ElementsAre("Al From", "From", "From"));
  const Entity* will = named(d, "George Will");
  ASSERT_NE(will, nullptr);
  EXPECT_THAT(surfaces(d, *will), ElementsAre("George Will", "Will"));
  EXPECT_EQ(named(d, "Democrats Will"), nullptr);
  EXPECT_NE(named(d, "Lena Ortiz"), nullptr);
}

TEST_F(Entities, AppositiveRolesAreKept) {
  Document d =
      run("Chang Ho-jin, the South Korean National Security Adviser and a former ambassador to Russia, spoke first.");
  const Entity* chang = named(d, "Chang Ho-jin");
  ASSERT_NE(chang, nullptr);
  auto roles = chang->extra["roles"].get<std::vector<std::string>>();
  EXPECT_THAT(roles, Contains("adviser"));
  EXPECT_THAT(roles, Contains("ambassador"));
}

TEST_F(Entities, NominalMentionsResolveToThePersonWithThoseRoles) {
  Document d =
      run("Russian President Vladimir Putin visited Pyongyang. Republican nominee Donald Trump stayed home.\n\n"
          "The visit was the Russian leader's first in 24 years. Reporters asked the Republican nominee about it.");
  const Entity* putin = named(d, "Vladimir Putin");
  const Entity* trump = named(d, "Donald Trump");
  ASSERT_NE(putin, nullptr);
  ASSERT_NE(trump, nullptr);
  EXPECT_THAT(surfaces(d, *putin), Contains("the Russian leader"));
  EXPECT_THAT(surfaces(d, *trump), Contains("the Republican nominee"));
  EXPECT_THAT(surfaces(d, *putin), ::testing::Not(Contains("the Republican nominee")));
}

TEST_F(Entities, PronounsFollowGenderAndRecency) {
  Document d =
      run("Hillary Clinton met John Smith in Denver. She spoke first.\n\n"
          "Smith listened. He said nothing.");
  const Entity* clinton = named(d, "Hillary Clinton");
  const Entity* smith = named(d, "John Smith");
  ASSERT_NE(clinton, nullptr);
  ASSERT_NE(smith, nullptr);
  EXPECT_THAT(surfaces(d, *clinton), Contains("She"));
  EXPECT_THAT(surfaces(d, *smith), Contains("He"));
  EXPECT_THAT(surfaces(d, *clinton), ::testing::Not(Contains("He")));
}

TEST_F(Entities, PronounResolutionCanBeTurnedOff) {
  entities::EntitiesStage off;
  factpipe::host::configure_stage(off, Json{{"resolve_pronouns", false}},
                                  Context::for_library(test::plugin_dir() / "factpipe-entities.so"));
  Document d = document_from_text("t", "Hillary Clinton arrived. She spoke first.");
  seg_->process(d);
  off.process(d);
  for (const auto& e : d.entities)
    for (const auto& m : e.mentions) EXPECT_NE(m.kind, MentionKind::pronoun);
}

TEST_F(Entities, PhotoCreditNamesAreMarked) {
  Document d =
      run("Jane Doe, Sputnik, Kremlin Pool Photo via AP\n\n"
          "Mayor Lena Ortiz opened the bridge on Monday.");
  const Entity* doe = named(d, "Jane Doe");
  ASSERT_NE(doe, nullptr);
  EXPECT_TRUE(doe->extra.value("credit", false));
  const Entity* ortiz = named(d, "Lena Ortiz");
  ASSERT_NE(ortiz, nullptr);
  EXPECT_FALSE(ortiz->extra.value("credit", false));
}

TEST_F(Entities, SameResultOnManyThreads) {
  const std::string text =
      "Russian President Vladimir Putin met Kim Jong Un. He praised Kim. The Russian leader left on Wednesday.";
  Document expected = run(text);
  Document segmented = document_from_text("t", text);
  seg_->process(segmented);  // only the entities stage runs on the threads
  std::vector<Document> got(4);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&, i] {
      for (int k = 0; k < 25; ++k) {
        Document d = segmented;
        ent_->process(d);
        got[static_cast<std::size_t>(i)] = std::move(d);
      }
    });
  for (auto& t : threads) t.join();
  for (const auto& d : got) EXPECT_EQ(d.entities, expected.entities);
}
