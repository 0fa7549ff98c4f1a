#pragma once
// The features of a candidate speaker for a quotation, as the speaker ranker sees them. The model file
// names every feature in this order; a model whose names differ is refused (retrain it).
#include <array>
#include <string_view>

namespace factpipe::quotes {

inline constexpr std::array<std::string_view, 49> kSpeakerFeatureNames = {
    "rule_choice",      // the rules picked this candidate
    "rule_cue",         // ... from a cue around the quotation ("X said", "said X", "X:")
    "rule_context",     // ... from the context (quote before, sentence before, conversation)
    "rule_confidence",  // the rules' confidence when they picked it
    "same_sentence",
    "before_quote",  // the mention ends before the quotation opens
    "after_quote",   // the mention starts after the quotation closes
    "same_paragraph",
    "previous_paragraph",
    "earlier_paragraph",   // two or more paragraphs back
    "log_distance",        // log(1 + characters between mention and quotation) / 8
    "speech_verb_after",   // "X said", "X, who ..., said": a speech verb within two words after it
    "speech_verb_before",  // "said X"
    "according_to",
    "right_after_quote",  // "…," X: the mention follows the closing mark within two pieces
    "colon_after",        // "X:" / "X said:"
    "pronoun",
    "nominal",  // "the president", "a spokeswoman"
    "name",
    "no_entity",  // a description the entities stage did not resolve
    "person",
    "organisation",
    "other_type",    // NORP, GPE, ...
    "spoke_before",  // the same entity (or text) is the speaker of an earlier quotation
    "last_speaker",  // ... of the quotation just before
    "log_mentions",  // log(1 + mentions of its entity) / 3
    "quote_opens_paragraph",
    "opens_paragraph_previous",  // quote opens its paragraph and the mention is in the paragraph before
    "headline",
    "after_question_last_speaker",  // the quotation before asked a question and this spoke it
    "possessive",                   // "Trump's" is rarely the speaker
    "in_parentheses",
    "lower_case_start",       // "however", "confusing and": not a pronoun, article or name
    "possessive_pronoun",     // his, her, its, their
    "relative_pronoun",       // "X, who ..., added": the mention PolNeAR marks is "who"
    "sentence_verb_subject",  // same_sentence and speech_verb_after
    "sentence_verb_object",   // same_sentence and speech_verb_before
    "previous_paragraph_verb_subject",
    "nearest_before",  // the nearest candidate before the quotation
    "nearest_after",   // the nearest candidate after it
    "opens_paragraph_last_speaker",
    "rule_no_mention",          // the rules picked a phrase that is no entity mention nor pronoun ("a nervous")
    "cue_right_before",         // "he said, “…”": a speech verb between it and the opening mark, within 3 pieces
    "role_word",                // a title or role word in it ("the Florida senator", "a spokeswoman")
    "rule_cue_nearest_before",  // rule_cue and nearest_before: the cue's subject is the nearest mention
    "rule_cue_same_sentence",   // rule_cue and same_sentence
    "rule_context_last_speaker",  // rule_context and last_speaker
    "pronoun_same_sentence",      // pronoun and same_sentence
    "name_nearest_before",        // name and nearest_before
};
inline constexpr std::size_t kSpeakerFeatureCount = kSpeakerFeatureNames.size();
using SpeakerFeatures = std::array<float, kSpeakerFeatureCount>;

}  // namespace factpipe::quotes
