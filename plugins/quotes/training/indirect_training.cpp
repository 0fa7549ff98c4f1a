#include "indirect_training.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_map>

#include <factpipe/utf8.hpp>

#include "eval/document_predictions.hpp"
#include "eval/folds.hpp"
#include "training/adam.hpp"

namespace factpipe::quotes::training {
namespace {

std::size_t overlap(eval::CpSpan a, eval::CpSpan b) {
  std::size_t s = std::max(a.start, b.start), e = std::min(a.end, b.end);
  return e > s ? e - s : 0;
}

using Lexicon = std::unordered_map<std::string, CueCount>;

Lexicon count_lexicon(const std::vector<const IndirectArticle*>& arts) {
  Lexicon lex;
  for (const auto* a : arts)
    for (const auto& t : a->tokens) {
      auto& c = lex[t.word];
      c.cue += t.in_cue;
      c.seen += 1;
    }
  return lex;
}

// One proposal as the classifier sees it: dense features and the word's own weight (or none).
struct Row {
  IndirectFeatures x;
  int word = -1;  // index into the word weights
  bool after = true;
  bool right = false;
};

bool passes(const IndirectModel& m, const CueCount& c) {
  return c.seen >= m.min_count && IndirectModel::rate(c) >= m.min_rate;
}

// Fits weights (dense and per frequent word) on `arts`, whose lexicon features leave each word out once.
IndirectModel fit(const std::vector<const IndirectArticle*>& arts, const IndirectTrainOptions& opt) {
  IndirectModel m;
  m.min_rate = opt.min_rate;
  m.min_count = opt.min_count;
  Lexicon lex = count_lexicon(arts);
  std::unordered_map<std::string, int> word_index;
  std::vector<std::string> words;
  std::vector<Row> rows;
  for (const auto* a : arts)
    for (const auto& t : a->tokens) {
      if (t.proposals.empty()) continue;
      CueCount c = lex.at(t.word);
      c.cue -= t.in_cue;  // leave this word out of its own cue rate
      c.seen -= 1;
      if (!passes(m, c)) continue;
      int wi = -1;
      if (c.seen + 1 >= opt.word_min_seen) {
        auto [it, fresh] = word_index.emplace(t.word, int(words.size()));
        if (fresh) words.push_back(t.word);
        wi = it->second;
      }
      for (const auto& p : t.proposals) rows.push_back({IndirectModel::features(p.x, c), wi, p.after, p.right});
    }
  constexpr std::size_t n = kIndirectFeatureCount;
  const std::size_t nw = words.size() * 2, total = n + nw;
  std::vector<double> w(total, 0.0), g(total);
  Adam adam(total, opt.learning_rate, opt.l2);
  for (int it = 1; it <= opt.iterations; ++it) {
    std::fill(g.begin(), g.end(), 0.0);
    for (const auto& r : rows) {
      double s = 0;
      for (std::size_t i = 0; i < n; ++i) s += w[i] * r.x[i];
      std::size_t wi = r.word >= 0 ? n + std::size_t(r.word) * 2 + (r.after ? 1 : 0) : 0;
      if (r.word >= 0) s += w[wi];
      double d = 1 / (1 + std::exp(-s)) - (r.right ? 1.0 : 0.0);
      for (std::size_t i = 0; i < n; ++i) g[i] += d * r.x[i];
      if (r.word >= 0) g[wi] += d;
    }
    adam.step(w, g, rows.empty() ? 0.0 : 1.0 / double(rows.size()), it);
  }
  for (std::size_t i = 0; i < n; ++i) m.weights[i] = w[i];
  for (std::size_t k = 0; k < words.size(); ++k) m.word_weights[words[k]] = {w[n + 2 * k], w[n + 2 * k + 1]};
  for (auto& [word, c] : lex)
    if (passes(m, c)) m.lexicon.emplace(word, c);
  m.loaded = true;
  return m;
}

// What the rules' spans plus the proposals chosen at each threshold of `grid` give on `arts` under model `m`.
struct Curve {
  std::vector<double> predicted, right, found;
  double gold = 0;
  double reachable = 0;  // gold spans the rules or some proposal of a lexicon word find
};

void add_curve(const IndirectModel& m, const std::vector<const IndirectArticle*>& arts, const std::vector<double>& grid,
               Curve& cv) {
  cv.predicted.resize(grid.size());
  cv.right.resize(grid.size());
  cv.found.resize(grid.size());
  for (const auto* a : arts) {
    std::vector<ScoredSpan> scored;
    std::vector<const IndirectProposalExample*> which;
    for (const auto& t : a->tokens) {
      const CueCount* c = m.cue_word(t.word);
      if (!c) continue;
      for (const auto& p : t.proposals) {
        scored.push_back({p.span.start, p.span.end, m.probability(IndirectModel::features(p.x, *c), t.word, p.after)});
        which.push_back(&p);
      }
    }
    // the greedy choice at a threshold is the choice at the lowest one cut at that threshold
    auto chosen = select_indirect(scored, grid.front());
    std::vector<double> best(a->gold, -1.0);
    for (std::size_t i : chosen)
      for (std::size_t gi : which[i]->finds) best[gi] = std::max(best[gi], scored[i].p);
    cv.gold += double(a->gold);
    std::vector<char> reach(a->found_by_rules);
    for (const auto* p : which)
      for (std::size_t gi : p->finds) reach[gi] = 1;
    cv.reachable += double(std::count(reach.begin(), reach.end(), 1));
    for (std::size_t k = 0; k < grid.size(); ++k) {
      cv.predicted[k] += double(a->rule_predicted);
      cv.right[k] += double(a->rule_right);
      for (std::size_t i : chosen)
        if (scored[i].p >= grid[k]) {
          cv.predicted[k] += 1;
          cv.right[k] += which[i]->right;
        }
      for (std::size_t gi = 0; gi < a->gold; ++gi) cv.found[k] += a->found_by_rules[gi] || best[gi] >= grid[k];
    }
  }
}

}  // namespace

IndirectArticle indirect_examples(const Document& doc, const eval::Article& a) {
  IndirectArticle out;
  utf8::OffsetMap map(doc.text);
  auto cp = [&](std::size_t s, std::size_t e) { return eval::CpSpan{map.to_code_point(s), map.to_code_point(e)}; };
  std::vector<eval::CpSpan> gold = eval::gold_indirect(a);
  out.gold = gold.size();
  out.found_by_rules.assign(gold.size(), 0);
  auto right = [&](eval::CpSpan p) {
    for (const auto& g : gold)
      if (overlap(g, p) * 2 >= g.size() || overlap(g, p) * 2 >= p.size()) return true;
    return false;
  };
  for (const auto& p : eval::predictions_of(doc, a).indirect) {
    ++out.rule_predicted;
    out.rule_right += right(p);
    for (std::size_t gi = 0; gi < gold.size(); ++gi)
      if (overlap(gold[gi], p) * 2 >= gold[gi].size()) out.found_by_rules[gi] = 1;
  }
  std::vector<eval::CpSpan> cues;
  for (const auto& at : a.attributions) cues.insert(cues.end(), at.cue.begin(), at.cue.end());
  if (!doc.extra.contains("quotes_indirect_candidates"))
    throw std::runtime_error(a.id + ": no quotes_indirect_candidates (run with quotes.indirect_candidates=true)");
  for (const auto& rec : doc.extra["quotes_indirect_candidates"]) {
    IndirectToken t;
    eval::CpSpan span = cp(rec.at(0).get<std::size_t>(), rec.at(1).get<std::size_t>());
    t.word = rec.at(2).get<std::string>();
    for (const auto& c : cues) t.in_cue = t.in_cue || overlap(c, span) > 0;
    for (std::size_t i = 3; i < rec.size(); ++i) {
      const auto& pj = rec[i];
      if (pj.size() != 3 + kIndirectStageFeatures)
        throw std::runtime_error(a.id + ": proposal with " + std::to_string(pj.size()) + " fields");
      IndirectProposalExample p;
      p.after = pj[0].get<int>() != 0;
      p.span = cp(pj[1].get<std::size_t>(), pj[2].get<std::size_t>());
      for (std::size_t k = 0; k < kIndirectStageFeatures; ++k) p.x[k] = pj[3 + k].get<float>();
      p.right = right(p.span);
      for (std::size_t gi = 0; gi < gold.size(); ++gi)
        if (overlap(gold[gi], p.span) * 2 >= gold[gi].size()) p.finds.push_back(gi);
      t.proposals.push_back(std::move(p));
    }
    out.tokens.push_back(std::move(t));
  }
  return out;
}

IndirectModel train_indirect(const std::vector<const IndirectArticle*>& train, const IndirectTrainOptions& opt,
                             std::string* log) {
  std::vector<double> grid;
  for (double t = 0.30; t < 0.951; t += 0.01) grid.push_back(t);
  Curve cv;
  auto fold = eval::assign_folds(train.size(), opt.inner_folds, opt.seed);
  for (unsigned f = 0; f < opt.inner_folds; ++f) {
    std::vector<const IndirectArticle*> in, out;
    for (std::size_t i = 0; i < train.size(); ++i) (fold[i] == f ? out : in).push_back(train[i]);
    add_curve(fit(in, opt), out, grid, cv);
  }
  IndirectModel m = fit(train, opt);
  std::size_t k = 0;
  while (k + 1 < grid.size() && cv.right[k] < opt.target_precision * cv.predicted[k]) ++k;
  m.threshold = grid[k];
  if (log) {
    char line[240];
    std::snprintf(line, sizeof line,
                  "threshold %.2f: inner %u-fold CV precision %.4f recall %.4f (rules + learned; any proposal %.4f)",
                  grid[k], opt.inner_folds, cv.predicted[k] ? cv.right[k] / cv.predicted[k] : 0.0,
                  cv.gold ? cv.found[k] / cv.gold : 0.0, cv.gold ? cv.reachable / cv.gold : 0.0);
    *log = line;
  }
  return m;
}

}  // namespace factpipe::quotes::training
