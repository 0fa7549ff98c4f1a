#pragma once
// Read-only access to a source index for one thread: BM25 candidates, passage rows, document frequencies.
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "sqlite_handle.hpp"

namespace factpipe::crossref {

struct PassageRow {
  std::int64_t id = 0, source = 0;
  std::string sid, title, url, publisher, date, kind;
  std::int64_t start = 0, end = 0, sent_start = 0, sent_end = 0;  // code points into the source text
  std::string text;                                               // the passage (sentence + neighbours)
  std::string rating, claim_reviewed, claimant;                   // fact-checks only
};

struct Candidate {
  std::int64_t id = 0;
  double bm25 = 0;  // higher is better (FTS5's bm25() negated)
};

// Document frequency of every indexed term, read once and shared read-only by all readers of an index.
using DocFreqMap = std::unordered_map<std::string, std::int64_t>;
std::shared_ptr<const DocFreqMap> load_doc_freqs(const std::string& path);

class IndexReader {
 public:
  IndexReader(const std::string& path, double title_weight, double body_weight,
              std::shared_ptr<const DocFreqMap> doc_freqs = nullptr);

  std::vector<Candidate> search(const std::string& fts_query, int limit);
  // Candidates by the summed idf of the query words each passage contains (no tf, no length norm): one pass
  // over each word's document list, without the per-row cost of FTS5's bm25(). `words`: (surface word, idf).
  std::vector<Candidate> search_idf(const std::vector<std::pair<std::string, double>>& words, int limit);
  // The summed idf of `words` that each candidate contains (search_idf's score), in place of its score,
  // then sorted by it: candidates found by bm25() scored the way the re-ranking weights were fitted.
  void rescore_idf(const std::vector<std::pair<std::string, double>>& words, std::vector<Candidate>& cands);
  PassageRow passage(std::int64_t id);
  // Documents (passages) containing the stem; cached.
  std::int64_t doc_freq(const std::string& stem);
  double idf(const std::string& stem);
  // The bm25 idf of a word in `df` passages of this index.
  double idf_of(std::int64_t df) const;
  std::int64_t passage_total() const { return total_; }
  // One read transaction around the statements of a lookup: without it every statement takes and drops the
  // file's shared lock (fcntl) and checks for a hot journal (fstat), ~5% of a lookup's CPU on the 1M index.
  void begin_read();
  void end_read() noexcept;

  // Source rows for quote verification: text, metadata.
  struct SourceText {
    std::int64_t id = 0;
    std::string sid, title, url, publisher, date, kind, text;
  };
  SourceText source(std::int64_t id);
  // Does the source's text mention `name`? (case-sensitive substring)
  bool source_mentions(std::int64_t id, const std::string& name);

 private:
  Database db_;
  Statement search_, rowids_, passage_, vocab_, source_, mentions_, begin_, commit_;
  std::int64_t total_ = 0;
  std::unordered_map<std::string, std::int64_t> df_cache_;
  std::vector<std::pair<std::int64_t, double>> postings_;            // search_idf's buffer, kept between calls
  std::vector<double> idf_by_df_ = std::vector<double>(4096, -1.0);  // idf of small document frequencies
  std::shared_ptr<const DocFreqMap> doc_freqs_;
};

}  // namespace factpipe::crossref
