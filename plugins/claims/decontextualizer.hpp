#pragma once
// The claim rewritten to read alone: a quoted claim becomes "<Speaker> said <content>", a leading pronoun
// or description whose entity is known is replaced by the name ("He said ..." -> "Chang Ho-jin said ..."),
// and leading connectives ("But", "However,") are dropped. Nothing is resolved without the entity or quote
// layer saying who it is.
#include <string>

#include <factpipe/document.hpp>

#include <factpipe/text/mention_index.hpp>
#include "analyzed_sentence.hpp"
#include "claimant_attribution.hpp"

namespace factpipe::claims {

std::string decontextualize(const Document& doc, const AnalyzedSentence& s, WordRange r, const Attribution& a,
                            const text::MentionIndex& mentions);

}  // namespace factpipe::claims
