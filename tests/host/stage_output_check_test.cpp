// The host checks every stage's output: a plugin's bad offsets or indexes fail that document alone, by id
// and stage, instead of crashing the writer or being written silently.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <factpipe/host/stage_output_check.hpp>

#include "host_test_util.hpp"

using namespace factpipe;
using namespace factpipe::host;
using factpipe::test::quote;
using factpipe::test::TempDir;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::Optional;

namespace {

Document sample() {
  Document d("d", "Café au lait.");  // é is two bytes: byte 4 is inside it
  d.paragraphs.push_back({Span{0, d.text.size()}, Json::object()});
  d.sentences.push_back({Span{0, d.text.size()}, 0, std::nullopt, Json::object()});
  return d;
}

}  // namespace

TEST(StageOutputCheck, AValidDocumentPasses) {
  Document d = sample();
  EXPECT_EQ(find_invalid_output(d, d.text.size()), std::nullopt);
}

TEST(StageOutputCheck, EachKindOfMistakeIsNamedWithItsPath) {
  Document d = sample();
  std::size_t n = d.text.size();
  d.sentences.push_back({Span{0, n + 10}, 0, std::nullopt, Json::object()});
  EXPECT_THAT(find_invalid_output(d, n), Optional(HasSubstr("/sentences/1: end byte 24 is past the end of the text")));
  d = sample();
  d.sentences[0].span = Span{5, 2};
  EXPECT_THAT(find_invalid_output(d, n), Optional(HasSubstr("/sentences/0: start byte 5 is after end byte 2")));
  d = sample();
  d.tokens.push_back({Span{0, 4}, TokenKind::word});
  EXPECT_THAT(find_invalid_output(d, n), Optional(HasSubstr("/tokens/0: the span 0..4 cuts a UTF-8 character")));
  d = sample();
  d.sentences[0].paragraph = 3;
  EXPECT_THAT(find_invalid_output(d, n), Optional(HasSubstr("/sentences/0/paragraph: index 3 is out of range")));
  d = sample();
  Claim c;
  c.span = Span{0, 4 + 1};
  c.quote = 0;
  d.claims.push_back(c);
  EXPECT_THAT(find_invalid_output(d, n), Optional(HasSubstr("/claims/0/quote: index 0 is out of range (0 quotes)")));
  d = sample();
  d.extra = Json::array();
  EXPECT_THAT(find_invalid_output(d, n), Optional(HasSubstr("/extra: expected an object, got array")));
  d = sample();
  EXPECT_THAT(find_invalid_output(d, n - 1), Optional(HasSubstr("the text changed")));
}

TEST(StageOutputCheck, ARunFailsOnlyTheDocumentsAPluginBroke) {
  TempDir dir;
  auto pipeline = factpipe::test::hostile_pipeline(dir);
  auto input = dir.write("in.jsonl",
                         "{\"id\": \"past-end\", \"text\": \"BAD-OFFSET\"}\n"
                         "{\"id\": \"fine\", \"text\": \"ok\"}\n"
                         "{\"id\": \"backwards\", \"text\": \"START-AFTER-END\"}\n");
  auto out = dir / "out.jsonl";
  auto r = factpipe::test::run_shell(quote(FACTPIPE_EXE) + " run -q -j 2 -c " + quote(pipeline) +
                                         " --format jsonl -o " + quote(out) + " " + quote(input),
                                     dir.path());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_THAT(r.err, HasSubstr("stage 'hostile' failed on document 'past-end': it wrote an invalid document: "
                               "/sentences/0: end byte 20 is past the end of the text (10 bytes)"));
  EXPECT_THAT(r.err, HasSubstr("stage 'hostile' failed on document 'backwards': it wrote an invalid document: "
                               "/sentences/0: start byte 3 is after end byte 1"));
  auto written = factpipe::test::read_file(out);
  EXPECT_THAT(written, HasSubstr("\"fine\""));
  EXPECT_THAT(written, Not(HasSubstr("past-end")));
  EXPECT_THAT(written, Not(HasSubstr("backwards")));
}
