#include "mention_index.hpp"

#include <algorithm>

namespace factpipe::claims {

MentionIndex::MentionIndex(const Document& doc) {
  for (std::size_t e = 0; e < doc.entities.size(); ++e)
    for (const auto& m : doc.entities[e].mentions) mentions_.push_back({m.span, m.kind, static_cast<int>(e)});
  std::sort(mentions_.begin(), mentions_.end(), [](const IndexedMention& a, const IndexedMention& b) {
    return a.span.start != b.span.start ? a.span.start < b.span.start : a.span.end < b.span.end;
  });
}

std::vector<const IndexedMention*> MentionIndex::inside(const Span& span) const {
  std::vector<const IndexedMention*> out;
  auto it = std::lower_bound(mentions_.begin(), mentions_.end(), span.start,
                             [](const IndexedMention& m, std::size_t s) { return m.span.start < s; });
  for (; it != mentions_.end() && it->span.start < span.end; ++it)
    if (it->span.end <= span.end) out.push_back(&*it);
  return out;
}

std::size_t MentionIndex::count_names_inside(const Span& span) const {
  std::size_t n = 0;
  for (auto* m : inside(span)) n += m->kind == MentionKind::name;
  return n;
}

const IndexedMention* MentionIndex::starting_at(std::size_t start) const {
  auto it = std::lower_bound(mentions_.begin(), mentions_.end(), start,
                             [](const IndexedMention& m, std::size_t s) { return m.span.start < s; });
  return it != mentions_.end() && it->span.start == start ? &*it : nullptr;
}

}  // namespace factpipe::claims
