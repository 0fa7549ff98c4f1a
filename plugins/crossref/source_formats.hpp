#pragma once
// Reading a source corpus: plain-text documents, JSON / JSON-lines documents
// ({id, title, url, publisher, date, text, kind?}) and schema.org ClaimReview JSON-LD
// (single object, array or @graph). A bad record is reported with file and line; the rest is read.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace factpipe::crossref {

struct SourceRecord {
  std::string id, title, url, publisher, date;
  std::string kind = "source";  // source | factcheck | transcript
  std::string text;
  // Fact-check fields (kind == factcheck).
  std::string claim_reviewed, rating, claimant;
};

struct RecordError {
  std::string file;
  std::size_t line = 0;  // 1-based; 0 when unknown
  std::string message;
  std::string to_string() const;
};

// Files under `root` (or `root` itself) that the index reads, sorted. Sidecars (*.meta.json) and answer
// keys (*.gold.json) are not sources.
std::vector<std::filesystem::path> source_files(const std::filesystem::path& root);
bool is_source_file(const std::filesystem::path& p);

// Parses one file's bytes. Calls `on_record` per good record and `on_error` per bad one. `content` is taken
// by value: a plain-text file's bytes become its record's text without a copy.
void parse_source_file(const std::filesystem::path& path, std::string content,
                       const std::function<void(SourceRecord&&)>& on_record,
                       const std::function<void(RecordError&&)>& on_error);

}  // namespace factpipe::crossref
