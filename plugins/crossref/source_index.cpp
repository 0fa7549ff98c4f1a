#include "source_index.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <fstream>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <factpipe/text/sentence_splitter.hpp>
#include <factpipe/utf8.hpp>

#include "content_tokenizer.hpp"
#include "dense_vectors.hpp"
#include "near_duplicates.hpp"
#include "sqlite_handle.hpp"

namespace factpipe::crossref {

namespace fs = std::filesystem;

namespace {

// `passages` is an external-content FTS5 table over the view `passage_text`: the sentence text already lives in
// `sources.text`, so FTS5 keeps only its index (storing the text a second time made a third of the file and of the
// write time). FTS5 reads the view only when it needs a row's text (bm25() with detail=column re-tokenizes the
// matching rows). A passage is deleted with FTS5's 'delete' command and its original values, read from the view.
const char* const kSchemaTables = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS files(id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, root TEXT NOT NULL,
  size INTEGER NOT NULL, mtime INTEGER NOT NULL, hash TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS files_root ON files(root);
CREATE TABLE IF NOT EXISTS sources(id INTEGER PRIMARY KEY, sid TEXT NOT NULL, title TEXT, url TEXT,
  publisher TEXT, date TEXT, kind TEXT NOT NULL, file INTEGER NOT NULL, first_passage INTEGER, last_passage INTEGER,
  text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS sources_file ON sources(file);
CREATE INDEX IF NOT EXISTS sources_kind ON sources(kind);
CREATE TABLE IF NOT EXISTS factchecks(source INTEGER PRIMARY KEY, claim_reviewed TEXT, rating TEXT, url TEXT,
  author TEXT, date_published TEXT, claimant TEXT);
-- A source's passages have consecutive ids (first_passage..last_passage); their text is sliced from the
-- source's text, so it is stored once. start/end, sent_start/sent_end: code points (what evidence reports);
-- byte_*: the same in bytes, so a slice is a blob substr in O(1) (substr() on text counts the characters of
-- the source up to the passage).
CREATE TABLE IF NOT EXISTS passage_meta(id INTEGER PRIMARY KEY, source INTEGER NOT NULL, start INTEGER NOT NULL,
  end INTEGER NOT NULL, sent_start INTEGER NOT NULL, sent_end INTEGER NOT NULL, byte_start INTEGER NOT NULL,
  byte_end INTEGER NOT NULL, sent_byte_start INTEGER NOT NULL, sent_byte_end INTEGER NOT NULL);
-- What the full-text index holds per passage: the title with a source's first passage only, and the sentence.
CREATE VIEW IF NOT EXISTS passage_text AS SELECT p.id AS id,
  CASE WHEN p.id = s.first_passage THEN s.title END AS title,
  CAST(substr(CAST(s.text AS BLOB), p.sent_byte_start + 1, p.sent_byte_end - p.sent_byte_start) AS TEXT) AS body
  FROM passage_meta p JOIN sources s ON s.id = p.source;
CREATE VIRTUAL TABLE IF NOT EXISTS passages USING fts5(title, body, content='passage_text', content_rowid='id',
  tokenize=')sql";
// The tokenizer goes between the two: the spec the build's pre-tokenizing uses too (content_tokenizer.hpp).
const char* const kSchemaTail = R"sql(', detail=column);
CREATE VIRTUAL TABLE IF NOT EXISTS passages_vocab USING fts5vocab(passages, row);
)sql";

// FTS5 merges segments once 16 share a level (default 4; crisis merge at 64): fewer rewrites of the growing
// index during a bulk load, and the load ends with 'optimize' anyway (see finish()). Its in-memory term buffer
// stays at the default 1 MB: a 32 MB buffer means fewer segments but a cache miss per token (measured 13% more
// CPU on 38 MB of sources). Stored in the index's config, so later updates use them too.
const char* const kFtsTuning =
    "INSERT INTO passages(passages, rank) VALUES('automerge', 16);"
    "INSERT INTO passages(passages, rank) VALUES('crisismerge', 64);";

std::string hex64(std::uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

std::int64_t mtime_ns(const fs::path& p) {
  return static_cast<std::int64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(fs::last_write_time(p).time_since_epoch()).count());
}

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  std::string s;
  in.seekg(0, std::ios::end);
  s.resize(static_cast<std::size_t>(in.tellg()));
  in.seekg(0);
  in.read(s.data(), static_cast<std::streamsize>(s.size()));
  if (!in) throw std::runtime_error("cannot read " + p.string());
  return s;
}

std::string canonical_string(const fs::path& p) {
  std::error_code ec;
  auto c = fs::weakly_canonical(fs::absolute(p), ec);
  return (ec ? fs::absolute(p) : c).string();
}

// Sentences longer than this are cut at spaces so one passage never swallows a whole unpunctuated file.
constexpr std::size_t kMaxSentenceBytes = 1500;

std::vector<Span> passage_sentences(std::string_view text) {
  std::vector<Span> out;
  for (Span s : text::split_sentences(text)) {
    while (s.size() > kMaxSentenceBytes) {
      std::size_t cut = s.start + kMaxSentenceBytes;
      while (cut > s.start + kMaxSentenceBytes / 2 && text[cut] != ' ') --cut;
      while (cut < s.end && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) ++cut;  // code point boundary
      out.push_back(Span{s.start, cut});
      s.start = cut;
      while (s.start < s.end && text[s.start] == ' ') ++s.start;
    }
    if (!s.empty()) out.push_back(s);
  }
  return out;
}

// A sentence of a source: bytes (to slice the text for FTS5) and code points (what the index stores); its
// tokens when the record is pre-tokenized.
struct PreparedSentence {
  Span bytes;
  std::int64_t cp_start = 0, cp_end = 0;
  TokenRange tokens;
};

struct PreparedRecord {
  SourceRecord record;
  std::vector<PreparedSentence> sentences;
  bool pretokenized = false;
  TokenRange title_tokens;  // indexed with the first passage
  TokenBuffer tokens;       // of the title and every sentence
};

// Splits the text into passage sentences with their code point offsets: one forward count over the text
// (the sentences are in order), no byte-to-code-point table. With a tokenizer, also the tokens the full-text
// index gets for the title and each sentence (so the writer thread does not tokenize: content_tokenizer.hpp).
PreparedRecord prepare_record(SourceRecord&& r, ContentTokenizer* tokenizer = nullptr) {
  PreparedRecord out;
  out.record = std::move(r);
  std::string_view text = out.record.text;
  std::vector<Span> sents = passage_sentences(text);
  out.sentences.reserve(sents.size());
  std::size_t byte = 0;
  std::int64_t cp = 0;
  auto advance = [&](std::size_t to) {
    for (; byte < to; ++byte) cp += (static_cast<unsigned char>(text[byte]) & 0xC0) != 0x80;
    return cp;
  };
  for (const Span& s : sents) {
    PreparedSentence ps;
    ps.bytes = s;
    ps.cp_start = advance(s.start);
    ps.cp_end = advance(s.end);
    out.sentences.push_back(ps);
  }
  if (tokenizer && !out.sentences.empty()) {
    out.pretokenized = true;
    // About one token per 7 bytes of news text, 5 bytes of token text each.
    out.tokens.tokens.reserve(text.size() / 6 + 16);
    out.tokens.bytes.reserve(text.size() * 3 / 4 + 64);
    out.title_tokens = tokenizer->tokenize(out.record.title, out.tokens);
    for (auto& ps : out.sentences)
      ps.tokens = tokenizer->tokenize(text.substr(ps.bytes.start, ps.bytes.size()), out.tokens);
  }
  return out;
}

// What the files table knows about a file (read once per update).
struct KnownFile {
  std::int64_t id = -1, size = 0, mtime = 0;
  std::string hash;
};

struct FileJob {
  fs::path file;
  std::string path, root;  // canonical
};

// A file made ready for the database writer: read, hashed, parsed and split.
struct PreparedFile {
  enum class Action { unchanged, touched, invalid_utf8, index };
  Action action = Action::index;
  std::string path, root, hash;
  std::int64_t size = 0, mtime = 0, old_id = -1;
  std::uint64_t bytes = 0;
  std::uint64_t queued_bytes = 0;  // what it holds in memory while queued: text and tokens
  std::vector<PreparedRecord> records;
  std::vector<RecordError> errors;
  std::exception_ptr failure;  // reading failed: the update is rolled back
};

PreparedFile prepare_file(const FileJob& job, const std::unordered_map<std::string, KnownFile>& known,
                          ContentTokenizer* tokenizer) {
  PreparedFile f;
  f.path = job.path;
  f.root = job.root;
  try {
    f.size = static_cast<std::int64_t>(fs::file_size(job.file));
    f.mtime = mtime_ns(job.file);
    std::string old_hash;
    if (auto it = known.find(job.path); it != known.end()) {
      f.old_id = it->second.id;
      old_hash = it->second.hash;
      if (it->second.size == f.size && it->second.mtime == f.mtime) {
        f.action = PreparedFile::Action::unchanged;
        return f;
      }
    }
    std::string content = read_all(job.file);
    f.hash = hex64(content_hash(content));
    if (f.old_id >= 0 && f.hash == old_hash) {
      f.action = PreparedFile::Action::touched;  // touched but not changed: only the mtime is updated
      return f;
    }
    if (auto bad = utf8::find_invalid(content)) {
      f.action = PreparedFile::Action::invalid_utf8;
      f.errors.push_back(RecordError{job.path, bad->line, "invalid UTF-8: " + bad->reason});
      return f;
    }
    f.bytes = content.size();
    parse_source_file(
        job.file, std::move(content),
        [&](SourceRecord&& r) { f.records.push_back(prepare_record(std::move(r), tokenizer)); },
        [&](RecordError&& e) {
          e.file = job.path;
          f.errors.push_back(std::move(e));
        });
    f.queued_bytes = f.bytes;
    for (const auto& r : f.records) f.queued_bytes += r.tokens.memory();
  } catch (...) {
    f.failure = std::current_exception();
  }
  return f;
}

// Prepares files on a worker thread while the caller writes the previous ones to SQLite: the single writer
// is the bottleneck, so reading, hashing, JSON parsing, sentence splitting and (with `pretokenize`) tokenizing
// run beside it. The queue holds at most kMaxQueuedBytes of source text and tokens, so memory stays flat on a
// large corpus.
class FilePipeline {
 public:
  FilePipeline(std::vector<FileJob> jobs, const std::unordered_map<std::string, KnownFile>& known, bool pretokenize)
      : jobs_(std::move(jobs)), known_(known), pretokenize_(pretokenize), worker_([this] { run(); }) {}

  ~FilePipeline() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    not_full_.notify_all();
    worker_.join();
  }
  FilePipeline(const FilePipeline&) = delete;
  FilePipeline& operator=(const FilePipeline&) = delete;

  // The next file in order; nullopt when all are done.
  std::optional<PreparedFile> next() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return !queue_.empty() || done_; });
    if (queue_.empty()) return std::nullopt;
    PreparedFile f = std::move(queue_.front());
    queue_.pop_front();
    queued_bytes_ -= f.queued_bytes;
    lock.unlock();
    not_full_.notify_one();
    return f;
  }

 private:
  static constexpr std::uint64_t kMaxQueuedBytes = 128u << 20;

  void run() {
    // This thread's own tokenizer. Without one (it could not be made) the writer tokenizes: the same index.
    std::unique_ptr<ContentTokenizer> tokenizer;
    if (pretokenize_) {
      try {
        tokenizer = std::make_unique<ContentTokenizer>();
      } catch (const std::exception&) {
      }
    }
    for (const auto& job : jobs_) {
      PreparedFile f = prepare_file(job, known_, tokenizer.get());
      bool failed = static_cast<bool>(f.failure);
      {
        std::unique_lock lock(mutex_);
        // A file larger than the bound still goes through, alone.
        not_full_.wait(lock,
                       [&] { return stop_ || queue_.empty() || queued_bytes_ + f.queued_bytes <= kMaxQueuedBytes; });
        if (stop_) break;
        queued_bytes_ += f.queued_bytes;
        queue_.push_back(std::move(f));
      }
      not_empty_.notify_one();
      if (failed) break;
    }
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    not_empty_.notify_all();
  }

  std::vector<FileJob> jobs_;
  const std::unordered_map<std::string, KnownFile>& known_;
  bool pretokenize_;
  std::mutex mutex_;
  std::condition_variable not_empty_, not_full_;
  std::deque<PreparedFile> queue_;
  std::uint64_t queued_bytes_ = 0;
  bool done_ = false, stop_ = false;
  std::thread worker_;  // last: starts after everything above is initialised
};

}  // namespace

std::uint64_t content_hash(std::string_view bytes) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// Offers pre-computed tokens to the connection's tokenizer for one statement (content_tokenizer.hpp).
class TokenOffer {
 public:
  TokenOffer(ContentTokenizerHook* hook, const PretokenizedText* texts, std::size_t n) : hook_(hook) {
    offer_tokens(hook_, texts, n);
  }
  ~TokenOffer() { withdraw_tokens(hook_); }
  TokenOffer(const TokenOffer&) = delete;
  TokenOffer& operator=(const TokenOffer&) = delete;

 private:
  ContentTokenizerHook* hook_;
};

struct SourceIndex::Impl {
  Impl(const fs::path& path, IndexOptions opts) : options(opts), db(path.string(), Database::Mode::read_write) {
    // A bulk load: a rollback journal (new pages of a load are not journaled at all, where WAL would write every
    // page twice), one transaction per update (a failed update leaves the index as it was), no fsync
    // (synchronous=OFF: the index is derived from the sources; a power cut during an update can damage it,
    // and then it is rebuilt by deleting the file), a 256 MB page cache, temporary b-trees in memory.
    db.exec(
        "PRAGMA page_size=8192; PRAGMA journal_mode=DELETE; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; "
        "PRAGMA temp_store=MEMORY;");
    bool fresh = false;
    {
      auto t = db.prepare("SELECT 1 FROM sqlite_schema WHERE type='table' AND name='meta'");
      fresh = !t.step();
    }
    db.exec(std::string(kSchemaTables) + kContentTokenizerSpec + kSchemaTail);
    db.exec("INSERT OR REPLACE INTO meta(key, value) VALUES('schema', '" + std::to_string(kSchemaVersion) + "')");
    db.exec("PRAGMA application_id=" + std::to_string(kApplicationId));  // ours: see existing_index_version()
    if (fresh) db.exec(kFtsTuning);
    ins_file = db.prepare("INSERT INTO files(path, root, size, mtime, hash) VALUES(?1, ?2, ?3, ?4, ?5)");
    touch_file = db.prepare("UPDATE files SET size = ?1, mtime = ?2 WHERE id = ?3");
    ins_source = db.prepare(
        "INSERT INTO sources(sid, title, url, publisher, date, kind, file, text) VALUES(?1,?2,?3,?4,?5,?6,?7,?8)");
    ins_factcheck = db.prepare(
        "INSERT INTO factchecks(source, claim_reviewed, rating, url, author, date_published, claimant) "
        "VALUES(?1,?2,?3,?4,?5,?6,?7)");
    ins_meta = db.prepare(
        "INSERT INTO passage_meta(source, start, end, sent_start, sent_end, byte_start, byte_end, sent_byte_start, "
        "sent_byte_end) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9)");
    set_range = db.prepare("UPDATE sources SET first_passage = ?2, last_passage = ?3 WHERE id = ?1");
    ins_fts = db.prepare("INSERT INTO passages(rowid, title, body) VALUES(?1, ?2, ?3)");
    // The values given to the 'delete' command must be the ones indexed: passage_text gives them.
    del_fts = db.prepare(
        "INSERT INTO passages(passages, rowid, title, body) "
        "SELECT 'delete', t.id, t.title, t.body FROM sources s JOIN passage_text t "
        "ON t.id BETWEEN s.first_passage AND s.last_passage WHERE s.file = ?1");
    del_meta = db.prepare(
        "DELETE FROM passage_meta WHERE id IN (SELECT p.id FROM sources s JOIN passage_meta p "
        "ON p.id BETWEEN s.first_passage AND s.last_passage WHERE s.file = ?1)");
    del_factchecks = db.prepare("DELETE FROM factchecks WHERE source IN (SELECT id FROM sources WHERE file = ?1)");
    del_sources = db.prepare("DELETE FROM sources WHERE file = ?1");
    del_file = db.prepare("DELETE FROM files WHERE id = ?1");
  }

  // Removes a file's sources, fact-checks and passages (and the file row).
  void drop_file(std::int64_t file_id) {
    del_fts.bind(1, file_id).run();
    del_meta.bind(1, file_id).run();
    del_factchecks.bind(1, file_id).run();
    del_sources.bind(1, file_id).run();
    del_file.bind(1, file_id).run();
  }

  void add_record(std::int64_t file_id, const PreparedRecord& pr, IndexStats& stats) {
    const SourceRecord& r = pr.record;
    ins_source.bind(1, r.id).bind(2, r.title).bind(3, r.url).bind(4, r.publisher).bind(5, r.date).bind(6, r.kind);
    ins_source.bind(7, file_id).bind_static(8, r.text).run();
    std::int64_t sid = sqlite3_last_insert_rowid(db.get());
    ++stats.sources;
    if (r.kind == "factcheck") {
      ins_factcheck.bind(1, sid).bind(2, r.claim_reviewed).bind(3, r.rating).bind(4, r.url).bind(5, r.publisher);
      ins_factcheck.bind(6, r.date).bind(7, r.claimant).run();
      ++stats.factchecks;
    }
    const auto& sents = pr.sentences;
    std::string_view text = r.text;
    std::int64_t first = -1, last = -1;
    for (std::size_t i = 0; i < sents.size(); ++i) {
      // The passage: the sentence with its neighbours.
      const PreparedSentence& from = sents[i > 0 ? i - 1 : 0];
      const PreparedSentence& to = sents[i + 1 < sents.size() ? i + 1 : i];
      ins_meta.bind(1, sid)
          .bind(2, from.cp_start)
          .bind(3, to.cp_end)
          .bind(4, sents[i].cp_start)
          .bind(5, sents[i].cp_end)
          .bind(6, static_cast<std::int64_t>(from.bytes.start))
          .bind(7, static_cast<std::int64_t>(to.bytes.end))
          .bind(8, static_cast<std::int64_t>(sents[i].bytes.start))
          .bind(9, static_cast<std::int64_t>(sents[i].bytes.end))
          .run();
      std::int64_t pid = sqlite3_last_insert_rowid(db.get());
      if (first < 0) first = pid;
      last = pid;
      // The title is indexed once per source, with its first passage (indexing it with every passage
      // would double the index of a long document).
      std::string_view body = text.substr(sents[i].bytes.start, sents[i].bytes.size());
      ins_fts.bind(1, pid);
      if (i == 0) ins_fts.bind_static(2, r.title);
      else ins_fts.bind_null(2);
      ins_fts.bind_static(3, body);
      // FTS5 gets the reader thread's tokens of the title and the sentence instead of tokenizing them here.
      PretokenizedText offered[2] = {{body, &pr.tokens, sents[i].tokens}, {r.title, &pr.tokens, pr.title_tokens}};
      std::optional<TokenOffer> offer;
      if (pr.pretokenized) offer.emplace(db.tokenizer_hook(), offered, i == 0 ? 2 : 1);
      ins_fts.run();
      ++stats.passages;
    }
    if (first >= 0) set_range.bind(1, sid).bind(2, first).bind(3, last).run();
  }

  std::int64_t insert_file(const std::string& path, const std::string& root, std::int64_t size, std::int64_t mtime,
                           const std::string& hash) {
    ins_file.bind(1, path).bind(2, root).bind(3, size).bind(4, mtime).bind(5, hash).run();
    return sqlite3_last_insert_rowid(db.get());
  }

  // Writes one prepared file (the writer's half of update()).
  void apply(PreparedFile& f, IndexStats& stats) {
    if (f.failure) std::rethrow_exception(f.failure);
    using A = PreparedFile::Action;
    if (f.action == A::unchanged || f.action == A::touched) {
      if (f.action == A::touched) touch_file.bind(1, f.size).bind(2, f.mtime).bind(3, f.old_id).run();
      ++stats.files_skipped;
      return;
    }
    if (f.old_id >= 0) drop_file(f.old_id);
    // A bad file keeps its row (without sources) so an unchanged bad file is not read again every time.
    std::int64_t file_id = insert_file(f.path, f.root, f.size, f.mtime, f.hash);
    if (f.action == A::index) {
      stats.bytes += f.bytes;
      ++stats.files_indexed;
      for (const auto& r : f.records) add_record(file_id, r, stats);
    }
    for (auto& e : f.errors) stats.errors.push_back(std::move(e));
  }

  std::unordered_map<std::string, KnownFile> known_files() {
    std::unordered_map<std::string, KnownFile> out;
    auto st = db.prepare("SELECT path, id, size, mtime, hash FROM files");
    while (st.step()) out.emplace(st.text(0), KnownFile{st.int64(1), st.int64(2), st.int64(3), st.text(4)});
    return out;
  }

  // Records the passage count and, after a load that added a good share of a large index, merges the full-text
  // index into one segment: a lookup then reads one list per word instead of one per segment (about a tenth of
  // a lookup's CPU on 1M passages). 'optimize' rewrites the whole full-text index (a quarter of the work of
  // loading 30k passages), so small indexes and small updates leave merging to FTS5's automerge.
  static constexpr std::int64_t kOptimizeFrom = 100000;  // passages
  void finish(std::size_t added) {
    group_near_duplicates(db);
    if (options.vectors)
      store_factcheck_vectors(db, [this] {
        if (!encoder_tried) encoder = load_encoder_or_warn(options.model_dir);
        encoder_tried = true;
        return encoder;
      });
    auto c = db.prepare("SELECT count(*) FROM passage_meta");
    c.step();
    std::int64_t total = c.int64(0);
    db.exec("INSERT OR REPLACE INTO meta(key, value) VALUES('passages', '" + std::to_string(total) + "')");
    if (total >= kOptimizeFrom && static_cast<std::int64_t>(added) * 10 >= total)
      db.exec("INSERT INTO passages(passages) VALUES('optimize')");
  }

  template <class Body>
  void in_transaction(Body&& body) {
    db.exec("BEGIN IMMEDIATE");
    try {
      body();
      db.exec("COMMIT");
    } catch (...) {
      try {
        db.exec("ROLLBACK");
      } catch (...) {
      }
      throw;
    }
  }

  IndexOptions options;
  Database db;
  std::shared_ptr<const encoder::SentenceEncoder> encoder;  // loaded when a fact-check needs a vector
  bool encoder_tried = false;
  Statement ins_file, touch_file, ins_source, ins_factcheck, ins_meta, ins_fts, set_range;
  Statement del_fts, del_meta, del_factchecks, del_sources, del_file;
};

namespace {

std::vector<std::string> table_names(Database& db) {
  std::vector<std::string> names;
  auto st = db.prepare("SELECT name FROM sqlite_schema WHERE type='table' ORDER BY name");
  while (st.step()) names.push_back(st.text(0));
  return names;
}

// An index made before indexes carried kApplicationId: the tables every schema version had, and a schema row.
bool looks_like_an_old_index(Database& db, const std::vector<std::string>& tables) {
  for (const char* t : {"meta", "files", "sources"})
    if (std::find(tables.begin(), tables.end(), t) == tables.end()) return false;
  auto st = db.prepare("SELECT 1 FROM meta WHERE key='schema'");
  return st.step();
}

// The schema version of the index at db_path: "" when there is nothing yet (no file, an empty file or a
// database without tables), "?" for an index of ours without a version. Anything that is not ours (by
// PRAGMA application_id) throws, naming it, and is never touched. Opened for writing, so that an update
// killed midway (its hot journal) is rolled back here, as SQLite does on a writable connection's first read.
std::string existing_index_version(const fs::path& db_path) {
  std::error_code ec;
  if (!fs::exists(db_path, ec) || fs::file_size(db_path, ec) == 0) return {};
  std::int64_t app_id = 0;
  std::vector<std::string> tables;
  std::unique_ptr<Database> db;
  try {
    db = std::make_unique<Database>(db_path.string(), Database::Mode::read_write);
    auto st = db->prepare("PRAGMA application_id");
    st.step();
    app_id = st.int64(0);
    tables = table_names(*db);
  } catch (const std::exception& e) {
    throw std::runtime_error(db_path.string() + " is not a factpipe source index, or it is damaged (" + e.what() +
                             "): remove it or give another --db");
  }
  const bool ours = app_id == kApplicationId || (app_id == 0 && looks_like_an_old_index(*db, tables));
  if (!ours) {
    if (app_id == 0 && tables.empty()) return {};
    std::string list;
    for (const auto& t : tables) list += (list.empty() ? "" : ", ") + t;
    char id[16];
    std::snprintf(id, sizeof id, "0x%08llx", static_cast<unsigned long long>(static_cast<std::uint32_t>(app_id)));
    throw std::runtime_error(db_path.string() + " is an SQLite database of another program (application_id " + id +
                             ", tables: " + (list.empty() ? "none" : list) +
                             "), not a factpipe source index: refusing to change it; give another --db");
  }
  if (std::find(tables.begin(), tables.end(), "meta") == tables.end()) return "?";
  auto st = db->prepare("SELECT value FROM meta WHERE key='schema'");
  return st.step() ? st.text(0) : "?";
}

}  // namespace

SourceIndex::SourceIndex(const fs::path& db_path, IndexOptions options) {
  if (db_path.has_parent_path()) fs::create_directories(db_path.parent_path());
  std::string version = existing_index_version(db_path);
  if (!version.empty() && version != std::to_string(kSchemaVersion)) {
    // An index of another layout holds nothing that the sources cannot give again: start afresh.
    replaced_schema_ = version;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(db_path.string() + suffix);
  }
  impl_ = std::make_unique<Impl>(db_path, options);
}

SourceIndex::~SourceIndex() = default;

bool SourceIndex::up_to_date(const std::vector<fs::path>& roots) {
  auto& db = impl_->db;
  auto find = db.prepare("SELECT size, mtime FROM files WHERE path = ?1");
  auto of_root = db.prepare("SELECT path FROM files WHERE root = ?1");
  for (const auto& root_in : roots) {
    std::string root = canonical_string(root_in);
    std::unordered_set<std::string> present;
    for (const auto& f : source_files(root)) {
      std::string path = canonical_string(f);
      present.insert(path);
      find.bind(1, path);
      bool same =
          find.step() && find.int64(0) == static_cast<std::int64_t>(fs::file_size(f)) && find.int64(1) == mtime_ns(f);
      find.reset();
      if (!same) return false;
    }
    of_root.bind(1, root);
    while (of_root.step())
      if (!present.count(std::string(of_root.text_view(0)))) return false;
    of_root.reset();
  }
  return true;
}

IndexStats SourceIndex::update(const std::vector<fs::path>& roots) {
  IndexStats stats;
  auto t0 = std::chrono::steady_clock::now();
  auto& impl = *impl_;
  impl.in_transaction([&] {
    // List every root first; a file under two roots belongs to the first.
    std::vector<FileJob> jobs;
    std::unordered_set<std::string> listed;
    std::vector<std::pair<std::string, std::unordered_set<std::string>>> present;  // per root
    for (const auto& root_in : roots) {
      std::string root = canonical_string(root_in);
      auto& here = present.emplace_back(root, std::unordered_set<std::string>{}).second;
      for (const auto& f : source_files(root)) {
        std::string path = canonical_string(f);
        here.insert(path);
        ++stats.files_seen;
        if (listed.insert(path).second) jobs.push_back(FileJob{f, path, root});
        else ++stats.files_skipped;
      }
    }
    // Files of a root that are gone.
    auto of_root = impl.db.prepare("SELECT id, path FROM files WHERE root = ?1");
    for (const auto& [root, here] : present) {
      std::vector<std::int64_t> gone;
      of_root.bind(1, root);
      while (of_root.step())
        if (!here.count(std::string(of_root.text_view(1)))) gone.push_back(of_root.int64(0));
      of_root.reset();
      for (auto id : gone) {
        impl.drop_file(id);
        ++stats.files_removed;
      }
    }
    auto known = impl.known_files();
    FilePipeline pipeline(std::move(jobs), known, impl.options.pretokenize);
    while (auto f = pipeline.next()) impl.apply(*f, stats);
    impl.finish(stats.passages);
  });
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return stats;
}

void SourceIndex::add_records(const std::string& file_key, const std::vector<SourceRecord>& records) {
  auto& impl = *impl_;
  IndexStats stats;
  impl.in_transaction([&] {
    auto find = impl.db.prepare("SELECT id FROM files WHERE path = ?1");
    find.bind(1, file_key);
    if (find.step()) impl.drop_file(find.int64(0));
    find.reset();
    std::int64_t file_id = impl.insert_file(file_key, file_key, 0, 0, "");
    for (const auto& r : records) impl.add_record(file_id, prepare_record(SourceRecord(r)), stats);
    impl.finish(stats.passages);
  });
}

std::size_t SourceIndex::replayed_texts() const { return crossref::replayed_texts(impl_->db.tokenizer_hook()); }

std::size_t SourceIndex::passage_count() {
  auto c = impl_->db.prepare("SELECT count(*) FROM passage_meta");
  c.step();
  return static_cast<std::size_t>(c.int64(0));
}

}  // namespace factpipe::crossref
