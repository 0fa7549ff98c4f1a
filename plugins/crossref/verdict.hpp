#pragma once
// From ranked evidence with stances to a verdict: supported, refuted, disputed (strong evidence both
// ways) or not_enough_evidence, with a confidence and a sentence that says why.
#include <string>
#include <vector>

#include <factpipe/document.hpp>

namespace factpipe::crossref {

struct VerdictOptions {
  double strong = 0.5;     // combined support (or refutation) needed to call it
  double disputed = 0.75;  // both sides at least this strong: disputed (else the stronger side wins)
};

// "False", "Pants on Fire", "Mostly true" ... -> supports / refutes / discusses (mixed or unknown).
Stance stance_of_rating(const std::string& rating);

Verdict decide_verdict(const std::vector<Evidence>& evidence, const VerdictOptions& opt = {});

}  // namespace factpipe::crossref
