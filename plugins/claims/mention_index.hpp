#pragma once
// All entity mentions of a document sorted by position, for "which entities are inside this span" and
// "who is this pronoun" without scanning every entity for every sentence.
#include <vector>

#include <factpipe/document.hpp>

namespace factpipe::claims {

struct IndexedMention {
  Span span;
  MentionKind kind = MentionKind::name;
  int entity = -1;
};

class MentionIndex {
 public:
  explicit MentionIndex(const Document& doc);
  // Mentions whose span lies inside `span`, in text order.
  std::vector<const IndexedMention*> inside(const Span& span) const;
  std::size_t count_names_inside(const Span& span) const;
  // The mention that starts exactly at `start`, nullptr when none.
  const IndexedMention* starting_at(std::size_t start) const;

 private:
  std::vector<IndexedMention> mentions_;
};

}  // namespace factpipe::claims
