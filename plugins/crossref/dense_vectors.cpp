#include "dense_vectors.hpp"

#include <algorithm>
#include <cstring>
#include <iostream>
#include <mutex>

#include <factpipe/encoder/sentence_encoder.hpp>

namespace factpipe::crossref {

std::shared_ptr<const encoder::SentenceEncoder> load_encoder_or_warn(const std::filesystem::path& model_dir) {
  try {
    return encoder::SentenceEncoder::load(model_dir.empty() ? encoder::default_model_dir() : model_dir);
  } catch (const encoder::ModelError& e) {
    static std::once_flag said;
    std::call_once(said, [&] {
      std::cerr << "crossref: no sentence-encoder model, fact-check matching uses words only (run "
                   "scripts/fetch-model.sh): "
                << e.what() << "\n";
    });
    return nullptr;
  }
}

std::size_t store_factcheck_vectors(Database& db,
                                    const std::function<std::shared_ptr<const encoder::SentenceEncoder>()>& encoder) {
  db.exec(
      "CREATE TABLE IF NOT EXISTS factcheck_vectors(source INTEGER PRIMARY KEY, vector BLOB NOT NULL, title_vector "
      "BLOB);"
      "DELETE FROM factcheck_vectors WHERE source NOT IN (SELECT id FROM sources WHERE kind = 'factcheck');");
  auto list = db.prepare(
      "SELECT id, text, title FROM sources WHERE kind = 'factcheck' AND id NOT IN (SELECT source FROM "
      "factcheck_vectors) ORDER BY id");
  auto add = db.prepare("INSERT INTO factcheck_vectors(source, vector, title_vector) VALUES(?1, ?2, ?3)");
  std::size_t written = 0;
  std::vector<std::int64_t> ids;
  std::vector<std::string> texts, titles;
  std::shared_ptr<const encoder::SentenceEncoder> enc;
  auto flush = [&] {
    // Titles are encoded on their own (a title is not the claim: the learned ranker reads both cosines).
    std::vector<std::string> titled;
    for (const auto& t : titles)
      if (!t.empty()) titled.push_back(t);
    auto vs = enc->encode_batch(texts);
    auto ts = enc->encode_batch(titled);
    std::size_t k = 0;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      add.bind(1, ids[i]).bind_blob(2, vs[i].data(), vs[i].size() * sizeof(float));
      if (titles[i].empty()) add.bind_null(3);
      else {
        add.bind_blob(3, ts[k].data(), ts[k].size() * sizeof(float));
        ++k;
      }
      add.run();
    }
    written += ids.size();
    ids.clear();
    texts.clear();
    titles.clear();
  };
  while (list.step()) {
    if (!enc && !(enc = encoder())) return 0;
    ids.push_back(list.int64(0));
    texts.push_back(list.text(1));
    titles.push_back(list.text(2));
    if (ids.size() >= 256) flush();
  }
  if (!ids.empty()) flush();
  return written;
}

std::int64_t count_factchecks(const std::string& path) {
  Database db(path, Database::Mode::read_only);
  auto st = db.prepare("SELECT count(*) FROM sources WHERE kind = 'factcheck'");
  return st.step() ? st.int64(0) : 0;
}

std::shared_ptr<const DenseIndex> load_dense_index(const std::string& path) {
  Database db(path, Database::Mode::read_only);
  auto has = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'factcheck_vectors'");
  if (!has.step()) return nullptr;
  auto out = std::make_shared<DenseIndex>();
  // An index written before titles had vectors (schema 7, opened as `db` without sources, so not rebuilt):
  // no title vectors, the title features stay 0 (rebuild it with `factpipe index` to have them).
  bool title_column = false;
  auto columns = db.prepare("SELECT name FROM pragma_table_info('factcheck_vectors')");
  while (columns.step()) title_column = title_column || columns.text(0) == "title_vector";
  auto rows = db.prepare(std::string("SELECT source, vector, ") + (title_column ? "title_vector" : "NULL") +
                         " FROM factcheck_vectors ORDER BY source");
  while (rows.step()) {
    auto blob = rows.blob(1);
    int dim = static_cast<int>(blob.size() / sizeof(float));
    if (dim == 0 || (out->dim != 0 && dim != out->dim)) continue;
    out->dim = dim;
    out->row_of[rows.int64(0)] = out->sources.size();
    out->sources.push_back(rows.int64(0));
    out->passages.push_back(0);
    std::size_t at = out->vectors.size();
    out->vectors.resize(at + static_cast<std::size_t>(dim));
    std::memcpy(out->vectors.data() + at, blob.data(), blob.size());
    auto title = rows.blob(2);
    out->title_vectors.resize(at + static_cast<std::size_t>(dim), 0.0f);
    const bool titled = title.size() == blob.size();
    if (titled) std::memcpy(out->title_vectors.data() + at, title.data(), title.size());
    out->has_title.push_back(titled ? 1 : 0);
  }
  if (out->sources.empty()) return nullptr;
  // Each fact-check's first passage, in one pass over the passages in id order (the first seen is the least
  // id). passage_meta has no index on `source`: a lookup per fact-check scanned every passage each time
  // (10k fact-checks in a 1M-passage index: minutes at engine start).
  auto passages = db.prepare("SELECT id, source FROM passage_meta ORDER BY id");
  std::size_t found = 0;
  while (found < out->size() && passages.step())
    if (auto it = out->row_of.find(passages.int64(1)); it != out->row_of.end() && out->passages[it->second] == 0) {
      out->passages[it->second] = passages.int64(0);
      ++found;
    }
  return out;
}

namespace {

// Four floats, a vector register on every target GCC and Clang build for (emulated where there is none).
using Float4 = float __attribute__((vector_size(16)));

Float4 load4(const float* p) {
  Float4 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// Four running sums of four lanes, added up at the end. One sum in order (a float reduction the compiler may
// not reorder) waited on every addition: ~4 cycles per float, 3 ms per query over 10k vectors of 512.
float dot(const float* a, const float* b, std::size_t d) {
  Float4 s0 = {}, s1 = {}, s2 = {}, s3 = {};
  std::size_t j = 0;
  for (; j + 16 <= d; j += 16) {
    s0 += load4(a + j) * load4(b + j);
    s1 += load4(a + j + 4) * load4(b + j + 4);
    s2 += load4(a + j + 8) * load4(b + j + 8);
    s3 += load4(a + j + 12) * load4(b + j + 12);
  }
  const Float4 s = (s0 + s1) + (s2 + s3);
  float total = (s[0] + s[1]) + (s[2] + s[3]);
  for (; j < d; ++j) total += a[j] * b[j];
  return total;
}

}  // namespace

std::vector<float> cosines(const DenseIndex& index, const std::vector<float>& query) {
  std::vector<float> out(index.size(), 0.0f);
  if (static_cast<int>(query.size()) != index.dim) return out;
  const std::size_t d = query.size();
  for (std::size_t r = 0; r < index.size(); ++r) out[r] = dot(index.vectors.data() + r * d, query.data(), d);
  return out;
}

std::vector<std::vector<float>> cosines(const DenseIndex& index, const std::vector<std::vector<float>>& queries) {
  std::vector<std::vector<float>> out(queries.size(), std::vector<float>(index.size(), 0.0f));
  std::vector<std::size_t> valid;  // queries of the index's width (others score 0, as cosines() does)
  for (std::size_t q = 0; q < queries.size(); ++q)
    if (static_cast<int>(queries[q].size()) == index.dim) valid.push_back(q);
  const std::size_t d = static_cast<std::size_t>(std::max(index.dim, 0));
  // A row stays in the first-level cache while it meets up to 8 queries (8 x 2 KB at 512 floats).
  constexpr std::size_t kGroup = 8;
  for (std::size_t first = 0; first < valid.size(); first += kGroup) {
    const std::size_t last = std::min(valid.size(), first + kGroup);
    for (std::size_t r = 0; r < index.size(); ++r) {
      const float* row = index.vectors.data() + r * d;
      for (std::size_t k = first; k < last; ++k) out[valid[k]][r] = dot(row, queries[valid[k]].data(), d);
    }
  }
  return out;
}

std::optional<float> title_cosine(const DenseIndex& index, std::size_t row, const std::vector<float>& query) {
  if (row >= index.size() || !index.has_title[row] || static_cast<int>(query.size()) != index.dim) return std::nullopt;
  return dot(index.title_vectors.data() + row * query.size(), query.data(), query.size());
}

std::vector<std::size_t> top_rows(const std::vector<float>& cos, std::size_t k) {
  std::vector<std::size_t> rows(cos.size());
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = i;
  k = std::min(k, rows.size());
  std::partial_sort(rows.begin(), rows.begin() + static_cast<long>(k), rows.end(),
                    [&](std::size_t a, std::size_t b) { return cos[a] > cos[b] || (cos[a] == cos[b] && a < b); });
  rows.resize(k);
  return rows;
}

}  // namespace factpipe::crossref
