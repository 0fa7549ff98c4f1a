// The source index survives being killed midway, and never changes a database that is not one of ours.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "crossref_test_support.hpp"
#include "index_query.hpp"
#include "index_reader.hpp"
#include "source_formats.hpp"
#include "source_index.hpp"
#include "sqlite_handle.hpp"

namespace fs = std::filesystem;
using namespace factpipe::crossref;
using ::testing::HasSubstr;

namespace {

fs::path corpus(const TempDir& tmp) {
  std::string text;
  for (int i = 0; i < 3000; ++i) text += "The harbour bridge number " + std::to_string(i) + " opened in 2027. ";
  write_file(tmp.path() / "src/a.jsonl", "{\"id\": \"a\", \"text\": \"" + text + "\"}\n");
  return tmp.path() / "src";
}

// A child process writes into the index in a transaction, with a tiny page cache so that changed pages
// reach the database file, and is killed (SIGKILL) before it commits: the journal stays behind, hot.
void kill_an_update_midway(const fs::path& db) {
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    Database d(db.string(), Database::Mode::read_write);
    d.exec("PRAGMA cache_size=2; BEGIN IMMEDIATE; DELETE FROM passage_meta; DELETE FROM sources;");
    kill(getpid(), SIGKILL);
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
}

}  // namespace

TEST(IndexSafety, AnUpdateKilledMidwayIsRepairedByTheNextOneAndTheIndexIsUsable) {
  TempDir tmp;
  fs::path src = corpus(tmp), db = tmp.path() / "index.sqlite";
  SourceIndex(db).update({src});
  const std::int64_t passages = count(db, "SELECT count(*) FROM passage_meta");
  ASSERT_GT(passages, 1000);
  kill_an_update_midway(db);
  ASSERT_TRUE(fs::exists(db.string() + "-journal"));
  ASSERT_GT(fs::file_size(db.string() + "-journal"), 0u);
  // A reader cannot roll back: it says what to do.
  bool refused = false;
  try {
    IndexReader reader(db.string(), 1.0, 1.0);
    reader.passage(1);
  } catch (const std::exception& e) {
    refused = true;
    EXPECT_THAT(e.what(), HasSubstr("run `factpipe index` on it again to repair it"));
  }
  EXPECT_TRUE(refused);
  // The next update repairs it, and everything is there again.
  SourceIndex index(db);
  index.update({src});
  EXPECT_EQ(index.passage_count(), static_cast<std::size_t>(passages));
  EXPECT_FALSE(fs::exists(db.string() + "-journal"));
  IndexReader reader(db.string(), 1.0, 1.0);
  EXPECT_THAT(reader.passage(1).text, HasSubstr("harbour bridge"));
}

TEST(IndexSafety, AnotherProgramsDatabaseIsRefusedAndLeftAlone) {
  TempDir tmp;
  fs::path db = tmp.path() / "theirs.sqlite";
  {
    Database d(db.string(), Database::Mode::read_write);
    // Even with a meta(schema) row of another version, it is not ours.
    d.exec(
        "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES('schema', '3');"
        "CREATE TABLE precious(x); INSERT INTO precious VALUES(42);");
  }
  try {
    SourceIndex index(db);
    FAIL() << "opened another program's database";
  } catch (const std::exception& e) {
    EXPECT_THAT(e.what(), HasSubstr(db.string() + " is an SQLite database of another program"));
    EXPECT_THAT(e.what(), HasSubstr("application_id 0x00000000, tables: meta, precious"));
  }
  EXPECT_EQ(count(db, "SELECT x FROM precious"), 42);
  {
    Database d(db.string(), Database::Mode::read_write);
    d.exec("PRAGMA application_id=1234");
  }
  try {
    SourceIndex index(db);
    FAIL();
  } catch (const std::exception& e) {
    EXPECT_THAT(e.what(), HasSubstr("application_id 0x000004d2"));
  }
  EXPECT_EQ(count(db, "SELECT x FROM precious"), 42);
}

TEST(IndexSafety, ADamagedFileIsNamedAndAnEmptyOneIsUsed) {
  TempDir tmp;
  fs::path junk = tmp.path() / "junk.sqlite";
  write_file(junk, std::string(8192, 'z'));
  try {
    SourceIndex index(junk);
    FAIL();
  } catch (const std::exception& e) {
    EXPECT_THAT(e.what(), HasSubstr(junk.string() + " is not a factpipe source index, or it is damaged"));
  }
  EXPECT_EQ(fs::file_size(junk), 8192u);
  fs::path empty = tmp.path() / "empty.sqlite";
  write_file(empty, "");
  SourceIndex index(empty);
  index.update({corpus(tmp)});
  EXPECT_GT(index.passage_count(), 0u);
  EXPECT_EQ(count(empty, "PRAGMA application_id"), kApplicationId);
}

TEST(IndexSafety, AnIndexFromBeforeApplicationIdsIsStillOurs) {
  TempDir tmp;
  fs::path src = corpus(tmp), db = tmp.path() / "old.sqlite";
  SourceIndex(db).update({src});
  {
    Database d(db.string(), Database::Mode::read_write);
    d.exec("PRAGMA application_id=0");
  }
  SourceIndex index(db);
  EXPECT_TRUE(index.replaced_schema().empty());
  EXPECT_TRUE(index.up_to_date({src}));
  EXPECT_EQ(count(db, "PRAGMA application_id"), kApplicationId);
}

// Found by fuzz_source_formats: a number out of double's range escaped the whole-file JSON reader as
// nlohmann's out_of_range and aborted `factpipe index`; it is a bad record now.
TEST(SourceFormats, ANumberOutOfRangeInAJsonFileIsARecordError) {
  std::vector<factpipe::crossref::RecordError> errors;
  int records = 0;
  factpipe::crossref::parse_source_file(
      "huge.jsonld", "{\"id\": \"a\", \"text\": \"x\", \"n\": 1e99999}", [&](auto&&) { ++records; },
      [&](factpipe::crossref::RecordError&& e) { errors.push_back(std::move(e)); });
  EXPECT_EQ(records, 0);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].file, "huge.jsonld");
  EXPECT_THAT(errors[0].message, ::testing::HasSubstr("invalid JSON"));
}
