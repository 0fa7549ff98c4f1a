#pragma once
// The entity mentions of a document (the entities layer) sorted by position, for "which entities are inside
// this span", "which mention covers this offset" and "who is this speaker span" without scanning every entity
// for every sentence. Read by the claims and quotes stages; built once per document.
#include <cstddef>
#include <span>
#include <vector>

#include <factpipe/document.hpp>

namespace factpipe::text {

struct IndexedMention {
  Span span;
  MentionKind kind = MentionKind::name;
  int entity = -1;  // index into Document::entities
};

class MentionIndex {
 public:
  // Keeps a reference to `doc` (entity types for entity_for): the index must not outlive it.
  explicit MentionIndex(const Document& doc);

  // Mentions lying wholly inside `span`, in text order.
  std::vector<const IndexedMention*> inside(const Span& span) const;
  std::size_t count_names_inside(const Span& span) const;
  // Mentions starting inside `span` (they may end after it), in text order.
  std::span<const IndexedMention> within(const Span& span) const;
  // The first mention starting inside `span`, nullptr when none.
  const IndexedMention* first_in(const Span& span) const;
  // The mention that starts exactly at `start`, nullptr when none.
  const IndexedMention* starting_at(std::size_t start) const;
  // A mention covering byte `offset`, nullptr when none.
  const IndexedMention* at(std::size_t offset) const;
  // The best entity for a speaker span: a PERSON mention overlapping it first, then NORP, ORG, any other;
  // -1 when none. `mention`, when given, receives the chosen mention's span.
  int entity_for(const Span& span, Span* mention = nullptr) const;

 private:
  const Document& doc_;
  std::vector<IndexedMention> mentions_;  // by start, then end
};

}  // namespace factpipe::text
