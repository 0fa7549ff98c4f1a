#pragma once
// Where processed documents go, by `-o` and `--format`:
//   -o -              stdout: jsonl one line per document (flushed as it goes), json one object (or an
//                     array for several), a report format as the report text
//   -o x.json/.jsonl  one file (json: object or array), when the one format is json/jsonl
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

namespace factpipe::host {

struct OutputOptions {
  std::string target = "out";         // "-" for stdout
  std::vector<std::string> formats{"json"};
  Json report_settings = Json::object();  // the pipeline's `report:` section
  std::string pipeline_file;
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
  void write(const Document& doc, const std::string* rendered = nullptr);  // throws OutputError
  // The serialisation write() can take pre-made, or null when the output needs the document itself.
  std::function<std::string(const Document&)> renderer() const;
  void record_failure(const std::string& id, const std::string& reason);
  void finish();                                                    // indexes, closing brackets
  std::vector<std::filesystem::path> files_written() const { return written_; }

 private:
  std::string unique_stem(const std::string& id);
  void write_file(const std::filesystem::path& path, const std::string& content);
  struct Reports;  // the report writers' batch index rows (when built with host/report)
  OutputOptions options_;
  std::ostream& stdout_;
  bool to_stdout_ = false, single_file_ = false;
  std::filesystem::path dir_;
  std::unique_ptr<std::ofstream> jsonl_file_;
  std::vector<Json> pending_json_;  // json to stdout or to one file: written at finish()
  std::set<std::string> used_names_;
  std::vector<std::filesystem::path> written_;
  std::unique_ptr<Reports> reports_;
  std::size_t documents_ = 0;
};

}  // namespace factpipe::host
