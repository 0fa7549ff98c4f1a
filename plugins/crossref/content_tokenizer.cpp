#include "content_tokenizer.hpp"

#include <sqlite3.h>

#include <cstring>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include "text_analysis.hpp"

namespace factpipe::crossref {

namespace {

// The connection's state: the fts5_api (to find the wrapped tokenizer) and the texts offered for replay.
struct Hook {
  fts5_api* api = nullptr;
  const PretokenizedText* offered = nullptr;
  std::size_t n_offered = 0;
  std::size_t replayed = 0;
};

struct Wrapped {
  fts5_tokenizer inner{};
  Fts5Tokenizer* instance = nullptr;
  Hook* hook = nullptr;
  bool filter = true;  // drops stop words itself (false: the tokenizer it wraps does)
};

struct Forward {
  void* ctx;
  int (*token)(void*, int, const char*, int, int, int);
  const char* text;
  int length;
};

// The stop-word filter without the porter stemmer: "factpipe_stop" (see create()).
constexpr const char* kStopFilter = "factpipe_stop";

// "factpipe_content porter X..." stems only the words it keeps: it is made as "porter factpipe_stop X...", the
// stop-word filter (by surface form, as before) below the stemmer, so the ~40% of tokens that are stop words are
// not stemmed. The tokens are the same (porter stems each token on its own and passes its offsets through).
// Other wrapped tokenizers are filtered after they run. "factpipe_stop X..." filters X's tokens.
int create_wrapper(void* user, const char** args, int n, Fts5Tokenizer** out, bool stop_filter) {
  auto* hook = static_cast<Hook*>(user);
  if (n < 1) return SQLITE_ERROR;  // needs the tokenizer it wraps
  auto* w = new (std::nothrow) Wrapped;
  if (!w) return SQLITE_NOMEM;
  w->hook = hook;
  int rc = SQLITE_OK;
  try {  // no exception through SQLite's C code
    std::vector<const char*> inner_args(args + 1, args + n);
    if (!stop_filter && n >= 2 && std::strcmp(args[0], "porter") == 0) {
      inner_args.insert(inner_args.begin(), kStopFilter);
      w->filter = false;
    }
    void* inner_user = nullptr;
    rc = hook->api->xFindTokenizer(hook->api, args[0], &inner_user, &w->inner);
    if (rc == SQLITE_OK)
      rc = w->inner.xCreate(inner_user, inner_args.data(), static_cast<int>(inner_args.size()), &w->instance);
  } catch (const std::bad_alloc&) {
    rc = SQLITE_NOMEM;
  }
  if (rc != SQLITE_OK) {
    delete w;
    return rc;
  }
  *out = reinterpret_cast<Fts5Tokenizer*>(w);
  return SQLITE_OK;
}

int create(void* user, const char** args, int n, Fts5Tokenizer** out) {
  return create_wrapper(user, args, n, out, false);
}
int create_stop(void* user, const char** args, int n, Fts5Tokenizer** out) {
  return create_wrapper(user, args, n, out, true);
}

void destroy(Fts5Tokenizer* t) {
  auto* w = reinterpret_cast<Wrapped*>(t);
  if (w->instance) w->inner.xDelete(w->instance);
  delete w;
}

void destroy_hook(void* user) { delete static_cast<Hook*>(user); }

char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// The stop words by length and first letter: a token is checked against the few that share both (every
// token of every indexed passage passes here, so no hashing and no copy). Measured: this beats a table keyed by
// the packed lower-cased word and a filter on the second letter.
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

// The offered text equal to this one, if any.
const PretokenizedText* offered_for(const Hook* hook, const char* text, int length) {
  for (std::size_t i = 0; i < hook->n_offered; ++i) {
    const PretokenizedText& o = hook->offered[i];
    if (o.text.size() != static_cast<std::size_t>(length)) continue;
    // FTS5 reads the bound text through sqlite3_value_text, which copies a text that is not nul-terminated
    // (a sentence sliced from its source): the bytes, not the pointer, decide.
    if (length == 0 || o.text.data() == text || std::memcmp(o.text.data(), text, o.text.size()) == 0) return &o;
  }
  return nullptr;
}

int replay(const PretokenizedText& o, void* ctx, int (*token)(void*, int, const char*, int, int, int)) {
  const char* bytes = o.buffer->bytes.data() + o.range.byte_offset;
  const TokenBuffer::Token* t = o.buffer->tokens.data() + o.range.first;
  for (std::uint32_t i = 0; i < o.range.count; ++i, ++t) {
    int rc = token(ctx, t->flags, bytes, t->size, t->start, t->end);
    if (rc != SQLITE_OK) return rc;
    bytes += t->size;
  }
  return SQLITE_OK;
}

int tokenize(Fts5Tokenizer* t, void* ctx, int flags, const char* text, int length,
             int (*token)(void*, int, const char*, int, int, int)) {
  auto* w = reinterpret_cast<Wrapped*>(t);
  if (flags == FTS5_TOKENIZE_DOCUMENT && w->hook->n_offered > 0 && text) {
    if (const PretokenizedText* o = offered_for(w->hook, text, length)) {
      ++w->hook->replayed;
      return replay(*o, ctx, token);
    }
  }
  if (!w->filter) return w->inner.xTokenize(w->instance, ctx, flags, text, length, token);
  Forward f{ctx, token, text, length};
  return w->inner.xTokenize(w->instance, &f, flags, text, length, on_token);
}

// "factpipe_stop": the filter alone (below porter; never replays: porter would stem the replayed stems).
int tokenize_stop(Fts5Tokenizer* t, void* ctx, int flags, const char* text, int length,
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

ContentTokenizerHook* register_content_tokenizer(sqlite3* db) {
  fts5_api* api = fts5_of(db);
  if (!api) throw std::runtime_error("crossref: SQLite was built without FTS5");
  auto* hook = new Hook;
  hook->api = api;
  fts5_tokenizer t{create, destroy, tokenize};
  fts5_tokenizer stop{create_stop, destroy, tokenize_stop};
  // Once registered, SQLite owns the hook (destroy_hook runs when the connection closes).
  if (api->xCreateTokenizer(api, kStopFilter, hook, &stop, nullptr) != SQLITE_OK ||
      api->xCreateTokenizer(api, "factpipe_content", hook, &t, destroy_hook) != SQLITE_OK) {
    delete hook;
    throw std::runtime_error(std::string("crossref: cannot register the FTS5 tokenizer: ") + sqlite3_errmsg(db));
  }
  return reinterpret_cast<ContentTokenizerHook*>(hook);
}

void offer_tokens(ContentTokenizerHook* hook, const PretokenizedText* texts, std::size_t n) {
  auto* h = reinterpret_cast<Hook*>(hook);
  h->offered = texts;
  h->n_offered = n;
}

void withdraw_tokens(ContentTokenizerHook* hook) { offer_tokens(hook, nullptr, 0); }

std::size_t replayed_texts(const ContentTokenizerHook* hook) { return reinterpret_cast<const Hook*>(hook)->replayed; }

namespace {
int record_token(void* ctx, int flags, const char* token, int n, int start, int end) {
  auto* out = static_cast<TokenBuffer*>(ctx);
  try {  // no exception through SQLite's C code
    out->tokens.push_back(TokenBuffer::Token{start, end, n, flags});
    out->bytes.append(token, static_cast<std::size_t>(n));
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  }
  return SQLITE_OK;
}
}  // namespace

struct StandaloneTokenizer::Impl {
  sqlite3* db = nullptr;
  fts5_tokenizer api{};
  Fts5Tokenizer* instance = nullptr;
  ~Impl() {
    if (instance) api.xDelete(instance);
    sqlite3_close(db);
  }
};

StandaloneTokenizer::StandaloneTokenizer(std::string_view spec) : impl_(std::make_unique<Impl>()) {
  if (sqlite3_open_v2(":memory:", &impl_->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK)
    throw std::runtime_error("crossref: cannot open an in-memory SQLite connection for the tokenizer");
  register_content_tokenizer(impl_->db);
  // The spec split at spaces: the tokenizer's name, then its arguments.
  std::vector<std::string> words;
  for (std::string_view rest = spec; !rest.empty();) {
    auto sp = rest.find(' ');
    words.emplace_back(rest.substr(0, sp));
    rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
  }
  std::vector<const char*> args;
  for (std::size_t i = 1; i < words.size(); ++i) args.push_back(words[i].c_str());
  fts5_api* api = fts5_of(impl_->db);
  void* user = nullptr;
  if (words.empty() || !api || api->xFindTokenizer(api, words[0].c_str(), &user, &impl_->api) != SQLITE_OK ||
      impl_->api.xCreate(user, args.data(), static_cast<int>(args.size()), &impl_->instance) != SQLITE_OK)
    throw std::runtime_error("crossref: cannot create the FTS5 tokenizer " + std::string(spec));
}

StandaloneTokenizer::~StandaloneTokenizer() = default;

int StandaloneTokenizer::tokenize(std::string_view text, void* ctx, TokenCallback on_token) {
  // A non-null pointer for an empty text, as FTS5 passes for an empty (not NULL) value.
  return impl_->api.xTokenize(impl_->instance, ctx, FTS5_TOKENIZE_DOCUMENT, text.data() ? text.data() : "",
                              static_cast<int>(text.size()), on_token);
}

TokenRange ContentTokenizer::tokenize(std::string_view text, TokenBuffer& out) {
  TokenRange r;
  r.first = static_cast<std::uint32_t>(out.tokens.size());
  r.byte_offset = out.bytes.size();
  int rc = tokenizer_.tokenize(text, &out, record_token);
  if (rc != SQLITE_OK) throw std::runtime_error("crossref: tokenizing failed (" + std::to_string(rc) + ")");
  r.count = static_cast<std::uint32_t>(out.tokens.size() - r.first);
  return r;
}

bool indexed_word(std::string_view lower) { return !stop_word(lower.data(), lower.size()); }

}  // namespace factpipe::crossref
