#pragma once
// The speaker finder's working state for one document, shared by its parts: noun phrases
// (noun_phrases.cpp), cue patterns around a quotation (cue_patterns.cpp), speakers from context
// (context_speakers.cpp), indirect speech (indirect_speech.cpp) and the paragraph loop (attribution.cpp).
// Internal to quotes_core.
#include <optional>
#include <span>
#include <string>
#include <unordered_set>
#include <vector>

#include <factpipe/document.hpp>

#include "attribution.hpp"
#include "indirect_model.hpp"
#include "quote_marks.hpp"

namespace factpipe::quotes::detail {

using text::Piece;
using text::PieceKind;

struct Found {
  std::optional<Span> np;         // the speaker mention
  std::optional<Span> refers_to;  // where to look for its entity when the mention itself names none ("who")
  std::optional<Span> cue;
  std::string lemma;
  double confidence = 0.0;
  bool from_context = false;
  bool turn = false;  // the other side of a question-and-answer exchange (the ranker leaves it alone)
};

// A quotation of the paragraph being worked on, with its piece indices.
struct Item {
  MarkedQuote mq;
  std::size_t open = 0;   // piece index of the opening mark
  std::size_t close = 0;  // piece index of the closing mark (== pieces.size() when unclosed)
  QuoteKind kind = QuoteKind::direct;
  Found speaker;
  bool ends_sentence = false;  // the quoted text ends with . ! ?
  bool ends_question = false;
  std::string reason;  // why this speaker: cue, cue without verb, context, ranker
  Json candidates;     // the ranker's candidates with their features (AttributionOptions::dump_candidates)
};

struct Attributor {
  const Document& doc;
  const text::TextView& view;
  const text::MentionIndex& mi;
  const QuoteLexicon& qlx;
  const AttributionOptions& opt;

  Attributor(const Document& d, const text::TextView& v, const text::MentionIndex& m, const QuoteLexicon& q,
             const AttributionOptions& o)
      : doc(d), view(v), mi(m), qlx(q), opt(o) {}

  // the paragraph being worked on
  std::span<const Piece> ps;        // the paragraph's pieces (owned by the view)
  std::span<const std::string> lw;  // lower-case text of each piece
  std::vector<char> in_quote;
  std::vector<char> boundary;  // the piece ends a sentence
  bool headline = false;       // the paragraph is in title case (a headline)
  // the word lists' answers for each piece of the paragraph, each looked up once, when first asked:
  // hashing words was a quarter of the stage's time
  struct PieceWords {
    std::vector<const std::string*> speech;  // speech-verb lemma
    std::vector<const std::string*> fclass;  // function-word class
    std::vector<char> not_name;              // a capitalised word that is no name (days, months ...)
    std::vector<unsigned char> known;        // which of the three are looked up (kSpeech | kClass | kNotName)
  };
  mutable PieceWords words;
  // Indexes over the marks above (index_paragraph), so that no step walks the paragraph: a paragraph
  // of thousands of quotations costs linear time, not quadratic.
  std::vector<std::size_t> first_of_sentence;  // per piece: the first piece of its sentence
  std::vector<std::size_t> end_of_sentence;    // per piece: the first piece at or after it ending a sentence
  std::vector<std::size_t> next_plain;         // per piece: the first piece at or after it that is no
                                               // punctuation and outside quotations (ps.size() if none)
  std::vector<std::size_t> next_comma;         // per piece: the first comma at or after it
  // per paragraph: the item before the one being attributed that has a speaker (SIZE_MAX: none)
  std::size_t prev_spoken = SIZE_MAX;

  // context across paragraphs
  struct Said {
    int paragraph;
    Found who;
    bool question;
    int entity = -1;                     // of who.np, found once
    std::size_t prev_spoken = SIZE_MAX;  // the entry before it with a speaker (skips the ones without)
  };
  std::vector<Said> history;
  std::size_t last_spoken = SIZE_MAX;  // the last entry of history with a speaker
  // who has spoken so far (by entity, or by mention text when it has none): the ranker's spoke_before
  std::unordered_set<int> spoken_entities;
  std::unordered_set<std::string_view> spoken_texts;
  void remember(Said s);

  // previous_paragraph_speaker and previous_sentence_speaker, found once per paragraph / sentence
  std::optional<Found> prev_paragraph_cache[2];
  std::size_t prev_paragraph_cache_of[2] = {SIZE_MAX, SIZE_MAX};
  std::optional<Found> prev_sentence_cache;
  std::size_t prev_sentence_cache_of = SIZE_MAX;  // sentence start, in the paragraph being worked on

  // the ranker's speech-verb candidates of the paragraph being worked on, found once for all its quotations
  std::vector<Found> verb_candidates;
  std::size_t verb_candidates_of = SIZE_MAX;

  std::string_view str(const Span& s) const { return std::string_view(doc.text).substr(s.start, s.size()); }
  bool word(std::size_t k) const { return k < ps.size() && ps[k].kind == PieceKind::word; }
  bool punct(std::size_t k, char32_t c) const {
    return k < ps.size() && ps[k].kind == PieceKind::punct && ps[k].cp == c;
  }
  bool is_class(std::size_t k, const char* cls) const {
    if (!word(k)) return false;
    const std::string* c = looked_up(k, kClass, words.fclass, [&] { return qlx.function_words.find(lw[k]); });
    return c && *c == cls;
  }
  // the lemma of the word at piece k as a speech verb form, or nullptr
  const std::string* speech_lemma(std::size_t k) const {
    if (!word(k)) return nullptr;
    return looked_up(k, kSpeech, words.speech, [&] { return qlx.speech_verbs.find(lw[k]); });
  }
  bool not_name(std::size_t k) const {
    if (!word(k)) return false;
    return looked_up(k, kNotName, words.not_name, [&] { return char(qlx.not_names.contains(lw[k])); });
  }
  enum : unsigned char { kSpeech = 1, kClass = 2, kNotName = 4 };
  template <class T, class Find>
  T looked_up(std::size_t k, unsigned char which, std::vector<T>& cache, Find&& find) const {
    if (!(words.known[k] & which)) {
      cache[k] = find();
      words.known[k] |= which;
    }
    return cache[k];
  }
  bool det(std::size_t k) const { return is_class(k, "det") || is_class(k, "art"); }
  bool is_dash(std::size_t k) const {
    return k < ps.size() && ps[k].kind == PieceKind::punct && text::is_dash(ps[k].cp);
  }

  // The lemma of a speech verb at piece k (nullptr when the word is none, or is used as no verb there);
  // `cognition`: verbs of thinking and finding count too (indirect speech).
  const std::string* verb_lemma(std::size_t k, bool cognition = false) const;
  bool adverb(std::size_t k) const;
  // The speech verb form `lemma` at piece k reads as a noun after an article and an adjective.
  bool noun_after_adjective(std::size_t k, const std::string& lemma) const;
  bool nameish(std::size_t k) const { return word(k) && (ps[k].cap || ps[k].all_caps) && !ps[k].possessive; }
  bool credit_paragraph(int p) const { return p >= 0 && view.credit_paragraph[static_cast<std::size_t>(p)]; }

  // ---- noun phrases

  // Extends a span left over capitalised words and titles ("Mr." + "Trump", "U.S. Secretary" + "Antony Blinken").
  std::size_t extend_left(std::size_t first, std::size_t lo) const;
  std::size_t piece_at(std::size_t offset) const;

  enum class Why { none, found, comma, prep };
  mutable std::optional<Span> last_refers_to;  // set by np_before when it returns a relative pronoun

  // The subject directly before verb `v`, walking over adverbs and auxiliaries.
  std::optional<Span> np_before(std::size_t lo, std::size_t v, Why& why) const;

  // The subject at the start of a clause, after leading adverbial phrases ("In his speech, the Russian leader").
  std::optional<Span> np_first(std::size_t lo, std::size_t hi) const;

  // The speaker after a verb or "according to": "said Mr. Kamin", "said a spokeswoman".
  std::optional<Span> np_after(std::size_t a, std::size_t hi) const;

  // ---- frames

  // First piece of the sentence that contains piece `o` (sentence ends outside quotations).
  std::size_t sentence_start(std::size_t o) const {
    if (o < ps.size()) return first_of_sentence[o];
    return o == 0 || boundary[o - 1] ? o : first_of_sentence[o - 1];
  }
  // The first piece at or after `from` that ends a sentence (ps.size() when none): [start, end) is the
  // sentence without its final punctuation.
  std::size_t sentence_end(std::size_t from) const { return from < ps.size() ? end_of_sentence[from] : from; }

  Found cue_found(std::optional<Span> np, std::size_t verb, double conf) const;

  bool participle(std::size_t v) const { return lw[v].size() > 4 && lw[v].ends_with("ing"); }

  // A name, pronoun or known mention starting at piece k (the head of a speaker noun phrase).
  bool mention_start(std::size_t k) const;

  // "…," X said / said X / X told reporters / according to X / — X. `tight` tells whether the cue
  // follows the quotation directly (X said right after the closing mark).
  std::optional<Found> trailing(const Item& it, std::size_t hi, bool& tight) const;

  // X said / X said: / X described Y as / X warned ... against going / according to X, / X: "…"
  std::optional<Found> leading(const Item& it, std::size_t lo, const std::vector<Item>& items) const;

  // "He said." in the next short sentence.
  std::optional<Found> next_sentence(const Item& it) const;

  // The subject of a speech verb in the sentence right before, in the same paragraph, when that
  // sentence holds no quotation of its own.
  std::optional<Found> previous_sentence_speaker(std::size_t before_piece);

  // ---- paragraph

  // Points ps / lw at paragraph p and resets the per-paragraph marks (and their indexes).
  void load(std::size_t p);
  // Rebuilds the indexes after in_quote / boundary changed.
  void index_paragraph();

  // ---- indirect speech: "X said (that) …", "…, X said.", "according to X, …"
  // `quoted`: the direct quotations' spans, by start; their words report no indirect speech
  void indirect_paragraph(std::size_t p, const std::vector<Span>& quoted, std::vector<Quote>& out, Json* dump);

  std::size_t words_in(std::size_t a, std::size_t b) const {
    std::size_t n = 0;
    for (std::size_t k = a; k < b && k < ps.size(); ++k) n += word(k);
    return n;
  }

  bool mark(std::size_t k) const {
    return k < ps.size() && ps[k].kind == PieceKind::punct && text::is_quote_mark(ps[k].cp) && ps[k].cp != 0x2019;
  }

  // reports pieces [a, b) as indirect speech of `f` when they hold `min_words` words and no quotation mark
  void emit_indirect(std::size_t a, std::size_t b, const Found& f, std::vector<Quote>& out,
                     std::size_t min_words = 4) const;

  // "X endorsed Y", "X refused to join …", "…, urging voters to …": a stance verb at v with its subject,
  // its object up to the clause's end reported; returns that end (v when v is no such verb).
  std::size_t stance_object(std::size_t s0, std::size_t v, std::size_t e, std::vector<Quote>& out);

  void indirect_sentence(std::size_t s0, std::size_t e, std::vector<Quote>& out);
  // "is", "was", "to", "would" ...: what stands before a passive or an infinitive
  bool not_active(std::size_t k) const;

  // ---- learned indirect speech (indirect_candidates.cpp): proposals of reported content around cue words
  struct Proposal {
    std::size_t start = 0, end = 0;  // the content (bytes)
    std::size_t cue = 0;             // its cue word's piece (in the paragraph it was found in)
    Span cue_span;
    std::string word;
    bool after = true;
    IndirectStageFeatures x{};
    Found who;
  };
  std::vector<Proposal> proposals;  // of the document so far (when a model or the dump asks for them)
  // The proposals of sentence [s0, e): every word outside quotations that the model's lexicon knows (every
  // word when dumping), its content outside the rules' spans out[rules_from..]. Dumps every word seen.
  void propose_indirect(std::size_t s0, std::size_t e, const std::vector<Quote>& out, std::size_t rules_from,
                        Json* dump);
  // Reports the proposals the model chooses (select_indirect) as indirect speech.
  void report_learned(std::vector<Quote>& out) const;

  // The quotations of paragraph p: speakers from cues, then from context.
  void paragraph(std::size_t p, std::vector<MarkedQuote>& mqs, std::vector<Quote>& out);

  // The speaker ranker (speaker_candidates.cpp): candidates for quotation i with their features; the model,
  // when there is one, may replace the rules' choice. Sets it.reason.
  void rank_speaker(Item& it, const std::vector<Item>& items, std::size_t i, std::size_t p,
                    const std::vector<Quote>& out);

  // direct, or partial when embedded in a sentence of reported speech
  QuoteKind quote_kind(const Item& it, std::size_t s0, std::size_t hi) const;

  // A speaker for a quotation without a cue: the quotation before it, the sentence before, the
  // conversation so far, the paragraph before.
  std::optional<Found> context(const Item& it, const std::vector<Item>& items, std::size_t p);

  // The subject of a speech verb in the last sentence of the paragraph before (skipping photo credits)
  // when that sentence holds no quotation; `colon_only`: only when it ends with a colon ("He said:").
  std::optional<Found> previous_paragraph_speaker(std::size_t p, bool colon_only);
  std::optional<Found> find_previous_paragraph_speaker(std::size_t p, bool colon_only);

  // Speaker, entity, cue and confidence of an output quotation; photo credits never speak.
  void fill_speaker(Quote& q, const Found& f) const;
};

}  // namespace factpipe::quotes::detail
