// Speaker noun phrases: the subject before a verb, the first noun phrase of a clause, the name after
// "said" or "according to"; entity mentions from the entities stage anchor them.
#include "attributor.hpp"

#include <algorithm>

namespace factpipe::quotes::detail {

std::size_t Attributor::extend_left(std::size_t first, std::size_t lo) const {
  while (first > lo && nameish(first - 1) && !not_name(first - 1)) --first;
  return first;
}

std::size_t Attributor::piece_at(std::size_t offset) const {
  auto it =
      std::lower_bound(ps.begin(), ps.end(), offset, [](const Piece& p, std::size_t o) { return p.span.end <= o; });
  return static_cast<std::size_t>(it - ps.begin());
}

std::optional<Span> Attributor::np_before(std::size_t lo, std::size_t v, Why& why) const {
  why = Why::none;
  if (v == 0) return std::nullopt;
  std::size_t k = v;
  while (k > lo && adverb(k - 1)) --k;
  if (k <= lo) return std::nullopt;
  --k;
  // "Rep. John Mica (R-Fla.) said": step over the parenthesis
  if (punct(k, ')')) {
    std::size_t j = k;
    while (j > lo && j + 8 >= k && !punct(j, '(')) --j;
    if (j <= lo || j + 8 < k || !punct(j, '(')) return std::nullopt;
    k = j - 1;
  }
  // "The two lawmakers, however, argue": step over an adverb set off by commas
  if (punct(k, ',') && k >= lo + 3 && word(k - 1) && !ps[k - 1].cap && (adverb(k - 1) || lw[k - 1] == "though") &&
      punct(k - 2, ','))
    k -= 3;
  if (punct(k, ',')) {
    why = Why::comma;
    return std::nullopt;
  }
  if (!word(k) || ps[k].possessive) return std::nullopt;
  std::size_t first = k;
  // "Stevie Wonder, who joked": the relative pronoun, standing for the name before it
  if (is_class(k, "rel") && k > lo + 1 && punct(k - 1, ',')) {
    if (const text::IndexedMention* m = mi.at(ps[k - 2].span.start)) {
      last_refers_to = m->span;
      why = Why::found;
      return ps[k].span;
    }
    return std::nullopt;
  }
  if (const text::IndexedMention* m = mi.at(ps[k].span.start)) {
    first = piece_at(m->span.start);
    first = extend_left(first, lo);
  } else if (is_class(k, "pron")) {
    first = k;
  } else if (nameish(k)) {
    first = extend_left(k, lo);
  } else {
    if (is_class(k, "prep") || is_class(k, "sub") || is_class(k, "conj") || is_class(k, "rel") || verb_lemma(k))
      return std::nullopt;
    // a common noun phrase: "a source", "the campaign's spokesman", "officials"
    std::size_t n = 0;
    while (first > lo && n < 5) {
      std::size_t j = first - 1;
      if (!word(j) || is_class(j, "prep") || is_class(j, "sub") || is_class(j, "conj") || is_class(j, "rel") ||
          verb_lemma(j) || is_class(j, "pron"))
        break;
      first = j;
      ++n;
      if (det(j)) break;
    }
  }
  // "the 34-year-old mother of three": an of-phrase belongs to the noun before it
  if (first > lo + 1 && word(first - 1) && lw[first - 1] == "of" && word(first - 2) && !ps[first - 2].cap &&
      !is_class(first - 2, "prep") && !verb_lemma(first - 2)) {
    std::size_t n = 0;
    first = first - 2;
    while (first > lo && n < 4 && word(first - 1) && !is_class(first - 1, "prep") && !is_class(first - 1, "sub") &&
           !is_class(first - 1, "conj") && !is_class(first - 1, "rel") && !verb_lemma(first - 1) &&
           !is_class(first - 1, "pron")) {
      --first;
      ++n;
      if (det(first)) break;
    }
  }
  // a noun phrase after a preposition is not a subject ("an ambassador to Russia warned")
  if (first > lo && is_class(first - 1, "prep")) {
    why = Why::prep;
    return std::nullopt;
  }
  why = Why::found;
  return Span{ps[first].span.start, ps[k].span.end};
}

std::optional<Span> Attributor::np_first(std::size_t lo, std::size_t hi) const {
  std::size_t i = lo;
  for (int round = 0; round < 4 && i < hi; ++round) {
    i = next_plain[i];  // over punctuation and quotations
    if (i >= hi) return std::nullopt;
    if (is_class(i, "conj")) {
      ++i;
      continue;
    }
    bool lead = is_class(i, "prep") || is_class(i, "sub") || adverb(i) ||
                (lw[i].size() > 4 && lw[i].ends_with("ing")) || (lw[i].size() > 4 && lw[i].ends_with("ed")) ||
                (ps[i].cap && not_name(i) && !is_class(i, "pron") && !is_class(i, "det"));
    if (!lead) break;
    std::size_t comma = next_comma[i];
    if (comma < hi) {
      i = comma + 1;
      continue;
    }
    if (is_class(i, "sub")) {
      ++i;
      continue;
    }
    break;
  }
  if (i >= hi || !word(i)) return std::nullopt;
  if (is_class(i, "pron")) return ps[i].span;
  // "Speaking at a town hall in Salem, New Hampshire, Trump went …": a place then a comma is still
  // part of the leading phrase
  if (const text::IndexedMention* m = mi.at(ps[i].span.start)) {
    const std::string& type = doc.entities[static_cast<std::size_t>(m->entity)].type;
    std::size_t e = piece_at(m->span.end - 1);
    if ((type == "GPE" || type == "LOC") && punct(e + 1, ',') && e + 2 < hi) return np_first(e + 2, hi);
  }
  // a person named at the clause start behind a place or title ("New Jersey Gov. Chris Christie (R)")
  for (std::size_t k = i; k < hi && k < i + 8 && (nameish(k) || det(k)); ++k)
    if (const text::IndexedMention* m = mi.at(ps[k].span.start);
        m && k > i && doc.entities[static_cast<std::size_t>(m->entity)].type == "PERSON") {
      std::size_t e = piece_at(m->span.end - 1);
      return Span{ps[i].span.start, ps[std::min(e, hi - 1)].span.end};
    }
  // a mention near the clause start, reached over det / title / "of" words only
  for (std::size_t k = i; k < hi && k < i + 6; ++k) {
    if (!word(k) || verb_lemma(k) || is_class(k, "rel")) break;
    if (const text::IndexedMention* m = mi.at(ps[k].span.start)) {
      std::size_t e = piece_at(m->span.end - 1);
      return Span{ps[i].span.start, ps[std::min(e, hi - 1)].span.end};
    }
  }
  std::size_t e = i;
  while (e < hi && e < i + 6 && word(e) && !verb_lemma(e) && !adverb(e) && !is_class(e, "rel") &&
         !(e > i && is_class(e, "prep")))
    ++e;
  if (e == i) return std::nullopt;
  return Span{ps[i].span.start, ps[e - 1].span.end};
}

std::optional<Span> Attributor::np_after(std::size_t a, std::size_t hi) const {
  while (a < hi && (adverb(a) || (word(a) && not_name(a) && ps[a].cap && !is_class(a, "pron") && !det(a)))) ++a;
  if (a >= hi || !word(a)) return std::nullopt;
  if (is_class(a, "pron")) return ps[a].span;
  if (is_class(a, "sub") || is_class(a, "conj") || is_class(a, "prep") || is_class(a, "rel")) return std::nullopt;
  for (std::size_t k = a; k < hi && k < a + 5; ++k) {
    if (!word(k) || verb_lemma(k)) break;
    if (const text::IndexedMention* m = mi.at(ps[k].span.start)) {
      std::size_t e = piece_at(m->span.end - 1);
      return Span{ps[a].span.start, ps[std::min(e, hi - 1)].span.end};
    }
    if (!det(k) && !nameish(k) && !qlx.titles.find(lw[k])) break;
  }
  std::size_t e = a;
  while (e < hi && e < a + 6 && word(e) && !verb_lemma(e) && !is_class(e, "rel") && !(e > a && is_class(e, "prep")))
    ++e;
  if (e == a) return std::nullopt;
  return Span{ps[a].span.start, ps[e - 1].span.end};
}

bool Attributor::mention_start(std::size_t k) const {
  if (!word(k)) return false;
  if (is_class(k, "pron")) return true;
  return mi.at(ps[k].span.start) != nullptr || (nameish(k) && !not_name(k));
}

}  // namespace factpipe::quotes::detail
