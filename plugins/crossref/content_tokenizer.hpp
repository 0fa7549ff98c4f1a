#pragma once
// The full-text index leaves out stop words: FTS5 tokenizer "factpipe_content" wraps another tokenizer
// ("porter unicode61 ...") and drops the tokens whose surface word is a built-in stop word (the, of, was, ...:
// about 40% of the tokens of news text, none of which a claim query asks for). Queries go through the same
// tokenizer, so a stop word in a query matches nothing instead of every passage.
#include <string_view>

struct sqlite3;

namespace factpipe::crossref {

// Registers "factpipe_content" on a connection: every connection that reads or writes the index needs it.
// Throws when SQLite has no FTS5.
void register_content_tokenizer(sqlite3* db);

// Is this (lower-case) word in the index? Fixed list (not data/stopwords.txt, which a user may edit: the index
// must not change with it); every word of it is a stop word of the default data/stopwords.txt too.
bool indexed_word(std::string_view lower);

}  // namespace factpipe::crossref
