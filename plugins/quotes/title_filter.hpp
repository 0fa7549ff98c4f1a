#pragma once
// Titles, slogans and show names in quotation marks ("Meet the Press", "Shark Tank") are not quotations:
// a short title-case phrase without sentence punctuation, right after a title cue word (show, film,
// called, titled, dubbed ...; data file title_cues.txt), after "on" / "in", or after a possessive
// ("NBC's"), or with no speech verb next to it.
#include <string_view>

#include "lexicon.hpp"
#include "quote_lexicon.hpp"
#include "quote_marks.hpp"

namespace factpipe::quotes {

// `paragraph`: the quotation's paragraph (a headline in title case keeps its quotations).
bool is_title(std::string_view text, const MarkedQuote& q, Span paragraph, const QuoteLexicon& qlx,
              const entities::Lexicon& elx);

}  // namespace factpipe::quotes
