#include <factpipe/host/output_writer.hpp>

#include <algorithm>
#include <sstream>
#include <system_error>

#include <factpipe/document_json.hpp>
#include <factpipe/host/errors.hpp>

#ifdef FACTPIPE_HAVE_REPORTS
#include "report_writers.hpp"
#endif

namespace factpipe::host {

namespace fs = std::filesystem;

namespace {

bool is_document_format(std::string_view f) { return f == "json" || f == "jsonl"; }

std::string extension_of(std::string_view format) {
  if (format == "json") return ".json";
  if (format == "jsonl") return ".jsonl";
#ifdef FACTPIPE_HAVE_REPORTS
  return report::extension(format);
#else
  return "." + std::string(format);
#endif
}

// A target naming one file rather than a directory.
bool names_a_file(const std::string& target) {
  std::error_code ec;
  if (fs::is_directory(target, ec)) return false;
  auto ext = fs::path(target).extension();
  return ext == ".json" || ext == ".jsonl";
}

// Ids become file names: anything outside [A-Za-z0-9._-] turns into '_'.
std::string safe_stem(const std::string& id) {
  std::string out;
  for (unsigned char c : id) out += (std::isalnum(c) || c == '.' || c == '_' || c == '-') ? static_cast<char>(c) : '_';
  while (!out.empty() && out.front() == '.') out.erase(out.begin());
  return out.empty() ? "document" : out;
}

}  // namespace

struct OutputWriter::Reports {
#ifdef FACTPIPE_HAVE_REPORTS
  std::vector<report::BatchEntry> rows;
  report::Options options;
#endif
};

std::vector<std::string> supported_formats() {
  std::vector<std::string> out{"json", "jsonl"};
#ifdef FACTPIPE_HAVE_REPORTS
  for (auto& f : report::formats()) out.push_back(f);
#endif
  return out;
}

void check_output_options(const OutputOptions& options) {
  if (options.formats.empty()) throw ConfigError("--format: no format given");
  auto supported = supported_formats();
  for (const auto& f : options.formats) {
    if (std::find(supported.begin(), supported.end(), f) != supported.end()) continue;
    if (f == "html" || f == "md" || f == "claimreview")
      throw ConfigError("--format " + f + ": this build of factpipe has no report writers (host/report); "
                        "use json or jsonl");
    std::string list;
    for (auto& s : supported) { if (!list.empty()) list += ", "; list += s; }
    throw ConfigError("--format: unknown format '" + f + "' (supported: " + list + ")");
  }
  if (options.target == "-" && options.formats.size() > 1)
    throw ConfigError("-o -: stdout takes one format; give a directory for several");
  if (names_a_file(options.target) && (options.formats.size() > 1 || !is_document_format(options.formats[0])))
    throw ConfigError("-o " + options.target + ": a single file takes one format, json or jsonl; give a directory "
                      "for reports or several formats");
}

OutputWriter::OutputWriter(OutputOptions options, std::ostream& stdout_stream)
    : options_(std::move(options)), stdout_(stdout_stream), reports_(std::make_unique<Reports>()) {
  check_output_options(options_);
#ifdef FACTPIPE_HAVE_REPORTS
  reports_->options.settings = options_.report_settings;
  reports_->options.pipeline_file = options_.pipeline_file;
#endif
  if (options_.target == "-") {
    to_stdout_ = true;
  } else if (names_a_file(options_.target)) {
    single_file_ = true;
    fs::path parent = fs::path(options_.target).parent_path();
    std::error_code ec;
    if (!parent.empty()) fs::create_directories(parent, ec);
    if (options_.formats[0] == "jsonl") {
      jsonl_file_ = std::make_unique<std::ofstream>(options_.target, std::ios::binary);
      if (!*jsonl_file_) throw OutputError(options_.target + ": cannot write");
      written_.push_back(options_.target);
    }
  } else {
    dir_ = options_.target;
    std::error_code ec;
    fs::create_directories(dir_, ec);
    if (ec) throw OutputError(dir_.string() + ": cannot create the output directory: " + ec.message());
  }
}

OutputWriter::~OutputWriter() = default;

std::string OutputWriter::unique_stem(const std::string& id) {
  std::string base = safe_stem(id), stem = base;
  for (int n = 2; !used_names_.insert(stem).second; ++n) stem = base + "-" + std::to_string(n);
  return stem;
}

void OutputWriter::write_file(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  if (!out) throw OutputError(path.string() + ": cannot write");
  written_.push_back(path);
}

std::function<std::string(const Document&)> OutputWriter::renderer() const {
  // One JSON line per document, wherever it goes; or one pretty file per document in a directory.
  if (options_.formats.size() != 1) return nullptr;
  if (options_.formats[0] == "jsonl") return [](const Document& d) { return to_json(d).dump(); };
  if (options_.formats[0] == "json" && !to_stdout_ && !single_file_)
    return [](const Document& d) { return to_json(d).dump(2) + "\n"; };
  return nullptr;
}

void OutputWriter::write(const Document& doc, const std::string* rendered) {
  ++documents_;
  auto line = [&] { return rendered ? *rendered : to_json(doc).dump(); };
  if (to_stdout_) {
    const std::string& f = options_.formats[0];
    if (f == "jsonl") {
      stdout_ << line() << '\n';
      stdout_.flush();  // a streaming step: each line leaves as soon as it is done
    } else if (f == "json") {
      pending_json_.push_back(to_json(doc));
    } else {
#ifdef FACTPIPE_HAVE_REPORTS
      report::write_document(f, doc, reports_->options, stdout_);
#endif
    }
    if (!stdout_) throw OutputError("stdout: cannot write");
    return;
  }
  if (single_file_) {
    if (jsonl_file_) {
      *jsonl_file_ << line() << '\n';
      if (!*jsonl_file_) throw OutputError(options_.target + ": cannot write");
    } else {
      pending_json_.push_back(to_json(doc));
    }
    return;
  }
  std::string stem = unique_stem(doc.id());
  [[maybe_unused]] std::string first_report;
  for (const auto& f : options_.formats) {
    if (f == "json") {
      write_file(dir_ / (stem + ".json"), rendered ? *rendered : to_json(doc).dump(2) + "\n");
    } else if (f == "jsonl") {
      if (!jsonl_file_) {
        jsonl_file_ = std::make_unique<std::ofstream>(dir_ / "documents.jsonl", std::ios::binary);
        written_.push_back(dir_ / "documents.jsonl");
      }
      *jsonl_file_ << line() << '\n';
      if (!*jsonl_file_) throw OutputError((dir_ / "documents.jsonl").string() + ": cannot write");
    } else {
#ifdef FACTPIPE_HAVE_REPORTS
      std::ostringstream out;
      report::write_document(f, doc, reports_->options, out);
      std::string name = stem + extension_of(f);
      write_file(dir_ / name, out.str());
      if (first_report.empty()) first_report = name;
#endif
    }
  }
#ifdef FACTPIPE_HAVE_REPORTS
  reports_->rows.push_back(report::summarize(doc, first_report));
#endif
}

void OutputWriter::record_failure([[maybe_unused]] const std::string& id, [[maybe_unused]] const std::string& reason) {
#ifdef FACTPIPE_HAVE_REPORTS
  report::BatchEntry row;
  row.id = id;
  row.failed = true;
  row.error = reason;
  reports_->rows.push_back(std::move(row));
#endif
}

void OutputWriter::finish() {
  if (!pending_json_.empty() || (options_.formats[0] == "json" && (to_stdout_ || single_file_))) {
    Json all = pending_json_.size() == 1 ? pending_json_[0] : Json(pending_json_);
    std::string text = all.dump(2) + "\n";
    if (to_stdout_) {
      if (!pending_json_.empty()) stdout_ << text;
    } else if (single_file_) {
      write_file(options_.target, text);
    }
    pending_json_.clear();
  }
  if (jsonl_file_) {
    jsonl_file_->flush();
    if (!*jsonl_file_) throw OutputError("cannot write the JSON lines output");
    jsonl_file_.reset();
  }
  stdout_.flush();
#ifdef FACTPIPE_HAVE_REPORTS
  // A batch gets an index per report format, listing failed documents too.
  if (!to_stdout_ && !single_file_ && reports_->rows.size() > 1) {
    for (const auto& f : options_.formats) {
      if (is_document_format(f)) continue;
      std::ostringstream out;
      report::write_index(f, reports_->rows, reports_->options, out);
      write_file(dir_ / ("index" + extension_of(f)), out.str());
    }
  }
#endif
}

}  // namespace factpipe::host
