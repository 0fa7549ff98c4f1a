#pragma once
// Training the learned indirect-speech finder (indirect_model.hpp) on PolNeAR: every word outside quotations
// that the stage wrote with `indirect_candidates: true`, whether it lies in a gold Cue span (the lexicon's
// counts), and its proposals, each labelled right when the metric would count it a right indirect span
// (it covers half of a gold Content span without marks, or lies half inside one). The classifier is a
// logistic regression (full-batch Adam, L2) whose lexicon features are left-one-out on its own training
// words; its threshold is the lowest at which inner cross-validation (by article) over the training articles
// gives the rules' spans plus the chosen proposals a precision of at least `target_precision`.
#include <string>
#include <vector>

#include <factpipe/document.hpp>

#include "eval/polnear.hpp"
#include "indirect_model.hpp"

namespace factpipe::quotes::training {

struct IndirectProposalExample {
  bool after = true;
  eval::CpSpan span;
  IndirectStageFeatures x{};
  std::vector<std::size_t> finds;  // the gold spans (index into IndirectArticle::gold) it covers half of
  bool right = false;
};

struct IndirectToken {
  std::string word;
  bool in_cue = false;
  std::vector<IndirectProposalExample> proposals;
};

struct IndirectArticle {
  std::vector<IndirectToken> tokens;
  std::size_t gold = 0;              // gold indirect spans (Content without marks)
  std::vector<char> found_by_rules;  // per gold span
  std::size_t rule_predicted = 0, rule_right = 0;
};

// The examples of one article run through the pipeline with `indirect_candidates: true`.
IndirectArticle indirect_examples(const Document& doc, const eval::Article& a);

struct IndirectTrainOptions {
  double l2 = 1e-4;  // per example
  int iterations = 300;
  double learning_rate = 0.05;
  double target_precision = 0.81;  // of rules + learned on inner CV: 0.80 and a point for the folds' spread
  unsigned inner_folds = 3;
  double word_min_seen = 30;              // words seen this often get their own weights
  double min_rate = 0.05, min_count = 3;  // 0.02 proposed more and found less (inner CV R 0.5048 vs 0.5119)
  unsigned long long seed = 7;            // of the inner folds
};

// Lexicon, weights and (by inner CV) threshold; `log` gets a line per inner fold and the threshold chosen.
IndirectModel train_indirect(const std::vector<const IndirectArticle*>& train, const IndirectTrainOptions& opt,
                             std::string* log = nullptr);

}  // namespace factpipe::quotes::training
