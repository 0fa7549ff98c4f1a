#pragma once
// UTF-8 helpers. Inside the document offsets are byte offsets into the UTF-8 text; everything that leaves
// the process (JSON, reports) speaks Unicode code points, like spaCy's start_char.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <factpipe/export.hpp>

namespace factpipe::utf8 {

struct Invalid {
  std::size_t byte_offset;  // where the bad sequence starts
  std::size_t line;         // 1-based
  std::size_t column;       // 1-based, in code points
  std::string reason;
};

// nullopt when `text` is valid UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
FACTPIPE_SDK_API std::optional<Invalid> find_invalid(std::string_view text);

// Decodes the code point starting at byte `i` (text must be valid) and advances `i` past it.
FACTPIPE_SDK_API char32_t decode(std::string_view text, std::size_t& i);
FACTPIPE_SDK_API void append(std::string& out, char32_t cp);

FACTPIPE_SDK_API std::size_t count_code_points(std::string_view text);

// Converts between byte and code point offsets of one text in O(1) after an O(n) build.
// ASCII text (the common case) needs no table at all.
class FACTPIPE_SDK_API OffsetMap {
 public:
  explicit OffsetMap(std::string_view text);
  std::size_t to_code_point(std::size_t byte_offset) const;  // byte offset must be on a boundary
  std::size_t to_byte(std::size_t code_point_offset) const;  // throws std::out_of_range past the end
  std::size_t size_bytes() const { return bytes_; }
  std::size_t size_code_points() const { return code_points_; }

 private:
  std::size_t bytes_ = 0, code_points_ = 0;
  bool ascii_ = true;
  std::vector<std::uint32_t> cp_of_byte_;  // only when not ASCII; size bytes+1
  std::vector<std::uint32_t> byte_of_cp_;  // size code_points+1
};

}  // namespace factpipe::utf8
