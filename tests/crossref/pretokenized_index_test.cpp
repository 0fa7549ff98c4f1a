// Pre-tokenized index builds (content_tokenizer.hpp): the reader thread tokenizes, the writer's FTS5 replays the
// tokens. The index must be the same as when FTS5 tokenizes: vocabulary, postings, column sizes, segments and query
// results are compared between both builds. Everything not offered (queries, deletes of old rows) is tokenized.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "content_tokenizer.hpp"
#include "crossref_test_support.hpp"
#include "index_reader.hpp"
#include "source_index.hpp"
#include "sqlite_handle.hpp"
#include "test_paths.hpp"

namespace fs = std::filesystem;
using namespace factpipe::crossref;

namespace {

// Every row of a query as one string per row ("a|b|c").
std::vector<std::string> rows(Database& d, const std::string& sql) {
  std::vector<std::string> out;
  auto st = d.prepare(sql);
  int n = sqlite3_column_count(st.get());
  while (st.step()) {
    std::string row;
    for (int i = 0; i < n; ++i) {
      if (i) row += '|';
      if (sqlite3_column_type(st.get(), i) == SQLITE_BLOB) {
        auto p = static_cast<const char*>(sqlite3_column_blob(st.get(), i));
        row.append(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(st.get(), i)));
      } else {
        row += st.text_view(i);
      }
    }
    out.push_back(std::move(row));
  }
  return out;
}

// What the full-text index holds, as comparable rows.
struct IndexContent {
  std::vector<std::string> instances, columns, docsize, segments, averages;
};

IndexContent content_of(const fs::path& db) {
  Database d(db.string(), Database::Mode::read_write);
  d.exec(
      "CREATE VIRTUAL TABLE temp.vi USING fts5vocab(main, passages, instance);"
      "CREATE VIRTUAL TABLE temp.vc USING fts5vocab(main, passages, col);");
  IndexContent c;
  c.instances = rows(d, "SELECT term, doc, col, offset FROM temp.vi ORDER BY term, doc, col");  // postings
  c.columns = rows(d, "SELECT term, col, doc, cnt FROM temp.vc ORDER BY term, col");
  c.docsize = rows(d, "SELECT id, hex(sz) FROM passages_docsize ORDER BY id");   // tokens per column per row
  c.segments = rows(d, "SELECT id, hex(block) FROM passages_data ORDER BY id");  // the segments, byte for byte
  c.averages = rows(d, "SELECT hex(block) FROM passages_data WHERE id = 1");     // row count, tokens per column
  return c;
}

void expect_same_index(const fs::path& a, const fs::path& b) {
  IndexContent x = content_of(a), y = content_of(b);
  ASSERT_FALSE(x.instances.empty());
  EXPECT_EQ(x.instances, y.instances);
  EXPECT_EQ(x.columns, y.columns);
  EXPECT_EQ(x.docsize, y.docsize);
  EXPECT_EQ(x.segments, y.segments);
  EXPECT_EQ(x.averages, y.averages);
}

// Each query's hits: passage id, source id, bm25 (ids: without_ids = false, for indexes built alike).
std::vector<std::string> query_results(const fs::path& db, const std::vector<std::string>& queries,
                                       bool with_ids = true) {
  std::vector<std::string> out;
  IndexReader reader(db.string(), 1.0, 1.0);
  for (const auto& q : queries) {
    std::string line = q;
    line += ':';
    for (const auto& h : reader.search(q, 50)) {
      line += ' ';
      if (with_ids) line += std::to_string(h.id);
      line += '=';
      line += reader.passage(h.id).sid;
      line += '/';
      line += std::to_string(h.bm25);
    }
    out.push_back(line);
  }
  return out;
}

// Texts that exercise the tokenizer: case, stop words in any case, diacritics, multibyte punctuation, numbers,
// hyphens and apostrophes, an empty and a missing title, a title equal to the text, a sentence longer than a
// passage may be (cut at spaces), text without any sentence end.
void write_tricky_sources(const fs::path& dir) {
  std::string long_sentence;
  for (int i = 0; i < 400; ++i) long_sentence += "word" + std::to_string(i % 37) + " Überprüfung ";
  write_file(
      dir / "tricky.jsonl",
      "{\"id\": \"a\", \"title\": \"The Ferry Crisis\", \"text\": \"THE ferry WAS late; it shall sail at 9:30. "
      "Ferries of the bay — naïve “café” owners’ rights, co-operation and rock'n'roll.\"}\n"
      "{\"id\": \"b\", \"title\": \"\", \"text\": \"Zürich's Straße costs 1,250.75 francs (2026). Ünïcödé ÀÉÎ.\"}\n"
      "{\"id\": \"c\", \"text\": \"No title here and no full stop\"}\n"
      "{\"id\": \"d\", \"title\": \"Same text.\", \"text\": \"Same text.\"}\n"
      "{\"id\": \"e\", \"title\": \"Long\", \"text\": \"" +
          long_sentence +
          ". After the long one.\"}\n"
          "{\"id\": \"f\", \"title\": \"Empty\", \"text\": \"\"}\n");
  write_file(dir / "plain.txt",
             "A Plain Title\n\nThe council voted 7-2 on Tuesday. Mr. Smith objected; he said "
             "taxes rose by 12%. Nobody answered.\n");
}

const std::vector<std::string> kQueries = {
    "\"ferry\"",         "\"ferries\" OR \"cafe\"",       "\"zurich\"",
    "\"the\"",           "\"uberprufung\" AND \"word3\"", "title:\"crisis\"",
    "\"same\" \"text\"", "\"voted\" OR \"taxes\"",        "\"sail\" NEAR \"late\"",
    "\"naive\""};

}  // namespace

TEST(PretokenizedIndex, SameIndexAsWhenFts5Tokenizes) {
  TempDir tmp;
  fs::path src = tmp.path() / "src";
  write_tricky_sources(src);
  fs::path examples = factpipe::test::source_dir() / "examples" / "sources";
  std::vector<fs::path> roots{src};
  if (fs::exists(examples)) roots.push_back(examples);
  fs::path with = tmp.path() / "with.sqlite", without = tmp.path() / "without.sqlite";
  IndexStats s1, s2;
  std::size_t replayed_with = 0;
  {
    SourceIndex index(with, IndexOptions{.pretokenize = true, .vectors = true, .model_dir = {}});
    s1 = index.update(roots);
    replayed_with = index.replayed_texts();
  }
  {
    // Every title and sentence came through the replay: one text per passage plus the title of first passages.
    Database d(with.string(), Database::Mode::read_only);
    auto st = d.prepare("SELECT count(*) FROM sources WHERE first_passage IS NOT NULL");
    st.step();
    EXPECT_EQ(replayed_with, s1.passages + static_cast<std::size_t>(st.int64(0)));
  }
  {
    SourceIndex index(without, IndexOptions{.pretokenize = false, .vectors = true, .model_dir = {}});
    s2 = index.update(roots);
    EXPECT_EQ(index.replayed_texts(), 0u);
  }
  EXPECT_EQ(SourceIndex(with).replayed_texts(), 0u);  // a new connection has replayed nothing
  EXPECT_EQ(s1.passages, s2.passages);
  EXPECT_GT(s1.passages, 8u);
  expect_same_index(with, without);
  auto q1 = query_results(with, kQueries), q2 = query_results(without, kQueries);
  EXPECT_EQ(q1, q2);
  EXPECT_NE(q1[0], "\"ferry\":");  // the queries find something
  EXPECT_EQ(q1[3], "\"the\":");    // a stop word finds nothing, in either index
  Database d(with.string(), Database::Mode::read_write);
  EXPECT_NO_THROW(d.exec("INSERT INTO passages(passages) VALUES('integrity-check')"));
}

TEST(PretokenizedIndex, SameIndexOnDatasetText) {
  FACTPIPE_REQUIRE_SHARED("datasets/polnear/train/text");
  TempDir tmp;
  fs::path src = tmp.path() / "src";
  // A few hundred real news texts (not copied into the repo: read from the shared datasets at test time).
  std::vector<fs::path> files;
  for (auto& f : fs::directory_iterator(factpipe::test::shared_dir() / "datasets/polnear/train/text"))
    files.push_back(f.path());
  std::sort(files.begin(), files.end());
  files.resize(std::min<std::size_t>(files.size(), 200));
  fs::create_directories(src);
  for (const auto& f : files) fs::copy_file(f, src / f.filename());
  fs::path with = tmp.path() / "with.sqlite", without = tmp.path() / "without.sqlite";
  {
    SourceIndex index(with, IndexOptions{.pretokenize = true, .vectors = true, .model_dir = {}});
    auto s = index.update({src});
    EXPECT_GT(s.passages, 1000u);
    EXPECT_GT(index.replayed_texts(), s.passages);
  }
  SourceIndex(without, IndexOptions{.pretokenize = false, .vectors = true, .model_dir = {}}).update({src});
  expect_same_index(with, without);
  EXPECT_EQ(query_results(with, {"\"president\"", "\"trump\" AND \"said\"", "\"economy\" OR \"jobs\""}),
            query_results(without, {"\"president\"", "\"trump\" AND \"said\"", "\"economy\" OR \"jobs\""}));
}

TEST(PretokenizedIndex, ReindexingAChangedFileDeletesItsOldRows) {
  // The old rows of a changed file are deleted with FTS5's 'delete' command, which tokenizes them (nothing is
  // offered then): the result must equal a fresh build of the new files.
  TempDir tmp;
  fs::path src = tmp.path() / "src";
  write_tricky_sources(src);
  write_file(src / "changing.jsonl",
             "{\"id\": \"x\", \"title\": \"Trams\", \"text\": \"Alpha text about trams. "
             "Second sentence on rails.\"}\n");
  fs::path db = tmp.path() / "i.sqlite";
  SourceIndex(db).update({src});
  write_file(src / "changing.jsonl",
             "{\"id\": \"x\", \"title\": \"Monorails\", \"text\": \"Alpha text about "
             "monorails now.\"}\n");
  fs::last_write_time(src / "changing.jsonl", fs::last_write_time(src / "changing.jsonl") + std::chrono::seconds(10));
  fs::remove(src / "plain.txt");
  {
    SourceIndex index(db);
    auto s = index.update({src});
    EXPECT_EQ(s.files_indexed, 1u);
    EXPECT_EQ(s.files_removed, 1u);
    EXPECT_EQ(index.replayed_texts(), 2u);  // the new title and sentence
  }
  Database d(db.string(), Database::Mode::read_write);
  EXPECT_NO_THROW(d.exec("INSERT INTO passages(passages) VALUES('integrity-check')"));
  auto gone = rows(d, "SELECT term FROM passages_vocab WHERE term IN ('tram', 'rail', 'council', 'vote') AND doc > 0");
  EXPECT_TRUE(gone.empty()) << gone.front();
  // Same vocabulary as an index built afresh, without pre-tokenizing, from the files as they are now.
  fs::path fresh = tmp.path() / "fresh.sqlite";
  SourceIndex(fresh, IndexOptions{.pretokenize = false, .vectors = true, .model_dir = {}}).update({src});
  EXPECT_EQ(content_of(db).columns, content_of(fresh).columns);
  const std::vector<std::string> queries = {"\"monorails\"", "\"trams\"", "\"alpha\"", "\"ferry\"", "\"zurich\""};
  auto found = query_results(db, queries, false);
  EXPECT_EQ(found, query_results(fresh, queries, false));
  EXPECT_TRUE(found[0].starts_with("\"monorails\": =x/") && std::count(found[0].begin(), found[0].end(), '=') == 1)
      << found[0];  // one hit, in the changed source
}

TEST(PretokenizedIndex, OnlyOfferedDocumentTextsAreReplayed) {
  // Offer deliberately wrong tokens ("zebra") for the text "ferry": the insert of that text takes them (so the
  // replay is what the build uses), another text and every query are tokenized as usual, and after the offer is
  // withdrawn the same text is tokenized again.
  TempDir tmp;
  Database d((tmp.path() / "t.sqlite").string(), Database::Mode::read_write);
  d.exec(std::string("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='") + kContentTokenizerSpec +
         "', detail=column); CREATE VIRTUAL TABLE v USING fts5vocab(t, row);");
  ContentTokenizer tokenizer;
  TokenBuffer buffer;
  TokenRange zebra = tokenizer.tokenize("Zebras", buffer);
  ASSERT_EQ(zebra.count, 1u);
  std::string ferry = "ferry";  // the offered text; FTS5 sees a copy of it
  PretokenizedText offered{ferry, &buffer, zebra};
  auto insert = d.prepare("INSERT INTO t(rowid, body) VALUES(?1, ?2)");
  offer_tokens(d.tokenizer_hook(), &offered, 1);
  insert.bind(1, std::int64_t{1}).bind(2, std::string_view("ferry")).run();
  insert.bind(1, std::int64_t{2}).bind(2, std::string_view("The ferries sailed")).run();
  EXPECT_EQ(rows(d, "SELECT rowid FROM t WHERE t MATCH 'ferry'"), std::vector<std::string>{"2"});  // query tokenized
  EXPECT_EQ(rows(d, "SELECT rowid FROM t WHERE t MATCH 'zebra'"), std::vector<std::string>{"1"});
  EXPECT_EQ(replayed_texts(d.tokenizer_hook()), 1u);
  withdraw_tokens(d.tokenizer_hook());
  insert.bind(1, std::int64_t{3}).bind(2, std::string_view("ferry")).run();
  EXPECT_EQ(rows(d, "SELECT rowid FROM t WHERE t MATCH 'ferry'"), (std::vector<std::string>{"2", "3"}));
  EXPECT_EQ(rows(d, "SELECT term, doc FROM v ORDER BY term"),
            (std::vector<std::string>{"ferri|2", "sail|1", "zebra|1"}));
  EXPECT_EQ(replayed_texts(d.tokenizer_hook()), 1u);
}

TEST(PretokenizedIndex, TokenizerGivesWhatFts5Indexes) {
  ContentTokenizer tokenizer;
  TokenBuffer buffer;
  TokenRange r = tokenizer.tokenize("The Ferries WERE naïve; Zürich 2026.", buffer);
  std::vector<std::string> tokens;
  std::size_t at = r.byte_offset;
  for (std::uint32_t i = 0; i < r.count; ++i) {
    const auto& t = buffer.tokens[r.first + i];
    tokens.push_back(buffer.bytes.substr(at, static_cast<std::size_t>(t.size)));
    at += static_cast<std::size_t>(t.size);
  }
  // Stop words (the, were) dropped by surface form; porter stems; diacritics removed; offsets into the text.
  EXPECT_EQ(tokens, (std::vector<std::string>{"ferri", "naiv", "zurich", "2026"}));
  EXPECT_EQ(buffer.tokens[r.first].start, 4);
  EXPECT_EQ(buffer.tokens[r.first].end, 11);
  TokenRange empty = tokenizer.tokenize("", buffer);
  EXPECT_EQ(empty.count, 0u);
}

namespace {
// The tokens of FTS5's own "porter unicode61 remove_diacritics 2" whose surface word is not a stop word: what the
// index held before the stop-word filter moved below the stemmer (content_tokenizer.cpp).
std::vector<std::string> porter_minus_stop_words(const std::string& text) {
  Database d(":memory:", Database::Mode::read_write);
  fts5_api* api = nullptr;
  {
    auto st = d.prepare("SELECT fts5(?1)");
    sqlite3_bind_pointer(st.get(), 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    st.step();
  }
  if (!api) throw std::runtime_error("no fts5");
  fts5_tokenizer porter{};
  void* user = nullptr;
  Fts5Tokenizer* instance = nullptr;
  const char* args[] = {"unicode61", "remove_diacritics", "2"};
  if (api->xFindTokenizer(api, "porter", &user, &porter) != SQLITE_OK ||
      porter.xCreate(user, args, 3, &instance) != SQLITE_OK)
    throw std::runtime_error("no porter");
  struct Ctx {
    const std::string* text;
    std::vector<std::string> out;
  } ctx{&text, {}};
  porter.xTokenize(instance, &ctx, FTS5_TOKENIZE_DOCUMENT, text.data(), static_cast<int>(text.size()),
                   [](void* c, int, const char* tok, int n, int start, int end) {
                     auto* x = static_cast<Ctx*>(c);
                     std::string surface =
                         x->text->substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start));
                     for (auto& ch : surface) ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
                     if (indexed_word(surface))
                       x->out.push_back(std::to_string(start) + ":" + std::to_string(end) + ":" + std::string(tok, n));
                     return SQLITE_OK;
                   });
  porter.xDelete(instance);
  return std::move(ctx.out);
}

std::vector<std::string> content_tokens(ContentTokenizer& tokenizer, const std::string& text) {
  TokenBuffer buffer;
  TokenRange r = tokenizer.tokenize(text, buffer);
  std::vector<std::string> out;
  std::size_t at = r.byte_offset;
  for (std::uint32_t i = 0; i < r.count; ++i) {
    const auto& t = buffer.tokens[r.first + i];
    out.push_back(std::to_string(t.start) + ":" + std::to_string(t.end) + ":" +
                  buffer.bytes.substr(at, static_cast<std::size_t>(t.size)));
    at += static_cast<std::size_t>(t.size);
  }
  return out;
}
}  // namespace

TEST(PretokenizedIndex, StopWordsFilteredBelowTheStemmerGiveTheSameTokens) {
  ContentTokenizer tokenizer;
  std::vector<std::string> texts = {
      "THE ferry WAS late; it shall sail at 9:30. Ferries of the bay — naïve “café” owners’ rights, "
      "co-operation and rock'n'roll. Thé Ähnlich ÀÉÎ, I'm doesn't WON'T there's o'clock.",
      "Zürich's Straße costs 1,250.75 francs (2026). Ünïcödé; A an AN aN I i Is iS", ""};
  fs::path polnear = factpipe::test::shared_dir() / "datasets/polnear/train/text";
  if (fs::exists(polnear)) {
    std::vector<fs::path> files;
    for (auto& f : fs::directory_iterator(polnear)) files.push_back(f.path());
    std::sort(files.begin(), files.end());
    for (std::size_t i = 0; i < files.size() && i < 100; ++i) texts.push_back(factpipe::test::read_file(files[i]));
  }
  std::size_t tokens = 0;
  for (const auto& t : texts) {
    auto expected = porter_minus_stop_words(t);
    EXPECT_EQ(content_tokens(tokenizer, t), expected) << t.substr(0, 80);
    tokens += expected.size();
  }
  EXPECT_GT(tokens, 20u);
}
