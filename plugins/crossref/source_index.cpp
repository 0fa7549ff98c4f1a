#include "source_index.hpp"

#include <chrono>
#include <fstream>
#include <set>
#include <sstream>

#include <factpipe/utf8.hpp>

#include "sentence_splitter.hpp"
#include "sqlite_handle.hpp"
#include "text_analysis.hpp"

namespace factpipe::crossref {

namespace fs = std::filesystem;

namespace {

const char* const kSchema = R"sql(
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
-- source's text by code point offsets (substr counts characters), so it is stored once.
CREATE TABLE IF NOT EXISTS passage_meta(id INTEGER PRIMARY KEY, source INTEGER NOT NULL, start INTEGER NOT NULL,
  end INTEGER NOT NULL, sent_start INTEGER NOT NULL, sent_end INTEGER NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS passages USING fts5(title, body,
  tokenize='porter unicode61 remove_diacritics 2', detail=column);
CREATE VIRTUAL TABLE IF NOT EXISTS passages_vocab USING fts5vocab(passages, row);
)sql";

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
  return s;
}

// Sentences longer than this are cut at spaces so one passage never swallows a whole unpunctuated file.
constexpr std::size_t kMaxSentenceBytes = 1500;

std::vector<Span> passage_sentences(std::string_view text) {
  std::vector<Span> out;
  for (Span s : split_sentences(text)) {
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

}  // namespace

std::uint64_t content_hash(std::string_view bytes) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

struct SourceIndex::Impl {
  explicit Impl(const fs::path& path) : db(path.string(), Database::Mode::read_write) {
    // A rollback journal, not WAL: new pages of a bulk load are not journaled at all, where WAL would write
    // every page twice. One transaction per update keeps a crash from leaving half an index.
    db.exec("PRAGMA page_size=8192; PRAGMA journal_mode=DELETE; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-131072; "
            "PRAGMA temp_store=MEMORY;");
    db.exec(kSchema);
    auto v = db.prepare("SELECT value FROM meta WHERE key='schema'");
    if (v.step() && v.text(0) != std::to_string(kSchemaVersion))
      throw std::runtime_error("crossref index " + path.string() + ": schema version " + v.text(0) +
                               ", this build needs " + std::to_string(kSchemaVersion) + " (delete the file to rebuild)");
    v.reset();
    db.exec("INSERT OR REPLACE INTO meta(key, value) VALUES('schema', '" + std::to_string(kSchemaVersion) + "')");
    // Merge FTS5 segments less eagerly while loading (fewer rewrites of the growing index).
    db.exec("INSERT INTO passages(passages, rank) VALUES('automerge', 8)");
    ins_file = db.prepare("INSERT INTO files(path, root, size, mtime, hash) VALUES(?1, ?2, ?3, ?4, ?5)");
    ins_source = db.prepare(
        "INSERT INTO sources(sid, title, url, publisher, date, kind, file, text) VALUES(?1,?2,?3,?4,?5,?6,?7,?8)");
    ins_factcheck = db.prepare(
        "INSERT INTO factchecks(source, claim_reviewed, rating, url, author, date_published, claimant) "
        "VALUES(?1,?2,?3,?4,?5,?6,?7)");
    ins_meta = db.prepare("INSERT INTO passage_meta(source, start, end, sent_start, sent_end) VALUES(?1,?2,?3,?4,?5)");
    set_range = db.prepare("UPDATE sources SET first_passage = ?2, last_passage = ?3 WHERE id = ?1");
    ins_fts = db.prepare("INSERT INTO passages(rowid, title, body) VALUES(?1, ?2, ?3)");
  }

  // Removes a file's sources, fact-checks and passages (and the file row).
  void drop_file(std::int64_t file_id) {
    std::vector<std::pair<std::int64_t, std::int64_t>> ranges;
    auto st = db.prepare("SELECT first_passage, last_passage FROM sources WHERE file = ?1 AND first_passage IS NOT NULL");
    st.bind(1, file_id);
    while (st.step()) ranges.emplace_back(st.int64(0), st.int64(1));
    st.reset();
    auto del_fts = db.prepare("DELETE FROM passages WHERE rowid BETWEEN ?1 AND ?2");
    auto del_meta = db.prepare("DELETE FROM passage_meta WHERE id BETWEEN ?1 AND ?2");
    for (auto [a, b] : ranges) {
      del_fts.bind(1, a).bind(2, b).run();
      del_meta.bind(1, a).bind(2, b).run();
    }
    db.prepare("DELETE FROM factchecks WHERE source IN (SELECT id FROM sources WHERE file = ?1)").bind(1, file_id).run();
    db.prepare("DELETE FROM sources WHERE file = ?1").bind(1, file_id).run();
    db.prepare("DELETE FROM files WHERE id = ?1").bind(1, file_id).run();
  }

  void add_record(std::int64_t file_id, const SourceRecord& r, IndexStats& stats) {
    ins_source.bind(1, r.id).bind(2, r.title).bind(3, r.url).bind(4, r.publisher).bind(5, r.date).bind(6, r.kind);
    ins_source.bind(7, file_id).bind(8, r.text).run();
    std::int64_t sid = sqlite3_last_insert_rowid(db.get());
    ++stats.sources;
    if (r.kind == "factcheck") {
      ins_factcheck.bind(1, sid).bind(2, r.claim_reviewed).bind(3, r.rating).bind(4, r.url).bind(5, r.publisher);
      ins_factcheck.bind(6, r.date).bind(7, r.claimant).run();
      ++stats.factchecks;
    }
    std::vector<Span> sents = passage_sentences(r.text);
    utf8::OffsetMap map(r.text);
    std::int64_t first = -1, last = -1;
    for (std::size_t i = 0; i < sents.size(); ++i) {
      Span window{sents[i > 0 ? i - 1 : 0].start, sents[i + 1 < sents.size() ? i + 1 : i].end};
      ins_meta.bind(1, sid)
          .bind(2, static_cast<std::int64_t>(map.to_code_point(window.start)))
          .bind(3, static_cast<std::int64_t>(map.to_code_point(window.end)))
          .bind(4, static_cast<std::int64_t>(map.to_code_point(sents[i].start)))
          .bind(5, static_cast<std::int64_t>(map.to_code_point(sents[i].end)))
          .run();
      std::int64_t pid = sqlite3_last_insert_rowid(db.get());
      if (first < 0) first = pid;
      last = pid;
      // The title is indexed once per source, with its first passage (indexing it with every passage
      // would double the index of a long document).
      ins_fts.bind(1, pid).bind(2, i == 0 ? std::string_view(r.title) : std::string_view())
          .bind(3, std::string_view(r.text).substr(sents[i].start, sents[i].size()))
          .run();
      ++stats.passages;
    }
    if (first >= 0) set_range.bind(1, sid).bind(2, first).bind(3, last).run();
  }

  std::int64_t insert_file(const std::string& path, const std::string& root, std::int64_t size, std::int64_t mtime,
                           const std::string& hash) {
    ins_file.bind(1, path).bind(2, root).bind(3, size).bind(4, mtime).bind(5, hash).run();
    return sqlite3_last_insert_rowid(db.get());
  }

  void update_passage_count() {
    auto c = db.prepare("SELECT count(*) FROM passage_meta");
    c.step();
    db.exec("INSERT OR REPLACE INTO meta(key, value) VALUES('passages', '" + std::to_string(c.int64(0)) + "')");
  }

  Database db;
  Statement ins_file, ins_source, ins_factcheck, ins_meta, ins_fts, set_range;
};

SourceIndex::SourceIndex(const fs::path& db_path) {
  if (db_path.has_parent_path()) fs::create_directories(db_path.parent_path());
  impl_ = std::make_unique<Impl>(db_path);
}

SourceIndex::~SourceIndex() = default;

namespace {
std::string canonical_string(const fs::path& p) {
  std::error_code ec;
  auto c = fs::weakly_canonical(fs::absolute(p), ec);
  return (ec ? fs::absolute(p) : c).string();
}
}  // namespace

bool SourceIndex::up_to_date(const std::vector<fs::path>& roots) {
  auto& db = impl_->db;
  for (const auto& root_in : roots) {
    std::string root = canonical_string(root_in);
    std::set<std::string> present;
    for (const auto& f : source_files(root)) {
      std::string path = canonical_string(f);
      present.insert(path);
      auto st = db.prepare("SELECT size, mtime FROM files WHERE path = ?1");
      st.bind(1, path);
      if (!st.step()) return false;
      if (st.int64(0) != static_cast<std::int64_t>(fs::file_size(f)) || st.int64(1) != mtime_ns(f)) return false;
    }
    auto st = db.prepare("SELECT path FROM files WHERE root = ?1");
    st.bind(1, root);
    while (st.step())
      if (!present.count(st.text(0))) return false;
  }
  return true;
}

IndexStats SourceIndex::update(const std::vector<fs::path>& roots) {
  IndexStats stats;
  auto t0 = std::chrono::steady_clock::now();
  auto& db = impl_->db;
  db.exec("BEGIN IMMEDIATE");
  try {
    for (const auto& root_in : roots) {
      std::string root = canonical_string(root_in);
      std::set<std::string> present;
      for (const auto& f : source_files(root)) {
        ++stats.files_seen;
        std::string path = canonical_string(f);
        present.insert(path);
        auto size = static_cast<std::int64_t>(fs::file_size(f));
        std::int64_t mtime = mtime_ns(f);
        auto find = db.prepare("SELECT id, size, mtime, hash FROM files WHERE path = ?1");
        find.bind(1, path);
        std::int64_t old_id = -1;
        std::string old_hash;
        if (find.step()) {
          old_id = find.int64(0);
          old_hash = find.text(3);
          if (find.int64(1) == size && find.int64(2) == mtime) {
            ++stats.files_skipped;
            continue;
          }
        }
        find.reset();
        std::string content = read_all(f);
        std::string hash = hex64(content_hash(content));
        if (old_id >= 0 && hash == old_hash) {
          // Touched but not changed: remember the new mtime, keep the rows.
          db.prepare("UPDATE files SET size = ?1, mtime = ?2 WHERE id = ?3").bind(1, size).bind(2, mtime).bind(3, old_id).run();
          ++stats.files_skipped;
          continue;
        }
        if (old_id >= 0) impl_->drop_file(old_id);
        if (auto bad = utf8::find_invalid(content)) {
          stats.errors.push_back(RecordError{path, bad->line, "invalid UTF-8: " + bad->reason});
          // Keep the file row so an unchanged bad file is not re-read every time; it has no sources.
          impl_->insert_file(path, root, size, mtime, hash);
          continue;
        }
        std::int64_t file_id = impl_->insert_file(path, root, size, mtime, hash);
        stats.bytes += content.size();
        ++stats.files_indexed;
        parse_source_file(
            f, content, [&](SourceRecord&& r) { impl_->add_record(file_id, r, stats); },
            [&](RecordError&& e) {
              e.file = path;
              stats.errors.push_back(std::move(e));
            });
      }
      // Files of this root that are gone.
      std::vector<std::int64_t> gone;
      auto st = db.prepare("SELECT id, path FROM files WHERE root = ?1");
      st.bind(1, root);
      while (st.step())
        if (!present.count(st.text(1))) gone.push_back(st.int64(0));
      st.reset();
      for (auto id : gone) {
        impl_->drop_file(id);
        ++stats.files_removed;
      }
    }
    impl_->update_passage_count();
    db.exec("COMMIT");
  } catch (...) {
    try {
      db.exec("ROLLBACK");
    } catch (...) {
    }
    throw;
  }
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return stats;
}

void SourceIndex::add_records(const std::string& file_key, const std::vector<SourceRecord>& records) {
  auto& db = impl_->db;
  IndexStats stats;
  db.exec("BEGIN IMMEDIATE");
  try {
    auto find = db.prepare("SELECT id FROM files WHERE path = ?1");
    find.bind(1, file_key);
    if (find.step()) impl_->drop_file(find.int64(0));
    find.reset();
    std::int64_t file_id = impl_->insert_file(file_key, file_key, 0, 0, "");
    for (const auto& r : records) impl_->add_record(file_id, r, stats);
    impl_->update_passage_count();
    db.exec("COMMIT");
  } catch (...) {
    try {
      db.exec("ROLLBACK");
    } catch (...) {
    }
    throw;
  }
}

std::size_t SourceIndex::passage_count() {
  auto c = impl_->db.prepare("SELECT count(*) FROM passage_meta");
  c.step();
  return static_cast<std::size_t>(c.int64(0));
}

}  // namespace factpipe::crossref
