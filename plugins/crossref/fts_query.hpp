#pragma once
// Safe FTS5 queries: every term is a quoted string (inner quotes doubled), so words like AND, OR, NOT,
// NEAR, column names with colons, hyphens, stars and carets are plain text, never query syntax.
#include <string>
#include <string_view>
#include <vector>

namespace factpipe::crossref {

std::string fts_quote(std::string_view term);
// "a" OR "b" OR ...; empty when there are no terms.
std::string fts_or_query(const std::vector<std::string>& terms);

}  // namespace factpipe::crossref
