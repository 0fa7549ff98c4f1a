#pragma once
// A plain sentence splitter (., ! or ? then white space and an upper-case letter or a quotation mark, or a
// blank line) for tools and benchmarks that run the claims stage without the segmenter plugin.
#include <factpipe/document.hpp>

namespace factpipe::claims {

// Replaces doc.sentences and records the "sentences" and "tokens" layers (tokens stay empty).
void add_plain_sentences(Document& doc);

}  // namespace factpipe::claims
