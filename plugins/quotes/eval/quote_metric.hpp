#pragma once
// The quote-attribution metric tracked by the project (issue 3):
//  - a predicted quotation matches a gold one when it covers >= 80% of the gold segment and >= 50% of
//    the prediction lies inside it; one-to-one, largest overlap first;
//  - precision / recall / F1 of matching;
//  - speaker accuracy over matched quotations: correct when the predicted speaker mention overlaps the
//    gold Source span, or a word of the canonical name (capitalised, 3+ letters) appears in the Source text;
//  - attribution F1: matches with a correct speaker;
//  - recall of indirect attributions: a gold content span without marks is found when a predicted
//    indirect quotation overlaps >= 50% of it; precision of indirect quotations: a predicted one is right
//    when it finds a gold indirect span that way or lies >= 50% inside one.
#include <optional>
#include <string>
#include <vector>

#include "polnear.hpp"

namespace factpipe::quotes::eval {

struct Predicted {
  CpSpan span;
  std::size_t words = 0;
  std::optional<CpSpan> mention;  // the speaker mention
  std::string name;               // the canonical speaker name ("" when none)
};

struct Counts {
  std::size_t gold = 0, predicted = 0, matched = 0, speaker_correct = 0;
  std::size_t indirect_gold = 0, indirect_found = 0;
  std::size_t indirect_predicted = 0, indirect_right = 0;
  std::size_t mixed_predicted = 0, mixed_right = 0;  // see score_mixed
  Counts& operator+=(const Counts& o);
  double precision() const { return predicted ? double(matched) / double(predicted) : 0.0; }
  double recall() const { return gold ? double(matched) / double(gold) : 0.0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
  double speaker_accuracy() const { return matched ? double(speaker_correct) / double(matched) : 0.0; }
  double attribution_precision() const { return predicted ? double(speaker_correct) / double(predicted) : 0.0; }
  double attribution_recall() const { return gold ? double(speaker_correct) / double(gold) : 0.0; }
  double attribution_f1() const {
    double p = attribution_precision(), r = attribution_recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
  double mixed_precision() const { return mixed_predicted ? double(mixed_right) / double(mixed_predicted) : 0.0; }
  double indirect_recall() const { return indirect_gold ? double(indirect_found) / double(indirect_gold) : 0.0; }
  double indirect_precision() const {
    return indirect_predicted ? double(indirect_right) / double(indirect_predicted) : 0.0;
  }
};

// One article. Only gold and predicted quotations with at least `min_words` words take part.
// `mismatches` (optional) receives a line per unmatched / wrongly attributed quotation, for error analysis.
Counts score_article(const Article& a, const std::vector<Predicted>& direct, const std::vector<CpSpan>& indirect,
                     std::size_t min_words, std::vector<std::string>* mismatches = nullptr);

// Is the speaker right for a gold quotation of attribution `g`?
bool speaker_correct(const Article& a, const GoldAttribution& g, const Predicted& p);

// Mixed speech (reported speech holding a quotation): a predicted span is right when it overlaps >= 50% of
// a gold Content span (its fragments joined, marks or not) or lies >= 50% inside one.
void score_mixed(const Article& a, const std::vector<CpSpan>& mixed, Counts& c);

}  // namespace factpipe::quotes::eval
