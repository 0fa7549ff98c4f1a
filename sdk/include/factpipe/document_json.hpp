#pragma once
// JSON form of a document: the exchange format (schema: sdk/schema/document.schema.json).
// Offsets in JSON are Unicode code points; the round trip document -> JSON -> document is exact.
#include <stdexcept>
#include <string>

#include <factpipe/document.hpp>
#include <factpipe/json_limits.hpp>

namespace factpipe {

FACTPIPE_SDK_API Json to_json(const Document& doc);
// Throws JsonError naming the field when an `extra` value nests deeper than max_depth (json_limits.hpp).
FACTPIPE_SDK_API Json to_json(const Document& doc, std::size_t max_depth);

// The text of to_json(doc, max_depth).dump() (indent 0) or .dump(indent), written straight from the layers
// without a JSON tree: the same bytes, errors and exceptions, several times faster. Appends to `out`.
FACTPIPE_SDK_API void write_json_text(const Document& doc, std::string& out, int indent = 0,
                                      std::size_t max_depth = kDefaultMaxJsonDepth);
FACTPIPE_SDK_API std::string to_json_text(const Document& doc, int indent = 0,
                                          std::size_t max_depth = kDefaultMaxJsonDepth);

// Throws JsonError naming the JSON path of the offending field ("/quotes/3/speaker/mention/start").
FACTPIPE_SDK_API Document document_from_json(const Json& j);
// The same, moving the text out of `j` instead of copying it.
FACTPIPE_SDK_API Document document_from_json(Json&& j);

struct FACTPIPE_SDK_API JsonError : std::runtime_error {
  JsonError(std::string path, const std::string& what);
  ~JsonError() override;
  std::string path;
};

// Builds a document from raw text: checks UTF-8 (std::invalid_argument naming line and column).
FACTPIPE_SDK_API Document document_from_text(std::string id, std::string text);

}  // namespace factpipe
