// The learned indirect-speech finder's proposals (indirect_model.hpp): around every word that PolNeAR's Cue
// spans often hold, the clause after it ("said (that) …", "in a statement, …", "hopes the …") and the clause
// before it when a comma closes that clause near it ("…, the report found."), with their features.
#include <algorithm>
#include <cmath>
#include <string_view>

#include "attributor.hpp"

namespace factpipe::quotes::detail {
namespace {

// the most words between a comma and the cue for the clause before the comma to be the cue's content
constexpr std::size_t kBeforeReach = 8;

Json proposal_json(const Attributor::Proposal& p) {
  Json j = Json::array({p.after ? 1 : 0, p.start, p.end});
  for (float v : p.x) j.push_back(v);
  return j;
}

}  // namespace

void Attributor::propose_indirect(std::size_t s0, std::size_t e, const std::vector<Quote>& out, std::size_t rules_from,
                                  Json* dump) {
  e = std::min(e, ps.size());
  bool rule_in_sentence = out.size() > rules_from;
  auto outside_rules = [&](std::size_t a, std::size_t b) {
    for (std::size_t i = rules_from; i < out.size(); ++i)
      if (out[i].span.start < b && a < out[i].span.end) return false;
    return true;
  };
  // counts over the sentence's pieces [s0, s0 + i), so that no proposal walks its content: words, marks or
  // quoted pieces, commas
  std::vector<std::size_t> words_to(e - s0 + 1, 0), quoted_to(e - s0 + 1, 0), commas_to(e - s0 + 1, 0);
  for (std::size_t k = s0; k < e; ++k) {
    words_to[k - s0 + 1] = words_to[k - s0] + word(k);
    quoted_to[k - s0 + 1] = quoted_to[k - s0] + (mark(k) || in_quote[k]);
    commas_to[k - s0 + 1] = commas_to[k - s0] + punct(k, ',');
  }
  auto count = [&](const std::vector<std::size_t>& to, std::size_t a, std::size_t b) {
    return to[std::min(b, e) - s0] - to[std::min(a, e) - s0];
  };
  // content [a, b) of pieces: no marks, no quotation, some words, outside the rules' spans
  auto content_ok = [&](std::size_t a, std::size_t b) {
    if (a >= b || count(words_to, a, b) == 0 || count(quoted_to, a, b) > 0) return false;
    return outside_rules(ps[a].span.start, ps[b - 1].span.end);
  };
  for (std::size_t v = s0; v < e; ++v) {
    if (!word(v) || in_quote[v]) continue;
    const CueCount* known = opt.indirect_model ? opt.indirect_model->cue_word(lw[v]) : nullptr;
    Json record;
    if (dump) record = Json::array({ps[v].span.start, ps[v].span.end, lw[v]});
    if ((known || dump) && !qlx.finder_skip_words.contains(lw[v])) {
      IndirectStageFeatures x{};
      x[0] = 1;
      std::size_t c = v + 1;
      while (c < e && adverb(c)) ++c;
      bool that = c < e && word(c) && lw[c] == "that";
      if (that) ++c;
      x[2] = that;
      x[3] = word(v + 1) && lw[v + 1] == "to";
      x[4] = c < e && (is_class(c, "pron") || det(c) || mention_start(c));
      x[5] = v + 1 < ps.size() && ps[v + 1].kind == PieceKind::punct;
      x[6] = is_class(v + 1, "prep") && lw[v + 1] != "to";
      x[7] = v > s0 && (det(v - 1) || ps[v - 1].possessive || (v > s0 + 1 && (det(v - 2) || ps[v - 2].possessive)));
      x[8] = (v > s0 && is_class(v - 1, "prep")) || (v > s0 + 1 && is_class(v - 2, "prep") && det(v - 1));
      x[9] = v > s0 && not_active(v - 1);
      x[13] = speech_lemma(v) != nullptr;
      const std::string* lemma = verb_lemma(v, /*cognition=*/true);
      x[14] = lemma && (qlx.indirect_verbs.contains(*lemma) || !speech_lemma(v));
      x[15] = qlx.stance_verbs.find(lw[v]) != nullptr;
      x[18] = count(words_to, v + 1, e) <= 5;
      x[19] = count(words_to, s0, v) <= 1;
      x[20] = ps[v].cap;
      x[21] = lw[v].ends_with("ed");
      x[22] = lw[v].ends_with("s");
      x[23] = lw[v].ends_with("ing");
      x[24] = rule_in_sentence;
      x[26] = s0 == 0;
      x[27] = e < ps.size() && punct(e, '?');
      // the clause before a comma shortly before the cue (none: k == v)
      std::size_t comma = v;
      for (std::size_t k = v; k-- > s0 && k + kBeforeReach + 1 > v;) {
        if (!punct(k, ',')) continue;
        if (count(words_to, s0, k) >= 2) comma = k;
        break;
      }
      auto content_features = [&](IndirectStageFeatures& f, std::size_t a, std::size_t b, bool is_after) {
        f[1] = is_after;
        std::size_t n = count(words_to, a, b);
        f[16] = float(std::log1p(double(n)));
        f[17] = n < 4;
        f[25] = count(commas_to, a, b) > 0;
      };
      // The noun-phrase walks below are most of the finder's time: a word whose proposals stay under the
      // threshold whatever the three subject features turn out to be proposes nothing, and skips them.
      if (!dump) {
        double best = 0;
        for (int side = 0; side < 2; ++side) {
          std::size_t a = side ? c : s0, b = side ? e : comma;
          if ((!side && comma == v) || !content_ok(a, b)) continue;
          IndirectStageFeatures f = x;
          content_features(f, a, b, side == 1);
          for (int bits = 0; bits < 8; ++bits) {
            if ((bits & 2) && !(bits & 1)) continue;  // a mention subject is a subject
            f[10] = float(bits & 1);
            f[11] = float((bits >> 1) & 1);
            f[12] = float((bits >> 2) & 1);
            best =
                std::max(best, opt.indirect_model->probability(IndirectModel::features(f, *known), lw[v], side == 1));
          }
        }
        if (best < opt.indirect_model->threshold) continue;
      }
      Why why;
      auto before = np_before(s0, v, why);
      x[10] = before.has_value();
      x[11] = before && mention_start(piece_at(before->start));
      std::size_t after_from = lw[v] == "according" ? v + 2 : v + 1;
      auto after = np_after(after_from, e);
      x[12] = after.has_value();
      auto propose = [&](std::size_t a, std::size_t b, bool is_after, std::optional<Span> np) {
        if (!content_ok(a, b)) return;
        Proposal p;
        p.start = ps[a].span.start;
        p.end = ps[b - 1].span.end;
        p.cue = v;
        p.cue_span = ps[v].span;
        p.word = lw[v];
        p.after = is_after;
        p.x = x;
        content_features(p.x, a, b, is_after);
        p.who = cue_found(np, v, 0.6);
        if (dump) record.push_back(proposal_json(p));
        if (known) proposals.push_back(std::move(p));
      };
      // the speaker: a subject before the cue that is a name, pronoun or mention, else one right after it
      std::optional<Span> speaker = x[11] ? before : std::nullopt;
      if (!speaker && after && mention_start(piece_at(after->start))) speaker = after;
      // the clause after the cue, to the sentence's end
      propose(c, e, true, speaker);
      if (comma != v) {
        Why w2;
        auto np = np_before(comma + 1, v, w2);
        propose(s0, comma, false, np && mention_start(piece_at(np->start)) ? np : speaker);
      }
    }
    if (dump) dump->push_back(std::move(record));
  }
  last_refers_to.reset();  // what a walk above left is no one's to read
}

void Attributor::report_learned(std::vector<Quote>& out) const {
  const IndirectModel& m = *opt.indirect_model;
  std::vector<ScoredSpan> scored;
  scored.reserve(proposals.size());
  for (const auto& p : proposals) {
    const CueCount* c = m.cue_word(p.word);
    scored.push_back({p.start, p.end, c ? m.probability(IndirectModel::features(p.x, *c), p.word, p.after) : 0.0});
  }
  for (std::size_t i : select_indirect(scored, m.threshold)) {
    const Proposal& p = proposals[i];
    Quote q;
    q.span = {p.start, p.end};
    q.kind = QuoteKind::indirect;
    fill_speaker(q, p.who);
    if (!q.cue) q.cue = p.cue_span;
    if (q.cue_verb.empty()) q.cue_verb = p.who.lemma;
    q.confidence = std::min(q.confidence, scored[i].p);
    q.extra["quotes"] = {{"reason", "learned cue"}};
    out.push_back(std::move(q));
  }
}

}  // namespace factpipe::quotes::detail
