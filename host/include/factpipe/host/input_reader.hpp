#pragma once
// Documents from the command line's inputs, read lazily one at a time so a stream needs bounded memory.
//   x.txt     one document, id = file stem; a sibling x.meta.json (id/title/url/publisher/published/
//             language/authors) fills the metadata
//   x.json    a document (or an array of documents) in the JSON form of document_json.hpp
//   x.jsonl   one document per line; a bad line fails alone (file:line), the rest go on
//   x.html    a web page (also .htm, .html.gz): the text is the article body found by factpipe::html,
//             title/url/publisher/published/language/authors its metadata
//   dir/      the above, recursively, sorted by path; other files (and sidecars *.meta.json, answer keys
//             *.gold.json) are skipped and listed in skipped()
//   -         stdin, read as the StdinFormat given (`factpipe run --input-format`): txt (the default: one text
//             document), json (a document or an array), jsonl (one document per line), html (a web page)
// A JSON record may say it is one claim or post to check as a whole: `"claim": true` (kept in the document
// as extra.input.claim, which the claims stage reads); InputReader::as_claims marks every input so.
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <factpipe/document.hpp>
#include <factpipe/html/article.hpp>
#include <factpipe/json_limits.hpp>

namespace factpipe::host {

struct InputItem {
  std::string id;                    // the document's id, or where it came from when it could not be read
  std::string origin;                // "file" or "file:line", for messages
  std::optional<Document> document;  // empty when reading failed
  std::string error;                 // why reading failed
  std::size_t bytes = 0;             // input size, for MB/s
  // A JSON line not parsed yet (see InputReader::defer_parsing): parse() turns it into `document`.
  std::string unparsed;
  std::string id_if_missing;
  std::size_t max_document_bytes = 0;  // checked by parse(); 0: no limit
  bool as_claim = false;               // mark the document as one claim (InputReader::as_claims)
  std::size_t max_json_depth = kDefaultMaxJsonDepth;
  void parse();
};

// "the document is 40.0 MB, over the limit of 32.0 MB (--max-document-mb)"
std::string document_too_large(std::size_t bytes, std::size_t limit);

// What stdin holds: it has no file name to tell.
enum class StdinFormat { txt, json, jsonl, html };
// "txt", "json", "jsonl", "html"; throws ConfigError naming the choices for anything else.
StdinFormat parse_stdin_format(std::string_view name);

class InputReader {
 public:
  // Expands directories now; throws ConfigError for an input that does not exist.
  InputReader(const std::vector<std::string>& inputs, StdinFormat stdin_format, std::istream& stdin_stream);
  std::optional<InputItem> next();
  // Hand out JSON lines unparsed, so the worker threads parse them (InputItem::parse) instead of the
  // single reading thread.
  void defer_parsing(bool defer) { defer_parsing_ = defer; }
  // Documents whose text is longer fail alone, with their size and the limit, and a text file that large
  // is not read at all (a stray dump in a folder of articles must not exhaust memory). 0: no limit.
  void max_document_bytes(std::size_t limit) { max_document_bytes_ = limit; }
  // Every input is one claim or post to check as a whole (`factpipe run --claims`).
  void as_claims(bool all) { as_claims_ = all; }
  // JSON (documents, .meta.json sidecars) nested deeper fails alone, before it is parsed.
  void max_json_depth(std::size_t limit) { max_json_depth_ = limit; }

  const std::vector<std::filesystem::path>& files() const { return files_; }
  struct Skipped {
    std::filesystem::path file;
    std::string reason;
  };
  // Files found in the input folders that are not read, with the reason.
  const std::vector<Skipped>& skipped() const { return skipped_; }

 private:
  bool open_next_source();
  std::optional<InputItem> read_next();
  std::optional<InputItem> next_line();
  // A .json file's or stdin's JSON: one document, or an array whose documents fail or pass alone.
  std::optional<InputItem> read_json(const std::string& text, const std::string& origin, const std::string& stem,
                                     std::size_t bytes);

  std::vector<std::filesystem::path> files_;  // "-" stands for stdin
  std::vector<Skipped> skipped_;
  std::size_t next_file_ = 0;
  StdinFormat stdin_format_ = StdinFormat::txt;
  bool defer_parsing_ = false, as_claims_ = false;
  std::size_t max_document_bytes_ = 0;
  std::size_t max_json_depth_ = kDefaultMaxJsonDepth;
  std::istream& stdin_;
  // the JSON lines source being read
  std::istream* lines_ = nullptr;
  std::unique_ptr<std::ifstream> lines_file_;
  std::string lines_origin_;
  std::size_t line_no_ = 0;
  // documents of a .json array being handed out
  std::vector<InputItem> pending_;
};

// One .txt file as a document (reads the .meta.json sidecar). Throws std::runtime_error on I/O errors
// and std::invalid_argument (line, column) for invalid UTF-8.
Document read_text_document(const std::filesystem::path& file, std::size_t max_json_depth = kDefaultMaxJsonDepth);
// One web page (.html, .htm, gzip-compressed or not) as a document: its article body and metadata.
// Throws on I/O errors, corrupt gzip data, or a page over `max_html_bytes` (inflated).
// `options`: the extractor's thresholds (the evaluation's cross-validation varies them).
Document read_web_page(const std::filesystem::path& file, std::size_t max_html_bytes,
                       html::ExtractOptions options = {});
// A web page's bytes (gzip-compressed or not, any charset) as the document `id`, exactly as read_web_page
// reads a file (`factpipe serve` takes pages in requests). Throws as read_web_page does, but for I/O.
Document web_page_document(std::string bytes, const std::string& id, std::size_t max_html_bytes,
                           html::ExtractOptions options = {});
// One JSON line or JSON text as a document; throws with a message naming the field.
Document parse_json_document(const std::string& json, std::size_t max_json_depth = kDefaultMaxJsonDepth);
// A JSON input record as a document: its "claim" flag (true/false) goes into extra.input.claim.
Document document_from_input_json(Json record);
// Marks a document as one claim to check as a whole.
void mark_as_claim(Document& doc);

}  // namespace factpipe::host
