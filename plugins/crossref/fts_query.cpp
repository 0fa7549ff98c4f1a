#include "fts_query.hpp"

namespace factpipe::crossref {

std::string fts_quote(std::string_view term) {
  std::string out = "\"";
  for (char c : term) {
    if (c == '"') out += "\"\"";
    else if (c == '\0') continue;
    else out += c;
  }
  out += '"';
  return out;
}

std::string fts_or_query(const std::vector<std::string>& terms) {
  std::string q;
  for (const auto& t : terms) {
    if (t.empty()) continue;
    if (!q.empty()) q += " OR ";
    q += fts_quote(t);
  }
  return q;
}

}  // namespace factpipe::crossref
