#pragma once
// Entity mentions of a document sorted by position, to find which entity a speaker span refers to.
#include <span>
#include <vector>

#include <factpipe/document.hpp>

namespace factpipe::quotes {

struct IndexedMention {
  Span span;
  int entity = -1;
  MentionKind kind = MentionKind::name;
};

class MentionIndex {
 public:
  explicit MentionIndex(const Document& doc);
  // The mention covering byte `offset`, or nullptr.
  const IndexedMention* at(std::size_t offset) const;
  // The best entity for a speaker span: a PERSON mention inside it first, then any other; -1 if none.
  int entity_for(const Span& s, Span* mention = nullptr) const;
  // The first mention starting inside [s.start, s.end), or nullptr.
  const IndexedMention* first_in(const Span& s) const;
  // The mentions starting inside s, in order.
  std::span<const IndexedMention> within(const Span& s) const;

 private:
  const Document& doc_;
  std::vector<IndexedMention> mentions_;
};

}  // namespace factpipe::quotes
