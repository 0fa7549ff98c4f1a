#pragma once
// A small rule-based sentence splitter for source texts (the segmenter plugin is not a dependency of the
// index): breaks at . ! ? followed by space and an upper-case letter, digit or quote, and at blank lines,
// except after common abbreviations and initials.
#include <string_view>
#include <vector>

#include <factpipe/document.hpp>

namespace factpipe::crossref {

std::vector<Span> split_sentences(std::string_view text);

}  // namespace factpipe::crossref
