#include <factpipe/text/clean_view.hpp>

#include <algorithm>

namespace factpipe::text {

std::size_t CleanView::to_original(std::size_t offset) const { return origin_[std::min(offset, origin_.size() - 1)]; }

CleanView clean_view(std::string_view text, const std::vector<Markup>& markup, Span range) {
  if (range.empty()) range = Span{0, text.size()};
  range.end = std::min(range.end, text.size());
  CleanView v;
  bool pending_space = false;  // after replacement words: a space unless the text brings one
  auto copy = [&](std::size_t from, std::size_t to) {
    if (pending_space && from < to && text[from] != ' ') {
      v.text_ += ' ';
      v.origin_.push_back(from);
    }
    if (from < to) pending_space = false;
    for (std::size_t i = from; i < to; ++i) {
      v.text_ += text[i];
      v.origin_.push_back(i);
    }
  };
  // Replacement words stand apart from their neighbours ("act..#WWII" -> "act.. WWII ").
  auto put_words = [&](const std::string& words, std::size_t at) {
    if (!v.text_.empty() && v.text_.back() != ' ') {
      v.text_ += ' ';
      v.origin_.push_back(at);
    }
    for (char c : words) {
      v.text_ += c;
      v.origin_.push_back(at);
    }
    pending_space = true;
  };
  std::size_t pos = range.start;
  for (const auto& m : markup) {
    if (m.span.end <= range.start || m.span.start >= range.end) continue;
    std::size_t s = std::max(m.span.start, range.start), e = std::min(m.span.end, range.end);
    copy(pos, s);
    v.changed_ = true;
    if (!m.words.empty()) put_words(m.words, s);
    else if (!v.text_.empty() && v.text_.back() != ' ') {  // a link between two words still parts them
      v.text_ += ' ';
      v.origin_.push_back(s);
    }
    pos = e;
  }
  copy(pos, range.end);
  v.origin_.push_back(range.end);
  return v;
}

}  // namespace factpipe::text
