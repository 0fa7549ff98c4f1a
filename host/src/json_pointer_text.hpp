#pragma once
// JSON Pointer (RFC 6901) paths as text, for the config and schema error messages: "/stages/0/config/x".
#include <string>

namespace factpipe::host {

// "~" -> "~0", "/" -> "~1": a key as one pointer token.
inline std::string escape_pointer_token(const std::string& token) {
  std::string out;
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

// parent + "/" + token, written so GCC 12 raises no false -Wrestrict.
inline std::string join_pointer(const std::string& parent, const std::string& token) {
  std::string out;
  out.reserve(parent.size() + 1 + token.size());
  out += parent;
  out += '/';
  out += token;
  return out;
}

}  // namespace factpipe::host
