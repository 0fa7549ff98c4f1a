// Speakers of quotations that carry no cue, from the context: the quotation before, the sentence or
// paragraph before ("He said:"), the last speakers of a conversation (questions switch sides).
#include "attributor.hpp"

namespace factpipe::quotes::detail {

std::optional<Found> Attributor::previous_sentence_speaker(std::size_t before_piece) {
  std::size_t s0 = sentence_start(before_piece);
  if (s0 == 0) return std::nullopt;
  if (prev_sentence_cache_of == s0) return prev_sentence_cache;  // found once per sentence
  prev_sentence_cache_of = s0;
  prev_sentence_cache.reset();
  std::size_t ps0 = sentence_start(s0 - 1);
  for (std::size_t k = ps0; k < s0; ++k)
    if (in_quote[k]) return std::nullopt;  // the quotation there answers instead
  for (std::size_t v = s0; v-- > ps0;) {
    if (!verb_lemma(v)) continue;
    Why why;
    auto np = np_before(ps0, v, why);
    if (!np) np = np_first(ps0, v);
    if (np) return prev_sentence_cache = cue_found(np, v, 0.6);
  }
  return std::nullopt;
}

std::optional<Found> Attributor::context(const Item& it, const std::vector<Item>& items, std::size_t p) {
  // the quotation before it in the same sentence ("chanted "A," and "B."") (prev_spoken: the nearest
  // quotation before it with a speaker; sentences hold consecutive quotations)
  const Item* before = prev_spoken < items.size() ? &items[prev_spoken] : nullptr;
  auto speaker_before = [&](double max_confidence) {
    Found f = before->speaker;
    f.cue.reset();
    f.lemma.clear();
    f.confidence = std::min(max_confidence, f.confidence);
    f.from_context = true;
    return f;
  };
  if (before && sentence_start(before->open) == sentence_start(it.open)) return speaker_before(0.8);
  // a speech verb in the sentence right before ("She says people should …. "It is their life"")
  if (auto f = previous_sentence_speaker(it.open)) {
    f->from_context = true;
    f->cue.reset();
    f->lemma.clear();
    return f;
  }
  // the quotation before it in the same paragraph
  if (before) return speaker_before(0.75);
  if (auto f = next_sentence(it)) return f;
  // a quotation that opens its paragraph: the speaker of the last quotation within two paragraphs,
  // or the other side when that one asked a question (conversational turns)
  if (it.open != sentence_start(it.open) && !it.mq.continued) return std::nullopt;
  // "He said:" closing the paragraph before
  if (it.open == 0)
    if (auto f = previous_paragraph_speaker(p, true)) return f;
  // (only entries with a speaker are visited, through prev_spoken; paragraphs only grow along history)
  if (last_spoken < history.size() && static_cast<int>(p) - history[last_spoken].paragraph <= 2) {
    const Said& s = history[last_spoken];
    if (s.question) {
      int self = s.entity;
      // the other side, within six paragraphs; a long monologue of one speaker is not walked to its start
      std::size_t steps = 0;
      for (std::size_t g = s.prev_spoken; g < history.size() && steps < 64; g = history[g].prev_spoken, ++steps) {
        const Said& o = history[g];
        if (static_cast<int>(p) - o.paragraph > 6) break;
        int other = o.entity;
        bool differs = other >= 0 ? other != self : str(*o.who.np) != str(*s.who.np);
        if (differs) {
          Found f = o.who;
          f.cue.reset();
          f.lemma.clear();
          f.confidence = 0.55;
          f.from_context = true;
          f.turn = true;
          return f;
        }
      }
    }
    Found f = s.who;
    f.cue.reset();
    f.lemma.clear();
    f.confidence = 0.6;
    f.from_context = true;
    return f;
  }
  // the subject of a speech verb in the paragraph before
  if (auto f = previous_paragraph_speaker(p, false)) return f;
  return std::nullopt;
}

std::optional<Found> Attributor::previous_paragraph_speaker(std::size_t p, bool colon_only) {
  // found once per paragraph: every quotation that opens a sentence may ask
  if (prev_paragraph_cache_of[colon_only] == p) return prev_paragraph_cache[colon_only];
  prev_paragraph_cache_of[colon_only] = p;
  return prev_paragraph_cache[colon_only] = find_previous_paragraph_speaker(p, colon_only);
}

std::optional<Found> Attributor::find_previous_paragraph_speaker(std::size_t p, bool colon_only) {
  for (std::size_t q = p; q-- > 0 && q + 2 >= p;) {
    if (credit_paragraph(static_cast<int>(q))) continue;
    // the paragraph being worked on is put back afterwards, with its marks and their indexes
    auto saved_ps = ps;
    auto saved_lw = lw;
    auto saved_iq = std::move(in_quote);
    auto saved_b = std::move(boundary);
    auto saved_fs = std::move(first_of_sentence);
    auto saved_es = std::move(end_of_sentence);
    auto saved_np = std::move(next_plain);
    auto saved_nc = std::move(next_comma);
    bool saved_headline = headline;
    auto saved_words = std::move(words);
    load(q);
    std::optional<Found> found;
    std::size_t s0 = ps.size();
    for (std::size_t k = ps.size(); k-- > 0;)
      if (ps[k].kind == PieceKind::punct && (ps[k].cp == '.' || ps[k].cp == '!' || ps[k].cp == '?') &&
          k + 1 < ps.size()) {
        s0 = k + 1;
        break;
      }
    if (s0 == ps.size()) s0 = 0;
    bool colon_end = !ps.empty() && ps.back().kind == PieceKind::punct && ps.back().cp == ':';
    if (colon_end || !colon_only) {
      // marks before each piece: an odd count means the piece is inside a quotation
      std::vector<int> marks_before(ps.size() + 1, 0);
      for (std::size_t k = 0; k < ps.size(); ++k)
        marks_before[k + 1] = marks_before[k] + (ps[k].kind == PieceKind::punct && text::is_quote_mark(ps[k].cp) &&
                                                 ps[k].cp != 0x2019 && ps[k].cp != '\'');
      for (std::size_t v = ps.size(); v-- > s0;) {
        if (marks_before[v] % 2 == 1 || !verb_lemma(v)) continue;
        Why why;
        auto np = participle(v) ? np_first(s0, v) : np_before(s0, v, why);
        if (!np) np = np_first(s0, v);
        if (np) found = cue_found(np, v, colon_end ? 0.8 : 0.5);
        break;
      }
    }
    ps = std::move(saved_ps);
    lw = std::move(saved_lw);
    in_quote = std::move(saved_iq);
    boundary = std::move(saved_b);
    first_of_sentence = std::move(saved_fs);
    end_of_sentence = std::move(saved_es);
    next_plain = std::move(saved_np);
    next_comma = std::move(saved_nc);
    headline = saved_headline;
    words = std::move(saved_words);
    if (found) {
      found->cue.reset();
      found->lemma.clear();
      found->from_context = true;
      return found;
    }
    break;
  }
  return std::nullopt;
}

}  // namespace factpipe::quotes::detail
