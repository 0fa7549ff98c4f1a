#pragma once
// Limits on JSON that comes from outside. Deep nesting overflows the stack of every recursive JSON walker
// (copy, dump, compare), so JSON is checked for depth before it is parsed, and a document's `extra`
// values before they are copied or written.
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>

#include <factpipe/document.hpp>
#include <factpipe/export.hpp>

namespace factpipe {

inline constexpr std::size_t kDefaultMaxJsonDepth = 256;   // --max-json-depth
inline constexpr std::size_t kMaxJsonDepthCeiling = 4096;  // the option cannot go higher: stack safety

struct FACTPIPE_SDK_API JsonLimitError : std::runtime_error {
  explicit JsonLimitError(const std::string& what);
  ~JsonLimitError() override;
};

// Throws JsonLimitError when `text` nests arrays and objects deeper than max_depth, naming the byte offset.
// Linear and without recursion; strings are skipped, so brackets inside them do not count.
FACTPIPE_SDK_API void check_json_text_depth(std::string_view text, std::size_t max_depth);

// Json::parse of text checked by check_json_text_depth first.
FACTPIPE_SDK_API Json parse_json(std::string_view text, std::size_t max_depth = kDefaultMaxJsonDepth);

// Nesting depth of a value (a scalar is 0, [] is 1), walked without recursion; the walk stops as soon as
// the depth passes stop_after.
FACTPIPE_SDK_API std::size_t json_depth(const Json& j,
                                        std::size_t stop_after = std::numeric_limits<std::size_t>::max());

// The message every depth error carries.
FACTPIPE_SDK_API std::string json_too_deep(std::size_t max_depth);

}  // namespace factpipe
