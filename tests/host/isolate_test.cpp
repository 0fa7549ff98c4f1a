// --isolate: a plugin that segfaults, aborts or never returns fails that document, named with its stage;
// the batch goes on and the other documents are written as without isolation.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <factpipe/document.hpp>

#include "host_test_util.hpp"

using factpipe::Json;
using factpipe::test::quote;
using factpipe::test::TempDir;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

// A sanitizer build forks, runs and reports a crash slowly: a document next to the crash must not hit the timeout.
// It also runs the documents one at a time: GCC 12's AddressSanitizer does not hold its allocator's lock across
// fork(), so a child forked while another worker thread allocates can wait for that lock for ever (seen: document
// 'a' timing out in a stage that only copies its config, 2 runs in 4). glibc's malloc, in every other build,
// takes its locks around fork, so the product build runs the test with two workers.
#if defined(__SANITIZE_ADDRESS__)
const std::string kTimeout = "10";
const std::string kJobs = "1";
#else
const std::string kTimeout = "2";
const std::string kJobs = "2";
#endif

struct Isolated : ::testing::Test {
  factpipe::test::CommandResult run(const std::string& options, const std::string& lines) {
    auto pipeline = factpipe::test::write_fixture_pipeline(
        dir, "  - {name: first, plugin: fx_good}\n  - {name: hostile, plugin: fx_hostile}\n");
    auto input = dir.write("in.jsonl", lines);
    return factpipe::test::run_shell(quote(FACTPIPE_EXE) + " run -q " + options + " -c " + quote(pipeline) +
                                         " --format jsonl -o " + quote(dir / "out.jsonl") + " " + quote(input),
                                     dir.path());
  }
  std::string written() const { return factpipe::test::read_file(dir / "out.jsonl"); }
  TempDir dir;
};

}  // namespace

TEST_F(Isolated, ACrashAnAbortAndAHangFailOneDocumentEachAndTheBatchGoesOn) {
  auto r = run("--isolate --document-timeout " + kTimeout + " -j " + kJobs,
               "{\"id\": \"a\", \"text\": \"fine\"}\n"
               "{\"id\": \"crash\", \"text\": \"SEGFAULT\"}\n"
               "{\"id\": \"b\", \"text\": \"fine too\"}\n"
               "{\"id\": \"abort\", \"text\": \"ABORT\"}\n"
               "{\"id\": \"hang\", \"text\": \"ENDLESS-LOOP\"}\n"
               "{\"id\": \"c\", \"text\": \"last\"}\n");
  EXPECT_EQ(r.exit_code, 1) << r.err;
#if defined(__SANITIZE_ADDRESS__)
  // AddressSanitizer catches the segfault itself, reports it and exits with status 1.
  EXPECT_THAT(r.err, HasSubstr("stage 'hostile' failed on document 'crash': the worker process exited with status 1"));
#else
  EXPECT_THAT(r.err, HasSubstr("stage 'hostile' failed on document 'crash': the worker process died of signal 11"));
#endif
  EXPECT_THAT(r.err, HasSubstr("stage 'hostile' failed on document 'abort': the worker process died of signal 6"));
  EXPECT_THAT(r.err, HasSubstr("stage 'hostile' failed on document 'hang': did not finish within " + kTimeout +
                               " s (--document-timeout); its worker process was killed"));
  std::vector<std::string> ids;
  std::istringstream in(written());
  for (std::string line; std::getline(in, line);) {
    Json doc = Json::parse(line);
    ids.push_back(doc["id"]);
    EXPECT_EQ(doc["extra"]["fx_hostile"], "passed");
    EXPECT_EQ(doc["provenance"]["stages"].size(), 2u);
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "b", "c"})) << r.err;
}

TEST_F(Isolated, AStageErrorAndBadOffsetsAreReportedAsWithoutIsolation) {
  auto r = run("--isolate", "{\"id\": \"bad\", \"text\": \"BAD-OFFSET\"}\n{\"id\": \"ok\", \"text\": \"fine\"}\n");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_THAT(r.err, HasSubstr("stage 'hostile' failed on document 'bad': it wrote an invalid document: "
                               "/sentences/0: end byte 20 is past the end of the text (10 bytes)"));
  EXPECT_THAT(written(), HasSubstr("\"ok\""));
  EXPECT_THAT(written(), Not(HasSubstr("\"bad\"")));
}

TEST_F(Isolated, TheSameOutputAsWithoutIsolation) {
  std::string lines = "{\"id\": \"x\", \"text\": \"Caf\\u00e9 one.\"}\n{\"id\": \"y\", \"text\": \"Two.\"}\n";
  ASSERT_EQ(run("", lines).exit_code, 0);
  auto plain = written();
  ASSERT_EQ(run("--isolate", lines).exit_code, 0);
  auto isolated = written();
  // Everything but the stage timings is the same.
  auto strip = [](std::string s) {
    std::istringstream in(s);
    std::string out;
    for (std::string line; std::getline(in, line);) {
      Json doc = Json::parse(line);
      for (auto& st : doc["provenance"]["stages"]) st.erase("seconds");
      out += doc.dump() + "\n";
    }
    return out;
  };
  EXPECT_EQ(strip(isolated), strip(plain));
}
