#pragma once
// What kind of statement a claim is, by rules over its words: quantity, comparison, event, position,
// causal, prediction, identity. Identity appositives ("Chang Ho-jin, the South Korean National Security
// Adviser") are found separately (appositives.hpp); here identity means "X is the <title> of Y".
#include <string_view>

#include "analyzed_sentence.hpp"

namespace factpipe::claims {

std::string_view claim_type(const AnalyzedSentence& s, WordRange r);

}  // namespace factpipe::claims
