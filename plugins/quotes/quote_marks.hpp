#pragma once
// Finds quotations by their marks in raw text: “ ” " ‘ ’ ' « » and the `` '' / '' '' pairs some papers
// use. A quotation never crosses a paragraph: a multi-paragraph quotation (each paragraph reopens, only
// the last closes) comes out as one piece per paragraph, chained by `continues`. A quotation closed by
// the wrong mark (opened by " and closed by ') is still closed; an unmatched mark is bounded by its
// paragraph and never swallows the rest of the document.
#include <string_view>
#include <vector>

#include <factpipe/document.hpp>

namespace factpipe::quotes {

struct MarkedQuote {
  Span inner;  // between the marks
  Span open;   // the opening mark
  Span close;  // the closing mark; empty when the quotation runs to its paragraph's end
  int paragraph = -1;
  bool single = false;       // delimited by single marks (‘ ’ or ')
  bool continues = false;    // the quotation goes on in the next paragraph (which reopens it)
  bool continued = false;    // this piece continues the previous paragraph's quotation
  bool wrong_close = false;  // closed by a mark of the other kind
  bool unclosed = false;     // no closing mark before the paragraph ended
};

// Top-level quotations (marks nested inside another quotation belong to it), in text order.
std::vector<MarkedQuote> find_marked_quotes(std::string_view text, const std::vector<Span>& paragraphs);

}  // namespace factpipe::quotes
