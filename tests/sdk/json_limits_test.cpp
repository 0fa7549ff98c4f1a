// Deep JSON must fail with a message, never overflow the stack (reading, copying or writing).
#include <factpipe/document_json.hpp>
#include <factpipe/json_limits.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "deep_json.hpp"

using namespace factpipe;
using factpipe::test::nested_arrays;
using ::testing::HasSubstr;

TEST(JsonLimits, DeepTextFailsBeforeParsingAndNamesTheByte) {
  std::string deep = "{\"extra\": " + std::string(50'000, '[') + std::string(50'000, ']') + "}";
  try {
    parse_json(deep);
    FAIL() << "50,000 nested arrays were parsed";
  } catch (const JsonLimitError& e) {
    EXPECT_THAT(e.what(), HasSubstr("deeper than 256 levels"));
    EXPECT_THAT(e.what(), HasSubstr("at byte 265"));  // the object is level 1, the first [ (byte 10) level 2
    EXPECT_THAT(e.what(), HasSubstr("--max-json-depth"));
  }
  EXPECT_NO_THROW(parse_json(deep, 50'001));
  EXPECT_THROW(check_json_text_depth(deep, 50'000), JsonLimitError);
}

TEST(JsonLimits, BracketsInStringsDoNotCount) {
  std::string text = R"({"a": "[[[[[[\"[[[[", "b": [[1]]})";
  EXPECT_NO_THROW(check_json_text_depth(text, 3));
  EXPECT_THROW(check_json_text_depth(text, 2), JsonLimitError);
  EXPECT_EQ(parse_json(text, 3)["b"][0][0], 1);
}

TEST(JsonLimits, DepthOfAValueWithoutRecursion) {
  EXPECT_EQ(json_depth(Json(1)), 0u);
  EXPECT_EQ(json_depth(Json::array()), 1u);
  EXPECT_EQ(json_depth(Json{{"a", {{"b", Json::array({1, Json::array()})}}}}), 4u);
  Json deep = nested_arrays(50'000);
  EXPECT_EQ(json_depth(deep), 50'000u);
  EXPECT_EQ(json_depth(deep, 10), 11u);  // stops as soon as it knows
}

TEST(JsonLimits, WritingADocumentWithADeepExtraFailsNamingTheField) {
  Document doc("deep", "Some text.");
  doc.extra["ok"] = 1;
  doc.extra["plugin"] = nested_arrays(50'000);
  try {
    to_json(doc);
    FAIL() << "a 50,000-deep extra was written";
  } catch (const JsonError& e) {
    EXPECT_EQ(e.path, "/extra");
    EXPECT_THAT(e.what(), HasSubstr("--max-json-depth"));
  }
  Claim c;
  c.span = Span{0, 4};
  Evidence ev;
  ev.extra["x"] = nested_arrays(300);
  c.evidence.push_back(ev);
  Document claims("c", "Some text.");
  claims.claims.push_back(c);
  try {
    to_json(claims);
    FAIL();
  } catch (const JsonError& e) {
    EXPECT_EQ(e.path, "/claims/0/evidence/0/extra");
  }
  EXPECT_NO_THROW(to_json(claims, 400));
  Document shallow("s", "Text.");
  shallow.extra["plugin"] = nested_arrays(255);  // the extra object itself is one more level
  EXPECT_NO_THROW(to_json(shallow));
}
