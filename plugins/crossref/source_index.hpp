#pragma once
// The source index: an SQLite database of files, sources, fact-checks and passages (a sentence with its
// neighbours) with an FTS5 table over the sentences. update() brings it in line with source roots:
// unchanged files (size, mtime, content hash) are skipped, changed ones replaced, vanished ones dropped.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "source_formats.hpp"

namespace factpipe::crossref {

// PRAGMA application_id of every index ("FPSI"): a database without it is never changed.
inline constexpr std::int32_t kApplicationId = 0x46505349;
inline constexpr int kSchemaVersion =
    8;  // 8: passages split by the segmenter's sentence rules (text::split_sentences, issue #18) and fact-check
        // title vectors (dense_vectors.hpp); 7: factcheck_vectors; 6: near_duplicates (near_duplicates.hpp); 5: stop
        // words not indexed (content_tokenizer.hpp); 4: external content

struct IndexStats {
  std::size_t files_seen = 0, files_indexed = 0, files_skipped = 0, files_removed = 0;
  std::size_t sources = 0, factchecks = 0, passages = 0;
  std::uint64_t bytes = 0;  // source text bytes read from changed files
  double seconds = 0;
  std::vector<RecordError> errors;
  double mb_per_s() const { return seconds > 0 ? static_cast<double>(bytes) / 1e6 / seconds : 0.0; }
};

class Database;

struct IndexOptions {
  // update() tokenizes the passages on its reader thread and hands the tokens to the SQLite writer (the
  // bottleneck) instead of letting FTS5 tokenize there: the same index (content_tokenizer.hpp), built faster.
  bool pretokenize = true;
  // Sentence vectors of the fact-checks (dense_vectors.hpp), when the encoder's model is present.
  bool vectors = true;
  std::filesystem::path model_dir;  // the encoder's model (empty: its default folder)
};

class SourceIndex {
 public:
  // Opens (creating when missing) the index for writing. An index of another schema version is deleted and
  // built afresh (it is derived from the sources): replaced_schema() names the version it had. An update
  // that was killed midway is rolled back first. Throws, naming the file, for a damaged database or one of
  // another program (PRAGMA application_id is not kApplicationId), which is left as it is.
  explicit SourceIndex(const std::filesystem::path& db_path, IndexOptions options = {});
  ~SourceIndex();
  SourceIndex(const SourceIndex&) = delete;
  SourceIndex& operator=(const SourceIndex&) = delete;

  // Indexes every root (a file or a folder of files). Each root owns the files found under it.
  IndexStats update(const std::vector<std::filesystem::path>& roots);

  // Adds records under a synthetic file name (tools and tests that build corpora in memory).
  void add_records(const std::string& file_key, const std::vector<SourceRecord>& records);

  // True when update() would change nothing (used before opening read-only in a read-only install).
  bool up_to_date(const std::vector<std::filesystem::path>& roots);

  std::size_t passage_count();
  // How many texts FTS5 took from the pre-computed tokens instead of tokenizing (tests).
  std::size_t replayed_texts() const;
  const std::string& replaced_schema() const { return replaced_schema_; }

 private:
  struct Impl;
  std::string replaced_schema_;
  std::unique_ptr<Impl> impl_;
};

// 64-bit FNV-1a of the bytes: the content hash of a file.
std::uint64_t content_hash(std::string_view bytes);

}  // namespace factpipe::crossref
