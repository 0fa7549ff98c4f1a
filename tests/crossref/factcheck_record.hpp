#pragma once
// A fact-check source record for the crossref unit tests (they link crossref_core; the end-to-end tests do not).
#include <string>

#include "source_formats.hpp"

namespace factpipe::crossref {

// A fact-check record titled "Fact check".
inline SourceRecord factcheck_record(std::string id, std::string text) {
  SourceRecord r;
  r.id = std::move(id);
  r.title = "Fact check";
  r.text = std::move(text);
  r.kind = "factcheck";
  return r;
}

}  // namespace factpipe::crossref
