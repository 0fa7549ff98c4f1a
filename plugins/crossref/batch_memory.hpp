#pragma once
// Claims of the documents of this run, so that the same claim in two articles can be linked. Each claim is
// profiled once when it is added and indexed by its word stems: finding the few claims that share words
// with a new one costs a lookup per word, not a comparison with every claim of the run (thousands of
// articles make hundreds of thousands of claims).
#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "evidence_scoring.hpp"

namespace factpipe::crossref {

class BatchMemory {
 public:
  // At most `earlier_limit` claims of earlier add() calls (earlier batches) are kept besides the newest call,
  // the oldest dropped first, so memory is bounded by the batch size, not by the length of the run.
  explicit BatchMemory(std::size_t earlier_limit = kDefaultEarlierLimit) : earlier_limit_(earlier_limit) {}
  static constexpr std::size_t kDefaultEarlierLimit = 20'000;
  void set_earlier_limit(std::size_t limit) { earlier_limit_ = limit; }

  struct Entry {
    std::string doc_id, title, url, publisher, date;
    std::string text;
    std::size_t start = 0, end = 0;  // code points in that document
    PassageProfile profile;          // filled by add()
  };

  // Thread safe; profiles the entries before taking the lock. Drops the oldest earlier claims beyond the limit.
  void add(std::vector<Entry> entries);

  // Claims of documents other than `exclude_doc` whose stems cover at least `min_share` of the claim's
  // idf-weighted content words (a WordNet synonym counts 0.7, as in the coverage feature), best first, at
  // most `limit`. Thread safe.
  std::vector<std::shared_ptr<const Entry>> candidates(const ClaimProfile& claim, std::string_view exclude_doc,
                                                       double min_share, std::size_t limit) const;
  void clear();  // forgets every claim (a new run)
  std::size_t size() const;
  std::size_t dropped() const;  // claims forgotten so far because of the limit

 private:
  void forget_oldest_locked(std::size_t keep);

  std::size_t earlier_limit_;
  std::size_t dropped_ = 0;
  mutable std::shared_mutex mutex_;
  std::vector<std::shared_ptr<const Entry>> entries_;
  std::unordered_map<std::string, std::vector<std::uint32_t>> postings_;  // stem -> entries containing it
};

}  // namespace factpipe::crossref
