#include "mention_index.hpp"

#include <algorithm>

namespace factpipe::quotes {

MentionIndex::MentionIndex(const Document& doc) : doc_(doc) {
  for (std::size_t e = 0; e < doc.entities.size(); ++e)
    for (const auto& m : doc.entities[e].mentions) mentions_.push_back({m.span, static_cast<int>(e), m.kind});
  std::sort(mentions_.begin(), mentions_.end(),
            [](const IndexedMention& a, const IndexedMention& b) { return a.span.start < b.span.start; });
}

const IndexedMention* MentionIndex::first_in(const Span& s) const {
  auto it = std::lower_bound(mentions_.begin(), mentions_.end(), s.start,
                             [](const IndexedMention& m, std::size_t o) { return m.span.start < o; });
  if (it == mentions_.end() || it->span.start >= s.end) return nullptr;
  return &*it;
}

const IndexedMention* MentionIndex::at(std::size_t offset) const {
  auto it = std::upper_bound(mentions_.begin(), mentions_.end(), offset,
                             [](std::size_t o, const IndexedMention& m) { return o < m.span.start; });
  // mentions do not nest much; look back a few
  for (int k = 0; k < 4 && it != mentions_.begin(); ++k) {
    --it;
    if (it->span.start <= offset && offset < it->span.end) return &*it;
  }
  return nullptr;
}

std::span<const IndexedMention> MentionIndex::within(const Span& s) const {
  auto by_start = [](const IndexedMention& m, std::size_t o) { return m.span.start < o; };
  auto a = std::lower_bound(mentions_.begin(), mentions_.end(), s.start, by_start);
  auto b = std::lower_bound(a, mentions_.end(), s.end, by_start);
  return {a, b};
}

int MentionIndex::entity_for(const Span& s, Span* mention) const {
  auto it = std::lower_bound(mentions_.begin(), mentions_.end(), s.start,
                             [](const IndexedMention& m, std::size_t o) { return m.span.start < o; });
  // include a mention starting a little before s that overlaps it
  if (it != mentions_.begin() && std::prev(it)->span.overlaps(s)) --it;
  int best = -1, best_rank = 99;
  for (; it != mentions_.end() && it->span.start < s.end; ++it) {
    if (!it->span.overlaps(s)) continue;
    const std::string& type = doc_.entities[static_cast<std::size_t>(it->entity)].type;
    int rank = type == "PERSON" ? 0 : type == "NORP" ? 1 : type == "ORG" ? 2 : 3;
    if (rank < best_rank) {
      best_rank = rank;
      best = it->entity;
      if (mention) *mention = it->span;
    }
  }
  return best;
}

}  // namespace factpipe::quotes
