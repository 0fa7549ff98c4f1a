#pragma once
// Training the speaker ranker on PolNeAR: every quotation the product finds and matches to a gold one gives
// an example (its candidate speakers, as the stage wrote them with `speaker_candidates: true`, each labelled
// right when the metric would count it right for that gold quotation's Source). The model is a conditional
// logit (softmax over a quotation's candidates), fitted by full-batch Adam with an L2 penalty.
#include <vector>

#include <factpipe/document.hpp>

#include "eval/polnear.hpp"
#include "speaker_model.hpp"

namespace factpipe::quotes::training {

struct RankExample {
  std::vector<SpeakerFeatures> x;
  std::vector<char> right;
  bool any_right() const;
};

// The examples of one article run through the pipeline with `speaker_candidates: true`.
std::vector<RankExample> rank_examples(const Document& doc, const eval::Article& a);

struct TrainOptions {
  double l2 = 1e-5;  // per example (chosen by --cv 5 among 1e-2 .. 1e-5)
  int iterations = 2000;
  double learning_rate = 0.05;
};

// Examples without a right candidate are left out (nothing to learn from them).
SpeakerModel train_ranker(const std::vector<const RankExample*>& examples, const TrainOptions& opt);

}  // namespace factpipe::quotes::training
