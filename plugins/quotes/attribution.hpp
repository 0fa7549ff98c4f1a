#pragma once
// Finds quotations and who said them. Direct and partial quotations come from their marks; the speaker
// comes from the cue around them ("X said", "said X", "X told reporters", "X: ...", "X described Y as ...",
// "according to X", a trailing "— X"), or, when the sentence has none, from the context: the speaker of
// the quotation before it in the paragraph, a speaker named in the previous sentence, the other side of
// a question-and-answer exchange. Indirect speech ("X said (that) ...", "according to X, ...") is found
// per sentence without marks.
#include <vector>

#include <factpipe/document.hpp>

#include <factpipe/text/mention_index.hpp>
#include <factpipe/text/text_view.hpp>
#include "indirect_model.hpp"
#include "quote_lexicon.hpp"
#include "speaker_model.hpp"

namespace factpipe::quotes {

struct AttributionOptions {
  bool indirect = true;                 // also report indirect (reported) speech
  bool context_speakers = true;         // attribute quotes without a cue from their context
  double min_confidence = 0.0;          // drop quotations below this confidence
  const SpeakerModel* model = nullptr;  // the learned speaker ranker; nullptr: the rules alone
  bool dump_candidates = false;         // write the ranker's candidates and features into each quotation (training)
  // Reported speech whose content holds a quotation ("X said the plan was 'a disaster'") is reported too, as
  // kind mixed (the stage's mixed_speech key).
  bool mixed = true;
  // The learned indirect-speech finder (indirect_model.hpp); nullptr: the rules alone.
  const IndirectModel* indirect_model = nullptr;
};

// Direct and partial quotations (from their marks) with speakers.
std::vector<Quote> find_direct_quotes(const Document& doc, const text::TextView& view,
                                      const text::MentionIndex& mentions, const QuoteLexicon& qlx,
                                      const AttributionOptions& opt);

// Indirect speech in sentences without quotation marks (indirect_speech.cpp), outside the `direct` ones: the
// rules', then the learned finder's (opt.indirect_model). `proposals`: when given, every word outside
// quotations is written there with the learned finder's proposals and their features (training).
std::vector<Quote> find_indirect_quotes(const Document& doc, const text::TextView& view,
                                        const text::MentionIndex& mentions, const QuoteLexicon& qlx,
                                        const std::vector<Quote>& direct, const AttributionOptions& opt,
                                        Json* proposals = nullptr);

}  // namespace factpipe::quotes
