#pragma once
// A cheap finite-verb guess from closed-class words and suffixes (no tagger): enough to tell a clause
// ("Y fell 3%") from a noun phrase ("North Korea") when splitting and when looking for hedged main verbs.
#include <cstddef>

#include "analyzed_sentence.hpp"

namespace factpipe::claims {

bool is_auxiliary(std::string_view lower);
bool looks_finite_verb(const AnalyzedSentence& s, std::size_t i);
// Index of the first word in [first, last) that looks like a finite verb, or `last`.
std::size_t first_finite_verb(const AnalyzedSentence& s, std::size_t first, std::size_t last);

}  // namespace factpipe::claims
