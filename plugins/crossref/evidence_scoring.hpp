#pragma once
// Comparing a claim with a passage: the features the re-ranker adds to BM25 (coverage with synonyms,
// phrase proximity, entity, number, date and claimant agreement) and the stance of the passage.
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <factpipe/document.hpp>

#include "text_analysis.hpp"

namespace factpipe::crossref {

class WordNet;

struct ClaimTerm {
  std::string stem, lower;
  double idf = 1.0;
  std::vector<std::string> synonym_stems;
  std::vector<std::string> antonym_stems;
  bool capitalized = false;
};

struct ClaimProfile {
  std::string text;
  std::vector<ClaimTerm> terms;                         // content terms, in text order (duplicates removed)
  std::vector<std::string> sequence;                    // content stems in text order, with repeats
  std::vector<Term> all_terms;                          // every token of the claim
  std::unordered_set<std::string> stems_with_synonyms;  // for the passage-side shares
  std::unordered_set<std::uint64_t> bigrams;            // hashes of consecutive content stem pairs
  std::vector<std::vector<std::string>> entities;       // names as stem sequences
  std::vector<std::vector<std::string>> actors;         // PERSON / ORG names among them (changed-actor check)
  std::vector<NumberMention> numbers;                   // not years
  std::vector<NumberMention> years;
  std::vector<std::string> claimant;             // claimant's name stems
  std::vector<std::vector<std::string>> quoted;  // stems of phrases in quotation marks (2 words or more)
  bool negated = false;
  double idf_total = 0;
};

struct NamedEntity {
  std::string name;
  std::string type;
};

using IdfFn = std::function<double(const std::string& stem)>;

// `entities`: names the entities layer found in the claim: its PERSON and ORG names are the actors (empty:
// capitalised runs of two words or more). The `entities` feature always looks for the capitalised runs.
ClaimProfile profile_claim(const std::string& text, const std::vector<NamedEntity>& entities,
                           const std::string& claimant, const IdfFn& idf, const WordNet* wordnet);

struct PassageProfile {
  std::string text;
  std::vector<Term> terms;
  std::unordered_set<std::string> stems;
  std::vector<NumberMention> numbers;
  std::vector<Span> sentences;
  bool complete = false;  // numbers and sentences analysed
};
// `with_numbers` false skips the number and sentence analysis (for claims without figures, and for
// candidates that are only ranked); complete_profile() adds them later.
PassageProfile profile_passage(const std::string& text, bool with_numbers = true);
void complete_profile(PassageProfile& p);

struct Features {
  double bm25 = 0;              // normalised by the best candidate's
  double coverage = 0;          // idf-weighted share of claim terms in the passage (synonyms count 0.7)
  double passage_coverage = 0;  // idf-weighted share of the passage's content words that the claim has
  double title_coverage = 0;    // idf-weighted share of the title's content words that the claim has
  double proximity = 0;         // share of the shorter side's word pairs found next to each other in the other
  double entities = 0;          // share of claim entity names found
  double numbers = 0;           // share of claim numbers found with the same value
  double dates = 0;             // share of claim years found
  double claimant = 0;          // the claimant is named in the passage, title or publisher
};

// Defaults fitted on CLEF-2020 task 2 train by coordinate ascent (`factpipe eval crossref --tune`).
struct Weights {
  double bm25 = 2.0, coverage = 2.0, passage_coverage = 1.0, title_coverage = 1.5, proximity = 0.0, entities = 0.5,
         numbers = 0.5, dates = 0.2, claimant = 0.1;
  double combine(const Features& f) const {
    return bm25 * f.bm25 + coverage * f.coverage + passage_coverage * f.passage_coverage +
           title_coverage * f.title_coverage + proximity * f.proximity + entities * f.entities + numbers * f.numbers +
           dates * f.dates + claimant * f.claimant;
  }
};

// `idf` weighs the passage's and title's words (nullptr: all words weigh 1). `numbers` and `dates` need a
// complete profile (they stay 0 otherwise; number_features() fills them in later). `topic_title`: the title
// names a topic (a Wikipedia article's "Famine"), not the claim (a fact-check's headline restates it): it
// earns at most the share of the claim it covers.
Features compute_features(const ClaimProfile& claim, const PassageProfile& passage, const std::string& title,
                          const std::string& publisher, const IdfFn& idf = nullptr, bool topic_title = false);

// The two features that need the passage's numbers (complete_profile): share of claim numbers and years found.
void number_features(const ClaimProfile& claim, const PassageProfile& passage, Features& f);

struct StanceResult {
  Stance stance = Stance::unrelated;
  double confidence = 0;
  std::string reason;  // why: "numbers differ: 22 percent vs 12 percent"
};

struct StanceOptions {
  bool refutation_signals = true;  // off: the bm25-only baseline (overlap decides support / discusses)
  double unrelated_below = 0.3;    // coverage under which a passage is unrelated
  double support_from = 0.55;      // relatedness from which a passage supports on word overlap alone (bm25-only)
  // With the refutation checks on: relatedness from which a passage none of them fired on supports (chosen on
  // Climate-FEVER's even half: 0.55 / 0.5 / 0.45 / 0.4 / 0.35 gave accuracy 0.344 / 0.348 / 0.369 / 0.390 / 0.418;
  // the bm25-only variant reaches most of that with the same bar, see the README).
  double checked_support_from = 0.35;
  // A negation in the source only (not the claim) refutes where the passage restates the claim this closely.
  double source_negation_from = 0.75;
};

StanceResult judge_stance(const ClaimProfile& claim, const PassageProfile& passage, const Features& f,
                          const StanceOptions& opt);

// Negation cue among the terms (not, no, never, n't, ...).
bool has_negation(const std::vector<Term>& terms, std::size_t begin, std::size_t end);

}  // namespace factpipe::crossref
