#pragma once
// Paragraph spans of a text: trimmed of white space at both ends, never empty.
#include <cstddef>
#include <string_view>
#include <vector>

#include <factpipe/document.hpp>

namespace factpipe::text {

// How line breaks map to paragraphs. A line break is \n, \r\n, \r, NEL, U+2028; U+2029 always ends a
// paragraph, and so does a blank line (one holding only white space) in every mode.
enum class ParagraphBreaks {
  // Default. Every line break ends a paragraph, except when the next line begins with a lower-case
  // letter and the line before does not end like a sentence (. ! ? … : or a closing quote): that is a
  // hard-wrapped sentence going on. News sources (PolNeAR, feeds, our samples) put one paragraph per
  // line, with or without blank lines between, and headlines / photo credits on lines of their own.
  automatic,
  blank_line,  // only blank lines (and U+2029) separate paragraphs: for hard-wrapped plain text
  newline,     // every line break ends a paragraph
};

// "auto" | "blank_line" | "newline"; std::invalid_argument naming the allowed values otherwise.
ParagraphBreaks paragraph_breaks_from(std::string_view name);
std::string_view to_string(ParagraphBreaks mode);

void find_paragraphs(std::string_view text, ParagraphBreaks mode, std::vector<Span>& out);

}  // namespace factpipe::text
