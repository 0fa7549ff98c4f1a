// The speaker ranker's side of the paragraph loop: every candidate speaker of a quotation (the rules'
// choice, subjects and objects of speech verbs, entity mentions of this paragraph and the two before,
// the last speakers) with its features; the learned model picks among them (speaker_model.hpp).
#include <algorithm>
#include <cmath>

#include "attributor.hpp"

namespace factpipe::quotes::detail {
namespace {

struct Candidate {
  Found f;
  int entity = -1;
  SpeakerFeatures x{};
};

}  // namespace

// Pieces and lower-case words of the paragraph holding `offset`, and the index of the piece starting there.
struct PieceAt {
  std::span<const Piece> ps;
  std::span<const std::string> lw;
  std::size_t k = 0;
  bool ok = false;
};

static PieceAt piece_at_offset(const text::TextView& view, std::size_t offset) {
  PieceAt r;
  int q = view.paragraph_at(offset);
  if (q < 0) return r;
  r.ps = view.paragraph_pieces[static_cast<std::size_t>(q)];
  r.lw = view.paragraph_lower[static_cast<std::size_t>(q)];
  auto it =
      std::lower_bound(r.ps.begin(), r.ps.end(), offset, [](const Piece& p, std::size_t o) { return p.span.end <= o; });
  if (it == r.ps.end()) return r;
  r.k = static_cast<std::size_t>(it - r.ps.begin());
  r.ok = true;
  return r;
}

void Attributor::rank_speaker(Item& it, const std::vector<Item>& items, std::size_t i, std::size_t p,
                              const std::vector<Quote>& out) {
  it.reason = !it.speaker.np            ? ""
              : it.speaker.turn         ? "conversational turn"
              : it.speaker.from_context ? "context"
              : it.speaker.cue          ? "cue"
                                        : "cue without verb";
  if (!opt.model && !opt.dump_candidates) return;
  std::vector<Candidate> cands;
  auto add = [&](const Found& f) -> Candidate* {
    if (!f.np || f.np->size() == 0) return nullptr;
    for (auto& c : cands)
      if (c.f.np->overlaps(*f.np)) return &c;
    Candidate c;
    c.f = f;
    c.entity = mi.entity_for(*f.np);
    if (c.entity < 0 && f.refers_to) c.entity = mi.entity_for(*f.refers_to);
    if (c.entity >= 0 && doc.entities[static_cast<std::size_t>(c.entity)].extra.contains("credit")) return nullptr;
    cands.push_back(c);
    return &cands.back();
  };
  if (Candidate* c = add(it.speaker)) {
    c->x[0] = 1;
    c->x[1] = !it.speaker.from_context && it.speaker.cue ? 1.f : 0.f;
    c->x[2] = it.speaker.from_context ? 1.f : 0.f;
    c->x[3] = static_cast<float>(it.speaker.confidence);
  }
  // subjects and objects of speech verbs of this paragraph, outside quotations
  if (verb_candidates_of != p) {
    verb_candidates.clear();
    verb_candidates_of = p;
    for (std::size_t v = 0; v < ps.size(); ++v) {
      if (in_quote[v] || !verb_lemma(v)) continue;
      std::size_t s0 = sentence_start(v);
      Why why;
      if (auto np = np_before(s0, v, why)) verb_candidates.push_back(cue_found(np, v, 0.0));
      std::size_t after = lw[v] == "according" ? v + 2 : v + 1;
      if (auto np = np_after(after, sentence_end(v))) verb_candidates.push_back(cue_found(np, v, 0.0));
    }
  }
  // Of the speech verbs and the mentions of a paragraph, only the kPerSide nearest on either side of the
  // quotation take part (a paragraph of news rarely holds more; a long one must not make every quotation
  // look at all of them: that was cubic in the quotations of a paragraph).
  constexpr std::size_t kPerSide = 16;
  std::size_t qs = ps[it.open].span.start;
  std::size_t qe = it.close < ps.size() ? ps[it.close].span.end : view.paragraphs[p].end;
  {
    auto verb_before = [](const Found& f, std::size_t o) { return f.cue->start < o; };
    auto at = static_cast<std::size_t>(
        std::lower_bound(verb_candidates.begin(), verb_candidates.end(), qs, verb_before) - verb_candidates.begin());
    for (std::size_t j = at > kPerSide ? at - kPerSide : 0; j < verb_candidates.size() && j < at + kPerSide; ++j)
      add(verb_candidates[j]);
  }
  // entity mentions of this paragraph and the two before, outside quotations (in the paragraphs before,
  // their last ones)
  constexpr std::size_t kMentionsPerSide = kPerSide;
  auto add_mention = [&](const text::IndexedMention& m) {
    Found f;
    f.np = m.span;
    f.from_context = true;
    add(f);
  };
  // is offset inside a quotation already written (out holds them in text order)?
  auto quoted = [&](std::size_t offset) {
    auto q = std::upper_bound(out.begin(), out.end(), offset,
                              [](std::size_t o, const Quote& x) { return o < x.span.start; });
    return q != out.begin() && offset < std::prev(q)->span.end;
  };
  for (std::size_t q = p + 1; q-- > 0 && q + 2 >= p;) {
    if (credit_paragraph(static_cast<int>(q))) continue;
    std::span<const text::IndexedMention> ms = mi.within(view.paragraphs[q]);
    if (q == p) {
      auto by_start = [](const text::IndexedMention& m, std::size_t o) { return m.span.start < o; };
      std::size_t open = static_cast<std::size_t>(std::lower_bound(ms.begin(), ms.end(), qs, by_start) - ms.begin());
      std::size_t close = static_cast<std::size_t>(std::lower_bound(ms.begin(), ms.end(), qe, by_start) - ms.begin());
      for (std::size_t j = open > kMentionsPerSide ? open - kMentionsPerSide : 0; j < open; ++j) {
        std::size_t k = piece_at(ms[j].span.start);
        if (k < ps.size() && in_quote[k]) continue;
        add_mention(ms[j]);
      }
      for (std::size_t j = close; j < ms.size() && j < close + kMentionsPerSide; ++j) {
        std::size_t k = piece_at(ms[j].span.start);
        if (k < ps.size() && in_quote[k]) continue;
        add_mention(ms[j]);
      }
    } else {
      for (std::size_t j = ms.size() > kMentionsPerSide ? ms.size() - kMentionsPerSide : 0; j < ms.size(); ++j)
        if (!quoted(ms[j].span.start)) add_mention(ms[j]);
    }
  }
  // the last speakers
  const Said* last = history.empty() ? nullptr : &history.back();
  for (std::size_t h = last_spoken, n = 0; h < history.size() && n < 4; h = history[h].prev_spoken, ++n) {
    Found f = history[h].who;
    f.cue.reset();
    f.lemma.clear();
    f.from_context = true;
    add(f);
  }
  // the features of every candidate
  std::size_t s0 = sentence_start(it.open);
  std::size_t se = sentence_end(it.close < ps.size() ? it.close : ps.size() - 1);
  bool opens = it.open == 0;
  auto same_speaker = [&](const Candidate& c, const Said& s) {
    if (!s.who.np) return false;
    return c.entity >= 0 ? s.entity == c.entity : str(*s.who.np) == str(*c.f.np);
  };
  for (auto& c : cands) {
    auto& x = c.x;
    const Span np = *c.f.np;
    int q = view.paragraph_at(np.start);
    int pd = static_cast<int>(p) - q;
    bool before = np.end <= qs, after = np.start >= qe;
    std::size_t dist = before ? qs - np.end : after ? np.start - qe : 0;
    x[4] = pd == 0 && piece_at(np.start) >= s0 && piece_at(np.start) <= se ? 1.f : 0.f;
    x[5] = before;
    x[6] = after;
    x[7] = pd == 0;
    x[8] = pd == 1;
    x[9] = pd >= 2;
    x[10] = static_cast<float>(std::log1p(double(dist)) / 8.0);
    PieceAt a = piece_at_offset(view, np.start), b = piece_at_offset(view, np.end - 1);
    if (a.ok && b.ok) {
      auto speech = [&](std::size_t k) {
        return k < b.ps.size() && b.ps[k].kind == PieceKind::word && qlx.speech_verbs.find(b.lw[k]) != nullptr;
      };
      std::size_t e = b.k;
      bool poss = e + 1 < b.ps.size() && b.ps[e + 1].possessive;
      x[11] = !poss && (speech(e + 1) || (speech(e + 2) && b.ps[e + 1].kind == PieceKind::word)) ? 1.f : 0.f;
      auto speech_a = [&](std::size_t k) {
        return a.ps[k].kind == PieceKind::word && qlx.speech_verbs.find(a.lw[k]) != nullptr;
      };
      std::size_t s = a.k;
      x[12] = (s >= 1 && speech_a(s - 1)) || (s >= 2 && speech_a(s - 2) && (a.lw[s - 1] == "a" || a.lw[s - 1] == "the"))
                  ? 1.f
                  : 0.f;
      x[13] = s >= 2 && a.lw[s - 1] == "to" && a.lw[s - 2] == "according" ? 1.f : 0.f;
      if (pd == 0 && it.close < ps.size() && after) {
        std::size_t k = piece_at(np.start);
        x[14] = k > it.close && k <= it.close + 2 ? 1.f : 0.f;
      }
      auto colon = [&](std::size_t k) {
        return k < b.ps.size() && b.ps[k].kind == PieceKind::punct && b.ps[k].cp == ':';
      };
      x[15] = colon(e + 1) || (speech(e + 1) && colon(e + 2)) ? 1.f : 0.f;
      x[30] = poss ? 1.f : 0.f;
      x[31] = s >= 1 && a.ps[s - 1].kind == PieceKind::punct && a.ps[s - 1].cp == '(' ? 1.f : 0.f;
    }
    const text::IndexedMention* m = mi.at(np.start);
    if (!m) m = mi.first_in(np);
    bool pronoun = (m && m->kind == MentionKind::pronoun) || (a.ok && qlx.is(a.lw[a.k], "pron"));
    x[16] = pronoun;
    x[17] = !pronoun && m && m->kind == MentionKind::nominal;
    x[18] = !pronoun && m && m->kind == MentionKind::name;
    x[19] = c.entity < 0;
    if (c.entity >= 0) {
      const Entity& ent = doc.entities[static_cast<std::size_t>(c.entity)];
      x[20] = ent.type == "PERSON";
      x[21] = ent.type == "ORG";
      x[22] = ent.type != "PERSON" && ent.type != "ORG";
      x[25] = static_cast<float>(std::log1p(double(ent.mentions.size())) / 3.0);
    }
    x[23] = c.entity >= 0 ? spoken_entities.contains(c.entity) : spoken_texts.contains(str(*c.f.np));
    x[24] = last && same_speaker(c, *last) ? 1.f : 0.f;
    x[26] = opens;
    x[27] = opens && pd == 1;
    x[28] = pd == 0 && headline;
    x[29] = last && last->question && x[24] > 0 ? 1.f : 0.f;
    if (a.ok) {
      const std::string& w = a.lw[a.k];
      bool lower = a.ps[a.k].kind == PieceKind::word && !a.ps[a.k].cap;
      x[33] = w == "his" || w == "her" || w == "its" || w == "their";
      x[34] = w == "who" || w == "which" || w == "that";
      x[32] = lower && !pronoun && !x[33] && !x[34] && !qlx.is(w, "det") && !qlx.is(w, "art") ? 1.f : 0.f;
    }
    x[35] = x[4] * x[11];
    x[36] = x[4] * x[12];
    x[37] = x[8] * x[11];
    x[40] = x[26] * x[24];
    x[41] = x[0] > 0 && x[19] > 0 && !pronoun && x[34] == 0.f ? 1.f : 0.f;
    if (pd == 0 && before) {  // at most three pieces up to the opening mark, one of them a speech verb
      std::size_t e = piece_at(np.end - 1);
      for (std::size_t k = e + 1; k < it.open && e + 4 >= it.open; ++k)
        if (!in_quote[k] && verb_lemma(k)) x[42] = 1;
    }
    if (a.ok && b.ok && a.ps.data() == b.ps.data())  // the candidate's words, in one paragraph
      for (std::size_t k = a.k; k <= b.k; ++k)
        if (a.ps[k].kind == PieceKind::word && qlx.titles.find(a.lw[k])) x[43] = 1;
  }
  // the nearest candidates on either side
  std::size_t nb = cands.size(), na = cands.size();
  for (std::size_t k = 0; k < cands.size(); ++k) {
    const Span np = *cands[k].f.np;
    if (np.end <= qs && (nb == cands.size() || np.end > cands[nb].f.np->end)) nb = k;
    if (np.start >= qe && (na == cands.size() || np.start < cands[na].f.np->start)) na = k;
  }
  if (nb < cands.size()) cands[nb].x[38] = 1;
  if (na < cands.size()) cands[na].x[39] = 1;
  // which rule choices and mentions to trust depends on where they stand: a linear model needs the pairs
  for (auto& c : cands) {
    auto& x = c.x;
    x[44] = x[1] * x[38];
    x[45] = x[1] * x[4];
    x[46] = x[2] * x[24];
    x[47] = x[16] * x[4];
    x[48] = x[18] * x[38];
  }
  (void)items;
  (void)i;
  if (opt.dump_candidates) {
    it.candidates = Json::array();
    for (const auto& c : cands) {
      std::string name =
          c.entity >= 0 ? doc.entities[static_cast<std::size_t>(c.entity)].name : std::string(str(*c.f.np));
      it.candidates.push_back({{"start", c.f.np->start}, {"end", c.f.np->end}, {"name", name}, {"x", c.x}});
    }
  }
  // PolNeAR has few interviews to learn question-and-answer turns from: the rule decides those
  if (!opt.model || cands.empty() || it.speaker.turn) return;
  std::vector<double> score(cands.size());
  std::size_t best = 0;
  for (std::size_t k = 0; k < cands.size(); ++k) {
    score[k] = opt.model->score(cands[k].x);
    if (score[k] > score[best]) best = k;
  }
  // the speaker is a person, not a mention: the probabilities of one entity's mentions add up, and its
  // best-scored mention (usually the one next to the quotation) is the one reported
  double z = 0;
  std::vector<double> prob(cands.size()), group(cands.size(), 0.0);
  for (std::size_t k = 0; k < cands.size(); ++k) z += prob[k] = std::exp(score[k] - score[best]);
  for (std::size_t k = 0; k < cands.size(); ++k)
    for (std::size_t j = 0; j < cands.size(); ++j)
      if (j == k || (cands[k].entity >= 0 && cands[j].entity == cands[k].entity)) group[k] += prob[j] / z;
  std::size_t top = 0;
  for (std::size_t k = 1; k < cands.size(); ++k)
    if (group[k] > group[top] + 1e-12 || (std::abs(group[k] - group[top]) <= 1e-12 && score[k] > score[top])) top = k;
  for (std::size_t k = 0; k < cands.size(); ++k)
    if (cands[top].entity >= 0 && cands[k].entity == cands[top].entity && score[k] > score[top]) top = k;
  best = top;
  double p_best = group[best];
  // PolNeAR's Source is the subject of the verb that reports the quotation: of the chosen entity's mentions
  // in the quotation's sentence before it with a speech verb after them, the nearest ("Netanyahu said ...
  // although he tweeted that he “…”")
  std::size_t near = best;
  if (cands[best].entity >= 0 && cands[best].x[6] == 0.f)
    for (std::size_t k = 0; k < cands.size(); ++k)
      if (cands[k].entity == cands[best].entity && cands[k].x[4] > 0 && cands[k].x[5] > 0 && cands[k].x[11] > 0 &&
          cands[k].x[30] == 0.f && cands[k].x[32] == 0.f && cands[k].x[33] == 0.f &&  // not "her campaign said"
          cands[k].f.np->end > cands[near].f.np->end)
        near = k;
  // ... or by the relative pronoun after it: "said Scott Reed, the Chamber's strategist, who added that … “…”"
  std::optional<Span> who;
  if (cands[near].entity >= 0 && cands[near].x[4] > 0 && cands[near].x[5] > 0)
    for (std::size_t k = piece_at(cands[near].f.np->end - 1) + 1; k < it.open && !in_quote[k]; ++k)
      if (ps[k].kind == PieceKind::word && lw[k] == "who") {
        if ((k + 1 < it.open && verb_lemma(k + 1)) || (k + 2 < it.open && verb_lemma(k + 2))) who = ps[k].span;
        break;
      }
  auto said_by = [&](Found& f) {
    if (who) {
      f.refers_to = cands[near].f.np;
      f.np = who;
    } else if (near != best) {
      f.np = cands[near].f.np;
      f.refers_to = cands[near].f.refers_to;
    }
  };
  if (cands[best].x[0] > 0) {  // the rules' choice stands, said by its nearest mention
    said_by(it.speaker);
    return;
  }
  Found f = cands[best].f;
  said_by(f);
  f.cue.reset();
  f.lemma.clear();
  f.from_context = true;
  f.confidence = std::min(0.9, p_best);
  it.speaker = f;
  it.reason = "ranker";
}

}  // namespace factpipe::quotes::detail
