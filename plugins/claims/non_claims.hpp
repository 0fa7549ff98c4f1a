#pragma once
// Sentences and clauses that are never claims, whatever the model says: questions, greetings, bylines,
// photo credits, datelines, opinion framed as such ("I think ...") and hedged speculation ("... might ...").
#include <string_view>

#include "analyzed_sentence.hpp"

namespace factpipe::claims {

enum class NotClaim { none, question, greeting, byline, photo_credit, dateline, opinion, hedged, too_short };
std::string_view to_string(NotClaim);

// Classifies the words [r.first, r.last) of `s` (a whole sentence or one of its clauses).
NotClaim classify_non_claim(const AnalyzedSentence& s, WordRange r);

// Number of leading words of `s` that form a dateline ("date 2024-06-19", "WASHINGTON (AP) -",
// "June 19, 2024 -"), to be cut off the claim; 0 when there is none.
std::size_t dateline_prefix(const AnalyzedSentence& s);

}  // namespace factpipe::claims
