// The source index: every format, mixed folders, re-index skip / replace / drop, bad records with file:line.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "content_tokenizer.hpp"
#include "crossref_test_support.hpp"
#include "index_query.hpp"
#include "index_reader.hpp"
#include "source_formats.hpp"
#include "source_index.hpp"
#include "sqlite_handle.hpp"
#include "test_paths.hpp"

namespace fs = std::filesystem;
using namespace factpipe::crossref;
using ::testing::HasSubstr;

namespace {

std::string first_text(const fs::path& db, const std::string& sql) {
  Database d(db.string(), Database::Mode::read_only);
  auto st = d.prepare(sql);
  return st.step() ? st.text(0) : std::string();
}

const char* kClaimReview = R"({
  "@context": "https://schema.org", "@type": "ClaimReview",
  "url": "https://example.org/check/1", "claimReviewed": "The moon is made of cheese.",
  "datePublished": "2026-01-02", "author": {"@type": "Organization", "name": "Checkers"},
  "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Ann Example"}},
  "reviewRating": {"@type": "Rating", "ratingValue": 1, "alternateName": "False"}})";

}  // namespace

TEST(SourceIndex, ReadsEveryFormatInAMixedFolder) {
  TempDir tmp;
  fs::path src = tmp.path() / "corpus";
  write_file(src / "note.txt", "Plain title\n\nThe harbour bridge opened in 2027. It cost a lot.");
  write_file(src / "note.meta.json", R"({"id": "note-1", "publisher": "Ledger", "date": "2026-02-01"})");
  write_file(src / "one.json", R"({"id": "j1", "title": "Single", "text": "A single JSON document about ferries."})");
  write_file(src / "many.json", R"([{"id": "a1", "text": "First of an array."}, {"id": "a2", "text": "Second one."}])");
  write_file(src / "docs.jsonl",
             "{\"id\": \"l1\", \"text\": \"Line one text.\"}\n\n{\"id\": \"l2\", \"text\": \"Line two.\"}\n");
  write_file(src / "sub" / "checks.jsonld", std::string("[") + kClaimReview + "]");
  write_file(src / "graph.json", std::string(R"({"@context": "https://schema.org", "@graph": [)") + kClaimReview +
                                     R"(, {"@type": "WebPage", "name": "ignored"}]})");
  write_file(src / "council-transcript.txt", "COUNCIL MEETING\n\nMAYOR: We will vote now.");
  write_file(src / "answer.gold.json", R"({"claims": []})");  // an answer key is not a source
  fs::path db = tmp.path() / "index.sqlite";
  SourceIndex index(db);
  IndexStats s = index.update({src});
  EXPECT_TRUE(s.errors.empty()) << s.errors.front().to_string();
  EXPECT_EQ(s.files_indexed, 7u);
  EXPECT_EQ(s.factchecks, 2u);
  EXPECT_EQ(count(db, "SELECT count(*) FROM sources WHERE sid IN ('note-1','j1','a1','a2','l1','l2')"), 6);
  EXPECT_EQ(first_text(db, "SELECT publisher FROM sources WHERE sid = 'note-1'"), "Ledger");
  EXPECT_EQ(first_text(db, "SELECT title FROM sources WHERE sid = 'note-1'"), "Plain title");
  EXPECT_EQ(first_text(db, "SELECT kind FROM sources WHERE sid = 'council-transcript'"), "transcript");
  EXPECT_EQ(first_text(db, "SELECT rating FROM factchecks LIMIT 1"), "False");
  EXPECT_EQ(first_text(db, "SELECT claimant FROM factchecks LIMIT 1"), "Ann Example");
  EXPECT_EQ(first_text(db, "SELECT author FROM factchecks LIMIT 1"), "Checkers");
  // Passages: a sentence with its neighbours, code point offsets into the source text.
  EXPECT_EQ(count(db, "SELECT count(*) FROM passage_meta p JOIN sources s ON s.id = p.source WHERE s.sid = 'note-1'"),
            3);
  EXPECT_GT(count(db, "SELECT count(*) FROM passages WHERE passages MATCH 'ferries'"), 0);
}

TEST(SourceIndex, PassageOffsetsAreCodePoints) {
  TempDir tmp;
  fs::path src = tmp.path() / "c";
  write_file(src / "d.jsonl", R"({"id": "u", "text": "Café “one” opened. The second sentence is here. Third."})"
                              "\n");
  fs::path db = tmp.path() / "i.sqlite";
  SourceIndex(db).update({src});
  Database d(db.string(), Database::Mode::read_only);
  auto st = d.prepare("SELECT sent_start, sent_end FROM passage_meta ORDER BY id LIMIT 1 OFFSET 1");
  ASSERT_TRUE(st.step());
  // "Café “one” opened. " is 19 code points (23 bytes).
  EXPECT_EQ(st.int64(0), 19);
  EXPECT_EQ(st.int64(1), 19 + 28);  // "The second sentence is here."
}

TEST(SourceIndex, PassageTextIsSlicedByBytesAroundMultibyteCharacters) {
  TempDir tmp;
  fs::path src = tmp.path() / "c";
  write_file(src / "d.jsonl", R"({"id": "u", "text": "Café “one” opened. The second sentence is here. Third – naïve."})"
                              "\n");
  fs::path db = tmp.path() / "i.sqlite";
  SourceIndex(db).update({src});
  IndexReader reader(db.string(), 1.0, 1.0);
  auto first = reader.passage(1);
  EXPECT_EQ(first.text, "Café “one” opened. The second sentence is here.");
  EXPECT_EQ(first.start, 0);
  EXPECT_EQ(first.end, 47);  // code points
  EXPECT_EQ(reader.passage(2).text, "Café “one” opened. The second sentence is here. Third – naïve.");
  auto last = reader.passage(3);
  EXPECT_EQ(last.text, "The second sentence is here. Third – naïve.");
  EXPECT_EQ(last.start, 19);
  EXPECT_EQ(last.sid, "u");
}

TEST(SourceIndex, Bm25ReadsPassageTextFromTheSources) {
  // FTS5's bm25() re-tokenizes matching rows (detail=column): the text must be there for it.
  TempDir tmp;
  fs::path src = tmp.path() / "c";
  write_file(
      src / "d.jsonl",
      "{\"id\": \"a\", \"title\": \"Ferry news\", \"text\": \"Buses run late. Ferries and more ferries sail at "
      "dawn.\"}\n"
      "{\"id\": \"b\", \"text\": \"One ferry sails at noon, among many other things that happen in the long day.\"}\n");
  fs::path db = tmp.path() / "i.sqlite";
  SourceIndex(db).update({src});
  IndexReader reader(db.string(), 1.0, 1.0);
  auto hits = reader.search("\"ferries\"", 5);
  ASSERT_EQ(hits.size(), 3u);  // both passages of "a" (title, then sentence) and the one of "b"
  for (const auto& h : hits) EXPECT_GT(h.bm25, 0.0) << h.id;
  EXPECT_EQ(reader.passage(hits.front().id).sid, "a");
  EXPECT_EQ(reader.passage(hits.back().id).sid, "b");
}

TEST(SourceIndex, StopWordsAreNotIndexed) {
  // The index's tokenizer drops stop words by their surface form (the stem of "was" is "wa"), in any case;
  // content words, "shall" (a content word of data/stopwords.txt) and numbers stay, and bm25() still works.
  TempDir tmp;
  fs::path src = tmp.path() / "c";
  write_file(src / "d.jsonl",
             "{\"id\": \"a\", \"title\": \"The Ferry\", \"text\": \"The ferry WAS late and it shall sail at 9. "
             "Ferries of the bay.\"}\n");
  fs::path db = tmp.path() / "i.sqlite";
  SourceIndex(db).update({src});
  EXPECT_EQ(count(db, "SELECT count(*) FROM passages_vocab WHERE term IN ('the', 'wa', 'and', 'it', 'at', 'of')"), 0);
  EXPECT_EQ(
      count(db, "SELECT count(*) FROM passages_vocab WHERE term IN ('ferri', 'late', 'shall', 'sail', '9', 'bai')"), 6);
  EXPECT_EQ(count(db, "SELECT count(*) FROM passages WHERE passages MATCH '\"the\"'"), 0);
  IndexReader reader(db.string(), 1.0, 1.0);
  auto hits = reader.search("\"the\" OR \"ferries\"", 5);
  ASSERT_FALSE(hits.empty());
  for (const auto& h : hits) EXPECT_GT(h.bm25, 0.0) << h.id;
  EXPECT_FALSE(indexed_word("the"));
  EXPECT_FALSE(indexed_word("was"));
  EXPECT_TRUE(indexed_word("shall"));
  EXPECT_TRUE(indexed_word("ferry"));
}

TEST(SourceIndex, ReindexSkipsReplacesAndDrops) {
  TempDir tmp;
  fs::path src = tmp.path() / "corpus";
  write_file(src / "a.jsonl", "{\"id\": \"a\", \"text\": \"Alpha text about trams.\"}\n");
  write_file(src / "b.jsonl", "{\"id\": \"b\", \"text\": \"Beta text about buses.\"}\n");
  write_file(src / "c.txt", "Gamma text about ferries.");
  fs::path db = tmp.path() / "index.sqlite";
  {
    SourceIndex index(db);
    auto s = index.update({src});
    EXPECT_EQ(s.files_indexed, 3u);
  }
  {
    SourceIndex index(db);
    auto s = index.update({src});
    EXPECT_EQ(s.files_indexed, 0u);
    EXPECT_EQ(s.files_skipped, 3u);
    EXPECT_TRUE(index.up_to_date({src}));
  }
  // Touched but unchanged: skipped by hash. Changed: replaced. Removed: dropped.
  fs::last_write_time(src / "c.txt", fs::last_write_time(src / "c.txt") + std::chrono::seconds(5));
  write_file(src / "a.jsonl", "{\"id\": \"a\", \"text\": \"Alpha text about monorails now.\"}\n");
  fs::last_write_time(src / "a.jsonl", fs::last_write_time(src / "a.jsonl") + std::chrono::seconds(10));
  fs::remove(src / "b.jsonl");
  {
    SourceIndex index(db);
    EXPECT_FALSE(index.up_to_date({src}));
    auto s = index.update({src});
    EXPECT_EQ(s.files_indexed, 1u);
    EXPECT_EQ(s.files_skipped, 1u);
    EXPECT_EQ(s.files_removed, 1u);
  }
  EXPECT_EQ(count(db, "SELECT count(*) FROM sources"), 2);
  EXPECT_EQ(count(db, "SELECT count(*) FROM passages WHERE passages MATCH 'buses'"), 0);
  EXPECT_EQ(count(db, "SELECT count(*) FROM passages WHERE passages MATCH 'trams'"), 0);
  EXPECT_EQ(count(db, "SELECT count(*) FROM passages WHERE passages MATCH 'monorails'"), 1);
  EXPECT_EQ(count(db, "SELECT count(*) FROM passages WHERE passages MATCH 'ferries'"), 1);
  EXPECT_EQ(count(db, "SELECT count(*) FROM passage_meta"), count(db, "SELECT count(*) FROM passages"));
  EXPECT_EQ(count(db, "SELECT count(*) FROM files"), 2);
  // The full-text index (its text read from the sources) was told exactly what each dropped passage held.
  EXPECT_EQ(count(db, "SELECT count(*) FROM passages_vocab WHERE term IN ('bus', 'tram') AND doc > 0"), 0);
  EXPECT_EQ(count(db, "SELECT doc FROM passages_vocab WHERE term = 'text'"), 2);
  Database d(db.string(), Database::Mode::read_write);
  EXPECT_NO_THROW(d.exec("INSERT INTO passages(passages) VALUES('integrity-check')"));
}

TEST(SourceIndex, AnIndexOfAnotherSchemaVersionIsBuiltAfresh) {
  TempDir tmp;
  fs::path src = tmp.path() / "c";
  write_file(src / "a.jsonl", "{\"id\": \"a\", \"text\": \"Alpha text about trams.\"}\n");
  fs::path db = tmp.path() / "i.sqlite";
  {
    Database old(db.string(), Database::Mode::read_write);
    old.exec(
        "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES('schema', '2');"
        "CREATE TABLE files(id INTEGER PRIMARY KEY, path TEXT); CREATE TABLE sources(id INTEGER PRIMARY KEY)");
  }
  SourceIndex index(db);
  EXPECT_EQ(index.replaced_schema(), "2");
  auto s = index.update({src});
  EXPECT_EQ(s.files_indexed, 1u);
  EXPECT_EQ(index.passage_count(), 1u);
  EXPECT_EQ(SourceIndex(db).replaced_schema(), "");
}

TEST(SourceIndex, AnIndexOfThePreviousVersionIsSplitAgainNotSkipped) {
  // Schema 8 split passages by the segmenter's rules (text::split_sentences); a schema-7 index holds the old
  // plain splitter's passages. Its unchanged files must not be skipped, or old and new splits would mix.
  TempDir tmp;
  fs::path src = tmp.path() / "c";
  write_file(src / "a.jsonl",
             "{\"id\": \"a\", \"text\": \"Troops left the U.S. The next day they landed in Bonn.\"}\n");
  fs::path db = tmp.path() / "i.sqlite";
  {
    SourceIndex index(db);
    index.update({src});
    EXPECT_EQ(index.passage_count(), 2u);  // "... the U.S." | "The next day ..." (the old splitter kept one)
  }
  {
    Database d(db.string(), Database::Mode::read_write);
    d.exec("UPDATE meta SET value = '" + std::to_string(kSchemaVersion - 1) + "' WHERE key = 'schema'");
    d.exec("DELETE FROM passage_meta WHERE id = (SELECT max(id) FROM passage_meta)");  // as if split otherwise
  }
  SourceIndex index(db);
  EXPECT_EQ(index.replaced_schema(), std::to_string(kSchemaVersion - 1));
  auto s = index.update({src});
  EXPECT_EQ(s.files_indexed, 1u);
  EXPECT_EQ(s.files_skipped, 0u);
  EXPECT_EQ(index.passage_count(), 2u);
  EXPECT_EQ(count(db, "SELECT count(*) FROM passage_meta"), 2);
  EXPECT_EQ(first_text(db, "SELECT value FROM meta WHERE key = 'schema'"), std::to_string(kSchemaVersion));
}

TEST(SourceIndex, ManyFilesArriveInOrderThroughThePipeline) {
  TempDir tmp;
  fs::path src = tmp.path() / "c";
  for (int i = 0; i < 60; ++i) {
    char name[32], text[64];
    std::snprintf(name, sizeof name, "f%d.txt", 100 + i);
    std::snprintf(text, sizeof text, "Document number %d is here.", i);
    write_file(src / name, text);
  }
  fs::path db = tmp.path() / "i.sqlite";
  auto s = SourceIndex(db).update({src});
  EXPECT_EQ(s.files_indexed, 60u);
  EXPECT_EQ(s.passages, 60u);
  // Files are written in sorted order, so source ids follow the file names.
  EXPECT_EQ(first_text(db, "SELECT sid FROM sources ORDER BY id LIMIT 1"), "f100");
  EXPECT_EQ(first_text(db, "SELECT sid FROM sources ORDER BY id DESC LIMIT 1"), "f159");
  EXPECT_EQ(count(db, "SELECT count(*) FROM passages WHERE passages MATCH 'document'"), 60);
}

TEST(SourceIndex, BadRecordIsReportedWithFileAndLineAndTheRestIndexed) {
  TempDir tmp;
  fs::path src = tmp.path() / "corpus";
  write_file(src / "docs.jsonl",
             "{\"id\": \"ok1\", \"text\": \"Fine record.\"}\n"
             "{\"id\": \"broken\", \"text\": \n"
             "{\"id\": \"notext\"}\n"
             "{\"id\": \"ok2\", \"text\": \"Another fine record.\"}\n");
  write_file(src / "bad.json", "{\n  \"id\": \"x\",\n  \"text\": oops\n}\n");
  write_file(src / "checks.jsonld", R"([{"@type": "ClaimReview", "url": "https://example.org/c"}])");
  fs::path db = tmp.path() / "index.sqlite";
  auto s = SourceIndex(db).update({src});
  ASSERT_EQ(s.errors.size(), 4u);
  std::vector<std::string> msgs;
  for (auto& e : s.errors) msgs.push_back(e.to_string());
  std::string all;
  for (auto& m : msgs) all += m + "\n";
  EXPECT_THAT(all, HasSubstr("docs.jsonl:2: invalid JSON"));
  EXPECT_THAT(all, HasSubstr("docs.jsonl:3: missing or empty \"text\""));
  EXPECT_THAT(all, HasSubstr("bad.json:3: invalid JSON"));
  EXPECT_THAT(all, HasSubstr("checks.jsonld: ClaimReview without \"claimReviewed\""));
  EXPECT_EQ(count(db, "SELECT count(*) FROM sources WHERE sid IN ('ok1', 'ok2')"), 2);
}

TEST(SourceIndex, AddRecordsReplacesASyntheticFile) {
  TempDir tmp;
  fs::path db = tmp.path() / "index.sqlite";
  SourceIndex index(db);
  SourceRecord r;
  r.id = "m1";
  r.text = "Memory record one. With two sentences.";
  index.add_records("mem:test", {r});
  EXPECT_EQ(index.passage_count(), 2u);
  r.text = "Replaced.";
  index.add_records("mem:test", {r});
  EXPECT_EQ(index.passage_count(), 1u);
}

TEST(SourceIndex, MissingRootIsAnError) {
  TempDir tmp;
  SourceIndex index(tmp.path() / "i.sqlite");
  EXPECT_THROW(index.update({tmp.path() / "nope"}), std::runtime_error);
}
