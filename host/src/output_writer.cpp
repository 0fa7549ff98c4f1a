#include <factpipe/host/output_writer.hpp>

#include <algorithm>
#include <cerrno>
#include <functional>
#include <optional>
#include <sstream>
#include <system_error>

#include <factpipe/document_json.hpp>
#include <factpipe/host/atomic_file.hpp>
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

// Ids become file names: anything outside [A-Za-z0-9._-] turns into '_'. A long id is cut short and keeps
// a hash of the whole id, so the name (with "-2" and ".claimreview.jsonld.partial") stays under NAME_MAX.
std::string safe_stem(const std::string& id) {
  constexpr std::size_t kMaxStem = 120;
  std::string out;
  for (unsigned char c : id) out += (std::isalnum(c) || c == '.' || c == '_' || c == '-') ? static_cast<char>(c) : '_';
  while (!out.empty() && out.front() == '.') out.erase(out.begin());
  if (out.size() > kMaxStem) {
    char hash[17];
    std::snprintf(hash, sizeof hash, "%016zx", std::hash<std::string>{}(id));
    out = out.substr(0, kMaxStem - 17) + "-" + hash;
  }
  return out.empty() ? "document" : out;
}

// A pretty-printed document as an element of a pretty-printed array (as Json(array).dump(2) would put it).
std::string indented(const std::string& pretty) {
  std::string out = "  ";
  out.reserve(pretty.size() + pretty.size() / 16);
  for (char c : pretty) {
    out += c;
    if (c == '\n') out += "  ";
  }
  return out;
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
      throw ConfigError("--format " + f +
                        ": this build of factpipe has no report writers (host/report); "
                        "use json or jsonl");
    std::string list;
    for (auto& s : supported) {
      if (!list.empty()) list += ", ";
      list += s;
    }
    throw ConfigError("--format: unknown format '" + f + "' (supported: " + list + ")");
  }
  if (options.target == "-" && options.formats.size() > 1)
    throw ConfigError("-o -: stdout takes one format; give a directory for several");
  if (names_a_file(options.target) && (options.formats.size() > 1 || !is_document_format(options.formats[0])))
    throw ConfigError("-o " + options.target +
                      ": a single file takes one format, json or jsonl; give a directory "
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
    stream_file_ = std::make_unique<AtomicFile>(options_.target);
    written_.push_back(options_.target);
  } else {
    dir_ = options_.target;
    std::error_code ec;
    fs::create_directories(dir_, ec);
    if (ec) throw OutputError(dir_.string() + ": cannot create the output directory: " + ec.message());
    // The batch index is index.<ext>: a document with the id "index" gets index-2.<ext>.
    for (const auto& f : options_.formats)
      if (!is_document_format(f)) used_names_.insert("index");
  }
}

OutputWriter::~OutputWriter() = default;

std::string OutputWriter::unique_stem(const std::string& id) {
  std::string base = safe_stem(id), stem = base;
  for (int n = 2; !used_names_.insert(stem).second; ++n) stem = base + "-" + std::to_string(n);
  return stem;
}

void OutputWriter::write_file(const fs::path& path, const std::string& content) {
  AtomicFile file(path);
  try {
    file.write_record(content);
  } catch (...) {
    std::error_code ec;
    fs::remove(path, ec);  // half a document is of no use
    throw;
  }
  file.commit();
  written_.push_back(path);
}

void OutputWriter::write_stdout(std::string_view text) {
  stdout_ << text;
  if (!stdout_) throw OutputError(cannot_write("stdout", errno ? errno : EIO));
}

void OutputWriter::stream_json(const std::string& pretty) {
  // One document is an object, several an array: the first waits for the second to know which.
  auto put = [&](std::string_view text) { stream_file_ ? stream_file_->write_record(text) : write_stdout(text); };
  ++json_documents_;
  if (json_documents_ == 1) {
    first_json_ = pretty;
    return;
  }
  if (json_documents_ == 2) {
    put("[\n" + indented(first_json_));
    first_json_.clear();
  }
  put(",\n" + indented(pretty));
}

void OutputWriter::finish_json() {
  auto put = [&](std::string_view text) { stream_file_ ? stream_file_->write_record(text) : write_stdout(text); };
  if (json_documents_ == 1) put(first_json_ + "\n");
  else if (json_documents_ > 1) put("\n]\n");
  else if (stream_file_) put("[]\n");  // the file exists and holds valid JSON
}

std::function<std::string(const Document&)> OutputWriter::renderer() const {
  // One JSON line per document, wherever it goes; or one pretty file per document in a directory.
  if (options_.formats.size() != 1) return nullptr;
  const std::size_t depth = options_.max_json_depth;
  if (options_.formats[0] == "jsonl") return [depth](const Document& d) { return to_json_text(d, 0, depth); };
  if (options_.formats[0] == "json" && !to_stdout_ && !single_file_)
    return [depth](const Document& d) { return to_json_text(d, 2, depth) + "\n"; };
  return nullptr;
}

void OutputWriter::write(const Document& doc, const std::string* rendered) {
  // Serialised before anything is written: a document that cannot be (JsonError) fails whole.
  // Written straight from the layers (write_json_text), the same bytes as the JSON tree's dump.
  auto has = [&](std::string_view f) {
    return std::find(options_.formats.begin(), options_.formats.end(), f) != options_.formats.end();
  };
  std::string compact, pretty;
  if (!rendered && has("jsonl")) compact = to_json_text(doc, 0, options_.max_json_depth);
  if (!rendered && has("json")) pretty = to_json_text(doc, 2, options_.max_json_depth);
  ++documents_;
  auto line = [&]() -> const std::string& { return rendered ? *rendered : compact; };
  if (to_stdout_) {
    const std::string& f = options_.formats[0];
    errno = 0;
    if (f == "jsonl") {
      write_stdout(line() + '\n');
      stdout_.flush();  // a streaming step: each line leaves as soon as it is done
    } else if (f == "json") {
      stream_json(pretty);
    } else {
#ifdef FACTPIPE_HAVE_REPORTS
      report::write_document(f, doc, reports_->options, stdout_);
#endif
    }
    if (!stdout_) throw OutputError(cannot_write("stdout", errno ? errno : EIO));
    return;
  }
  if (single_file_) {
    if (options_.formats[0] == "jsonl") stream_file_->write_record(line() + '\n');
    else stream_json(pretty);
    return;
  }
  std::string stem = unique_stem(doc.id());
  [[maybe_unused]] std::string first_report;
  for (const auto& f : options_.formats) {
    if (f == "json") {
      write_file(dir_ / (stem + ".json"), rendered ? *rendered : pretty + "\n");
    } else if (f == "jsonl") {
      if (!stream_file_) {
        stream_file_ = std::make_unique<AtomicFile>(dir_ / "documents.jsonl");
        written_.push_back(dir_ / "documents.jsonl");
      }
      stream_file_->write_record(line() + '\n');
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
  errno = 0;
  if (options_.formats[0] == "json" && (to_stdout_ || single_file_)) finish_json();
  if (stream_file_) {
    stream_file_->commit();
    stream_file_.reset();
  }
  stdout_.flush();
  if (!stdout_) throw OutputError(cannot_write("stdout", errno ? errno : EIO));
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
