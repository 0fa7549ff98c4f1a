#pragma once
// Splits a sentence where it joins two independent statements: at ";", and at "and"/"but" when both
// sides have their own subject and finite verb ("X rose 5% and Y fell 3%.", "A fell, but B rose.").
// Coordinated noun phrases ("Russia and North Korea pledged") and reported content ("He said X and Y")
// stay whole: a wrong split would make two half-claims.
#include <vector>

#include "analyzed_sentence.hpp"

namespace factpipe::claims {

std::vector<WordRange> split_clauses(const AnalyzedSentence& s, WordRange sentence);

}  // namespace factpipe::claims
