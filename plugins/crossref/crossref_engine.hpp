#pragma once
// The cross-referencing work for one claim or quotation, shared by the stage, the eval tool and the
// benchmark: BM25 candidates from the index, re-ranked, one best passage per source, stance, verdict;
// and quotation checks against transcripts and earlier reports of the same speaker.
// Thread-safe: each call borrows its own read-only SQLite connection from a pool.
#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <factpipe/document.hpp>

namespace factpipe::encoder {
class SentenceEncoder;
}

#include "dense_vectors.hpp"
#include "evidence_scoring.hpp"
#include "learned_ranker.hpp"
#include "verdict.hpp"

namespace factpipe::crossref {

class IndexReader;
struct NearDuplicates;
using DocFreqMap = std::unordered_map<std::string, std::int64_t>;
class WordNet;

struct EngineConfig {
  int top_k = 5;
  double min_score = 0.0;            // re-ranked score below which a passage is not evidence
  int candidates = 20;               // candidates re-ranked per claim (50 gave no better MAP@5, 2.5x the work)
  int max_query_terms = 64;          // rarest content words of the claim put into the FTS5 query
  std::int64_t max_postings = 2000;  // ... while their document frequencies add up to at most this (min 3 words):
                                     // bounds the work of one query on a large index
  double title_weight = 1.0;         // BM25 column weights
  double body_weight = 1.0;
  bool rerank = true;                  // false: BM25 order only (the baseline)
  bool idf_candidates = true;          // candidates by summed idf (fast on large indexes); false: FTS5 bm25()
  std::int64_t exact_postings = 5000;  // on an index of at most 200,000 passages, when all the claim's words have
                                       // at most this many postings together, every word is queried: source
                                       // passages by FTS5 bm25(), fact-checks by summed idf; 0: never
  bool synonyms = true;                // WordNet synonyms in coverage features
  // Fact-check matching by sentence vectors (dense_vectors.hpp), when the index has them and the encoder's
  // model is present (else words only, said once): the `dense_candidates` fact-checks nearest the claim's
  // vector join the word candidates and the learned ranker reads the cosine as a feature. `dense_weight` > 0
  // also mixes it into each fact-check's score: (1 - w) * score + w * cosine, both min-max normalised over the
  // fact-check candidates (the first way it was used; off by default).
  bool dense = true;
  double dense_weight = 0.0;
  int dense_candidates = 20;
  // A post's author (ClaimInput::author, an embedded tweet's byline): up to this many more fact-checks from a
  // second query, the claim's words and the author's name together, join the pool (a fact-check about what the
  // author said names the author, which the post itself does not: on CLEF-2020 dev 4 of the misses). Only the
  // name's words that fit in max_postings are asked for (the cost of at most one more query). 0: off.
  int author_candidates = 10;
  std::filesystem::path model_dir;  // empty: the encoder's default model folder
  Weights weights;
  std::shared_ptr<const RankerModel> ranker;  // set: the learned re-ranker scores candidates, not `weights`
  // Set (and `ranker` not): fact-check candidates are scored by this learned model among themselves (it was
  // fitted for matching a claim to fact-checks), source passages by `weights`. The stage ranks the two kinds
  // apart, so the scales never compete.
  std::shared_ptr<const RankerModel> factcheck_ranker;
  StanceOptions stance;
  VerdictOptions verdict;
  double quote_min_similarity = 0.6;  // below: not_found
};

struct ClaimInput {
  std::string text;
  std::vector<NamedEntity> entities;
  std::string claimant;
  std::string author;  // the post's author (a byline's display name): fact-checks naming them join the pool
};

struct RankedPassage {
  PassageProfile profile;
  Features features;
  double score = 0;
  std::int64_t id = 0, source = 0;
  std::string sid, title, url, publisher, date, kind, rating, claimant;
  std::int64_t start = 0, end = 0;
  std::vector<double> ranking_features;  // the learned re-ranker's inputs (when one is configured)
  bool author_candidate = false;         // found only by the author query (EngineConfig::author_candidates)
  std::vector<std::string> duplicates;   // sids of near-duplicate fact-checks this one stands for
};

class Engine {
 public:
  // `db` may be empty: no index, so no evidence (documents of the batch can still be linked).
  Engine(std::filesystem::path db, EngineConfig config, std::shared_ptr<const WordNet> wordnet);
  ~Engine();

  const EngineConfig& config() const { return config_; }
  bool has_index() const { return !db_.empty(); }
  // Sentence vectors are in use (the index has them and the encoder's model loaded).
  bool dense() const { return dense_ != nullptr; }

  ClaimProfile profile(const ClaimInput& claim);
  // The sentence vectors and cosines rank() would compute for these claim texts (each claim's vector, and its
  // cosine with every fact-check's), for all of them at once: one encoder call (it groups sentences by length
  // and runs their pieces through the dense layers together) and one pass over the fact-check vectors per 8
  // claims. The same numbers bit for bit as claim by claim. Empty when rank() reads no vectors (dense matching
  // or re-ranking off).
  std::vector<ClaimVector> claim_vectors(const std::vector<std::string>& texts) const;
  // Candidates re-ranked, best passage per source, best first (at most `limit`). `vector`: the claim's from
  // claim_vectors() (null or empty: rank() encodes the claim and scans the vectors itself).
  std::vector<RankedPassage> rank(const ClaimInput& claim, int limit, ClaimProfile* profile_out = nullptr,
                                  const ClaimVector* vector = nullptr);
  // Ranked evidence with stances, top_k, unrelated passages dropped.
  std::vector<Evidence> evidence(const ClaimInput& claim);
  Evidence to_evidence(const ClaimProfile& profile, const RankedPassage& p) const;

  // Checks a quotation against transcripts and earlier reports naming the speaker. nullopt: nothing to check.
  std::optional<QuoteVerification> verify_quote(const std::string& quote, const std::string& speaker,
                                                const std::string& before_date);

 private:
  class Lease;
  std::unique_ptr<IndexReader> acquire();
  void release(std::unique_ptr<IndexReader> r);

  std::filesystem::path db_;
  EngineConfig config_;
  std::shared_ptr<const WordNet> wordnet_;
  std::shared_ptr<const DocFreqMap> doc_freqs_;
  std::shared_ptr<const NearDuplicates> near_duplicates_;
  std::shared_ptr<const DenseIndex> dense_;  // null: dense matching off
  std::shared_ptr<const encoder::SentenceEncoder> encoder_;
  // Reported when the engine ends: claims scanned, and the time spent encoding them and scanning.
  mutable std::atomic<std::int64_t> dense_lookups_{0}, dense_micros_{0};
  std::mutex pool_mutex_;
  std::vector<std::unique_ptr<IndexReader>> pool_;
};

}  // namespace factpipe::crossref
