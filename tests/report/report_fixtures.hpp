#pragma once
// Documents for the report tests, built in code: every layer filled, non-ASCII text (byte offsets differ
// from code points), overlapping quote/claim spans, and a hostile variant full of markup.
#include <filesystem>
#include <string>
#include <string_view>

#include <factpipe/document.hpp>

namespace factpipe::test {

// Span of the n-th (0-based) occurrence of `needle` in doc.text; throws when absent.
Span find_span(const Document& doc, std::string_view needle, int occurrence = 0);

// A small article with two paragraphs of prose, four quotes (direct with an altered-wording check,
// partial, indirect, unattributed) and five claims (supported, refuted, disputed, not enough evidence,
// unchecked) whose spans nest inside, cross and span paragraphs with the quotes.
Document rich_document();

// Markup and attribute-breaking text in the article, metadata, a claim, a speaker, a source title and
// urls (one javascript:, one http url with a double quote in it).
Document hostile_document();

// The bundled example article (examples/articles/harbor-bridge-2026) with quotes and claims taken from
// its answer key and evidence from examples/sources: a realistic page to render, standing in for a
// pipeline run. Throws when the files are missing.
Document example_document(const std::filesystem::path& examples_dir);

}  // namespace factpipe::test
