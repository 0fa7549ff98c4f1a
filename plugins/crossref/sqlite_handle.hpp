#pragma once
// Thin RAII over the SQLite C API: a connection and prepared statements, errors as exceptions that
// name the database file.
#include <sqlite3.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace factpipe::crossref {

class ContentTokenizerHook;  // content_tokenizer.hpp

// Turns off SQLite's memory statistics, which take a global mutex around every allocation (5% of the
// instructions of an index build). Process-wide, so a program's main calls it before its first connection
// (factpipe-index, the benchmark); the plugin does not, it shares the process with others.
inline void disable_sqlite_memory_statistics() { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(Statement&& o) noexcept : db_(o.db_), st_(o.st_) { o.st_ = nullptr; }
  Statement& operator=(Statement&& o) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int i, std::string_view v);  // copies the text
  // Does not copy: `v` must stay alive and unchanged until the statement is reset (bulk loads of large texts).
  Statement& bind_static(int i, std::string_view v);
  Statement& bind_null(int i);
  Statement& bind_blob(int i, const void* data, std::size_t bytes);  // copies the bytes
  Statement& bind(int i, std::int64_t v);
  Statement& bind(int i, double v);
  bool step();  // true while a row is available
  void run() {
    while (step()) {
    }
    reset();
  }
  void reset();
  std::int64_t int64(int col) const { return sqlite3_column_int64(st_, col); }
  double real(int col) const { return sqlite3_column_double(st_, col); }
  std::string text(int col) const;
  std::string_view text_view(int col) const;
  std::string_view blob(int col) const;  // valid until the next step or reset
  sqlite3_stmt* get() const { return st_; }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* st_ = nullptr;
};

class Database {
 public:
  enum class Mode { read_only, read_write };
  Database(const std::string& path, Mode mode);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(std::string_view sql);
  Statement prepare(std::string_view sql) { return Statement(db_, sql); }
  sqlite3* get() const { return db_; }
  const std::string& path() const { return path_; }
  // The index tokenizer's state on this connection (to offer pre-computed tokens: content_tokenizer.hpp).
  ContentTokenizerHook* tokenizer_hook() const { return tokenizer_hook_; }

 private:
  sqlite3* db_ = nullptr;
  ContentTokenizerHook* tokenizer_hook_ = nullptr;
  std::string path_;
};

}  // namespace factpipe::crossref
