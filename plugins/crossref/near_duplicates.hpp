#pragma once
// Fact-checks of one claim written twice (the same words, differing only in quote characters, case,
// punctuation or spacing) are one result: grouped at index time, the earliest record (first indexed) stands
// for the group and lists the others. On CLEF-2020's 10,375 verified claims: 10,194 groups; the copies tied
// exactly in BM25 and took two of the five result slots.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sqlite_handle.hpp"

namespace factpipe::crossref {

// Lower-case letters and digits of `text`, words joined by single spaces: equal for near-duplicates.
std::string near_duplicate_key(std::string_view text);

// Rebuilds the table near_duplicates(source, canonical) of the index's fact-checks (inside the caller's
// transaction). Sources that stand for themselves have no row.
void group_near_duplicates(Database& db);

struct NearDuplicates {
  std::unordered_map<std::int64_t, std::int64_t> canonical_of;        // member source id -> the group's source id
  std::unordered_map<std::int64_t, std::string> canonical_sid;        // the group's source id -> its sid
  std::unordered_map<std::int64_t, std::vector<std::string>> others;  // the group's source id -> the others' sids
};
// The groups of an index (empty for an index built before they existed).
std::shared_ptr<const NearDuplicates> load_near_duplicates(const std::string& path);

}  // namespace factpipe::crossref
