#pragma once
// Titles, slogans and show names in quotation marks ("Meet the Press", "Shark Tank") are not quotations:
// a short title-case phrase without sentence punctuation (a comma before a capital is the title's:
// "So, That Happened"), right after a title cue word (show, film, called, titled, dubbed ...; data file
// title_cues.txt), after "on" / "in", or after a possessive ("NBC's"), or with no speech verb next to it.
#include <functional>
#include <string_view>

#include "quote_lexicon.hpp"
#include "quote_marks.hpp"

namespace factpipe::quotes {

// `headline`: whether the quotation's paragraph is a headline in title case (which keeps its quotations),
// asked only when it matters (the caller finds it once per paragraph: title_case_paragraph).
bool is_title(std::string_view text, const MarkedQuote& q, const QuoteLexicon& qlx,
              const std::function<bool()>& headline);

// A paragraph that is nothing but one short quotation (at most six words) in single marks or in capitals:
// a subheading or pull quote ('A healthy environment.', “DIVISIVE, STUPID AND WRONG”), not a quotation
// anyone is said to have made. Three or more words in single marks and capitals are a heading anywhere.
bool is_subheading(std::string_view text, const MarkedQuote& q, Span paragraph,
                   const text::AbbreviationSet& abbreviations);

// A short paragraph mostly in title case: a headline.
bool title_case_paragraph(std::string_view text, Span paragraph, const text::AbbreviationSet& abbreviations);

}  // namespace factpipe::quotes
