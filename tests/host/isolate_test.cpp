// --isolate: a plugin that segfaults, aborts or never returns fails that document, named with its stage;
// the batch goes on and the other documents are written as without isolation.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <set>
#include <thread>

#include <factpipe/document.hpp>

#include "host_test_util.hpp"

using factpipe::Json;
using factpipe::test::quote;
using factpipe::test::TempDir;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

// A sanitizer build forks, runs and reports a crash slowly: a document next to the crash must not hit the timeout.
// Both builds run two workers: a worker is forked only from the process's only thread (the runner starts none
// with --isolate), so no lock can be held at the fork (per-document forks from worker threads once made GCC 12's
// AddressSanitizer children wait for its allocator lock for ever).
#if defined(__SANITIZE_ADDRESS__)
const std::string kTimeout = "10";
#else
const std::string kTimeout = "2";
#endif
const std::string kJobs = "2";

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
  std::vector<Json> written_documents() const {
    std::vector<Json> docs;
    std::istringstream in(written());
    for (std::string line; std::getline(in, line);) docs.push_back(Json::parse(line));
    return docs;
  }
  TempDir dir;
};

// The processes whose parent is `parent`, from /proc, with their state letter (R, S, Z ...).
std::vector<std::pair<pid_t, char>> children_of(pid_t parent) {
  std::vector<std::pair<pid_t, char>> children;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string name = entry.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(entry.path() / "stat");
    std::string line;
    if (!std::getline(stat, line)) continue;  // it ended meanwhile
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
    std::istringstream rest(line.substr(line.rfind(')') + 2));
    char state = 0;
    pid_t ppid = 0;
    rest >> state >> ppid;
    if (ppid == parent) children.emplace_back(std::stoi(name), state);
  }
  return children;
}

// Whether process `pid` still runs (a zombie has ended: only its exit status is left for a parent to read).
bool running(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return false;
  return line.substr(line.rfind(')') + 2, 1) != "Z";
}

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

TEST_F(Isolated, AWorkerProcessServesManyDocumentsAndADeadOneIsReplaced) {
  std::string lines;
  for (int i = 0; i < 6; ++i) lines += factpipe::test::cat("{\"id\": \"w", i, "\", \"text\": \"WHO-AM-I\"}\n");
  lines += "{\"id\": \"crash\", \"text\": \"SEGFAULT\"}\n";
  for (int i = 6; i < 12; ++i) lines += factpipe::test::cat("{\"id\": \"w", i, "\", \"text\": \"WHO-AM-I\"}\n");
  // Which worker process wrote each document, and how many documents its stage had seen by then.
  auto processes = [&](const std::string& jobs) {
    auto r = run("--isolate --document-timeout " + kTimeout + " -j " + jobs, lines);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_THAT(r.err, HasSubstr("stage 'hostile' failed on document 'crash': the worker process "));
    std::vector<std::pair<int, int>> pid_seen;
    for (const auto& doc : written_documents())
      pid_seen.emplace_back(doc["extra"]["fx_hostile"]["pid"].get<int>(),
                            doc["extra"]["fx_hostile"]["seen"].get<int>());
    EXPECT_EQ(pid_seen.size(), 12u) << r.err;
    return pid_seen;
  };
  // One worker: it takes the first six documents and the crash, a new one the last six (a process per document
  // would make twelve, each seeing one document).
  auto one = processes("1");
  ASSERT_EQ(one.size(), 12u);
  for (int i = 0; i < 12; ++i) {
    EXPECT_EQ(one[i].first, one[i < 6 ? 0 : 6].first) << i;
    EXPECT_EQ(one[i].second, i % 6 + 1) << i;
  }
  EXPECT_NE(one[0].first, one[6].first);
  EXPECT_NE(one[0].first, getpid());
  // Two workers, and a third in place of the crashed one when documents are left for it by the time its death is
  // seen (the other worker may have taken them all meanwhile).
  std::set<int> pids;
  for (const auto& [pid, seen] : processes("2")) pids.insert(pid);
  EXPECT_GE(pids.size(), 2u);
  EXPECT_LE(pids.size(), 3u);
}

// kill -9 of the parent in the middle of a run: no worker lives on, neither those stuck in an endless loop (the
// kernel kills them, PR_SET_PDEATHSIG) nor an idle one waiting for its next document.
TEST_F(Isolated, NoWorkerOutlivesTheParent) {
  auto pipeline = factpipe::test::write_fixture_pipeline(
      dir, "  - {name: first, plugin: fx_good}\n  - {name: hostile, plugin: fx_hostile}\n");
  auto input = dir.write("in.jsonl",
                         "{\"id\": \"hang1\", \"text\": \"ENDLESS-LOOP\"}\n"
                         "{\"id\": \"hang2\", \"text\": \"ENDLESS-LOOP\"}\n"
                         "{\"id\": \"idle\", \"text\": \"fine\"}\n");
  const std::string command = "exec " + quote(FACTPIPE_EXE) + " run -q --isolate --document-timeout 600 -j 3 -c " +
                              quote(pipeline) + " --format jsonl -o " + quote(dir / "out.jsonl") + " " + quote(input) +
                              " 2>" + quote(dir / "err.txt");
  const char* argv[] = {"/bin/sh", "-c", command.c_str(), nullptr};
  pid_t parent = 0;
  ASSERT_EQ(posix_spawn(&parent, "/bin/sh", nullptr, nullptr, const_cast<char* const*>(argv), environ), 0);

  // Three workers started, and the third one idle again after its document (at most 60 s on a busy machine).
  std::vector<std::pair<pid_t, char>> workers;
  for (int tries = 0; tries < 600 && workers.size() < 3; ++tries) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    workers = children_of(parent);
  }
  ASSERT_EQ(workers.size(), 3u) << factpipe::test::read_file(dir / "err.txt");
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  for (const auto& [pid, state] : workers) EXPECT_TRUE(running(pid)) << pid;

  ASSERT_EQ(::kill(parent, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(parent, &status, 0), parent);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  for (const auto& [pid, state] : workers) {
    bool gone = false;
    for (int tries = 0; tries < 100 && !gone; ++tries) {
      gone = !running(pid);
      if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    EXPECT_TRUE(gone) << "worker " << pid << " outlived its parent";
    if (!gone) ::kill(pid, SIGKILL);  // not left behind by a failing test
  }
}
