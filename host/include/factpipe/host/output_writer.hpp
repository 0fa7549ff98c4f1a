#pragma once
// Where processed documents go, by `-o` and `--format`:
//   -o -              stdout: jsonl one line per document (flushed as it goes), json one object (or an
//                     array for several), a report format as the report text
//   -o x.json/.jsonl  one file (json: object or array), when the one format is json/jsonl
// Files are written under NAME.partial and renamed when complete (atomic_file.hpp); documents are written
// as they finish (json to one file: an array from the second document on).
//   -o DIR (default out/)  DIR/<id>.json, DIR/documents.jsonl, DIR/<id>.html ..., and for a batch of
//                     several documents DIR/index.html / index.md / index.claimreview.jsonld
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include <factpipe/document.hpp>
#include <factpipe/host/atomic_file.hpp>
#include <factpipe/json_limits.hpp>

namespace factpipe::host {

struct OutputOptions {
  std::string target = "out";  // "-" for stdout
  std::vector<std::string> formats{"json"};
  Json report_settings = Json::object();  // the pipeline's `report:` section
  std::string pipeline_file;
  std::size_t max_json_depth = kDefaultMaxJsonDepth;  // an `extra` nested deeper fails its document
};

// The formats `--format` accepts in this build (json, jsonl, and the report formats when built in).
std::vector<std::string> supported_formats();
// Throws ConfigError for an unknown format or a combination the target cannot take.
void check_output_options(const OutputOptions& options);

class OutputWriter {
 public:
  explicit OutputWriter(OutputOptions options, std::ostream& stdout_stream);
  ~OutputWriter();
  // `rendered`: the document already serialised by render() (in a worker thread), or null.
  // Throws OutputError when the output cannot be written, JsonError when the document cannot be serialised
  // (nothing of it is written then).
  void write(const Document& doc, const std::string* rendered = nullptr);
  // The serialisation write() can take pre-made, or null when the output needs the document itself.
  std::function<std::string(const Document&)> renderer() const;
  void record_failure(const std::string& id, const std::string& reason);
  void finish();  // indexes, closing brackets
  std::vector<std::filesystem::path> files_written() const { return written_; }

 private:
  std::string unique_stem(const std::string& id);
  void write_file(const std::filesystem::path& path, const std::string& content);
  void write_stdout(std::string_view text);
  void stream_json(const std::string& pretty);  // json to stdout or to one file, streamed
  void finish_json();
  struct Reports;  // the report writers' batch index rows (when built with host/report)
  OutputOptions options_;
  std::ostream& stdout_;
  bool to_stdout_ = false, single_file_ = false;
  std::filesystem::path dir_;
  std::unique_ptr<AtomicFile> stream_file_;  // -o FILE, or DIR/documents.jsonl
  std::string first_json_;                   // json: the first document, until a second makes an array
  std::size_t json_documents_ = 0;
  std::set<std::string> used_names_;
  std::vector<std::filesystem::path> written_;
  std::unique_ptr<Reports> reports_;
  std::size_t documents_ = 0;
};

}  // namespace factpipe::host
