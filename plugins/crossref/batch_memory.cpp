#include "batch_memory.hpp"

#include <algorithm>
#include <mutex>

namespace factpipe::crossref {

void BatchMemory::add(std::vector<Entry> entries) {
  std::vector<std::shared_ptr<const Entry>> ready;
  ready.reserve(entries.size());
  for (auto& e : entries) {
    e.profile = profile_passage(e.text);
    ready.push_back(std::make_shared<const Entry>(std::move(e)));
  }
  std::unique_lock lock(mutex_);
  const std::size_t newest = ready.size();
  for (auto& e : ready) {
    auto id = static_cast<std::uint32_t>(entries_.size());
    for (const auto& stem : e->profile.stems) postings_[stem].push_back(id);
    entries_.push_back(std::move(e));
  }
  // Forgetting rebuilds the postings, so it is done in steps of a quarter of the limit, not per claim.
  if (entries_.size() > newest + earlier_limit_) forget_oldest_locked(newest + earlier_limit_ * 3 / 4);
}

void BatchMemory::forget_oldest_locked(std::size_t keep) {
  const std::size_t drop = entries_.size() - keep;
  entries_.erase(entries_.begin(), entries_.begin() + static_cast<std::ptrdiff_t>(drop));
  dropped_ += drop;
  postings_.clear();
  for (std::size_t id = 0; id < entries_.size(); ++id)
    for (const auto& stem : entries_[id]->profile.stems) postings_[stem].push_back(static_cast<std::uint32_t>(id));
}

void BatchMemory::clear() {
  std::unique_lock lock(mutex_);
  entries_.clear();
  postings_.clear();
  dropped_ = 0;
}

std::size_t BatchMemory::size() const {
  std::shared_lock lock(mutex_);
  return entries_.size();
}

std::size_t BatchMemory::dropped() const {
  std::shared_lock lock(mutex_);
  return dropped_;
}

namespace {

// Per-thread scratch for candidates(): dense arrays indexed by entry, reset by stamps instead of clearing,
// so a lookup costs the postings it reads and nothing per entry of the run (hash maps were 90% of it).
struct Scratch {
  std::vector<double> weight;
  std::vector<std::uint32_t> in_call, in_term;  // stamps: touched in this call / matched by this claim word
  std::vector<std::uint32_t> touched;
  std::uint32_t call = 0, term = 0;
};

}  // namespace

std::vector<std::shared_ptr<const BatchMemory::Entry>> BatchMemory::candidates(const ClaimProfile& claim,
                                                                               std::string_view exclude_doc,
                                                                               double min_share,
                                                                               std::size_t limit) const {
  std::vector<std::shared_ptr<const Entry>> out;
  if (claim.idf_total <= 0 || limit == 0) return out;
  thread_local Scratch sc;
  std::shared_lock lock(mutex_);
  if (sc.weight.size() < entries_.size()) {
    sc.weight.resize(entries_.size(), 0.0);
    sc.in_call.resize(entries_.size(), 0);
    sc.in_term.resize(entries_.size(), 0);
  }
  ++sc.call;
  sc.touched.clear();
  auto add = [&](std::uint32_t id, double w) {
    if (sc.in_call[id] != sc.call) {
      sc.in_call[id] = sc.call;
      sc.weight[id] = 0.0;
      sc.touched.push_back(id);
    }
    sc.weight[id] += w;
    sc.in_term[id] = sc.term;
  };
  for (const auto& term : claim.terms) {
    ++sc.term;  // the word itself, then its synonyms: at most once per claim word and entry
    if (auto it = postings_.find(term.stem); it != postings_.end())
      for (std::uint32_t id : it->second) add(id, term.idf);
    for (const auto& syn : term.synonym_stems)
      if (auto it = postings_.find(syn); it != postings_.end())
        for (std::uint32_t id : it->second)
          if (sc.in_term[id] != sc.term || sc.in_call[id] != sc.call) add(id, 0.7 * term.idf);
  }
  std::vector<std::pair<double, std::uint32_t>> ranked;
  const double least = min_share * claim.idf_total;
  for (std::uint32_t id : sc.touched)
    if (sc.weight[id] >= least && entries_[id]->doc_id != exclude_doc) ranked.emplace_back(sc.weight[id], id);
  // Best first; ties in the order the claims were added, so the result does not depend on hashing.
  std::sort(ranked.begin(), ranked.end(),
            [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  if (ranked.size() > limit) ranked.resize(limit);
  out.reserve(ranked.size());
  for (const auto& r : ranked) out.push_back(entries_[r.second]);
  return out;
}

}  // namespace factpipe::crossref
