#pragma once
// One number from an index, read the way `factpipe run` opens it (read-only): for the index tests.
#include <cstdint>
#include <filesystem>
#include <string>

#include "sqlite_handle.hpp"

namespace factpipe::crossref {

inline std::int64_t count(const std::filesystem::path& db, const std::string& sql) {
  Database d(db.string(), Database::Mode::read_only);
  auto st = d.prepare(sql);
  st.step();
  return st.int64(0);
}

}  // namespace factpipe::crossref
