// Any bytes as a JSON document: the reader either returns a document or throws, never crashes; a document
// it returns writes and reads back to the same JSON.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <factpipe/document_json.hpp>
#include <factpipe/host/input_reader.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  factpipe::Document doc;
  try {
    doc = factpipe::host::parse_json_document(text);
  } catch (const std::exception&) {
    return 0;  // a clear error is the right answer to bad input
  }
  factpipe::Json once = factpipe::to_json(doc);
  factpipe::Json twice = factpipe::to_json(factpipe::document_from_json(once));
  if (once != twice) std::abort();  // the round trip must be exact
  return 0;
}
