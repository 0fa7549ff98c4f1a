#pragma once
// Sentence vectors of the fact-checks (issue #13): written at index time when the encoder's model is present
// (table factcheck_vectors(source, vector, title_vector): 512 float32 per fact-check record for its claim text
// and, when it has a title, 512 for the title), read once per engine. The claim-text vectors are searched by
// brute-force cosine (the vectors are L2-normalised: a dot product), which is fast enough for fact-check
// collections of ~10k records; a title's cosine is taken for the candidates only.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sqlite_handle.hpp"

namespace factpipe::encoder {
class SentenceEncoder;
}

namespace factpipe::crossref {

// The encoder of `model_dir` (empty: the default model folder), or null when the model is absent: then says
// once on stderr what to run (scripts/fetch-model.sh).
std::shared_ptr<const encoder::SentenceEncoder> load_encoder_or_warn(const std::filesystem::path& model_dir = {});

// Brings factcheck_vectors in line with the index's fact-check sources (inside the caller's transaction):
// rows of removed sources dropped, new fact-checks encoded. `encoder` is called (once) only when there is a
// fact-check to encode; when it gives null (no model) the new fact-checks stay without vectors.
// Returns how many vectors were written.
std::size_t store_factcheck_vectors(Database& db,
                                    const std::function<std::shared_ptr<const encoder::SentenceEncoder>()>& encoder);

struct DenseIndex {
  int dim = 0;
  std::vector<std::int64_t> sources;                     // row -> fact-check source id
  std::vector<std::int64_t> passages;                    // row -> its first passage (the candidate the pool gets)
  std::vector<float> vectors;                            // rows x dim: the fact-check's claim text
  std::vector<float> title_vectors;                      // rows x dim: its title (zeros where it has none)
  std::vector<char> has_title;                           // row -> a title vector is stored
  std::unordered_map<std::int64_t, std::size_t> row_of;  // source id -> row
  std::size_t size() const { return sources.size(); }
};
// How many fact-check sources the index holds.
std::int64_t count_factchecks(const std::string& path);
// The vectors of an index (null when it has none).
std::shared_ptr<const DenseIndex> load_dense_index(const std::string& path);

// Cosine of `query` with every row.
std::vector<float> cosines(const DenseIndex& index, const std::vector<float>& query);
// cosines() of each query, bit for bit, in one pass over the rows per few queries: the vectors (20 MB for 10k
// fact-checks) are read from memory once for the claims of a document, not once per claim.
std::vector<std::vector<float>> cosines(const DenseIndex& index, const std::vector<std::vector<float>>& queries);
// A claim's sentence vector and its cosine with every row (Engine::claim_vectors, Engine::rank).
struct ClaimVector {
  std::vector<float> vector, cosines;
};
// Cosine of `query` with the title of `row`; nullopt when that fact-check has no title vector.
std::optional<float> title_cosine(const DenseIndex& index, std::size_t row, const std::vector<float>& query);
// The rows of the `k` highest cosines, best first.
std::vector<std::size_t> top_rows(const std::vector<float>& cos, std::size_t k);

}  // namespace factpipe::crossref
