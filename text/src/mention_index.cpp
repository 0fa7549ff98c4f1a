#include <factpipe/text/mention_index.hpp>

#include <algorithm>
#include <iterator>

namespace factpipe::text {
namespace {

bool starts_before(const IndexedMention& m, std::size_t offset) { return m.span.start < offset; }

}  // namespace

MentionIndex::MentionIndex(const Document& doc) : doc_(doc) {
  for (std::size_t e = 0; e < doc.entities.size(); ++e)
    for (const auto& m : doc.entities[e].mentions) mentions_.push_back({m.span, m.kind, static_cast<int>(e)});
  std::sort(mentions_.begin(), mentions_.end(), [](const IndexedMention& a, const IndexedMention& b) {
    return a.span.start != b.span.start ? a.span.start < b.span.start : a.span.end < b.span.end;
  });
}

std::span<const IndexedMention> MentionIndex::within(const Span& span) const {
  auto a = std::lower_bound(mentions_.begin(), mentions_.end(), span.start, starts_before);
  auto b = std::lower_bound(a, mentions_.end(), span.end, starts_before);
  return {a, b};
}

std::vector<const IndexedMention*> MentionIndex::inside(const Span& span) const {
  std::vector<const IndexedMention*> out;
  for (const auto& m : within(span))
    if (m.span.end <= span.end) out.push_back(&m);
  return out;
}

std::size_t MentionIndex::count_names_inside(const Span& span) const {
  std::size_t n = 0;
  for (const auto& m : within(span)) n += m.span.end <= span.end && m.kind == MentionKind::name;
  return n;
}

const IndexedMention* MentionIndex::first_in(const Span& span) const {
  auto in = within(span);
  return in.empty() ? nullptr : &in.front();
}

const IndexedMention* MentionIndex::starting_at(std::size_t start) const {
  auto it = std::lower_bound(mentions_.begin(), mentions_.end(), start, starts_before);
  return it != mentions_.end() && it->span.start == start ? &*it : nullptr;
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

int MentionIndex::entity_for(const Span& span, Span* mention) const {
  auto it = std::lower_bound(mentions_.begin(), mentions_.end(), span.start, starts_before);
  // include a mention starting a little before the span that overlaps it
  if (it != mentions_.begin() && std::prev(it)->span.overlaps(span)) --it;
  int best = -1, best_rank = 99;
  for (; it != mentions_.end() && it->span.start < span.end; ++it) {
    if (!it->span.overlaps(span)) continue;
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

}  // namespace factpipe::text
