#pragma once
// What the host checks in a document after every stage, so that one faulty plugin fails the document it
// broke (by id and stage) instead of crashing the writer or writing nonsense: every span inside the text,
// start <= end, both on a UTF-8 boundary; every index (sentence -> paragraph, claim -> quote/sentence/
// entity, quote -> entity) in range; every `extra` an object no deeper than the JSON depth limit.
#include <cstddef>
#include <optional>
#include <string>

#include <factpipe/document.hpp>
#include <factpipe/json_limits.hpp>

namespace factpipe::host {

// The first problem found, as "/sentences/3: end byte 120 is past the end of the text (110 bytes)", or
// nullopt. `text_bytes`: the text's size before the stage ran (a stage must not change the text).
std::optional<std::string> find_invalid_output(const Document& doc, std::size_t text_bytes,
                                               std::size_t max_json_depth = kDefaultMaxJsonDepth);

}  // namespace factpipe::host
