#pragma once
// Identity claims made by apposition: "Chang Ho-jin, the South Korean National Security Adviser and a
// former ambassador to Russia, warned ..." -> the name plus its role, as one checkable claim.
#include <vector>

#include "analyzed_sentence.hpp"

namespace factpipe::claims {

// Word ranges from the name to the end of the role phrase.
std::vector<WordRange> find_identity_appositives(const AnalyzedSentence& s, WordRange r);

}  // namespace factpipe::claims
