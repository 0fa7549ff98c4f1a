#pragma once
// A small rule-based sentence splitter for plain text that no segmenter has seen (crossref's source passages,
// and the fallback of sentence_spans when a document has no sentences layer): breaks at . ! ? followed by
// space and an upper-case letter, digit or quote, and at blank lines, except after the abbreviations of
// text/data/abbreviations.txt (compiled in) and initials. The product's sentences are the segmenter's
// (token-based, from the same list).
#include <string_view>
#include <vector>

#include <factpipe/document.hpp>

namespace factpipe::text {

std::vector<Span> split_sentences(std::string_view text);

}  // namespace factpipe::text
