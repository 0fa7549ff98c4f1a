#pragma once
// Who makes a claim: the speaker of the quote that holds it (the quotes layer), else the subject of a
// reporting verb that introduces it ("Putin shared that ..."), else the publication.
#include <optional>
#include <string>

#include <factpipe/document.hpp>

#include <factpipe/text/mention_index.hpp>
#include "analyzed_sentence.hpp"

namespace factpipe::claims {

struct Attribution {
  std::string claimant;
  int entity = -1;            // claimant's entity, -1 when unknown
  int quote = -1;             // the quote holding the claim, -1 when none
  bool inside_quote = false;  // the claim's words are the quote's content (direct or partial quote)
  bool reported = false;      // found from a reporting verb in the sentence, not from the quotes layer
};

// `r` is the claim's word range in `s` (the analysed sentence), `claim` its byte span.
Attribution attribute(const Document& doc, const Span& claim, const AnalyzedSentence& s, WordRange r,
                      const text::MentionIndex& mentions, const std::string& publication);

}  // namespace factpipe::claims
