// Limits on what is read and written (docs/limits.md): deep JSON and YAML, YAML alias bombs. Each fails with
// a message naming the place and the option, and one bad document fails alone.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include <factpipe/document_json.hpp>
#include <factpipe/host/errors.hpp>
#include <factpipe/host/input_reader.hpp>
#include <factpipe/host/output_writer.hpp>
#include <factpipe/host/pipeline_config.hpp>
#include <factpipe/json_limits.hpp>

#include "deep_json.hpp"
#include "host_test_util.hpp"

using namespace factpipe;
using namespace factpipe::host;
using factpipe::test::nested_arrays;
using factpipe::test::nested_arrays_text;
using factpipe::test::quote;
using factpipe::test::TempDir;
using ::testing::HasSubstr;

namespace {

std::vector<InputItem> read_everything(const std::vector<std::string>& inputs, std::size_t max_depth) {
  std::istringstream in;
  InputReader reader(inputs, factpipe::host::StdinFormat::txt, in);
  reader.max_json_depth(max_depth);
  std::vector<InputItem> out;
  while (auto item = reader.next()) {
    item->parse();
    out.push_back(std::move(*item));
  }
  return out;
}

}  // namespace

TEST(JsonDepthLimit, ADeepDocumentFailsAloneInEveryInputForm) {
  TempDir dir;
  std::string deep = "{\"id\": \"deep\", \"text\": \"x\", \"extra\": {\"a\": " + nested_arrays_text(50'000) + "}}";
  auto lines = dir.write("a.jsonl", deep + "\n{\"id\": \"fine\", \"text\": \"y\"}\n");
  auto json = dir.write("b.json", deep);
  auto txt = dir.write("c.txt", "text");
  dir.write("c.meta.json", "{\"title\": " + nested_arrays_text(50'000) + "}");
  auto items = read_everything({lines.string(), json.string(), txt.string()}, kDefaultMaxJsonDepth);
  ASSERT_EQ(items.size(), 4u);
  for (std::size_t i : {0u, 2u, 3u}) {
    EXPECT_FALSE(items[i].document) << i;
    EXPECT_THAT(items[i].error, HasSubstr("nested deeper than 256 levels")) << i;
    EXPECT_THAT(items[i].error, HasSubstr("--max-json-depth")) << i;
  }
  EXPECT_EQ(items[0].origin, lines.string() + ":1");
  ASSERT_TRUE(items[1].document) << items[1].error;
  EXPECT_EQ(items[1].document->id(), "fine");
  EXPECT_THAT(items[3].error, HasSubstr("c.meta.json"));
  // The option raises the limit (up to its ceiling of 4096: a document is copied by recursion, and 50,000 levels
  // overflow the stack of a sanitizer build).
  auto medium =
      dir.write("d.json", "{\"id\": \"medium\", \"text\": \"x\", \"extra\": {\"a\": " + nested_arrays_text(600) + "}}");
  EXPECT_FALSE(read_everything({medium.string()}, kDefaultMaxJsonDepth)[0].document);
  auto raised = read_everything({medium.string()}, 1000);
  ASSERT_TRUE(raised[0].document) << raised[0].error;
}

TEST(JsonDepthLimit, TheWriterRefusesADeepExtraAndWritesNothingOfIt) {
  TempDir dir;
  std::ostringstream out;
  OutputOptions options;
  options.target = (dir / "out").string();
  options.formats = {"json", "jsonl"};
  OutputWriter w(options, out);
  Document deep("deep", "x");
  deep.extra["a"] = nested_arrays(50'000);
  try {
    w.write(deep);
    FAIL() << "written";
  } catch (const JsonError& e) {
    EXPECT_EQ(e.path, "/extra");
  }
  w.write(Document("fine", "y"));
  w.finish();
  EXPECT_FALSE(std::filesystem::exists(dir / "out/deep.json"));
  EXPECT_TRUE(std::filesystem::exists(dir / "out/fine.json"));
  auto lines = factpipe::test::read_file(dir / "out/documents.jsonl");
  EXPECT_EQ(std::count(lines.begin(), lines.end(), '\n'), 1);
}

TEST(YamlLimits, ABillionLaughsFileStopsAtTheNodeLimit) {
  std::string yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'j'; ++c)  // 10^9 values once expanded
    yaml += std::string(1, c) + ": &" + c + " [*" + char(c - 1) + ", *" + char(c - 1) + ", *" + char(c - 1) + ", *" +
            char(c - 1) + ", *" + char(c - 1) + ", *" + char(c - 1) + ", *" + char(c - 1) + ", *" + char(c - 1) +
            ", *" + char(c - 1) + ", *" + char(c - 1) + "]\n";
  try {
    parse_pipeline_yaml(yaml, "laughs.yaml");
    FAIL() << "expanded";
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("laughs.yaml:"));
    EXPECT_THAT(e.what(), HasSubstr("more than 100000 values once aliases are expanded"));
    EXPECT_THAT(e.what(), HasSubstr("--max-config-nodes"));
  }
  // Aliases within the limit still work.
  auto ok = parse_pipeline_yaml("base: &b {k: 1}\nother: *b\n", "ok.yaml");
  EXPECT_EQ(ok.root["other"]["k"], 1);
  YamlLimits small;
  small.max_nodes = 3;
  EXPECT_THROW(parse_pipeline_yaml("base: &b {k: 1}\nother: *b\n", "ok.yaml", small), ConfigError);
}

TEST(YamlLimits, DeepNestingFailsWithTheDepthOption) {
  std::string yaml = "a: " + nested_arrays_text(300) + "\n";
  try {
    parse_pipeline_yaml(yaml, "deep.yaml");
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("deep.yaml:1:"));
    EXPECT_THAT(e.what(), HasSubstr("--max-json-depth"));
  }
  // Deeper than yaml-cpp's own guard: its error, not a crash.
  EXPECT_THROW(parse_pipeline_yaml("a: " + nested_arrays_text(50'000) + "\n", "deeper.yaml"), ConfigError);
}

// Found by fuzz_pipeline_yaml: a raw 0x9a byte in a value became JSON that nlohmann's dump() refused.
TEST(YamlLimits, InvalidUtf8InAValueOrKeyIsAConfigErrorWithItsPlace) {
  try {
    parse_pipeline_yaml("pipeline: a\nstages:\n  - {name: s, plugin: s\x9agmenter}\n", "bad.yaml");
    FAIL() << "accepted invalid UTF-8";
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("bad.yaml:3:"));
    EXPECT_THAT(e.what(), HasSubstr("invalid UTF-8"));
  }
  EXPECT_THROW(parse_pipeline_yaml("k\xff: 1\n", "key.yaml"), ConfigError);
  EXPECT_THROW(parse_pipeline_yaml("k: \"\\ud800\"\n", "escape.yaml"), ConfigError);
  EXPECT_EQ(parse_pipeline_yaml("k: \"caf\xc3\xa9\"\n", "ok.yaml").root["k"], "caf\xc3\xa9");
}

TEST(JsonDepthLimit, ARunGoesOnPastADocumentWhosePluginWritesADeepExtra) {
  TempDir dir;
  auto pipeline = factpipe::test::hostile_pipeline(dir);
  auto input =
      dir.write("in.jsonl", "{\"id\": \"bomb\", \"text\": \"DEEP-EXTRA\"}\n{\"id\": \"fine\", \"text\": \"ok\"}\n");
  for (const char* format : {"jsonl", "json"}) {
    auto out = dir / (std::string("out.") + format);
    auto r = factpipe::test::run_shell(quote(FACTPIPE_EXE) + " run -q -c " + quote(pipeline) + " --format " + format +
                                           " -o " + quote(out) + " " + quote(input),
                                       dir.path());
    EXPECT_EQ(r.exit_code, 1) << format << r.err;
    EXPECT_THAT(r.err, HasSubstr("'bomb'")) << format;
    EXPECT_THAT(r.err, HasSubstr("--max-json-depth")) << format;
    auto written = factpipe::test::read_file(out);
    EXPECT_THAT(written, HasSubstr("\"fine\"")) << format;
    EXPECT_THAT(written, ::testing::Not(HasSubstr("\"bomb\""))) << format;
  }
}

TEST(JobsLimit, MoreThanTheLimitIsAUsageError) {
  TempDir dir;
  auto input = dir.write("in.txt", "text");
  auto r = factpipe::test::run_shell(quote(FACTPIPE_EXE) + " run -j 100000 -o - " + quote(input), dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--jobs"));
  EXPECT_THAT(r.err, HasSubstr("256"));
}

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define FACTPIPE_SANITIZED 1
#endif

TEST(JobsLimit, AFailedThreadCreationFailsCleanlyWithAMessage) {
#ifdef FACTPIPE_SANITIZED
  GTEST_SKIP() << "sanitizers reserve more address space than the limit this test sets";
#else
  TempDir dir;
  auto pipeline = factpipe::test::hostile_pipeline(dir);
  auto input = dir.write("in.txt", "text");
  // 250 thread stacks of 8 MB do not fit in 400 MB of address space.
  auto r = factpipe::test::run_shell("ulimit -v 400000; ulimit -s 8192; " + quote(FACTPIPE_EXE) + " run -j 250 -c " +
                                         quote(pipeline) + " -o - " + quote(input),
                                     dir.path());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_THAT(r.err, HasSubstr("cannot start 250 worker threads"));
  EXPECT_THAT(r.err, HasSubstr("give a smaller -j"));
#endif
}

TEST(Throughput, CountsOnlyDocumentsThatWereRead) {
  TempDir dir;
  auto big = dir.write("big.txt", std::string(3000, 'a'));
  auto r = factpipe::test::run_shell(quote(FACTPIPE_EXE) + " run -c " + quote(factpipe::test::hostile_pipeline(dir)) +
                                         " --max-document-mb 0.001 -o - " + quote(big),
                                     dir.path());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_THAT(r.err, HasSubstr("1 documents, 1 failed"));
  EXPECT_THAT(r.err, HasSubstr(", 0.00 MB/s"));  // the file over the limit was never read
}
