// The entity-mention index shared by the claims and quotes stages.
#include <gtest/gtest.h>

#include <factpipe/document_json.hpp>
#include <factpipe/text/mention_index.hpp>

using namespace factpipe;
using namespace factpipe::text;

namespace {

Document with_entities() {
  //                                     0         1         2         3         4
  //                                     0123456789012345678901234567890123456789012345
  Document d = document_from_text("t", "Senator Ann Lee of Acme Corp said she would go.");
  Entity ann;
  ann.type = "PERSON";
  ann.mentions.push_back({Span{8, 15}, MentionKind::name});
  ann.mentions.push_back({Span{34, 37}, MentionKind::pronoun});
  Entity acme;
  acme.type = "ORG";
  acme.mentions.push_back({Span{19, 28}, MentionKind::name});
  d.entities = {acme, ann};  // not in text order
  return d;
}

}  // namespace

TEST(MentionIndex, FindsMentionsBySpanAndOffset) {
  Document d = with_entities();
  MentionIndex mi(d);
  auto inside = mi.inside(Span{0, 30});
  ASSERT_EQ(inside.size(), 2u);
  EXPECT_EQ(inside[0]->span.start, 8u);  // text order, whatever the entity order
  EXPECT_EQ(inside[0]->entity, 1);
  EXPECT_EQ(inside[1]->entity, 0);
  EXPECT_EQ(mi.inside(Span{0, 27}).size(), 1u);  // Acme Corp ends after 27
  EXPECT_EQ(mi.within(Span{0, 27}).size(), 2u);  // but starts inside
  EXPECT_EQ(mi.count_names_inside(Span{0, d.text.size()}), 2u);
  ASSERT_NE(mi.starting_at(19), nullptr);
  EXPECT_EQ(mi.starting_at(20), nullptr);
  ASSERT_NE(mi.at(20), nullptr);
  EXPECT_EQ(mi.at(20)->entity, 0);
  EXPECT_EQ(mi.at(16), nullptr);
  ASSERT_NE(mi.first_in(Span{16, 40}), nullptr);
  EXPECT_EQ(mi.first_in(Span{16, 40})->span.start, 19u);
  EXPECT_EQ(mi.first_in(Span{37, 40}), nullptr);
}

TEST(MentionIndex, SpeakerEntityPrefersAPerson) {
  Document d = with_entities();
  MentionIndex mi(d);
  Span chosen;
  EXPECT_EQ(mi.entity_for(Span{0, 28}, &chosen), 1);  // the person, though the organisation is there too
  EXPECT_EQ(chosen.start, 8u);
  EXPECT_EQ(mi.entity_for(Span{10, 12}), 1);  // a mention overlapping the span from before it
  EXPECT_EQ(mi.entity_for(Span{19, 23}), 0);
  EXPECT_EQ(mi.entity_for(Span{37, 40}), -1);
}
