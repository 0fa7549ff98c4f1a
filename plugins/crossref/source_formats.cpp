#include "source_formats.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>

#include <nlohmann/json.hpp>

#include <factpipe/json_limits.hpp>

#include "text_analysis.hpp"

namespace factpipe::crossref {

namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string str_field(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  if (it->is_object()) {  // {"@type": "Organization", "name": ...}
    auto n = it->find("name");
    if (n != it->end() && n->is_string()) return n->get<std::string>();
  }
  if (it->is_array() && !it->empty()) {
    const Json& first = (*it)[0];
    if (first.is_string()) return first.get<std::string>();
    if (first.is_object() && first.contains("name") && first["name"].is_string()) return first["name"];
  }
  return {};
}

bool is_claim_review(const Json& j) {
  if (!j.is_object()) return false;
  auto t = j.find("@type");
  if (t == j.end()) return false;
  if (t->is_string()) return *t == "ClaimReview";
  if (t->is_array()) return std::find(t->begin(), t->end(), Json("ClaimReview")) != t->end();
  return false;
}

// Throws std::runtime_error with the field at fault.
SourceRecord claim_review_record(const Json& j) {
  SourceRecord r;
  r.kind = "factcheck";
  r.claim_reviewed = str_field(j, "claimReviewed");
  if (r.claim_reviewed.empty()) throw std::runtime_error("ClaimReview without \"claimReviewed\"");
  r.url = str_field(j, "url");
  r.id = r.url.empty() ? str_field(j, "@id") : r.url;
  r.publisher = str_field(j, "author");
  r.date = str_field(j, "datePublished");
  if (auto rr = j.find("reviewRating"); rr != j.end() && rr->is_object()) {
    r.rating = str_field(*rr, "alternateName");
    if (r.rating.empty()) r.rating = str_field(*rr, "ratingValue");
  }
  if (auto item = j.find("itemReviewed"); item != j.end() && item->is_object()) r.claimant = str_field(*item, "author");
  r.title = r.claim_reviewed;
  r.text = r.claim_reviewed;
  if (r.id.empty()) throw std::runtime_error("ClaimReview without \"url\" or \"@id\"");
  return r;
}

SourceRecord document_record(const Json& j, const fs::path& path, std::size_t index) {
  if (!j.is_object()) throw std::runtime_error("record is not a JSON object");
  SourceRecord r;
  r.text = str_field(j, "text");
  if (r.text.empty()) throw std::runtime_error("missing or empty \"text\"");
  r.id = str_field(j, "id");
  if (r.id.empty()) r.id = path.stem().string() + (index ? "#" + std::to_string(index) : "");
  r.title = str_field(j, "title");
  r.url = str_field(j, "url");
  r.publisher = str_field(j, "publisher");
  r.date = str_field(j, "date");
  if (r.date.empty()) r.date = str_field(j, "published");
  std::string kind = str_field(j, "kind");
  if (!kind.empty()) {
    if (kind != "source" && kind != "transcript" && kind != "factcheck")
      throw std::runtime_error("\"kind\" must be source or transcript, not \"" + kind + "\"");
    r.kind = kind;
  }
  return r;
}

std::size_t line_of(const std::string& content, std::size_t byte) {
  byte = std::min(byte, content.size());
  return 1 + static_cast<std::size_t>(std::count(content.begin(), content.begin() + static_cast<long>(byte), '\n'));
}

// One JSON value that may be a document, a ClaimReview, an array of them or an @graph.
void emit_value(const Json& j, const fs::path& path, std::size_t line, std::size_t& index,
                const std::function<void(SourceRecord&&)>& on_record,
                const std::function<void(RecordError&&)>& on_error) {
  auto one = [&](const Json& v, std::size_t item_line) {
    ++index;
    try {
      if (is_claim_review(v)) {
        on_record(claim_review_record(v));
      } else if (v.is_object() && v.contains("@type") && !v.contains("text")) {
        // Other schema.org objects in a JSON-LD file (WebPage, Organization ...) carry no source text.
      } else {
        on_record(document_record(v, path, index));
      }
    } catch (const std::exception& e) {
      std::string where = item_line ? "" : " (record " + std::to_string(index) + ")";
      on_error(RecordError{path.string(), item_line ? item_line : line, e.what() + where});
    }
  };
  if (j.is_array()) {
    for (const auto& v : j) one(v, 0);
  } else if (j.is_object() && j.contains("@graph") && j["@graph"].is_array()) {
    for (const auto& v : j["@graph"]) one(v, 0);
  } else {
    one(j, line);
  }
}

// "2026-03-10" in a file name is the document's date.
std::string date_in_name(const std::string& name) {
  for (std::size_t i = 0; i + 10 <= name.size(); ++i) {
    auto d = [&](std::size_t k) { return name[i + k] >= '0' && name[i + k] <= '9'; };
    if (d(0) && d(1) && d(2) && d(3) && name[i + 4] == '-' && d(5) && d(6) && name[i + 7] == '-' && d(8) && d(9))
      return name.substr(i, 10);
  }
  return {};
}

}  // namespace

std::string RecordError::to_string() const { return file + (line ? ":" + std::to_string(line) : "") + ": " + message; }

bool is_source_file(const fs::path& p) {
  std::string name = p.filename().string();
  if (name.empty() || name[0] == '.') return false;
  if (ends_with(name, ".meta.json") || ends_with(name, ".gold.json")) return false;
  std::string ext = ascii_lower(p.extension().string());
  return ext == ".txt" || ext == ".json" || ext == ".jsonl" || ext == ".jsonld" || ext == ".ndjson";
}

std::vector<fs::path> source_files(const fs::path& root) {
  std::vector<fs::path> out;
  if (fs::is_regular_file(root)) {
    out.push_back(root);
    return out;
  }
  if (!fs::is_directory(root)) throw std::runtime_error("source not found: " + root.string());
  for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied);
       it != fs::recursive_directory_iterator(); ++it) {
    if (it->is_directory() && it->path().filename().string().starts_with(".")) {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file() && is_source_file(it->path())) out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

void parse_source_file(const fs::path& path, std::string content, const std::function<void(SourceRecord&&)>& on_record,
                       const std::function<void(RecordError&&)>& on_error) {
  std::string ext = ascii_lower(path.extension().string());
  std::size_t index = 0;
  if (ext == ".jsonl" || ext == ".ndjson") {
    std::size_t line = 0, pos = 0;
    while (pos < content.size()) {
      std::size_t nl = content.find('\n', pos);
      if (nl == std::string::npos) nl = content.size();
      ++line;
      std::string_view row(content.data() + pos, nl - pos);
      pos = nl + 1;
      while (!row.empty() && (row.back() == '\r' || row.back() == ' ' || row.back() == '\t')) row.remove_suffix(1);
      if (row.find_first_not_of(" \t") == std::string_view::npos) continue;
      Json j;
      try {
        j = parse_json(row);
      } catch (const std::exception& e) {  // a parse error, or nested too deep
        on_error(RecordError{path.string(), line, std::string("invalid JSON: ") + e.what()});
        continue;
      }
      emit_value(j, path, line, index, on_record, on_error);
    }
    return;
  }
  if (ext == ".json" || ext == ".jsonld") {
    Json j;
    try {
      j = parse_json(content);
    } catch (const Json::parse_error& e) {
      on_error(RecordError{path.string(), line_of(content, e.byte ? e.byte - 1 : 0),
                           std::string("invalid JSON: ") + e.what()});
      return;
    } catch (const std::exception& e) {  // nested too deep, or a number out of range (found by fuzz_source_formats)
      on_error(RecordError{path.string(), 0, std::string("invalid JSON: ") + e.what()});
      return;
    }
    emit_value(j, path, 0, index, on_record, on_error);
    return;
  }
  // Plain text: the file is one document; a sidecar NAME.meta.json may give its metadata.
  SourceRecord r;
  r.id = path.stem().string();
  std::string lower_name = ascii_lower(path.filename().string());
  r.date = date_in_name(path.filename().string());
  auto first_nl = content.find('\n');
  if (std::min(first_nl, content.size()) < 200) r.title = content.substr(0, std::min(first_nl, content.size()));
  std::string head = ascii_lower(std::string_view(content).substr(0, 400));
  if (lower_name.find("transcript") != std::string::npos || head.find("transcript") != std::string::npos)
    r.kind = "transcript";
  r.text = std::move(content);
  fs::path meta = path.parent_path() / (path.stem().string() + ".meta.json");
  if (fs::exists(meta)) {
    try {
      std::ifstream in(meta, std::ios::binary);
      Json m = parse_json(std::string(std::istreambuf_iterator<char>(in), {}));
      if (auto v = str_field(m, "id"); !v.empty()) r.id = v;
      if (auto v = str_field(m, "title"); !v.empty()) r.title = v;
      r.url = str_field(m, "url");
      r.publisher = str_field(m, "publisher");
      if (auto v = str_field(m, "date"); !v.empty()) r.date = v;
      if (auto v = str_field(m, "published"); !v.empty()) r.date = v;
      if (auto v = str_field(m, "kind"); !v.empty()) r.kind = v;
    } catch (const std::exception& e) {
      on_error(RecordError{meta.string(), 0, std::string("invalid metadata: ") + e.what()});
    }
  }
  if (r.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    on_error(RecordError{path.string(), 1, "empty text file"});
    return;
  }
  on_record(std::move(r));
}

}  // namespace factpipe::crossref
