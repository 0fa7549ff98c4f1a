#include "speaker_training.hpp"

#include <algorithm>
#include <cmath>

#include <factpipe/utf8.hpp>

#include "eval/quote_metric.hpp"
#include "training/adam.hpp"

namespace factpipe::quotes::training {

bool RankExample::any_right() const {
  return std::any_of(right.begin(), right.end(), [](char r) { return r != 0; });
}

std::vector<RankExample> rank_examples(const Document& doc, const eval::Article& a) {
  std::vector<RankExample> out;
  utf8::OffsetMap map(doc.text);
  auto cp = [&](std::size_t s, std::size_t e) { return eval::CpSpan{map.to_code_point(s), map.to_code_point(e)}; };
  std::vector<eval::GoldQuote> gold = eval::gold_quotes(a);
  for (const auto& q : doc.quotes) {
    if (!quoted_verbatim(q.kind) || !q.extra.contains("speaker_candidates")) continue;
    eval::CpSpan span = cp(q.span.start, q.span.end);
    // the gold quotation it matches, as the metric matches (>= 80% of the gold, >= 50% of the prediction)
    const eval::GoldQuote* g = nullptr;
    for (const auto& gq : gold) {
      std::size_t s = std::max(gq.span.start, span.start), e = std::min(gq.span.end, span.end);
      std::size_t ov = e > s ? e - s : 0;
      if (ov > 0 && ov * 10 >= gq.span.size() * 8 && ov * 2 >= span.size()) {
        g = &gq;
        break;
      }
    }
    if (!g) continue;
    const auto& attribution = a.attributions[static_cast<std::size_t>(g->attribution)];
    RankExample ex;
    for (const auto& c : q.extra["speaker_candidates"]) {
      SpeakerFeatures x{};
      const auto& xs = c.at("x");
      if (xs.size() != kSpeakerFeatureCount)
        throw std::runtime_error(a.id + ": candidate with " + std::to_string(xs.size()) + " features");
      for (std::size_t i = 0; i < kSpeakerFeatureCount; ++i) x[i] = xs[i].get<float>();
      eval::Predicted p;
      p.mention = cp(c.at("start").get<std::size_t>(), c.at("end").get<std::size_t>());
      p.name = c.at("name").get<std::string>();
      ex.x.push_back(x);
      ex.right.push_back(eval::speaker_correct(a, attribution, p) ? 1 : 0);
    }
    if (!ex.x.empty()) out.push_back(std::move(ex));
  }
  return out;
}

SpeakerModel train_ranker(const std::vector<const RankExample*>& all, const TrainOptions& opt) {
  std::vector<const RankExample*> ex;
  for (const auto* e : all)
    if (e->any_right()) ex.push_back(e);
  constexpr std::size_t n = kSpeakerFeatureCount;
  std::array<double, n> w{};
  Adam adam(n, opt.learning_rate, opt.l2);
  std::vector<double> s;
  for (int it = 1; it <= opt.iterations; ++it) {
    std::array<double, n> grad{};
    for (const auto* e : ex) {
      // d/dw of -log(sum_right exp s / sum_all exp s) = E_all[x] - E_right[x]
      s.assign(e->x.size(), 0.0);
      double mx = -1e300;
      for (std::size_t c = 0; c < e->x.size(); ++c) {
        for (std::size_t i = 0; i < n; ++i) s[c] += w[i] * e->x[c][i];
        mx = std::max(mx, s[c]);
      }
      double z_all = 0, z_right = 0;
      for (std::size_t c = 0; c < e->x.size(); ++c) {
        double p = std::exp(s[c] - mx);
        z_all += p;
        if (e->right[c]) z_right += p;
      }
      for (std::size_t c = 0; c < e->x.size(); ++c) {
        double p = std::exp(s[c] - mx);
        double coef = p / z_all - (e->right[c] ? p / z_right : 0.0);
        for (std::size_t i = 0; i < n; ++i) grad[i] += coef * e->x[c][i];
      }
    }
    adam.step(w, grad, ex.empty() ? 0.0 : 1.0 / double(ex.size()), it);
  }
  SpeakerModel model;
  model.weights = w;
  model.loaded = true;
  return model;
}

}  // namespace factpipe::quotes::training
