// Any bytes as a crossref source file: the first byte picks the file's extension (so one corpus covers JSON,
// JSON lines, ClaimReview JSON-LD and plain text), the rest is its content. Every record is either read or
// reported as a RecordError with the file name; never a crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "source_formats.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const char* const kNames[] = {"src.json",   "src.jsonl", "src.jsonld",
                                       "src.ndjson", "src.txt",   "claimreview.json"};
  const char* name = kNames[data[0] % (sizeof kNames / sizeof kNames[0])];
  std::string content(reinterpret_cast<const char*>(data + 1), size - 1);
  factpipe::crossref::parse_source_file(
      name, std::move(content), [](factpipe::crossref::SourceRecord&&) {},
      [name](factpipe::crossref::RecordError&& e) {
        if (e.file.find(name) == std::string::npos) std::abort();  // every error names its file
      });
  return 0;
}
