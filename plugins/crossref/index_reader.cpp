#include "index_reader.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>

#include "fts_query.hpp"

namespace factpipe::crossref {

std::shared_ptr<const DocFreqMap> load_doc_freqs(const std::string& path) {
  Database db(path, Database::Mode::read_only);
  auto map = std::make_shared<DocFreqMap>();
  auto st = db.prepare("SELECT term, doc FROM passages_vocab");
  while (st.step()) map->emplace(st.text(0), st.int64(1));
  return map;
}

IndexReader::IndexReader(const std::string& path, double title_weight, double body_weight,
                         std::shared_ptr<const DocFreqMap> doc_freqs)
    : db_(path, Database::Mode::read_only), doc_freqs_(std::move(doc_freqs)) {
  // Read pages through a memory map (no copy per page) with a modest private cache.
  db_.exec("PRAGMA mmap_size=1073741824; PRAGMA cache_size=-16384;");
  char weights[64];
  std::snprintf(weights, sizeof weights, "%.4f, %.4f", title_weight, body_weight);
  search_ = db_.prepare(std::string("SELECT rowid, bm25(passages, ") + weights +
                        ") AS r FROM passages WHERE passages MATCH ?1 ORDER BY r LIMIT ?2");
  rowids_ = db_.prepare("SELECT rowid FROM passages WHERE passages MATCH ?1");
  // The passage is sliced from the source's text by bytes (a blob substr is O(1); a text substr counts the
  // characters of the whole source up to the passage, which was a sixth of a lookup on 1M passages).
  passage_ = db_.prepare(
      "SELECT p.source, p.start, p.end, p.sent_start, p.sent_end, "
      "substr(CAST(s.text AS BLOB), p.byte_start + 1, p.byte_end - p.byte_start), s.sid, s.title, s.url, s.publisher, "
      "s.date, s.kind, f.rating, f.claim_reviewed, f.claimant FROM passage_meta p JOIN sources s ON s.id = p.source "
      "LEFT JOIN factchecks f ON f.source = s.id WHERE p.id = ?1");
  vocab_ = db_.prepare("SELECT doc FROM passages_vocab WHERE term = ?1");
  source_ = db_.prepare("SELECT sid, title, url, publisher, date, kind, text FROM sources WHERE id = ?1");
  mentions_ = db_.prepare("SELECT instr(text, ?2) > 0 FROM sources WHERE id = ?1");
  begin_ = db_.prepare("BEGIN");
  commit_ = db_.prepare("COMMIT");
  auto c = db_.prepare("SELECT value FROM meta WHERE key = 'passages'");
  if (c.step()) total_ = std::stoll(c.text(0));
}

void IndexReader::begin_read() {
  if (sqlite3_get_autocommit(db_.get())) begin_.run();  // else one is open still (a failed end): keep it
}

void IndexReader::end_read() noexcept {
  try {
    commit_.run();
  } catch (const std::exception&) {
    sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);  // a read transaction: nothing is lost
  }
}

std::vector<Candidate> IndexReader::search(const std::string& fts_query, int limit) {
  std::vector<Candidate> out;
  if (fts_query.empty()) return out;
  search_.bind(1, fts_query).bind(2, static_cast<std::int64_t>(limit));
  while (search_.step()) out.push_back(Candidate{search_.int64(0), -search_.real(1)});
  search_.reset();
  return out;
}

std::vector<Candidate> IndexReader::search_idf(const std::vector<std::pair<std::string, double>>& words, int limit) {
  // (rowid, weight) of every posting, then summed per rowid after a sort: no hash node per posting.
  postings_.clear();
  for (const auto& [word, weight] : words) {
    rowids_.bind(1, fts_quote(word));
    while (rowids_.step()) postings_.emplace_back(rowids_.int64(0), weight);
    rowids_.reset();
  }
  // Stable: a passage's weights are added in word order, so passages with the same words tie exactly.
  std::stable_sort(postings_.begin(), postings_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Candidate> out;
  for (std::size_t i = 0; i < postings_.size();) {
    std::int64_t id = postings_[i].first;
    double s = 0;
    for (; i < postings_.size() && postings_[i].first == id; ++i) s += postings_[i].second;
    out.push_back(Candidate{id, s});
  }
  auto better = [](const Candidate& a, const Candidate& b) {
    return a.bm25 > b.bm25 || (a.bm25 == b.bm25 && a.id < b.id);
  };
  std::size_t k = std::min(out.size(), static_cast<std::size_t>(std::max(limit, 0)));
  std::partial_sort(out.begin(), out.begin() + static_cast<long>(k), out.end(), better);
  out.resize(k);
  return out;
}

void IndexReader::rescore_idf(const std::vector<std::pair<std::string, double>>& words, std::vector<Candidate>& cands) {
  std::unordered_map<std::int64_t, double> score;
  for (const auto& c : cands) score.emplace(c.id, 0.0);
  // Words in the same order as search_idf adds them, so equal word sets give equal sums.
  for (const auto& [word, weight] : words) {
    rowids_.bind(1, fts_quote(word));
    while (rowids_.step())
      if (auto it = score.find(rowids_.int64(0)); it != score.end()) it->second += weight;
    rowids_.reset();
  }
  for (auto& c : cands) c.bm25 = score[c.id];
  std::stable_sort(cands.begin(), cands.end(), [](const Candidate& a, const Candidate& b) {
    return a.bm25 > b.bm25 || (a.bm25 == b.bm25 && a.id < b.id);
  });
}

PassageRow IndexReader::passage(std::int64_t id) {
  PassageRow r;
  passage_.bind(1, id);
  if (passage_.step()) {
    r.id = id;
    r.source = passage_.int64(0);
    r.start = passage_.int64(1);
    r.end = passage_.int64(2);
    r.sent_start = passage_.int64(3);
    r.sent_end = passage_.int64(4);
    r.text = passage_.text(5);
    r.sid = passage_.text(6);
    r.title = passage_.text(7);
    r.url = passage_.text(8);
    r.publisher = passage_.text(9);
    r.date = passage_.text(10);
    r.kind = passage_.text(11);
    r.rating = passage_.text(12);
    r.claim_reviewed = passage_.text(13);
    r.claimant = passage_.text(14);
  }
  passage_.reset();
  return r;
}

std::int64_t IndexReader::doc_freq(const std::string& stem) {
  if (doc_freqs_) {
    auto it = doc_freqs_->find(stem);
    return it == doc_freqs_->end() ? 0 : it->second;
  }
  if (auto it = df_cache_.find(stem); it != df_cache_.end()) return it->second;
  vocab_.bind(1, stem);
  std::int64_t df = vocab_.step() ? vocab_.int64(0) : 0;
  vocab_.reset();
  if (df_cache_.size() > 200000) df_cache_.clear();  // bound the memory of a long run
  df_cache_.emplace(stem, df);
  return df;
}

double IndexReader::idf(const std::string& stem) {
  std::int64_t df = doc_freq(stem);
  // Re-ranking asks for the idf of every word of 50 passages per claim: the log of a small df is computed once.
  if (df >= 0 && df < static_cast<std::int64_t>(idf_by_df_.size())) {
    double& v = idf_by_df_[static_cast<std::size_t>(df)];
    if (v < 0) v = idf_of(df);
    return v;
  }
  return idf_of(df);
}

double IndexReader::idf_of(std::int64_t df) const {
  double n = static_cast<double>(std::max<std::int64_t>(total_, 1));
  double d = static_cast<double>(df);
  return std::log(1.0 + (n - d + 0.5) / (d + 0.5));
}

IndexReader::SourceText IndexReader::source(std::int64_t id) {
  SourceText s;
  source_.bind(1, id);
  if (source_.step()) {
    s.id = id;
    s.sid = source_.text(0);
    s.title = source_.text(1);
    s.url = source_.text(2);
    s.publisher = source_.text(3);
    s.date = source_.text(4);
    s.kind = source_.text(5);
    s.text = source_.text(6);
  }
  source_.reset();
  return s;
}

bool IndexReader::source_mentions(std::int64_t id, const std::string& name) {
  mentions_.bind(1, id).bind(2, name);
  bool yes = mentions_.step() && mentions_.int64(0) != 0;
  mentions_.reset();
  return yes;
}

}  // namespace factpipe::crossref
