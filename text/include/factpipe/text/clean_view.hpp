#pragma once
// A cleaned view of (part of) a text: how a reader takes a post. Links, emoji and "RT" are left out; handles,
// hashtags and a byline read as their words. Every offset of the view maps back to the original text.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <factpipe/text/social_markup.hpp>

namespace factpipe::text {

class CleanView {
 public:
  const std::string& text() const { return text_; }
  // The original byte offset of view byte `offset` (offset == text().size(): the end of the range).
  // Replacement words map to the start of the markup they stand for.
  std::size_t to_original(std::size_t offset) const;
  bool changed() const { return changed_; }  // false: the view is the range's text as it is

 private:
  friend CleanView clean_view(std::string_view, const std::vector<Markup>&, Span);
  std::string text_;
  std::vector<std::size_t> origin_;  // per view byte, plus one for the end
  bool changed_ = false;
};

// The view of `range` (byte offsets; the whole text when empty) of `text`, given its markup.
CleanView clean_view(std::string_view text, const std::vector<Markup>& markup, Span range = {});

}  // namespace factpipe::text
