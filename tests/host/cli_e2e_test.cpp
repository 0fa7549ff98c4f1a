// The built `factpipe` command, end to end: real processes, real plugins, real files.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

// valijson's JSON pointer code trips GCC 12's -Wrestrict false positive (GCC bug 105329) once inlined.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wrestrict"
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>
#pragma GCC diagnostic pop

#include <factpipe/document.hpp>

#include "host_test_util.hpp"

using factpipe::Json;
using factpipe::test::quote;
using factpipe::test::TempDir;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

const std::string kExe = FACTPIPE_EXE;

// Every document the host writes must match sdk/schema/document.schema.json.
std::string schema_errors(const Json& doc) {
  static const Json schema_json = Json::parse(factpipe::test::read_file(factpipe::test::document_schema()));
  valijson::Schema schema;
  valijson::SchemaParser parser;
  valijson::adapters::NlohmannJsonAdapter schema_adapter(schema_json);
  parser.populateSchema(schema_adapter, schema);
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(doc);
  if (validator.validate(schema, target, &results)) return "";
  std::string out;
  valijson::ValidationResults::Error e;
  while (results.popError(e)) {
    for (auto& c : e.context) out += c;
    out += ": " + e.description + "\n";
  }
  return out;
}

class Cli : public ::testing::Test {
 protected:
  factpipe::test::CommandResult run(const std::string& args, const std::string& env = "") {
    return factpipe::test::run_shell("cd " + quote(dir_.path()) + " && " + env + " " + quote(kExe) + " " + args,
                                     dir_.path());
  }
  // A pipeline of fixture plugins (found through plugin_paths, so no environment is needed).
  std::filesystem::path fixture_pipeline(const std::string& stages) {
    return dir_.write("fixture.yaml", "pipeline: fixture-test\nplugin_paths: [" +
                                          factpipe::test::fixture_dir().string() + "]\nstages:\n" + stages);
  }
  // The real segmenter when it is built; otherwise a fixture stage (the host behaves the same).
  std::filesystem::path segmenting_pipeline() {
#ifdef FACTPIPE_HAVE_SEGMENTER
    // Found in the build tree's plugin dir (not config/default.yaml, which grows with the project).
    return dir_.write("segment.yaml", "pipeline: seg\nstages:\n  - {name: segmenter, plugin: segmenter}\n");
#else
    return fixture_pipeline("  - {name: segmenter, plugin: fx_good}\n");
#endif
  }
  TempDir dir_;
};

}  // namespace

TEST_F(Cli, HelpDocumentsTheExitCodes) {
  auto r = run("--help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("Exit codes:"));
  EXPECT_THAT(r.out, HasSubstr("1  the run finished but some documents failed"));
  EXPECT_THAT(r.out, HasSubstr("3  plugin error"));
  EXPECT_EQ(run("run --no-such-flag x.txt").exit_code, 2);
}

TEST_F(Cli, RunsOnATextFileAndWritesSchemaValidJson) {
  dir_.write("article.txt",
             "Mayor Lee said the bridge costs $1.2 billion. \xE2\x80\x9CWe will build it,\xE2\x80\x9D she said.\n");
  dir_.write("article.meta.json", R"({"title": "Bridge", "publisher": "Ledger", "language": "en"})");
  auto r = run("run -q -c " + quote(segmenting_pipeline()) + " -o out article.txt");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto doc = Json::parse(factpipe::test::read_file(dir_ / "out/article.json"));
  EXPECT_EQ(doc["id"], "article");
  EXPECT_EQ(doc["metadata"]["title"], "Bridge");
  EXPECT_EQ(doc["provenance"]["stages"][0]["stage"], "segmenter");
  EXPECT_GT(doc["provenance"]["stages"][0]["seconds"].get<double>(), 0.0);
#ifdef FACTPIPE_HAVE_SEGMENTER
  EXPECT_EQ(doc["sentences"].size(), 2u);
  EXPECT_EQ(doc["layers"], Json({"paragraphs", "sentences", "tokens", "markup"}));
#endif
  EXPECT_EQ(schema_errors(doc), "");
}

TEST_F(Cli, ClosingSummaryAndStatsOnStderr) {
  dir_.write("a.txt", "One. Two.");
  auto r = run("run --stats -c " + quote(segmenting_pipeline()) + " -o out a.txt");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("factpipe: 1 documents, 0 failed,"));
  EXPECT_THAT(r.err, HasSubstr("MB/s"));
  EXPECT_THAT(r.err, HasSubstr("per doc"));
  EXPECT_THAT(r.err, HasSubstr("segmenter"));
  EXPECT_EQ(r.out, "");
}

TEST_F(Cli, JsonLinesWithABadLineAndInvalidUtf8GoOnAndExitOne) {
  dir_.write("batch.jsonl",
             "{\"id\": \"first\", \"text\": \"A sentence. Another one.\"}\n"
             "{\"id\": \"second\", \"text\": oops}\n"
             "{\"id\": \"third\", \"text\": \"bad \xC3\x28 bytes\"}\n"
             "{\"id\": \"fourth\", \"text\": \"\"}\n");
  auto r = run("run -c " + quote(segmenting_pipeline()) + " -o out batch.jsonl");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_THAT(r.err, HasSubstr("batch.jsonl:2: document"));
  EXPECT_THAT(r.err, HasSubstr("batch.jsonl:3: document"));
  EXPECT_THAT(r.err, HasSubstr("factpipe: 4 documents, 2 failed"));
  EXPECT_TRUE(std::filesystem::exists(dir_ / "out/first.json"));
  EXPECT_TRUE(std::filesystem::exists(dir_ / "out/fourth.json"));  // empty text is processed, not failed
  EXPECT_THAT(r.err, HasSubstr("batch.jsonl:4: document 'fourth' is empty: nothing to check"));
  EXPECT_EQ(schema_errors(Json::parse(factpipe::test::read_file(dir_ / "out/fourth.json"))), "");
}

TEST_F(Cli, ADocumentOverMaxDocumentMbFailsAloneAndNamesTheLimit) {
  dir_.write("in/big.txt", std::string(3000, 'a') + ".");
  dir_.write("in/small.txt", "A sentence.");
  auto r = run("run -c " + quote(segmenting_pipeline()) + " --max-document-mb 0.002 -o out in");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_THAT(r.err,
              HasSubstr("big.txt: document 'big' failed: the document is 3001 bytes, over the limit of 2000 bytes"));
  EXPECT_THAT(r.err, HasSubstr("factpipe: 2 documents, 1 failed"));
  EXPECT_TRUE(std::filesystem::exists(dir_ / "out/small.json"));
  EXPECT_FALSE(std::filesystem::exists(dir_ / "out/big.json"));
  auto unlimited = run("run -q -c " + quote(segmenting_pipeline()) + " --max-document-mb 0 -o out2 in");
  EXPECT_EQ(unlimited.exit_code, 0) << unlimited.err;
}

TEST_F(Cli, StreamsStdinToStdoutOneLinePerDocumentInOrder) {
  std::string input;
  for (int i = 0; i < 300; ++i)
    input +=
        Json{{"id", factpipe::test::cat("doc", i)}, {"text", factpipe::test::cat("Sentence ", i) + ". Next."}}.dump() +
        "\n";
  dir_.write("in.jsonl", input);
  auto r =
      run("run -q -j 2 -c " + quote(segmenting_pipeline()) + " --input-format jsonl --format jsonl -o - - < in.jsonl");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    auto doc = Json::parse(line);
    EXPECT_EQ(doc["id"], factpipe::test::cat("doc", n));
    if (n == 0) {
      EXPECT_EQ(schema_errors(doc), "");
    }
    ++n;
  }
  EXPECT_EQ(n, 300);
}

TEST_F(Cli, StdinIsReadAsInputFormatSaysNotAsTheOutputFormat) {
  dir_.write("one.json", Json{{"id", "from-json"}, {"text", "One sentence. Two."}}.dump());
  // --format jsonl no longer makes stdin JSON lines: without --input-format it is one text document
  auto as_text = run("run -q -c " + quote(segmenting_pipeline()) + " --format jsonl -o - - < one.json");
  ASSERT_EQ(as_text.exit_code, 0) << as_text.err;
  EXPECT_EQ(Json::parse(as_text.out)["id"], "stdin");
  auto as_json =
      run("run -q -c " + quote(segmenting_pipeline()) + " --input-format json --format jsonl -o - - < one.json");
  ASSERT_EQ(as_json.exit_code, 0) << as_json.err;
  auto doc = Json::parse(as_json.out);
  EXPECT_EQ(doc["id"], "from-json");
  EXPECT_EQ(doc["sentences"].size(), 2u);
  dir_.write("page.html",
             "<html><head><title>T</title></head><body><article><p>The council met on Tuesday. "
             "It voted.</p></article></body></html>");
  auto as_html = run("run -q -c " + quote(segmenting_pipeline()) + " --input-format html -o - - < page.html");
  ASSERT_EQ(as_html.exit_code, 0) << as_html.err;
  EXPECT_EQ(Json::parse(as_html.out)["metadata"]["title"], "T");
  auto bad = run("run -q -c " + quote(segmenting_pipeline()) + " --input-format xml -o - - < page.html");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("--input-format"));
}

TEST_F(Cli, AStageErrorNamesStageAndDocumentAndTheBatchGoesOn) {
  auto config = fixture_pipeline("  - {name: detonator, plugin: fx_boom}\n");
  dir_.write("in/a.txt", "calm");
  dir_.write("in/b.txt", "a BOOM here");
  dir_.write("in/c.txt", "calm again");
  auto r = run("run -j 2 -c " + quote(config) + " -o out in");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err,
              HasSubstr("document 'b' failed: stage 'detonator' failed on document 'b': found BOOM in the text"));
  EXPECT_TRUE(std::filesystem::exists(dir_ / "out/a.json"));
  EXPECT_FALSE(std::filesystem::exists(dir_ / "out/b.json"));
  EXPECT_TRUE(std::filesystem::exists(dir_ / "out/c.json"));
}

TEST_F(Cli, SetOverridesValidAndInvalid) {
  auto config = fixture_pipeline("  - {name: g, plugin: fx_good}\n");
  dir_.write("a.txt", "text");
  auto ok = run("run -q -c " + quote(config) + " --set g.count=9 --set g.greeting=yo -o one.json a.txt");
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  auto doc = Json::parse(factpipe::test::read_file(dir_ / "one.json"));
  EXPECT_EQ(doc["extra"]["fx_good"]["count"], 9);
  EXPECT_EQ(doc["extra"]["fx_good"]["greeting"], "yo");

  auto bad = run("run -c " + quote(config) + " --set g.count=nine --set g.colour=red a.txt");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("--set g.count=nine: stage 'g': config key 'count': expected integer"));
  EXPECT_THAT(bad.err, HasSubstr("--set g.colour=red: stage 'g': unknown configuration property 'colour'"));
  EXPECT_FALSE(std::filesystem::exists(dir_ / "out"));  // nothing ran

  auto nostage = run("run -c " + quote(config) + " --set claims.x=1 a.txt");
  EXPECT_EQ(nostage.exit_code, 2);
  EXPECT_THAT(nostage.err, HasSubstr("no stage named 'claims' (stages: g)"));
}

TEST_F(Cli, ValidateGoodAndBadConfigs) {
  auto good = run("validate " + quote(segmenting_pipeline()));
  EXPECT_EQ(good.exit_code, 0) << good.err;
#ifdef FACTPIPE_HAVE_SEGMENTER
  EXPECT_THAT(good.out, ::testing::StartsWith("OK: pipeline 'seg', 1 stage\n"));
  EXPECT_THAT(good.out, HasSubstr("factpipe-segmenter.so\n"));  // where its plugin was loaded from
#endif
  auto bad_file = fixture_pipeline(
      "  - {name: g, plugin: fx_good, config: {cont: 1}}\n"
      "  - {name: g, plugin: fx_nope}\n"
      "  - {name: claims, plugin: fx_needs_quotes}\n");
  auto bad = run("validate " + quote(bad_file));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("fixture.yaml:5:"));
  EXPECT_THAT(bad.err, HasSubstr("duplicate stage name 'g'"));
  EXPECT_THAT(bad.err, HasSubstr("unknown plugin 'fx_nope'"));
  EXPECT_THAT(bad.err, HasSubstr("2 errors in"));  // the file's own; no plugin is loaded until they are fixed
  auto bad_plugins = run("validate " + quote(fixture_pipeline("  - {name: g, plugin: fx_good, config: {cont: 1}}\n"
                                                              "  - {name: claims, plugin: fx_needs_quotes}\n")));
  EXPECT_EQ(bad_plugins.exit_code, 2);
  EXPECT_THAT(bad_plugins.err, HasSubstr("fixture.yaml:4:"));
  EXPECT_THAT(bad_plugins.err, HasSubstr("unknown configuration property 'cont'"));
  EXPECT_THAT(bad_plugins.err, HasSubstr("stage 'claims' requires layer 'quotes', which no earlier stage provides"));
  EXPECT_THAT(bad_plugins.err, HasSubstr("2 errors in"));

  auto broken = run("validate " + quote(dir_.write("broken.yaml", "stages: [\n")));
  EXPECT_EQ(broken.exit_code, 2);
  EXPECT_THAT(broken.err, HasSubstr("broken.yaml:"));

  auto major = run("validate " + quote(fixture_pipeline("  - {name: m, plugin: fx_major2}\n")));
  EXPECT_EQ(major.exit_code, 3);
  EXPECT_THAT(major.err, HasSubstr("API major versions differ"));
}

TEST_F(Cli, WithoutDashCTheDefaultPipelineIsUsed) {
  dir_.write("a.txt", "One sentence.");
  auto r = run("run -q -o out a.txt");
  if (r.exit_code == 0) {
    auto doc = Json::parse(factpipe::test::read_file(dir_ / "out/a.json"));
    EXPECT_THAT(doc["provenance"]["config_file"].get<std::string>(), HasSubstr("config/default.yaml"));
  } else {  // a partial build: the default pipeline names plugins that are not built, and says so
    EXPECT_THAT(r.err, HasSubstr("config/default.yaml"));
  }
}

TEST_F(Cli, TheDefaultPipelineValidates) {
  // Needs every plugin it names built: the test build builds them all, so a missing one is a failure.
  auto config = factpipe::test::source_dir() / "config/default.yaml";
  auto text = factpipe::test::read_file(config);
  for (std::size_t at = text.find("plugin:"); at != std::string::npos; at = text.find("plugin:", at + 1)) {
    auto start = text.find_first_not_of(" ", at + 7);
    auto name = text.substr(start, text.find_first_of(" \n}#,", start) - start);
    if (!std::filesystem::exists(factpipe::test::plugin_dir() / ("factpipe-" + name + ".so")))
      FAIL() << "plugin '" << name << "' of config/default.yaml is not built";
  }
  auto r = run("validate " + quote(config));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("OK: pipeline 'default', "));
}

TEST_F(Cli, PluginsListAndInfo) {
  std::string env = "FACTPIPE_PLUGIN_PATH=" + quote(factpipe::test::fixture_dir());
  auto list = run("plugins list", env);
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_THAT(list.out, HasSubstr("fx_good 1.2.3"));
  EXPECT_THAT(list.out, HasSubstr("provides: fixture"));
  EXPECT_THAT(list.out, HasSubstr("libraries that could not be loaded:"));
  EXPECT_THAT(list.out, HasSubstr("factpipe-fx_major2.so: incompatible plugin: API major versions differ"));
  EXPECT_THAT(list.out, HasSubstr("factpipe-fx_noentry.so: not a factpipe plugin"));
#ifdef FACTPIPE_HAVE_SEGMENTER
  EXPECT_THAT(list.out, HasSubstr("segmenter"));
#endif
  auto info = run("plugins info fx_good", env);
  ASSERT_EQ(info.exit_code, 0) << info.err;
  EXPECT_THAT(info.out, HasSubstr("version:     1.2.3"));
  EXPECT_THAT(info.out, HasSubstr("\"greeting\": \"hello\""));          // the defaults
  EXPECT_THAT(info.out, HasSubstr("\"additionalProperties\": false"));  // the schema, pretty-printed
  auto missing = run("plugins info fx_nothing", env);
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(missing.err, HasSubstr("no plugin named 'fx_nothing' (available: "));
}

TEST_F(Cli, UnknownSubcommandsRunExternalTools) {
  auto bin = dir_ / "bin";
  std::filesystem::create_directories(bin);
  dir_.write("bin/factpipe-hello", "#!/bin/sh\necho \"hello $*\"\n");
  dir_.write("bin/factpipe-eval-demo", "#!/bin/sh\necho \"eval demo $*\"\nexit 7\n");
  std::filesystem::permissions(bin / "factpipe-hello", std::filesystem::perms::owner_all);
  std::filesystem::permissions(bin / "factpipe-eval-demo", std::filesystem::perms::owner_all);
  std::string env = "PATH=" + quote(bin) + ":$PATH";
  auto hello = run("hello a b", env);
  EXPECT_EQ(hello.exit_code, 0);
  EXPECT_EQ(hello.out, "hello a b\n");
  auto eval = run("eval demo --x 1", env);
  EXPECT_EQ(eval.exit_code, 7);
  EXPECT_EQ(eval.out, "eval demo --x 1\n");
  auto absent = run("frobnicate", env);
  EXPECT_EQ(absent.exit_code, 2);
  EXPECT_THAT(absent.err, HasSubstr("'frobnicate' is not a factpipe command, and no factpipe-frobnicate was found"));
  EXPECT_THAT(absent.err, HasSubstr("hello"));
  EXPECT_THAT(absent.err, HasSubstr("eval demo"));
  auto absent_eval = run("eval nothing", env);
  EXPECT_EQ(absent_eval.exit_code, 2);
  EXPECT_THAT(absent_eval.err, HasSubstr("no factpipe-eval-nothing was found"));
}

TEST_F(Cli, FormatsAndOutputTargets) {
  dir_.write("a.txt", "One.");
  dir_.write("b.txt", "Two.");
  auto arr = run("run -q -c " + quote(segmenting_pipeline()) + " -o all.json a.txt b.txt");
  ASSERT_EQ(arr.exit_code, 0) << arr.err;
  EXPECT_EQ(Json::parse(factpipe::test::read_file(dir_ / "all.json")).size(), 2u);
  auto bad = run("run -c " + quote(segmenting_pipeline()) + " --format json,pdf a.txt");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("unknown format 'pdf'"));
  auto missing = run("run -c " + quote(segmenting_pipeline()) + " nothing.txt");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(missing.err, HasSubstr("nothing.txt: no such file or directory"));
}

#ifdef FACTPIPE_HAVE_REPORTS
TEST_F(Cli, SeveralFormatsAtOnceWithABatchIndex) {
  dir_.write("in/a.txt", "The mayor said the bridge costs $1.2 billion. Others disagreed.");
  dir_.write("in/b.txt", "Fares rose 14% in 2025.");
  auto r = run("run -q -c " + quote(segmenting_pipeline()) + " --format json,html,md -o out in");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* f : {"a.json", "a.html", "a.md", "b.json", "b.html", "b.md", "index.html", "index.md"})
    EXPECT_TRUE(std::filesystem::exists(dir_ / "out" / f)) << f;
  EXPECT_THAT(factpipe::test::read_file(dir_ / "out/index.html"), HasSubstr("a.html"));
  auto single = run("run -q -c " + quote(segmenting_pipeline()) + " --format md -o - in/b.txt");
  ASSERT_EQ(single.exit_code, 0) << single.err;
  EXPECT_THAT(single.out, HasSubstr("# Claim report: b"));
}
#endif

TEST_F(Cli, AFolderOfWebPagesIsReadAndOtherFilesAreNamedAsSkipped) {
  dir_.write("pages/story.html",
             "<html><head><meta property=\"og:title\" content=\"Bridge vote\"></head><body><nav><a href=\"/\">Home</a>"
             "</nav><article><p>The council voted on Tuesday to spend $1.2 billion on a new bridge, its largest "
             "project.</p></article></body></html>");
  dir_.write("pages/photo.png", "\x89PNG");
  auto r = run("run -c " + quote(segmenting_pipeline()) + " -o out pages");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("skipped pages/photo.png: not a kind of file factpipe reads"));
  auto doc = Json::parse(factpipe::test::read_file(dir_ / "out/story.json"));
  EXPECT_EQ(doc["metadata"]["title"], "Bridge vote");
  EXPECT_EQ(doc["text"], "The council voted on Tuesday to spend $1.2 billion on a new bridge, its largest project.");
  EXPECT_EQ(schema_errors(doc), "");
}

TEST_F(Cli, AFolderWithNothingReadableIsAnErrorNotASilentSuccess) {
  dir_.write("pages/photo.png", "\x89PNG");
  dir_.write("pages/notes.md", "# notes");
  auto r = run("run -c " + quote(segmenting_pipeline()) + " -o out pages");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_THAT(r.err, HasSubstr("skipped pages/notes.md"));
  EXPECT_THAT(r.err, HasSubstr("no documents were read from pages (2 files skipped)"));
}
