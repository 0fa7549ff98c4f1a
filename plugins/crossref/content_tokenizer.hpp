#pragma once
// The full-text index leaves out stop words: FTS5 tokenizer "factpipe_content" wraps another tokenizer
// ("porter unicode61 ...") and drops the tokens whose surface word is a built-in stop word (the, of, was, ...:
// about 40% of the tokens of news text, none of which a claim query asks for). Queries go through the same
// tokenizer, so a stop word in a query matches nothing instead of every passage. The filter runs below the porter
// stemmer (as tokenizer "factpipe_stop", which "factpipe_content porter ..." builds in), so stop words are never
// stemmed; the tokens are the same as stemming first and filtering after.
//
// Tokenizing is the costliest part of writing a passage, and the index has one writer thread. So an index build
// tokenizes on its reader thread (ContentTokenizer: the same tokenizer, on a connection of its own) and offers the
// tokens to the writer's connection (offer_tokens) right before it inserts the row: when FTS5 then asks the
// connection's tokenizer for the tokens of a document text equal to an offered one, they are replayed (same
// tokens, flags, offsets), so the index is the same as when the writer tokenizes. Everything else (queries,
// deletes, texts not offered) is tokenized as usual.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace factpipe::crossref {

// The tokenize= argument of the index's FTS5 table (and of ContentTokenizer: the same tokens).
inline constexpr const char* kContentTokenizerSpec = "factpipe_content porter unicode61 remove_diacritics 2";

// Tokens of texts, one flat buffer (a passage's tokens without an allocation each).
struct TokenBuffer {
  struct Token {
    std::int32_t start, end;   // byte offsets in the text
    std::int32_t size, flags;  // length of the token's text in `bytes`; FTS5_TOKEN_* flags
  };
  std::vector<Token> tokens;
  std::string bytes;  // the token texts, one after another
  void clear() {
    tokens.clear();
    bytes.clear();
  }
  std::size_t memory() const { return tokens.capacity() * sizeof(Token) + bytes.capacity(); }
};

// The tokens of one text in a TokenBuffer: tokens [first, first + count), their texts from bytes[byte_offset].
struct TokenRange {
  std::uint32_t first = 0, count = 0;
  std::size_t byte_offset = 0;
};

// A text and its tokens, offered to a connection.
struct PretokenizedText {
  std::string_view text;
  const TokenBuffer* buffer = nullptr;
  TokenRange range;
};

// The factpipe_content tokenizer's state on one connection (owned by the connection).
class ContentTokenizerHook;

// Registers "factpipe_content" on a connection: every connection that reads or writes the index needs it.
// Throws when SQLite has no FTS5. Returns the connection's hook (valid while the connection is open).
ContentTokenizerHook* register_content_tokenizer(sqlite3* db);

// Until withdraw_tokens: a document text that FTS5 tokenizes on this connection and that equals one of `texts`
// (same bytes) gets their tokens. `texts` (and the buffers) must stay alive until then. Set right before
// stepping the statement that inserts them, withdrawn right after.
void offer_tokens(ContentTokenizerHook* hook, const PretokenizedText* texts, std::size_t n);
void withdraw_tokens(ContentTokenizerHook* hook);
// How many texts were replayed / tokenized on this connection (tests check that the replay ran).
std::size_t replayed_texts(const ContentTokenizerHook* hook);

// An FTS5 tokenizer outside any table, on an in-memory connection of its own (factpipe_content is registered
// there too): `spec` is a tokenize= argument, e.g. kContentTokenizerSpec or "porter unicode61". One per thread.
class StandaloneTokenizer {
 public:
  using TokenCallback = int (*)(void* ctx, int flags, const char* token, int n, int start, int end);
  explicit StandaloneTokenizer(std::string_view spec);
  ~StandaloneTokenizer();
  StandaloneTokenizer(const StandaloneTokenizer&) = delete;
  StandaloneTokenizer& operator=(const StandaloneTokenizer&) = delete;

  // Tokenizes `text` as a document column; returns SQLite's result code (the callback's, when it stops).
  int tokenize(std::string_view text, void* ctx, TokenCallback on_token);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The index's tokenizer outside the index (the tokens FTS5 indexes). One per thread.
class ContentTokenizer {
 public:
  ContentTokenizer() : tokenizer_(kContentTokenizerSpec) {}

  // Appends the tokens FTS5 would index for `text` (a document column) to `out`.
  TokenRange tokenize(std::string_view text, TokenBuffer& out);

 private:
  StandaloneTokenizer tokenizer_;
};

// Is this (lower-case) word in the index? Fixed list (not data/stopwords.txt, which a user may edit: the index
// must not change with it); every word of it is a stop word of the default data/stopwords.txt too.
bool indexed_word(std::string_view lower);

}  // namespace factpipe::crossref
