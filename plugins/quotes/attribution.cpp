// Quotations from their marks, and the paragraph loop that attributes them (see attributor.hpp).
#include "attributor.hpp"

#include <algorithm>

#include "title_filter.hpp"

namespace factpipe::quotes::detail {

const std::string* Attributor::verb_lemma(std::size_t k, bool cognition) const {
  if (!word(k) || ps[k].possessive) return nullptr;
  if (ps[k].cap && lw[k] == "according" && word(k + 1) && lw[k + 1] == "to") return speech_lemma(k);
  // "Said Dorothy Poynter, who grew up with him, “…”": a verb opening its sentence before a name
  if (ps[k].cap && (k == 0 || boundary[k - 1] || (k > 0 && in_quote[k - 1])) && nameish(k + 1) &&
      (lw[k] == "said" || lw[k] == "says" || lw[k] == "added" || lw[k] == "asked" || lw[k] == "wrote"))
    return speech_lemma(k);
  if (ps[k].cap) {
    // headline style, "Trump Says …": a finite verb form right after a name
    bool finite = lw[k] == "said" || lw[k] == "told" || lw[k].ends_with("s") || lw[k].ends_with("ed");
    if (!headline || !finite || k == 0 || !nameish(k - 1) || ps[k].all_caps || mi.at(ps[k].span.start)) return nullptr;
  }
  const std::string* l = speech_lemma(k);
  if (!l && cognition) l = qlx.cognition_verbs.find(lw[k]);
  if (!l) return nullptr;
  if (lw[k] == "according") return word(k + 1) && lw[k + 1] == "to" ? l : nullptr;
  if (k > 0 && (det(k - 1) || ps[k - 1].possessive)) return nullptr;  // "the report", "his remarks"
  // "as a memo put it, “…”": "put" reports speech only as "put it" before a comma, colon or stop
  if (lw[k] == "put" && !(word(k + 1) && lw[k + 1] == "it" && k + 2 < ps.size() && !word(k + 2))) return nullptr;
  // "swing states like", "in 11 states.": "states" is a verb only after an article and a noun, where its
  // clause ends ("…," the document states, …)
  if (lw[k] == "states" && (k + 1 >= ps.size() || word(k + 1) || k < 2 || !det(k - 2))) return nullptr;
  if (noun_after_adjective(k, *l)) return nullptr;  // "a nervous call", "In a subsequent tweet"
  if (k > 0 && is_class(k - 1, "prep") && lw[k - 1] != "to" && !lw[k].ends_with("ing"))
    return nullptr;  // "in states like", "of claims" (but "by saying")
  if (k > 0 && lw[k - 1] == "to" && lw[k] != "say" && lw[k] != "tell") return nullptr;  // "to state"
  // a passive ("if either nation is attacked", "was called") is no speech act of its subject
  std::size_t b = k;
  while (b > 0 && word(b - 1) && !ps[b - 1].cap && lw[b - 1].size() > 4 && lw[b - 1].ends_with("ly")) --b;
  if (b > 0 && word(b - 1) &&
      (lw[b - 1] == "is" || lw[b - 1] == "was" || lw[b - 1] == "were" || lw[b - 1] == "are" || lw[b - 1] == "be" ||
       lw[b - 1] == "been" || lw[b - 1] == "being") &&
      lw[k].ends_with("ed"))
    return nullptr;
  return l;
}

bool Attributor::noun_after_adjective(std::size_t k, const std::string& lemma) const {
  // the base form after an article and one lower-case word that is no plural ("the last claim"), while a
  // plural subject keeps its verb ("the senators claim", "many people say")
  if (k < 2 || lw[k] != lemma || !det(k - 2) || !word(k - 1) || ps[k - 1].cap || ps[k - 1].possessive) return false;
  // "read" is its own past: "“…,” the statement read." ends a clause, "a closer read of" goes on
  if (lw[k] == "read" && (k + 1 >= ps.size() || !word(k + 1))) return false;
  const std::string& w = lw[k - 1];
  if (w.ends_with("s") || w == "people" || w == "police" || w == "public" || w == "media" || w == "crowd" ||
      w == "men" || w == "women" || w == "children")
    return false;
  return !is_class(k - 1, "pron") && !is_class(k - 1, "adv") && !is_class(k - 1, "prep");
}

bool Attributor::adverb(std::size_t k) const {
  if (!word(k)) return false;
  if (ps[k].possessive) return k > 0 && is_class(k - 1, "pron");  // he's, she's: is / has
  if (ps[k].cap && not_name(k) && !is_class(k, "pron") && !det(k) && !is_class(k, "sub") && !is_class(k, "prep") &&
      !is_class(k, "conj"))
    return true;  // Friday, Tuesday
  if (is_class(k, "adv")) return true;
  return !ps[k].cap && lw[k].size() > 4 && lw[k].ends_with("ly");
}

void Attributor::load(std::size_t p) {
  ps = view.paragraph_pieces[p];
  lw = view.paragraph_lower[p];
  in_quote.assign(ps.size(), 0);
  boundary.assign(ps.size(), 0);
  words.speech.resize(ps.size());
  words.fclass.resize(ps.size());
  words.not_name.resize(ps.size());
  words.known.assign(ps.size(), 0);
  std::size_t words = 0, caps = 0;
  for (std::size_t k = 0; k < ps.size(); ++k)
    if (word(k) && !ps[k].possessive) {
      ++words;
      caps += ps[k].cap;
    }
  headline = words >= 3 && words <= 20 && caps * 10 >= words * 7;
  index_paragraph();
}

void Attributor::index_paragraph() {
  const std::size_t n = ps.size();
  first_of_sentence.resize(n);
  end_of_sentence.resize(n);
  next_plain.resize(n + 1);
  next_comma.resize(n + 1);
  for (std::size_t k = 0; k < n; ++k) first_of_sentence[k] = k == 0 || boundary[k - 1] ? k : first_of_sentence[k - 1];
  next_plain[n] = n;
  next_comma[n] = n;
  for (std::size_t k = n; k-- > 0;) {
    end_of_sentence[k] = boundary[k] ? k : k + 1 == n ? n : end_of_sentence[k + 1];
    next_plain[k] = ps[k].kind == PieceKind::punct || in_quote[k] ? next_plain[k + 1] : k;
    next_comma[k] = punct(k, ',') ? k : next_comma[k + 1];
  }
}

void Attributor::remember(Said s) {
  if (s.who.np) {
    s.prev_spoken = last_spoken;
    last_spoken = history.size();
    if (s.entity >= 0) spoken_entities.insert(s.entity);
    spoken_texts.insert(str(*s.who.np));
  }
  history.push_back(std::move(s));
}

void Attributor::paragraph(std::size_t p, std::vector<MarkedQuote>& mqs, std::vector<Quote>& out) {
  load(p);
  std::vector<Item> items;
  for (auto& mq : mqs) {
    Item it;
    it.mq = mq;
    it.open = piece_at(mq.open.start);
    it.close = mq.close.empty() ? ps.size() : piece_at(mq.close.start);
    std::string_view inner = str(mq.inner);
    while (!inner.empty() && (inner.back() == ' ' || inner.back() == ',')) inner.remove_suffix(1);
    char last = inner.empty() ? ' ' : inner.back();
    it.ends_sentence = last == '.' || last == '!' || last == '?';
    it.ends_question = last == '?';
    for (std::size_t k = it.open; k <= it.close && k < ps.size(); ++k) in_quote[k] = 1;
    items.push_back(it);
  }
  for (std::size_t k = 0; k < ps.size(); ++k) {
    if (ps[k].kind != PieceKind::punct) continue;
    bool end = (ps[k].cp == '.' || ps[k].cp == '!' || ps[k].cp == '?') && !in_quote[k] && !punct(k + 1, ')');
    if (end) boundary[k] = 1;
  }
  for (const auto& it : items) {
    if (it.close < ps.size() && it.ends_sentence) {
      std::size_t n = it.close + 1;
      if (n >= ps.size() || (word(n) && ps[n].cap && !verb_lemma(n)) || text::is_quote_mark(ps[n].cp))
        boundary[it.close] = 1;
    }
  }
  index_paragraph();
  prev_spoken = SIZE_MAX;
  prev_sentence_cache_of = SIZE_MAX;
  for (std::size_t i = 0; i < items.size(); ++i) {
    Item& it = items[i];
    std::size_t s0 = sentence_start(it.open);
    // top-level quotations follow one another: the one before bounds the cue on the left, the one after
    // on the right
    std::size_t lo = s0;
    if (i > 0 && items[i - 1].close < it.open) lo = std::max(lo, items[i - 1].close + 1);
    std::size_t hi = it.close < ps.size() ? sentence_end(it.close + 1) : ps.size();
    if (i + 1 < items.size() && items[i + 1].open > it.close) hi = std::min(hi, items[i + 1].open);

    it.kind = quote_kind(it, s0, hi);
    std::optional<Found> f;
    bool starts_sentence = lo == it.open || (it.open == s0);
    bool tight = false;
    auto tf = trailing(it, hi, tight);
    if (starts_sentence || (tf && tight)) {
      f = tf;
      if (!f) f = leading(it, lo, items);
    } else {
      f = leading(it, lo, items);
      if (!f || (f->confidence < 0.7 && tf)) f = tf;
    }
    if (!f && opt.context_speakers) f = context(it, items, p);
    if (f) it.speaker = *f;
    rank_speaker(it, items, i, p, out);
    if (it.speaker.np) prev_spoken = i;
  }
  for (auto& it : items) {
    Quote q;
    q.span = it.mq.inner;
    // trim spaces inside the marks
    while (q.span.start < q.span.end && doc.text[q.span.start] == ' ') ++q.span.start;
    while (q.span.end > q.span.start && (doc.text[q.span.end - 1] == ' ' || doc.text[q.span.end - 1] == '\n'))
      --q.span.end;
    q.kind = it.kind;
    fill_speaker(q, it.speaker);
    q.extra = Json::object();
    Json x = Json::object();
    if (it.mq.continues) x["continues"] = true;
    if (it.mq.continued) x["continued"] = true;
    if (it.mq.wrong_close) x["wrong_close"] = true;
    if (it.mq.unclosed) x["unclosed"] = true;
    if (q.speaker && !it.reason.empty()) x["reason"] = it.reason;
    if (!x.empty()) q.extra["quotes"] = x;
    if (opt.dump_candidates) q.extra["speaker_candidates"] = it.candidates.is_null() ? Json::array() : it.candidates;
    out.push_back(std::move(q));
    remember({static_cast<int>(p), it.speaker, it.ends_question, it.speaker.np ? mi.entity_for(*it.speaker.np) : -1});
  }
}

QuoteKind Attributor::quote_kind(const Item& it, std::size_t s0, std::size_t hi) const {
  if (it.open == s0 || (it.open > 0 && (punct(it.open - 1, ':')))) return QuoteKind::direct;
  if (it.open > 0 && punct(it.open - 1, ',') && it.open >= 2 && verb_lemma(it.open - 2)) return QuoteKind::direct;
  std::size_t words = 0;
  bool lower_start = false;
  for (std::size_t k = it.open + 1; k < it.close && k < ps.size(); ++k)
    if (word(k)) {
      if (words == 0) lower_start = !ps[k].cap;
      ++words;
    }
  bool text_after = it.close + 1 < hi && !(punct(it.close + 1, '.') && it.close + 2 >= hi);
  if (words <= 4 || (lower_start && text_after)) return QuoteKind::partial;
  return QuoteKind::direct;
}

void Attributor::fill_speaker(Quote& q, const Found& f) const {
  if (!f.np) {
    q.confidence = 0.3;
    return;
  }
  Speaker s;
  s.mention = *f.np;
  s.entity = mi.entity_for(*f.np);
  if (s.entity < 0 && f.refers_to) s.entity = mi.entity_for(*f.refers_to);
  if (s.entity >= 0) {
    const Entity& e = doc.entities[static_cast<std::size_t>(s.entity)];
    if (e.extra.contains("credit")) {  // photo credits and bylines never speak
      q.confidence = 0.3;
      return;
    }
    s.name = e.name;
  } else {
    s.name = std::string(str(*f.np));
  }
  q.speaker = s;
  q.cue = f.cue;
  q.cue_verb = f.lemma;
  q.confidence = f.confidence;
}

}  // namespace factpipe::quotes::detail

namespace factpipe::quotes {

using detail::Attributor;

std::vector<Quote> find_direct_quotes(const Document& doc, const text::TextView& view,
                                      const text::MentionIndex& mentions, const QuoteLexicon& qlx,
                                      const AttributionOptions& opt) {
  auto marked = find_marked_quotes(doc.text, view.paragraphs);
  // titles, slogans, show names and subheadings are not quotations
  std::vector<MarkedQuote> kept;
  kept.reserve(marked.size());
  std::vector<signed char> headline(view.paragraphs.size(), -1);  // found once per paragraph, when asked
  for (const auto& m : marked) {
    auto p = static_cast<std::size_t>(m.paragraph);
    auto is_headline = [&] {
      if (headline[p] < 0) headline[p] = title_case_paragraph(doc.text, view.paragraphs[p], qlx.abbreviations);
      return headline[p] > 0;
    };
    if (!is_title(doc.text, m, qlx, is_headline) && !is_subheading(doc.text, m, view.paragraphs[p], qlx.abbreviations))
      kept.push_back(m);
  }
  Attributor a{doc, view, mentions, qlx, opt};
  std::vector<Quote> out;
  std::size_t k = 0;
  for (std::size_t p = 0; p < view.paragraphs.size(); ++p) {
    std::vector<MarkedQuote> here;
    while (k < kept.size() && kept[k].paragraph == static_cast<int>(p)) here.push_back(kept[k++]);
    a.paragraph(p, here, out);
  }
  // a multi-paragraph quotation is one quotation: join its pieces (the speaker found by a cue wins)
  std::vector<Quote> joined;
  joined.reserve(out.size());
  auto flag = [&](std::size_t n, const char* f) {
    return out[n].extra.contains("quotes") && out[n].extra["quotes"].value(f, false);
  };
  for (std::size_t i = 0; i < out.size();) {
    std::size_t j = i;
    while (j + 1 < out.size() && flag(j, "continues") && flag(j + 1, "continued")) ++j;
    Quote q = out[i];
    if (j > i) {
      std::size_t best = i;
      for (std::size_t n = i; n <= j; ++n)
        if (out[n].speaker && (!out[best].speaker || (out[n].cue && !out[best].cue) ||
                               (bool(out[n].cue) == bool(out[best].cue) && out[n].confidence > out[best].confidence)))
          best = n;
      q = out[best];
      q.span = {out[i].span.start, out[j].span.end};
      q.kind = QuoteKind::direct;
      Json x = Json{{"paragraphs", j - i + 1}};
      if (q.extra.contains("quotes") && q.extra["quotes"].contains("reason")) x["reason"] = q.extra["quotes"]["reason"];
      q.extra["quotes"] = x;
    }
    joined.push_back(std::move(q));
    i = j + 1;
  }
  out = std::move(joined);
  return out;
}

}  // namespace factpipe::quotes
