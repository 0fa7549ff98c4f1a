#include "crossref_engine.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include <chrono>
#include <cstdio>

#include <factpipe/encoder/sentence_encoder.hpp>

#include "content_tokenizer.hpp"
#include "dense_vectors.hpp"
#include "fts_query.hpp"
#include "index_reader.hpp"
#include "near_duplicates.hpp"
#include "word_diff.hpp"
#include "wordnet.hpp"

namespace factpipe::crossref {

// Borrows a reader for the length of one call, in one read transaction, and gives it back.
class Engine::Lease {
 public:
  explicit Lease(Engine& e) : engine_(e), reader_(e.acquire()) {
    try {
      reader_->begin_read();
    } catch (...) {
      engine_.release(std::move(reader_));
      throw;
    }
  }
  ~Lease() {
    reader_->end_read();
    engine_.release(std::move(reader_));
  }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  IndexReader* operator->() { return reader_.get(); }
  IndexReader& operator*() { return *reader_; }

 private:
  Engine& engine_;
  std::unique_ptr<IndexReader> reader_;
};

Engine::Engine(std::filesystem::path db, EngineConfig config, std::shared_ptr<const WordNet> wordnet)
    : db_(std::move(db)), config_(config), wordnet_(std::move(wordnet)) {
  // Open once now so a bad file fails at configure time; term statistics are read once for all threads.
  if (!db_.empty()) {
    doc_freqs_ = load_doc_freqs(db_.string());
    near_duplicates_ = load_near_duplicates(db_.string());
    if (config_.dense || config_.dense_weight > 0) {
      dense_ = load_dense_index(db_.string());
      if (!dense_ && count_factchecks(db_.string()) > 0)
        std::fprintf(stderr,
                     "crossref: the index %s has fact-checks but no sentence vectors (built without the encoder's "
                     "model): fact-check matching uses words only; rebuild it after scripts/fetch-model.sh\n",
                     db_.string().c_str());
      else if (dense_ && !(encoder_ = load_encoder_or_warn(config_.model_dir))) dense_.reset();
    }
  }
  // A model that reads sentence vectors needs its words-only model when there are none.
  for (const auto* m : {config_.ranker.get(), config_.factcheck_ranker.get()})
    if (m && !m->for_vectors(dense_ != nullptr))
      throw std::runtime_error("crossref: the ranking model (" + m->about.dump() +
                               ") reads sentence vectors, which this index or machine lacks, and has no "
                               "\"without_dense\" model");
}

Engine::~Engine() {
  if (auto n = dense_lookups_.load(); n > 0)
    std::fprintf(stderr, "crossref: dense lookups: %lld claims, %.2f ms each (encode + cosine over %zu vectors)\n",
                 static_cast<long long>(n), static_cast<double>(dense_micros_.load()) / 1000.0 / static_cast<double>(n),
                 dense_->size());
}

std::unique_ptr<IndexReader> Engine::acquire() {
  {
    std::lock_guard lock(pool_mutex_);
    if (!pool_.empty()) {
      auto r = std::move(pool_.back());
      pool_.pop_back();
      return r;
    }
  }
  return std::make_unique<IndexReader>(db_.string(), config_.title_weight, config_.body_weight, doc_freqs_);
}

void Engine::release(std::unique_ptr<IndexReader> r) {
  if (!r) return;
  std::lock_guard lock(pool_mutex_);
  pool_.push_back(std::move(r));
}

ClaimProfile Engine::profile(const ClaimInput& claim) {
  if (!has_index())
    return profile_claim(claim.text, claim.entities, claim.claimant, nullptr,
                         config_.synonyms ? wordnet_.get() : nullptr);
  Lease reader(*this);
  return profile_claim(
      claim.text, claim.entities, claim.claimant, [&](const std::string& s) { return reader->idf(s); },
      config_.synonyms ? wordnet_.get() : nullptr);
}

std::vector<ClaimVector> Engine::claim_vectors(const std::vector<std::string>& texts) const {
  if (!dense_ || !config_.rerank || texts.empty()) return {};
  auto t0 = std::chrono::steady_clock::now();
  auto vectors = encoder_->encode_batch(texts);
  auto cos = cosines(*dense_, vectors);
  std::vector<ClaimVector> out(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) out[i] = ClaimVector{std::move(vectors[i]), std::move(cos[i])};
  dense_micros_ += std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

namespace {

// The second query for a post with an author (EngineConfig::author_candidates): the claim's words and the
// rarest words of the author's name whose postings fit in max_postings (none fit: no query), summed idf; the
// best fact-checks not yet in the pool. Rows read are kept in `fetched`.
std::vector<Candidate> author_candidates(IndexReader& reader, const std::string& author,
                                         const std::vector<std::pair<std::string, double>>& claim_words,
                                         const std::vector<Candidate>& pool,
                                         std::unordered_map<std::int64_t, PassageRow>& fetched,
                                         const EngineConfig& config) {
  std::vector<std::pair<std::int64_t, std::string>> by_df;
  for (const auto& t : analyze(author)) {
    if (!is_content(t) || !indexed_word(t.lower)) continue;
    std::int64_t df = reader.doc_freq(t.stem);
    if (df > 0) by_df.emplace_back(df, t.lower);
  }
  std::sort(by_df.begin(), by_df.end());
  by_df.erase(std::unique(by_df.begin(), by_df.end()), by_df.end());
  std::vector<std::pair<std::string, double>> query;
  std::int64_t postings = 0;
  for (const auto& [df, w] : by_df) {
    if (postings + df > config.max_postings) break;
    postings += df;
    query.emplace_back(w, reader.idf_of(df));
  }
  std::vector<Candidate> out;
  if (query.empty()) return out;
  for (const auto& cw : claim_words)
    if (std::none_of(query.begin(), query.end(), [&](const auto& q) { return q.first == cw.first; }))
      query.push_back(cw);
  std::unordered_set<std::int64_t> have;
  for (const auto& c : pool) have.insert(c.id);
  // More than asked for: some are already in the pool or are not fact-checks.
  for (const auto& c : reader.search_idf(query, config.author_candidates * 3)) {
    if (!have.insert(c.id).second) continue;
    auto it = fetched.find(c.id);
    if (it == fetched.end()) it = fetched.emplace(c.id, reader.passage(c.id)).first;
    if (it->second.kind != "factcheck") continue;
    out.push_back({c.id, 0.0});
    if (static_cast<int>(out.size()) >= config.author_candidates) break;
  }
  return out;
}

}  // namespace

std::vector<RankedPassage> Engine::rank(const ClaimInput& claim, int limit, ClaimProfile* profile_out,
                                        const ClaimVector* claim_vector) {
  std::vector<RankedPassage> out;
  if (!has_index()) return out;
  Lease reader(*this);
  ClaimProfile prof = profile_claim(
      claim.text, claim.entities, claim.claimant, [&](const std::string& s) { return reader->idf(s); },
      config_.synonyms ? wordnet_.get() : nullptr);
  std::vector<std::pair<std::int64_t, std::string>> by_df;
  for (const auto& t : prof.terms) {
    std::int64_t df = reader->doc_freq(t.stem);
    if (df > 0) by_df.emplace_back(df, t.lower);
  }
  // Numbers are words too in the index ("412,000" -> 412, 000): the leading digits of each, under the same budget.
  for (const auto& n : prof.numbers) {
    std::string digits;
    for (std::size_t i = n.start; i < n.end && i < claim.text.size(); ++i) {
      char c = claim.text[i];
      if (c >= '0' && c <= '9') digits += c;
      else if (!digits.empty()) break;
    }
    if (digits.empty()) continue;
    std::int64_t df = reader->doc_freq(digits);
    if (df > 0) by_df.emplace_back(df, digits);
  }
  std::sort(by_df.begin(), by_df.end());
  by_df.erase(std::unique(by_df.begin(), by_df.end()), by_df.end());
  // The first stage by the work the query implies. On a large index FTS5's bm25() costs a row lookup per
  // matching passage, so candidates come from the summed idf of the claim's rarest words (their document
  // frequencies may add up to at most max_postings, at least two words). On a small index (at most 200,000
  // passages), when all the claim's words together have at most exact_postings postings, source passages are
  // found by bm25() over every word (term frequency and length normalisation tell a sentence about the claim's
  // common words from one that only mentions them: Climate-FEVER's "warming", "CO2"), fact-checks still by the
  // summed idf of the rarest words (one-sentence claims of similar length: on CLEF-2020 bm25() or all words
  // cost MAP).
  std::int64_t all_postings = 0;
  for (const auto& [df, w] : by_df) all_postings += df;
  // bm25() costs ~3 us per matching row on a 1M-passage index (cold, large b-trees: 5,000 postings were a
  // 30 ms p99 in crossref_bench) but far less on a small one whose pages stay cached.
  constexpr std::int64_t kSmallIndex = 200000;
  bool small =
      config_.idf_candidates && all_postings <= config_.exact_postings && reader->passage_total() <= kSmallIndex;
  std::vector<std::string> words, all_words;  // within the budget; all (up to max_query_terms)
  std::vector<std::pair<std::string, double>> weighted, all_weighted;
  std::int64_t postings = 0;
  bool within = true;
  for (auto& [df, w] : by_df) {
    if (static_cast<int>(all_words.size()) >= config_.max_query_terms) break;
    if (std::find(all_words.begin(), all_words.end(), w) != all_words.end()) continue;
    double idf = reader->idf_of(df);
    all_words.push_back(w);
    all_weighted.emplace_back(w, idf);
    if (words.size() >= 2 && postings + df > config_.max_postings) within = false;
    if (!within) continue;
    postings += df;
    words.push_back(w);
    weighted.emplace_back(w, idf);
  }
  std::unordered_map<std::int64_t, PassageRow> fetched;  // rows read while choosing candidates
  std::vector<Candidate> cands;
  if (!config_.idf_candidates) {
    cands = reader->search(fts_or_query(words), config_.candidates);
  } else if (!small) {
    cands = reader->search_idf(weighted, config_.candidates);
  } else {
    auto take = [&](const std::vector<Candidate>& list, bool factchecks) {
      std::vector<Candidate> kept;
      for (const auto& c : list) {
        auto it = fetched.find(c.id);
        if (it == fetched.end()) it = fetched.emplace(c.id, reader->passage(c.id)).first;
        if ((it->second.kind == "factcheck") == factchecks) kept.push_back(c);
      }
      return kept;
    };
    cands = take(reader->search(fts_or_query(all_words), config_.candidates), false);
    // Scored like the fact-checks, by summed idf (of all the words): the re-ranking weights were fitted on it.
    reader->rescore_idf(all_weighted, cands);
    for (const auto& c : take(reader->search_idf(weighted, config_.candidates), true)) cands.push_back(c);
    std::stable_sort(cands.begin(), cands.end(), [](const Candidate& a, const Candidate& b) {
      return a.bm25 > b.bm25 || (a.bm25 == b.bm25 && a.id < b.id);
    });
  }
  // The fact-checks nearest the claim's sentence vector join the pool (scored by the same summed idf).
  const std::size_t word_candidates = cands.size();
  ClaimVector vec;
  const std::vector<float>& cos = vec.cosines;
  if (dense_ && config_.rerank) {
    auto t0 = std::chrono::steady_clock::now();
    if (claim_vector && !claim_vector->cosines.empty()) {
      vec = *claim_vector;
    } else {
      vec.vector = encoder_->encode(claim.text);
      vec.cosines = cosines(*dense_, vec.vector);
    }
    auto top = top_rows(cos, static_cast<std::size_t>(std::max(config_.dense_candidates, 0)));
    dense_micros_ +=
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count();
    ++dense_lookups_;
    std::unordered_set<std::int64_t> have;
    for (const auto& c : cands) have.insert(c.id);
    std::vector<Candidate> extra;
    for (std::size_t r : top)
      if (dense_->passages[r] > 0 && have.insert(dense_->passages[r]).second)
        extra.push_back({dense_->passages[r], 0.0});
    if (!extra.empty()) {
      reader->rescore_idf(weighted, extra);
      cands.insert(cands.end(), extra.begin(), extra.end());
    }
  }
  // The post's author: fact-checks that name the author and hold the claim's words (scored by the claim's
  // words alone, like the nearest-vector extras).
  const std::size_t before_author = cands.size();
  if (config_.author_candidates > 0 && !claim.author.empty()) {
    auto extra = author_candidates(*reader, claim.author, weighted, cands, fetched, config_);
    if (!extra.empty()) {
      reader->rescore_idf(weighted, extra);
      cands.insert(cands.end(), extra.begin(), extra.end());
    }
  }
  if (cands.empty()) return out;
  double best_bm25 = cands.front().bm25 > 0 ? cands.front().bm25 : 1.0;
  bool figures = !prof.numbers.empty() || !prof.years.empty();
  const Weights& w = config_.weights;
  // Two phases for the weighted sum: every candidate gets the cheap features (words only); the number and
  // sentence analysis (the costliest part of a profile) runs only for candidates whose best possible score
  // (numbers and dates all found) can still reach the `limit` best sources. The result is exactly that of
  // profiling every candidate. The learned ranker compares all candidates' features, so it profiles all.
  std::vector<PassageRow> rows;
  rows.reserve(cands.size());
  for (const auto& c : cands) {
    auto it = fetched.find(c.id);
    rows.push_back(it != fetched.end() ? std::move(it->second) : reader->passage(c.id));
  }
  const bool learned_factchecks =
      config_.rerank && !config_.ranker && config_.factcheck_ranker &&
      std::any_of(rows.begin(), rows.end(), [](const PassageRow& r) { return r.kind == "factcheck"; });
  bool two_phase = figures && config_.rerank && !config_.ranker && !learned_factchecks && w.numbers >= 0 &&
                   w.dates >= 0 && limit > 0;
  std::vector<RankedPassage> ranked;
  ranked.reserve(cands.size());
  for (std::size_t i = 0; i < cands.size(); ++i) {
    PassageRow& row = rows[i];
    RankedPassage p;
    p.id = row.id;
    p.source = row.source;
    p.sid = std::move(row.sid);
    p.title = std::move(row.title);
    p.url = std::move(row.url);
    p.publisher = std::move(row.publisher);
    p.date = std::move(row.date);
    p.kind = std::move(row.kind);
    p.rating = std::move(row.rating);
    p.claimant = std::move(row.claimant);
    p.start = row.start;
    p.end = row.end;
    p.author_candidate = i >= before_author;
    p.profile = profile_passage(row.text, figures && !two_phase);
    p.features = compute_features(
        prof, p.profile, p.title, p.publisher + " " + p.claimant, [&](const std::string& s) { return reader->idf(s); },
        p.kind != "factcheck");
    p.features.bm25 = cands[i].bm25 / best_bm25;
    // The baseline keeps BM25's order exactly (rank as a tie-free score).
    p.score = config_.rerank ? w.combine(p.features) : 1.0 - static_cast<double>(i) / static_cast<double>(cands.size());
    ranked.push_back(std::move(p));
  }
  if (two_phase) {
    // Upper bounds: the word-only score plus the number and date weights the claim can still earn.
    double headroom = (prof.numbers.empty() ? 0.0 : w.numbers) + (prof.years.empty() ? 0.0 : w.dates);
    std::vector<std::size_t> order(ranked.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return ranked[a].score > ranked[b].score; });
    std::vector<bool> done(ranked.size(), false);
    // The score of the `limit`-th best source among the completed candidates (-inf while fewer).
    auto threshold = [&]() {
      std::unordered_map<std::int64_t, double> best;
      for (std::size_t i = 0; i < ranked.size(); ++i) {
        if (!done[i]) continue;
        auto [it, fresh] = best.emplace(ranked[i].source, ranked[i].score);
        if (!fresh) it->second = std::max(it->second, ranked[i].score);
      }
      if (static_cast<int>(best.size()) < limit) return -std::numeric_limits<double>::infinity();
      std::vector<double> scores;
      for (const auto& [src, sc] : best) scores.push_back(sc);
      std::nth_element(scores.begin(), scores.begin() + (limit - 1), scores.end(), std::greater<>());
      return scores[static_cast<std::size_t>(limit - 1)];
    };
    double t = -std::numeric_limits<double>::infinity();
    for (std::size_t i : order) {
      // Every remaining candidate's score is at most its bound, which is below the limit-th source's score
      // (with a margin for the rounding of sums taken in another order).
      if (ranked[i].score + headroom + 1e-9 < t) break;
      auto& p = ranked[i];
      complete_profile(p.profile);
      number_features(prof, p.profile, p.features);
      p.score = w.combine(p.features);
      done[i] = true;
      t = threshold();
    }
    // Candidates never completed cannot be among the best `limit` sources: dropped.
    std::size_t k = 0;
    for (std::size_t i = 0; i < ranked.size(); ++i) {
      if (!done[i]) continue;
      if (k != i) ranked[k] = std::move(ranked[i]);
      ++k;
    }
    ranked.resize(k);
  }
  // The learned re-ranker scores each candidate against the claim and the other candidates (a logistic of
  // the linear score, so scores stay in (0, 1) like the weighted sum's and min_score keeps its meaning).
  // The claim's cosine with a fact-check's vector (none for other sources).
  // `i`: the candidate's place in `cands` (the same as in `ranked` whenever a learned model scores: only the
  // weighted sum's two phases drop candidates).
  auto view_of = [&](const RankedPassage& p, std::size_t i) {
    CandidateView v{&p.profile, &p.title, &p.features, p.features.bm25, p.kind == "factcheck"};
    v.word_candidate = i < word_candidates;
    v.author_candidate = p.author_candidate;
    if (!cos.empty())
      if (auto it = dense_->row_of.find(p.source); it != dense_->row_of.end()) {
        v.dense = true;
        v.cosine = static_cast<double>(cos[it->second]);
        if (auto t = title_cosine(*dense_, it->second, vec.vector)) {
          v.dense_title = true;
          v.title_cosine = static_cast<double>(*t);
        }
      }
    return v;
  };
  if (config_.rerank && config_.ranker) {
    const RankerModel& model = *config_.ranker->for_vectors(!cos.empty());
    std::vector<CandidateView> views;
    views.reserve(ranked.size());
    for (std::size_t i = 0; i < ranked.size(); ++i) views.push_back(view_of(ranked[i], i));
    auto xs = ranking_features(prof, views, [&](const std::string& s) { return reader->idf(s); });
    for (std::size_t i = 0; i < ranked.size(); ++i) {
      ranked[i].score = 1.0 / (1.0 + std::exp(-model.score(xs[i])));
      ranked[i].ranking_features = std::move(xs[i]);
    }
  }
  if (learned_factchecks) {
    const RankerModel& model = *config_.factcheck_ranker->for_vectors(!cos.empty());
    std::vector<std::size_t> which;
    std::vector<CandidateView> views;
    for (std::size_t i = 0; i < ranked.size(); ++i) {
      const auto& p = ranked[i];
      if (p.kind != "factcheck") continue;
      which.push_back(i);
      views.push_back(view_of(p, i));
    }
    auto xs = ranking_features(prof, views, [&](const std::string& s) { return reader->idf(s); });
    for (std::size_t k = 0; k < which.size(); ++k) {
      auto& p = ranked[which[k]];
      p.score = 1.0 / (1.0 + std::exp(-model.score(xs[k])));
      p.ranking_features = std::move(xs[k]);
    }
  }
  if (!cos.empty() && config_.dense_weight > 0) {
    // The mix: each fact-check's score and its cosine, both min-max normalised over the fact-check candidates
    // (the two scales differ), so the mixed score stays in [0, 1].
    double lo = 1e9, hi = -1e9, slo = 1e9, shi = -1e9;
    auto cosine_of = [&](const RankedPassage& p) {
      auto it = dense_->row_of.find(p.source);
      return it == dense_->row_of.end() ? 0.0 : static_cast<double>(cos[it->second]);
    };
    for (const auto& p : ranked) {
      if (p.kind != "factcheck") continue;
      double c = cosine_of(p);
      lo = std::min(lo, c), hi = std::max(hi, c), slo = std::min(slo, p.score), shi = std::max(shi, p.score);
    }
    const double wd = std::clamp(config_.dense_weight, 0.0, 1.0);
    for (auto& p : ranked) {
      if (p.kind != "factcheck") continue;
      double c = hi > lo ? (cosine_of(p) - lo) / (hi - lo) : 1.0;
      double sc = shi > slo ? (p.score - slo) / (shi - slo) : 1.0;
      p.score = (1.0 - wd) * sc + wd * c;
    }
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
  if (profile_out) *profile_out = std::move(prof);
  std::unordered_set<std::int64_t> seen;
  for (auto& p : ranked) {
    // A near-duplicate fact-check counts as the record that stands for its group (one result, listing all).
    if (near_duplicates_) {
      auto& nd = *near_duplicates_;
      if (auto c = nd.canonical_of.find(p.source); c != nd.canonical_of.end()) {
        p.source = c->second;
        p.sid = nd.canonical_sid.at(c->second);
      }
      if (auto o = nd.others.find(p.source); o != nd.others.end()) p.duplicates = o->second;
    }
    if (!seen.insert(p.source).second) continue;
    out.push_back(std::move(p));
    if (static_cast<int>(out.size()) >= limit) break;
  }
  return out;
}

Evidence Engine::to_evidence(const ClaimProfile& prof, const RankedPassage& p) const {
  Evidence e;
  e.kind = p.kind == "factcheck" ? "factcheck" : "passage";
  e.source_id = p.sid;
  e.title = p.title;
  e.url = p.url;
  e.publisher = p.publisher;
  e.date = p.date;
  e.passage = p.profile.text;
  e.passage_start = static_cast<std::size_t>(p.start);
  e.passage_end = static_cast<std::size_t>(p.end);
  e.score = p.score;
  PassageProfile profile = p.profile;
  complete_profile(profile);
  StanceResult st = judge_stance(prof, profile, p.features, config_.stance);
  if (e.kind == "factcheck") {
    e.rating = p.rating;
    // A fact-check of the same claim passes its rating on; one whose figures differ only discusses it.
    if (st.stance == Stance::supports || (st.stance == Stance::discusses && p.features.coverage >= 0.5)) {
      Stance rated = stance_of_rating(p.rating);
      e.stance = rated;
      e.confidence = rated == Stance::discusses ? st.confidence : std::min(1.0, 0.95 * st.confidence + 0.1);
      st.reason = "fact-check rated " + (p.rating.empty() ? std::string("(no rating)") : p.rating);
    } else {
      e.stance = st.stance == Stance::refutes ? Stance::discusses : st.stance;
      e.confidence = st.confidence;
    }
  } else {
    e.stance = st.stance;
    e.confidence = st.confidence;
  }
  const Features& f = p.features;
  e.extra = Json{{"crossref",
                  {{"reason", st.reason},
                   {"features",
                    {{"bm25", f.bm25},
                     {"coverage", f.coverage},
                     {"passage_coverage", f.passage_coverage},
                     {"proximity", f.proximity},
                     {"entities", f.entities},
                     {"numbers", f.numbers},
                     {"dates", f.dates},
                     {"claimant", f.claimant}}}}}};
  if (!p.claimant.empty()) e.extra["crossref"]["claimant"] = p.claimant;
  if (!p.duplicates.empty()) e.extra["crossref"]["duplicates"] = p.duplicates;
  return e;
}

std::vector<Evidence> Engine::evidence(const ClaimInput& claim) {
  std::vector<Evidence> out;
  ClaimProfile prof;
  auto ranked = rank(claim, config_.top_k * 2, &prof);
  for (const auto& p : ranked) {
    if (p.score < config_.min_score) continue;
    Evidence e = to_evidence(prof, p);
    if (e.stance == Stance::unrelated) continue;
    out.push_back(std::move(e));
    if (static_cast<int>(out.size()) >= config_.top_k) break;
  }
  return out;
}

std::optional<QuoteVerification> Engine::verify_quote(const std::string& quote, const std::string& speaker,
                                                      const std::string& before_date) {
  if (!has_index()) return std::nullopt;
  std::vector<Word> qwords = split_words(quote);
  if (qwords.empty()) return std::nullopt;
  std::vector<std::string> q;
  for (auto& w : qwords) q.push_back(w.norm);
  Lease reader(*this);
  // Candidate passages by the quote's own words (all of them: a quote is short).
  std::vector<std::string> words;
  std::unordered_set<std::string> seen;
  // Stop words are not in the index (content_tokenizer.hpp): never asked for.
  for (const auto& t : analyze(quote))
    if ((is_content(t) || qwords.size() <= 3) && indexed_word(t.lower) && seen.insert(t.stem).second)
      words.push_back(t.lower);
  if (words.empty())
    for (const auto& t : analyze(quote))
      if (indexed_word(t.lower) && seen.insert(t.stem).second) words.push_back(t.lower);
  if (words.empty()) return std::nullopt;
  auto cands = reader->search(fts_or_query(words), 40);
  std::string surname = speaker;
  if (auto sp = speaker.find_last_of(' '); sp != std::string::npos) surname = speaker.substr(sp + 1);
  if (surname == "Jr." || surname == "Sr.") {
    auto rest = speaker.substr(0, speaker.find_last_of(' '));
    surname = rest.substr(rest.find_last_of(' ') == std::string::npos ? 0 : rest.find_last_of(' ') + 1);
  }
  std::vector<std::int64_t> sources;
  std::unordered_map<std::int64_t, std::string> windows;  // candidate passages per source (for long sources)
  for (const auto& c : cands) {
    PassageRow row = reader->passage(c.id);
    if (std::find(sources.begin(), sources.end(), row.source) != sources.end()) {
      windows[row.source] += "\n" + row.text;
      continue;
    }
    windows[row.source] += row.text;
    if (row.kind == "factcheck") continue;
    if (!before_date.empty() && !row.date.empty() && row.date.substr(0, 10) > before_date.substr(0, 10)) continue;
    bool transcript = row.kind == "transcript";
    bool same_speaker = !surname.empty() && reader->source_mentions(row.source, surname);
    if (!transcript && !same_speaker) continue;
    sources.push_back(row.source);
    if (sources.size() >= 6) break;
  }
  if (sources.empty()) return std::nullopt;
  QuoteVerification best;
  best.status = "not_found";
  double best_sim = -1;
  for (auto sid : sources) {
    auto src = reader->source(sid);
    // The alignment is quadratic: a long source is searched only around its matching passages.
    if (src.text.size() > 60000) src.text = windows[sid];
    std::vector<Word> swords = split_words(src.text);
    std::vector<std::string> s;
    s.reserve(swords.size());
    for (auto& w : swords) s.push_back(w.norm);
    Alignment a = align_quote(q, s);
    if (a.similarity <= best_sim) continue;
    best_sim = a.similarity;
    best = QuoteVerification{};
    best.source_id = src.sid;
    best.title = src.title;
    best.url = src.url;
    best.similarity = a.similarity;
    bool verbatim = a.common == q.size() && a.end - a.begin == q.size();
    bool altered = a.similarity >= config_.quote_min_similarity && a.common >= 2;
    best.status = verbatim ? "verbatim" : altered ? "altered" : "not_found";
    if (verbatim || altered) {
      best.passage = src.text.substr(swords[a.begin].start, swords[a.end - 1].end - swords[a.begin].start);
      if (altered && !verbatim)
        best.diff = word_diff(
            q, std::vector<std::string>(s.begin() + static_cast<long>(a.begin), s.begin() + static_cast<long>(a.end)));
    }
  }
  return best;
}

}  // namespace factpipe::crossref
