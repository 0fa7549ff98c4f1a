// Outputs survive interruption and hostile names: written under NAME.partial and renamed, streamed as
// documents finish, never through a symlink, and every failure says why (errno).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <sstream>
#include <thread>

#include <factpipe/document_json.hpp>
#include <factpipe/host/output_writer.hpp>

#include "host_test_util.hpp"

using namespace factpipe;
using namespace factpipe::host;
using factpipe::test::cat;
using factpipe::test::hostile_pipeline;
using factpipe::test::quote;
using factpipe::test::read_file;
using factpipe::test::TempDir;
using ::testing::HasSubstr;
namespace fs = std::filesystem;

namespace {

OutputOptions to(const fs::path& target, std::vector<std::string> formats) {
  OutputOptions o;
  o.target = target.string();
  o.formats = std::move(formats);
  return o;
}

std::size_t lines_in(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

}  // namespace

TEST(OutputSafety, AFileIsReplacedOnlyWhenComplete) {
  TempDir dir;
  auto target = dir.write("out.jsonl", "the previous run\n");
  std::ostringstream unused;
  {
    OutputWriter w(to(target, {"jsonl"}), unused);
    w.write(Document("a", "x"));
    w.write(Document("b", "y"));
    // Streamed: both lines are on disk already, under the partial name; the old file is intact.
    EXPECT_EQ(read_file(target), "the previous run\n");
    EXPECT_EQ(lines_in(read_file(dir / "out.jsonl.partial")), 2u);
    w.finish();
  }
  EXPECT_FALSE(fs::exists(dir / "out.jsonl.partial"));
  auto written = read_file(target);
  EXPECT_EQ(lines_in(written), 2u);
  EXPECT_THAT(written, HasSubstr("\"b\""));
}

TEST(OutputSafety, OneJsonFileIsAnObjectForOneDocumentAndAnArrayForSeveral) {
  TempDir dir;
  std::ostringstream unused;
  for (std::size_t n : {0u, 1u, 3u}) {
    auto target = dir / cat("out", n, ".json");
    std::vector<Json> expected;
    {
      OutputWriter w(to(target, {"json"}), unused);
      for (std::size_t i = 0; i < n; ++i) {
        Document d(cat("d", i), cat("text ", i));
        d.extra["nested"] = {{"list", {1, 2, {{"k", "v\nw"}}}}};
        expected.push_back(to_json(d));
        w.write(d);
      }
      w.finish();
    }
    Json all = n == 1 ? expected[0] : Json(expected);
    EXPECT_EQ(read_file(target), all.dump(2) + "\n") << n;  // the same bytes as dumping all at the end
  }
}

TEST(OutputSafety, SymlinksInTheOutputFolderAreReplacedNotFollowed) {
  TempDir dir;
  auto outside = dir.write("outside.txt", "precious");
  fs::create_directories(dir / "out");
  fs::create_symlink(outside, dir / "out/a.json");
  fs::create_symlink(outside, dir / "out/b.json.partial");  // planted where the next file is written
  std::ostringstream unused;
  OutputWriter w(to(dir / "out", {"json"}), unused);
  w.write(Document("a", "x"));
  w.write(Document("b", "y"));
  w.finish();
  EXPECT_EQ(read_file(outside), "precious");
  EXPECT_FALSE(fs::is_symlink(dir / "out/a.json"));
  EXPECT_EQ(Json::parse(read_file(dir / "out/a.json"))["id"], "a");
  EXPECT_EQ(Json::parse(read_file(dir / "out/b.json"))["id"], "b");
}

TEST(OutputSafety, LongIdsGetShortDistinctFileNames) {
  TempDir dir;
  std::ostringstream unused;
  std::string a(300, 'a'), b = std::string(299, 'a') + "b";
  OutputWriter w(to(dir / "out", {"json"}), unused);
  w.write(Document(a, "x"));
  w.write(Document(b, "y"));
  w.finish();
  std::set<std::string> ids;
  for (const auto& entry : fs::directory_iterator(dir / "out")) {
    EXPECT_LE(entry.path().filename().string().size(), 130u);
    ids.insert(Json::parse(read_file(entry.path()))["id"].get<std::string>());
  }
  EXPECT_EQ(ids, (std::set<std::string>{a, b}));
}

#ifdef FACTPIPE_HAVE_REPORTS
TEST(OutputSafety, ADocumentCalledIndexDoesNotLoseItsReportToTheBatchIndex) {
  TempDir dir;
  std::ostringstream unused;
  OutputWriter w(to(dir / "out", {"html"}), unused);
  w.write(Document("index", "The index document."));
  w.write(Document(std::string(300, 'x'), "A long id."));
  w.finish();
  EXPECT_THAT(read_file(dir / "out/index-2.html"), HasSubstr("The index document."));
  EXPECT_THAT(read_file(dir / "out/index.html"), HasSubstr("index-2.html"));
}
#endif

TEST(OutputSafety, AFullStdoutSaysSoWithErrno) {
  TempDir dir;
  auto input = dir.write("in.jsonl", "{\"id\": \"a\", \"text\": \"fine\"}\n");
  auto r = factpipe::test::run_shell(quote(FACTPIPE_EXE) + " run -q -c " + quote(hostile_pipeline(dir)) +
                                         " --format jsonl -o - " + quote(input) + " > /dev/full",
                                     dir.path());
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_THAT(r.err, HasSubstr("stdout: cannot write: No space left on device (errno 28)"));
}

// A real full disk: a 64 KiB tmpfs in a private mount namespace (needs root or user namespaces).
TEST(OutputSafety, AFullDiskKeepsTheCompleteDocumentsAndSaysWhy) {
  TempDir dir;
  std::string lines;
  for (int i = 0; i < 40; ++i) lines += Json{{"id", cat("doc-", i)}, {"text", std::string(4000, 'w')}}.dump() + "\n";
  auto input = dir.write("in.jsonl", lines);
  fs::create_directories(dir / "small");
  std::string script = "mount -t tmpfs -o size=64k tmpfs " + quote(dir / "small") + " || exit 99; " +
                       quote(FACTPIPE_EXE) + " run -q -j 1 -c " + quote(hostile_pipeline(dir)) + " --format jsonl -o " +
                       quote(dir / "small/out.jsonl") + " " + quote(input) + "; echo \"rc=$?\"; cp " +
                       quote(dir / "small/out.jsonl") + " " + quote(dir / "kept.jsonl") + "; ls " +
                       quote(dir / "small");
  auto r = factpipe::test::run_shell("unshare -m sh -c " + quote(script), dir.path());
  if (r.exit_code == 99 || r.out.find("rc=") == std::string::npos)
    GTEST_SKIP() << "cannot mount a small tmpfs here (needs root or user namespaces): " << r.err;
  EXPECT_THAT(r.out, HasSubstr("rc=4"));
  EXPECT_THAT(r.err, HasSubstr("out.jsonl: cannot write: No space left on device (errno 28)"));
  EXPECT_THAT(r.err, HasSubstr("complete record(s) written before"));
  EXPECT_THAT(r.out, ::testing::Not(HasSubstr("out.jsonl.partial")));
  auto kept = read_file(dir / "kept.jsonl");
  ASSERT_GT(lines_in(kept), 3u);
  EXPECT_LT(lines_in(kept), 40u);
  std::istringstream in(kept);
  std::string line;
  int expected = 0;
  while (std::getline(in, line)) EXPECT_EQ(Json::parse(line)["id"], cat("doc-", expected++));
  EXPECT_EQ(kept.back(), '\n');
}

TEST(OutputSafety, KillingARunKeepsWhatWasCompleteAndThePreviousFile) {
  TempDir dir;
  auto input = dir.write("in.jsonl",
                         "{\"id\": \"one\", \"text\": \"fine\"}\n{\"id\": \"two\", \"text\": \"fine\"}\n"
                         "{\"id\": \"hang\", \"text\": \"ENDLESS-LOOP\"}\n");
  auto target = dir.write("out.jsonl", "previous\n");
  std::string command = quote(FACTPIPE_EXE) + " run -q -j 1 --batch-size 1 -c " + quote(hostile_pipeline(dir)) +
                        " --format jsonl -o " + quote(target) + " " + quote(input) +
                        " </dev/null >/dev/null 2>&1 & echo $!";
  auto started = factpipe::test::run_shell(command, dir.path());
  pid_t pid = std::stoi(started.out);
  auto partial = dir / "out.jsonl.partial";
  for (int i = 0; i < 200 && (!fs::exists(partial) || lines_in(read_file(partial)) < 2); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ::kill(pid, SIGKILL);
  EXPECT_EQ(read_file(target), "previous\n");
  auto kept = read_file(partial);
  ASSERT_EQ(lines_in(kept), 2u);
  EXPECT_THAT(kept, HasSubstr("\"one\""));
  EXPECT_THAT(kept, HasSubstr("\"two\""));
}
