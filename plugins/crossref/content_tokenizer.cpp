#include "content_tokenizer.hpp"

#include <sqlite3.h>

#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include "text_analysis.hpp"

namespace factpipe::crossref {

namespace {

struct Wrapped {
  fts5_tokenizer inner{};
  Fts5Tokenizer* instance = nullptr;
};

struct Forward {
  void* ctx;
  int (*token)(void*, int, const char*, int, int, int);
  const char* text;
  int length;
};

int create(void* user, const char** args, int n, Fts5Tokenizer** out) {
  auto* api = static_cast<fts5_api*>(user);
  if (n < 1) return SQLITE_ERROR;  // needs the tokenizer it wraps
  auto* w = new (std::nothrow) Wrapped;
  if (!w) return SQLITE_NOMEM;
  void* inner_user = nullptr;
  int rc = api->xFindTokenizer(api, args[0], &inner_user, &w->inner);
  if (rc == SQLITE_OK) rc = w->inner.xCreate(inner_user, args + 1, n - 1, &w->instance);
  if (rc != SQLITE_OK) {
    delete w;
    return rc;
  }
  *out = reinterpret_cast<Fts5Tokenizer*>(w);
  return SQLITE_OK;
}

void destroy(Fts5Tokenizer* t) {
  auto* w = reinterpret_cast<Wrapped*>(t);
  if (w->instance) w->inner.xDelete(w->instance);
  delete w;
}

char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// The stop words by length and first letter: a token is checked against the few that share both (every
// token of every indexed passage passes here, so no hashing and no copy).
constexpr int kMaxStopLength = 10;
struct StopTable {
  std::vector<std::string> bucket[kMaxStopLength + 1][26];
};

const StopTable& stop_table() {
  static const StopTable table = [] {
    StopTable t;
    for (const auto& w : Stopwords::builtin().words()) {
      // "shall" is a content word of data/stopwords.txt: kept, so a claim's query can ask for it.
      if (w.empty() || w.size() > kMaxStopLength || w[0] < 'a' || w[0] > 'z' || w == "shall") continue;
      t.bucket[w.size()][w[0] - 'a'].push_back(w);
    }
    return t;
  }();
  return table;
}

bool stop_word(const char* s, std::size_t n) {
  if (n == 0 || n > kMaxStopLength) return false;
  char first = lower_ascii(s[0]);
  if (first < 'a' || first > 'z') return false;
  for (const auto& w : stop_table().bucket[n][first - 'a']) {
    std::size_t i = 1;
    while (i < n && lower_ascii(s[i]) == w[i]) ++i;
    if (i == n) return true;
  }
  return false;
}

int on_token(void* ctx, int flags, const char* token, int n, int start, int end) {
  auto* f = static_cast<Forward*>(ctx);
  // The surface word decides (the stem of "was" is "wa").
  if (start >= 0 && end <= f->length && start < end &&
      stop_word(f->text + start, static_cast<std::size_t>(end - start)))
    return SQLITE_OK;
  return f->token(f->ctx, flags, token, n, start, end);
}

int tokenize(Fts5Tokenizer* t, void* ctx, int flags, const char* text, int length,
             int (*token)(void*, int, const char*, int, int, int)) {
  auto* w = reinterpret_cast<Wrapped*>(t);
  Forward f{ctx, token, text, length};
  return w->inner.xTokenize(w->instance, &f, flags, text, length, on_token);
}

fts5_api* fts5_of(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr) == SQLITE_OK) {
    sqlite3_bind_pointer(st, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(st);
  }
  sqlite3_finalize(st);
  return api;
}

}  // namespace

void register_content_tokenizer(sqlite3* db) {
  fts5_api* api = fts5_of(db);
  if (!api) throw std::runtime_error("crossref: SQLite was built without FTS5");
  fts5_tokenizer t{create, destroy, tokenize};
  if (api->xCreateTokenizer(api, "factpipe_content", api, &t, nullptr) != SQLITE_OK)
    throw std::runtime_error(std::string("crossref: cannot register the FTS5 tokenizer: ") + sqlite3_errmsg(db));
}

bool indexed_word(std::string_view lower) { return !stop_word(lower.data(), lower.size()); }

}  // namespace factpipe::crossref
