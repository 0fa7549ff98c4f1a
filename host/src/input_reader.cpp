#include <factpipe/host/input_reader.hpp>

#include <algorithm>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include <fmt/format.h>

#include <factpipe/document_json.hpp>
#include <factpipe/host/errors.hpp>
#include <factpipe/html/article.hpp>
#include <factpipe/html/gzip.hpp>
#include <factpipe/json_limits.hpp>

namespace factpipe::host {

namespace fs = std::filesystem;

namespace {

bool ends_with(const fs::path& p, std::string_view suffix) { return p.filename().string().ends_with(suffix); }

bool is_web_page(const fs::path& p) {
  return ends_with(p, ".html") || ends_with(p, ".htm") || ends_with(p, ".html.gz") || ends_with(p, ".htm.gz");
}

// Files a directory walk picks up: documents, not their sidecars or answer keys. Why not, otherwise.
std::optional<std::string> why_not_input(const fs::path& p) {
  if (ends_with(p, ".meta.json")) return "a metadata sidecar, read with its .txt";
  if (ends_with(p, ".gold.json")) return "an answer key (.gold.json)";
  auto ext = p.extension();
  if (ext == ".txt" || ext == ".json" || ext == ".jsonl" || is_web_page(p)) return std::nullopt;
  return "not a kind of file factpipe reads (.txt, .json, .jsonl, .html, .htm, .html.gz)";
}

std::string slurp(std::istream& in) {
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Read straight into a string of the file's size (a stringstream would copy the text twice more).
std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + p.string());
  std::error_code ec;
  std::size_t size = fs::file_size(p, ec);
  if (ec) return slurp(in);
  std::string text(size, '\0');
  in.read(text.data(), static_cast<std::streamsize>(size));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (in) text += slurp(in);  // the file grew while it was read
  else if (in.bad()) throw std::runtime_error("cannot read " + p.string());
  return text;
}

InputItem failed(std::string id, std::string origin, std::string error, std::size_t bytes) {
  InputItem item;
  item.id = std::move(id);
  item.origin = std::move(origin);
  item.error = std::move(error);
  item.bytes = bytes;
  return item;
}

void check_size(const Document& doc, std::size_t limit) {
  if (limit && doc.text.size() > limit) throw std::length_error(document_too_large(doc.text.size(), limit));
}

// A document read whole; it still fails when its text is over the size limit.
InputItem ok(Document doc, std::string origin, std::size_t bytes, std::size_t limit) {
  try {
    check_size(doc, limit);
  } catch (const std::exception& e) {
    return failed(doc.id(), std::move(origin), e.what(), bytes);
  }
  InputItem item;
  item.id = doc.id();
  item.origin = std::move(origin);
  item.bytes = bytes;
  item.document = std::move(doc);
  return item;
}

}  // namespace

std::string document_too_large(std::size_t bytes, std::size_t limit) {
  auto mb = [](std::size_t n) {
    return n < 1'000'000 ? fmt::format("{} bytes", n) : fmt::format("{:.1f} MB", static_cast<double>(n) / 1e6);
  };
  return "the document is " + mb(bytes) + ", over the limit of " + mb(limit) + " (--max-document-mb)";
}

Document read_text_document(const fs::path& file, std::size_t max_json_depth) {
  Document doc = document_from_text(file.stem().string(), read_all(file));
  doc.metadata.source_file = file.string();
  fs::path meta = file.parent_path() / (file.stem().string() + ".meta.json");
  std::error_code ec;
  if (fs::is_regular_file(meta, ec)) {
    Json j;
    try {
      j = parse_json(read_all(meta), max_json_depth);
    } catch (const std::exception& e) {
      throw std::runtime_error(meta.string() + ": " + e.what());
    }
    if (!j.is_object()) throw std::runtime_error(meta.string() + ": expected a JSON object");
    auto& m = doc.metadata;
    auto field = [&](const char* key, std::string& target) {
      if (!j.contains(key)) return;
      if (!j[key].is_string()) throw std::runtime_error(meta.string() + ": '" + key + "' must be a string");
      target = j[key].get<std::string>();
    };
    field("id", m.id);
    field("title", m.title);
    field("url", m.url);
    field("publisher", m.publisher);
    field("published", m.published);
    field("language", m.language);
    if (j.contains("authors")) {
      const Json& a = j["authors"];
      bool names = a.is_string() || a.is_array();
      if (a.is_array())
        for (const auto& e : a) names = names && e.is_string();
      if (!names) throw std::runtime_error(meta.string() + ": 'authors' must be a string or an array of strings");
      m.authors = a.is_string() ? std::vector<std::string>{a.get<std::string>()} : a.get<std::vector<std::string>>();
    }
  }
  return doc;
}

void mark_as_claim(Document& doc) {
  if (!doc.extra.is_object()) doc.extra = Json::object();
  doc.extra["input"]["claim"] = true;
}

Document document_from_input_json(Json record) {
  bool claim = false;
  if (record.is_object()) {
    if (auto it = record.find("claim"); it != record.end()) {
      if (!it->is_boolean()) throw JsonError("/claim", "must be true or false (check the record as one claim)");
      claim = it->get<bool>();
      record.erase(it);
    }
  }
  Document doc = document_from_json(std::move(record));
  if (claim) mark_as_claim(doc);
  return doc;
}

Document parse_json_document(const std::string& json, std::size_t max_json_depth) {
  return document_from_input_json(parse_json(json, max_json_depth));
}

Document web_page_document(std::string bytes, const std::string& id, std::size_t max_html_bytes,
                           html::ExtractOptions options) {
  if (html::is_gzip(bytes)) bytes = html::gunzip(bytes, max_html_bytes);
  options.max_bytes = max_html_bytes;
  html::ExtractedArticle page = html::extract_article(bytes, options);
  Document doc = document_from_text(id, std::move(page.text));
  auto& m = doc.metadata;
  m.title = std::move(page.title);
  m.url = std::move(page.canonical_url);
  m.publisher = std::move(page.publisher);
  m.published = std::move(page.published);
  m.language = std::move(page.language);
  m.authors = std::move(page.authors);
  return doc;
}

Document read_web_page(const fs::path& file, std::size_t max_html_bytes, html::ExtractOptions options) {
  fs::path name = file.filename();
  if (name.extension() == ".gz") name = name.stem();  // page.html.gz -> page
  Document doc = web_page_document(read_all(file), name.stem().string(), max_html_bytes, options);
  doc.metadata.source_file = file.string();
  return doc;
}

namespace {

// The page's markup is several times its text: the limit applies to the extracted text.
std::size_t html_byte_limit(std::size_t max_document_bytes) {
  return max_document_bytes ? 8 * max_document_bytes : std::size_t(1) << 30;
}

}  // namespace

StdinFormat parse_stdin_format(std::string_view name) {
  if (name == "txt") return StdinFormat::txt;
  if (name == "json") return StdinFormat::json;
  if (name == "jsonl") return StdinFormat::jsonl;
  if (name == "html") return StdinFormat::html;
  throw ConfigError("--input-format: '" + std::string(name) + "' is not one of txt, json, jsonl, html");
}

void InputItem::parse() {
  if (unparsed.empty()) return;
  try {
    Document doc = parse_json_document(unparsed, max_json_depth);
    if (as_claim) mark_as_claim(doc);
    if (doc.id().empty()) doc.metadata.id = id_if_missing;
    id = doc.id();
    check_size(doc, max_document_bytes);
    document = std::move(doc);
  } catch (const std::exception& e) {
    error = e.what();
  }
  unparsed.clear();
  unparsed.shrink_to_fit();
}

InputReader::InputReader(const std::vector<std::string>& inputs, StdinFormat stdin_format, std::istream& stdin_stream)
    : stdin_format_(stdin_format), stdin_(stdin_stream) {
  for (const auto& input : inputs) {
    if (input == "-") {
      files_.emplace_back("-");
      continue;
    }
    fs::path p(input);
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> found;
      for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator();
           it.increment(ec))
        if (it->is_regular_file()) {
          if (auto why = why_not_input(it->path())) skipped_.push_back({it->path(), *why});
          else found.push_back(it->path());
        }
      if (ec) throw ConfigError(input + ": cannot read the directory: " + ec.message());
      std::sort(found.begin(), found.end());
      files_.insert(files_.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(p, ec)) {
      files_.push_back(p);
    } else {
      throw ConfigError(input + ": no such file or directory");
    }
  }
}

std::optional<InputItem> InputReader::next_line() {
  std::string line;
  while (std::getline(*lines_, line)) {
    ++line_no_;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;  // blank lines are not documents
    InputItem item;
    item.origin = lines_origin_ + ":" + std::to_string(line_no_);
    item.id = item.origin;
    item.id_if_missing = fs::path(lines_origin_).stem().string() + "-" + std::to_string(line_no_);
    item.bytes = line.size();
    item.max_document_bytes = max_document_bytes_;
    item.max_json_depth = max_json_depth_;
    item.unparsed = std::move(line);
    if (!defer_parsing_) item.parse();
    return item;
  }
  if (lines_->bad()) {
    std::string origin = lines_origin_;
    lines_ = nullptr;
    lines_file_.reset();
    return failed(origin, origin, "read error", 0);
  }
  lines_ = nullptr;
  lines_file_.reset();
  return std::nullopt;
}

std::optional<InputItem> InputReader::next() {
  auto item = read_next();
  if (item && as_claims_) {
    item->as_claim = true;
    if (item->document) mark_as_claim(*item->document);
  }
  return item;
}

std::optional<InputItem> InputReader::read_next() {
  while (true) {
    if (!pending_.empty()) {
      InputItem item = std::move(pending_.front());
      pending_.erase(pending_.begin());
      return item;
    }
    if (lines_) {
      if (auto item = next_line()) return item;
      continue;
    }
    if (next_file_ >= files_.size()) return std::nullopt;
    const fs::path file = files_[next_file_++];
    std::string origin = file.string();

    if (file == "-") {
      if (stdin_format_ == StdinFormat::jsonl) {
        lines_ = &stdin_;
        lines_origin_ = "stdin";
        line_no_ = 0;
        continue;
      }
      std::string text = slurp(stdin_);
      std::size_t size = text.size();
      if (stdin_format_ == StdinFormat::json) {
        if (auto item = read_json(text, "stdin", "stdin", size)) return item;
        continue;
      }
      try {
        if (stdin_format_ == StdinFormat::html) {
          if (size > html_byte_limit(max_document_bytes_))
            throw std::length_error(document_too_large(size, html_byte_limit(max_document_bytes_)) +
                                    ", for the page's HTML");
          Document page = web_page_document(std::move(text), "stdin", html_byte_limit(max_document_bytes_));
          page.metadata.source_file = "stdin";
          return ok(std::move(page), "stdin", size, max_document_bytes_);
        }
        return ok(document_from_text("stdin", std::move(text)), "stdin", size, max_document_bytes_);
      } catch (const std::exception& e) {
        return failed("stdin", "stdin", e.what(), size);
      }
    }
    if (file.extension() == ".jsonl") {
      lines_file_ = std::make_unique<std::ifstream>(file, std::ios::binary);
      if (!*lines_file_) return failed(origin, origin, "cannot open the file", 0);
      lines_ = lines_file_.get();
      lines_origin_ = origin;
      line_no_ = 0;
      continue;
    }
    std::error_code ec;
    std::size_t bytes = fs::file_size(file, ec);
    if (ec) bytes = 0;
    if (file.extension() == ".json") {
      std::string text;
      try {
        text = read_all(file);
      } catch (const std::exception& e) {
        return failed(file.stem().string(), origin, e.what(), bytes);
      }
      if (auto item = read_json(text, origin, file.stem().string(), bytes)) return item;
      continue;
    }
    if (is_web_page(file)) {
      const std::size_t max_html = html_byte_limit(max_document_bytes_);
      try {
        if (bytes > max_html) throw std::length_error(document_too_large(bytes, max_html) + ", for the page's HTML");
        return ok(read_web_page(file, max_html), origin, bytes, max_document_bytes_);
      } catch (const std::exception& e) {
        return failed(file.filename().string(), origin, e.what(), bytes);
      }
    }
    if (max_document_bytes_ && bytes > max_document_bytes_)  // not read at all
      return failed(file.stem().string(), origin, document_too_large(bytes, max_document_bytes_), bytes);
    try {
      return ok(read_text_document(file, max_json_depth_), origin, bytes, max_document_bytes_);
    } catch (const std::exception& e) {
      return failed(file.stem().string(), origin, e.what(), bytes);
    }
  }
}

std::optional<InputItem> InputReader::read_json(const std::string& text, const std::string& origin,
                                                const std::string& stem, std::size_t bytes) {
  try {
    Json j = parse_json(text, max_json_depth_);
    if (!j.is_array()) {
      Document doc = document_from_input_json(std::move(j));
      if (doc.id().empty()) doc.metadata.id = stem;
      if (doc.metadata.source_file.empty()) doc.metadata.source_file = origin;
      return ok(std::move(doc), origin, bytes, max_document_bytes_);
    }
    // An array of documents: each fails or passes alone (handed out by read_next).
    for (std::size_t i = 0; i < j.size(); ++i) {
      std::string at = origin + "[" + std::to_string(i) + "]";
      try {
        Document doc = document_from_input_json(j[i]);
        if (doc.id().empty()) doc.metadata.id = stem + "-" + std::to_string(i + 1);
        pending_.push_back(ok(std::move(doc), at, j[i].dump().size(), max_document_bytes_));
      } catch (const std::exception& e) {
        pending_.push_back(failed(at, at, e.what(), 0));
      }
    }
    return std::nullopt;
  } catch (const std::exception& e) {
    return failed(stem, origin, e.what(), bytes);
  }
}

}  // namespace factpipe::host
