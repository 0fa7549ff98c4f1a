// The cue around a quotation: after it ("…," X said / said X / — X) or before it (X said: / X described
// Y as / according to X / X: "…"), and a short "he said." sentence right after it.
#include "attributor.hpp"

namespace factpipe::quotes::detail {

Found Attributor::cue_found(std::optional<Span> np, std::size_t verb, double conf) const {
  Found f;
  f.np = np;
  if (np && last_refers_to && np->size() <= 5) f.refers_to = last_refers_to;
  last_refers_to.reset();
  if (verb < ps.size()) {
    f.cue = ps[verb].span;
    const std::string* l = speech_lemma(verb);
    if (!l) l = qlx.cognition_verbs.find(lw[verb]);
    f.lemma = l ? *l : lw[verb];
    if (lw[verb] == "according" && verb + 1 < ps.size()) f.cue = Span{ps[verb].span.start, ps[verb + 1].span.end};
  }
  f.confidence = conf;
  return f;
}

std::optional<Found> Attributor::trailing(const Item& it, std::size_t hi, bool& tight) const {
  tight = false;
  std::size_t t = it.close + 1;
  if (it.close >= ps.size()) return std::nullopt;
  bool comma_after = punct(t, ',');
  if (comma_after) ++t;
  if (t >= hi) return std::nullopt;
  std::string_view inner = str(it.mq.inner);
  while (!inner.empty() && (inner.back() == ' ')) inner.remove_suffix(1);
  char last = inner.empty() ? ' ' : inner.back();
  bool open_end = last == ',' || last == '?' || last == '!' || comma_after || (word(t) && !ps[t].cap) || is_dash(t) ||
                  (last != '.' && word(t));
  if (!open_end) return std::nullopt;
  if (is_dash(t)) {
    tight = true;
    if (auto np = np_after(t + 1, hi)) return cue_found(np, ps.size(), 0.85);
    return std::nullopt;
  }
  if (verb_lemma(t) && participle(t)) return std::nullopt;  // "…", saying that …: a new clause
  if (verb_lemma(t)) {
    tight = true;
    std::size_t after = lw[t] == "according" ? t + 2 : t + 1;
    if (auto np = np_after(after, hi)) return cue_found(np, t, 0.9);
    return std::nullopt;
  }
  // "…," she began, before spending the hour taking calls: the subject right after the quotation
  bool subject_first = (is_class(t, "pron") || mi.at(ps[t].span.start)) && word(t + 1) && !ps[t + 1].cap;
  std::size_t reach = subject_first ? t + 5 : t + 25;
  for (std::size_t v = t; v < hi && v < reach; ++v) {
    if (!verb_lemma(v)) continue;
    tight = v <= t + 4;
    if (lw[v] == "according") {
      if (auto np = np_after(v + 2, hi)) return cue_found(np, v, 0.85);
      continue;
    }
    // "…," in sharp contrast to …, says Dante Scala
    if (v > t && punct(v - 1, ',') && !mention_start(t) && mention_start(v + 1 < hi ? v + 1 : v))
      if (auto np = np_after(v + 1, hi)) return cue_found(np, v, 0.9);
    Why why;
    auto np = np_before(t, v, why);
    if (!np && why != Why::none) np = np_first(t, v);
    if (np) return cue_found(np, v, 0.9);
    return std::nullopt;
  }
  // no speech verb: "…," Trump barked / beamed Donald Hartley
  if (mention_start(t) && word(t + 1) && !ps[t + 1].cap) {
    std::size_t e = t;
    if (const text::IndexedMention* m = mi.at(ps[t].span.start)) e = piece_at(m->span.end - 1);
    if (word(e + 1) && !ps[e + 1].cap && !is_class(e + 1, "prep") && !is_class(e + 1, "sub") &&
        !is_class(e + 1, "conj")) {
      tight = true;
      return cue_found(Span{ps[t].span.start, ps[e].span.end}, e + 1, 0.7);
    }
  }
  if (word(t) && !ps[t].cap && lw[t].ends_with("ed") && mention_start(t + 1)) {
    tight = true;
    if (auto np = np_after(t + 1, hi)) return cue_found(np, t, 0.7);
  }
  return std::nullopt;
}

std::optional<Found> Attributor::leading(const Item& it, std::size_t lo, const std::vector<Item>& items) const {
  std::size_t o = it.open;
  std::size_t s0 = sentence_start(o);
  // the nearest speech verb before the quotation, unless a reporting verb further out governs it:
  // "Putin said Russia and North Korea pledged … a "breakthrough" partnership" is Putin's
  std::size_t outer = o;
  for (std::size_t v = lo; v < o; ++v) {
    if (in_quote[v] || punct(v, ';') || punct(v, ':') || (punct(v, ',') && is_class(v + 1, "conj"))) {
      outer = o;
      continue;
    }
    const std::string* l = verb_lemma(v);
    if (outer == o && l && qlx.indirect_verbs.contains(*l) && lw[v] != "according") outer = v;
  }
  std::size_t nearest = o;
  for (std::size_t v = o; v-- > lo;)
    if (!in_quote[v] && verb_lemma(v)) {
      nearest = v;
      break;
    }
  // "…, which is an outcome, he said, “…”": a cue set off by commas right before the quotation is its own
  if (nearest + 2 == o && punct(nearest + 1, ',') && nearest > lo + 1 && mention_start(nearest - 1) &&
      punct(nearest - 2, ','))
    outer = o;
  for (std::size_t v = (outer < nearest ? outer + 1 : o); v-- > lo;) {
    if (in_quote[v] || !verb_lemma(v)) continue;
    if (lw[v] == "according") {
      if (auto np = np_after(v + 2, o)) return cue_found(np, v, 0.85);
      continue;
    }
    // "said X:" before the quotation
    if (v + 1 < o && !punct(v + 1, ',') && (nameish(v + 1) || det(v + 1))) {
      std::size_t colon = v + 1;
      while (colon < o && !punct(colon, ':') && !punct(colon, ',')) ++colon;
      if (colon + 1 == o || (colon < o && punct(colon, ':'))) {
        Why w;
        auto subj = np_before(lo, v, w);
        if (!subj) {
          if (auto np = np_after(v + 1, colon)) return cue_found(np, v, 0.85);
        }
      }
    }
    if (participle(v) && v > lo && (punct(v - 1, ',') || !mention_start(v - 1))) {
      // "…, saying that …", "released a statement saying": the clause's speaker
      // (prev_spoken: the nearest quotation before this one with a speaker)
      if (prev_spoken < items.size() && sentence_start(items[prev_spoken].open) == s0) {
        Found f = items[prev_spoken].speaker;
        f.cue = ps[v].span;
        const std::string* l = speech_lemma(v);
        f.lemma = l ? *l : lw[v];
        return f;
      }
      if (auto np = np_first(s0, v)) return cue_found(np, v, 0.8);
    }
    Why why;
    auto np = np_before(lo, v, why);
    if (!np && why != Why::none) np = np_first(lo, v);
    if (!np) np = np_first(lo, v);
    if (np) return cue_found(np, v, 0.9);
    if (auto np2 = np_first(s0, v)) return cue_found(np2, v, 0.75);
    return std::nullopt;
  }
  // X: "…" (no verb); the name right before the colon first ("… - Pew Research: "…"")
  if (o > lo + 1 && punct(o - 1, ':') && word(o - 2)) {
    if (const text::IndexedMention* m = mi.at(ps[o - 2].span.start)) {
      std::size_t first = extend_left(piece_at(m->span.start), lo);
      return cue_found(Span{ps[first].span.start, ps[o - 2].span.end}, ps.size(), 0.8);
    }
  }
  if (o > lo && punct(o - 1, ':')) {
    if (auto np = np_first(lo, o - 1)) return cue_found(np, ps.size(), 0.8);
  }
  // "Issa: Hillary Clinton's 'Honesty Is In Question'": a name and a colon open the sentence
  for (std::size_t k = s0; k < o && k < s0 + 5; ++k)
    if (punct(k, ':')) {
      if (k > s0 && mention_start(s0)) return cue_found(Span{ps[s0].span.start, ps[k - 1].span.end}, ps.size(), 0.7);
      break;
    }
  // no speech verb: the subject of the sentence when it is a person ("Cruz coached Trump to "…"")
  if (o > s0) {
    if (auto np = np_first(s0, o)) {
      std::size_t k = piece_at(np->start);
      std::size_t after = piece_at(np->end - 1) + 1;
      int e = mi.entity_for(*np);
      bool someone = is_class(k, "pron") || e >= 0;
      bool verb_like = (word(after) && !ps[after].cap) || punct(after, ',') || punct(after, '(');
      if (someone && np->end <= ps[o].span.start && verb_like) return cue_found(np, ps.size(), 0.6);
    }
  }
  return std::nullopt;
}

std::optional<Found> Attributor::next_sentence(const Item& it) const {
  if (it.close >= ps.size()) return std::nullopt;
  std::size_t a = it.close + 1;
  if (a < ps.size() && boundary[a]) ++a;
  std::size_t e = sentence_end(a);
  if (e >= ps.size() || e - a > 10) return std::nullopt;
  for (std::size_t v = a; v < e; ++v) {
    if (in_quote[v]) return std::nullopt;
    if (!verb_lemma(v)) continue;
    Why why;
    auto np = np_before(a, v, why);
    if (!np && v == a) np = np_after(v + 1, e);
    if (np) return cue_found(np, v, 0.7);
  }
  return std::nullopt;
}

}  // namespace factpipe::quotes::detail
