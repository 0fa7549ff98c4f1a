#pragma once
// The learned indirect-speech finder (issue 14): every word outside quotations that PolNeAR's Cue spans
// often hold ("said", "statement", "according", "accused", "hopes") proposes the clause after it, and the
// clause before it when a comma closes that clause near it, as reported content; a logistic regression over
// the features below and the word's cue rate says which proposals are reported speech. It adds to the rules
// (indirect_speech.cpp): proposals that overlap a rule's span are dropped first. Trained by
// factpipe-train-quotes on PolNeAR (training/indirect_training.cpp); the file is plain text: '#' comment
// lines (the command that made it), then "threshold", "min_rate", "min_count" lines, "w" lines (one per feature
// in order), "ws" lines (a frequent cue word's own weight per side) and "lex" lines (word, times in a Cue span,
// times seen).
#include <array>
#include <cmath>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace factpipe::quotes {

// The proposal's own features, computed by the stage (indirect_candidates.cpp).
inline constexpr const char* kIndirectFeatureNames[] = {
    "bias",
    "content_after",      // the clause after the cue (else the one before it)
    "that_after",         // "said that ..."
    "to_after",           // "according to", "wants to"
    "clause_after",       // a pronoun, article or mention opens the content: "said he ...", "hopes the ..."
    "punct_after",        // "said, ..." / "said."
    "prep_after",         // "claim of", "remained mum on"
    "det_before",         // a noun: "the statement", "his claim"
    "prep_before",        // "in a statement" (two words back), "of concern"
    "aux_before",         // "is expected", "to say", "would think"
    "subject_before",     // a subject noun phrase before the cue
    "mention_before",     // ... that is a name, pronoun or known mention
    "subject_after",      // a speaker after it: "said Smith", "according to the report"
    "speech_verb",        // in speech_verbs.tsv
    "listed_verb",        // in indirect_verbs.txt or cognition_verbs.tsv, read as a verb there
    "stance_verb",        // in stance_verbs.tsv
    "log_content_words",  // log(1 + words of the content)
    "short_content",      // fewer than four words
    "cue_near_end",       // at most five words from the cue to the sentence's end
    "cue_near_start",     // at most one word before the cue in its sentence
    "cue_capital",        // capitalised cue word
    "ends_ed",
    "ends_s",
    "ends_ing",
    "rule_in_sentence",  // the rules reported speech elsewhere in this sentence
    "comma_in_content",
    "first_sentence",  // of its paragraph
    "question",        // the sentence ends with '?'
    // from the model's lexicon (the word's cue rate; leave-one-out in training)
    "cue_logit",
    "cue_log_count",
};
inline constexpr std::size_t kIndirectStageFeatures = 28;  // the ones above the lexicon's
inline constexpr std::size_t kIndirectBaseFeatures = std::size(kIndirectFeatureNames);
static_assert(kIndirectBaseFeatures == kIndirectStageFeatures + 2);
// The classifier sees each feature alone and times each of kIndirectCrosses: the clause after the cue and the
// one before it behave apart, and how a frame counts depends on how surely the word is a cue (inner CV on train +
// dev at precision 0.81: recall 0.5119 without the crosses, 0.5466 with them; with content length and
// cue_near_end crossed too, 0.5315: README).
inline constexpr std::size_t kIndirectCrosses[] = {1, kIndirectStageFeatures};
inline constexpr std::size_t kIndirectFeatureCount = (1 + std::size(kIndirectCrosses)) * kIndirectBaseFeatures;
// "that_after", "content_after*that_after", "cue_logit*that_after", ...
std::string indirect_feature_name(std::size_t i);

using IndirectStageFeatures = std::array<float, kIndirectStageFeatures>;
using IndirectFeatures = std::array<double, kIndirectFeatureCount>;

struct CueCount {
  double cue = 0, seen = 0;  // times inside a Cue span, times seen (outside quotations)
};

// looked up by string_view without making a string (every word of a text is looked up)
struct WordHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <class T>
using WordMap = std::unordered_map<std::string, T, WordHash, std::equal_to<>>;

struct IndirectModel {
  std::array<double, kIndirectFeatureCount> weights{};
  WordMap<std::array<double, 2>> word_weights;  // word -> {before, after}
  WordMap<CueCount> lexicon;
  double threshold = 0.5;  // probability at or above which a proposal is reported
  double min_rate = 0.02;  // words with a lower smoothed cue rate propose nothing
  double min_count = 3;    // nor words seen fewer times
  bool loaded = false;

  // The word's entry when it may propose content (nullptr otherwise).
  const CueCount* cue_word(std::string_view word) const;
  static double rate(const CueCount& c) { return (c.cue + 0.1) / (c.seen + 2.0); }
  static IndirectFeatures features(const IndirectStageFeatures& x, const CueCount& c);
  double probability(const IndirectFeatures& x, std::string_view word, bool after) const;

  // Throws std::runtime_error naming file and line when the file is unreadable or names other features.
  static IndirectModel load(const std::filesystem::path& file);
  void save(const std::filesystem::path& file, const std::vector<std::string>& header) const;
};

struct ScoredSpan {
  std::size_t start = 0, end = 0;
  double p = 0;
};

// The proposals reported: by probability, each at or above `threshold` and overlapping none taken before it.
// Returns their indices. The stage and the trainer's threshold search both choose through it.
std::vector<std::size_t> select_indirect(const std::vector<ScoredSpan>& proposals, double threshold);

}  // namespace factpipe::quotes
