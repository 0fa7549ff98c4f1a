#include "quote_metric.hpp"

#include <algorithm>

#include <factpipe/utf8.hpp>

namespace factpipe::quotes::eval {
namespace {

std::size_t overlap(CpSpan a, CpSpan b) {
  std::size_t s = std::max(a.start, b.start), e = std::min(a.end, b.end);
  return e > s ? e - s : 0;
}

std::string text_of(const Article& a, CpSpan s) {
  std::string out;
  for (std::size_t i = s.start; i < s.end && i < a.cps.size(); ++i) utf8::append(out, a.cps[i]);
  return out;
}

bool upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }
bool alpha_ascii(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

}  // namespace

Counts& Counts::operator+=(const Counts& o) {
  gold += o.gold;
  predicted += o.predicted;
  matched += o.matched;
  speaker_correct += o.speaker_correct;
  indirect_gold += o.indirect_gold;
  indirect_found += o.indirect_found;
  indirect_predicted += o.indirect_predicted;
  indirect_right += o.indirect_right;
  mixed_predicted += o.mixed_predicted;
  mixed_right += o.mixed_right;
  return *this;
}

bool speaker_correct(const Article& a, const GoldAttribution& g, const Predicted& p) {
  if (p.mention)
    for (const auto& s : g.source)
      if (overlap(*p.mention, s) > 0) return true;
  if (p.name.empty()) return false;
  // a capitalised word of 3+ letters of the canonical name, as a whole word of the Source text
  std::vector<std::string> words;
  std::string cur;
  for (char c : p.name + " ") {
    if (c == ' ' || c == ',') {
      if (cur.size() >= 3 && upper_ascii(cur[0])) words.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  for (const auto& s : g.source) {
    std::string src = text_of(a, s);
    for (const auto& w : words) {
      for (std::size_t at = src.find(w); at != std::string::npos; at = src.find(w, at + 1)) {
        bool left = at == 0 || !alpha_ascii(src[at - 1]);
        bool right = at + w.size() >= src.size() || !alpha_ascii(src[at + w.size()]);
        if (left && right) return true;
      }
    }
  }
  return false;
}

Counts score_article(const Article& a, const std::vector<Predicted>& direct, const std::vector<CpSpan>& indirect,
                     std::size_t min_words, std::vector<std::string>* mismatches) {
  Counts c;
  std::vector<GoldQuote> gold = gold_quotes(a);
  std::erase_if(gold, [&](const GoldQuote& g) { return g.words < min_words; });
  std::vector<const Predicted*> pred;
  for (const auto& p : direct)
    if (p.words >= min_words) pred.push_back(&p);
  c.gold = gold.size();
  c.predicted = pred.size();
  struct Pair {
    std::size_t ov, g, p;
  };
  std::vector<Pair> pairs;
  for (std::size_t gi = 0; gi < gold.size(); ++gi)
    for (std::size_t pi = 0; pi < pred.size(); ++pi) {
      std::size_t ov = overlap(gold[gi].span, pred[pi]->span);
      if (ov == 0) continue;
      if (ov * 10 >= gold[gi].span.size() * 8 && ov * 2 >= pred[pi]->span.size()) pairs.push_back({ov, gi, pi});
    }
  std::stable_sort(pairs.begin(), pairs.end(), [](const Pair& x, const Pair& y) { return x.ov > y.ov; });
  std::vector<int> g_of(pred.size(), -1), p_of(gold.size(), -1);
  for (const auto& pr : pairs) {
    if (g_of[pr.p] >= 0 || p_of[pr.g] >= 0) continue;
    g_of[pr.p] = static_cast<int>(pr.g);
    p_of[pr.g] = static_cast<int>(pr.p);
    ++c.matched;
    const auto& ga = a.attributions[static_cast<std::size_t>(gold[pr.g].attribution)];
    if (speaker_correct(a, ga, *pred[pr.p])) {
      ++c.speaker_correct;
    } else if (mismatches) {
      std::string src;
      for (const auto& s : ga.source) src += (src.empty() ? "" : " | ") + text_of(a, s);
      std::string said = pred[pr.p]->mention ? text_of(a, *pred[pr.p]->mention) : std::string("(none)");
      mismatches->push_back(
          "SPEAKER " + a.id + " @" + std::to_string(gold[pr.g].span.start) + " gold='" + src + "' predicted='" + said +
          "' name='" + pred[pr.p]->name + "' quote='" +
          text_of(a, {gold[pr.g].span.start, std::min(gold[pr.g].span.end, gold[pr.g].span.start + 80)}) + "'");
    }
  }
  if (mismatches) {
    for (std::size_t gi = 0; gi < gold.size(); ++gi)
      if (p_of[gi] < 0)
        mismatches->push_back(
            "MISSED " + a.id + " @" + std::to_string(gold[gi].span.start) + " '" +
            text_of(a, {gold[gi].span.start, std::min(gold[gi].span.end, gold[gi].span.start + 100)}) + "'");
    for (std::size_t pi = 0; pi < pred.size(); ++pi)
      if (g_of[pi] < 0)
        mismatches->push_back(
            "EXTRA " + a.id + " @" + std::to_string(pred[pi]->span.start) + " '" +
            text_of(a, {pred[pi]->span.start, std::min(pred[pi]->span.end, pred[pi]->span.start + 100)}) + "'");
  }
  std::vector<CpSpan> gold_ind = gold_indirect(a);
  for (const auto& p : indirect) {
    ++c.indirect_predicted;
    bool right = false;
    for (const auto& g : gold_ind)
      if (overlap(g, p) * 2 >= g.size() || overlap(g, p) * 2 >= p.size()) {
        right = true;
        break;
      }
    if (right) ++c.indirect_right;
    else if (mismatches)
      mismatches->push_back("EXTRA-INDIRECT " + a.id + " @" + std::to_string(p.start) + " '" +
                            text_of(a, {p.start, std::min(p.end, p.start + 100)}) + "'");
  }
  for (const auto& g : gold_ind) {
    ++c.indirect_gold;
    bool found = false;
    for (const auto& p : indirect)
      if (overlap(g, p) * 2 >= g.size()) {
        found = true;
        break;
      }
    if (found) ++c.indirect_found;
    else if (mismatches)
      mismatches->push_back("MISSED-INDIRECT " + a.id + " @" + std::to_string(g.start) + " '" +
                            text_of(a, {g.start, std::min(g.end, g.start + 100)}) + "'");
  }
  return c;
}

void score_mixed(const Article& a, const std::vector<CpSpan>& mixed, Counts& c) {
  for (const auto& p : mixed) {
    ++c.mixed_predicted;
    for (const auto& g : a.attributions) {
      if (g.content.empty()) continue;
      CpSpan joined{g.content.front().start, g.content.front().end};
      for (const auto& fr : g.content) joined = {std::min(joined.start, fr.start), std::max(joined.end, fr.end)};
      if (overlap(joined, p) * 2 >= joined.size() || overlap(joined, p) * 2 >= p.size()) {
        ++c.mixed_right;
        break;
      }
    }
  }
}

}  // namespace factpipe::quotes::eval
