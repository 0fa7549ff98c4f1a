#include <factpipe/document.hpp>

#include <algorithm>
#include <stdexcept>

namespace factpipe {

Document::Document(std::string id, std::string t) : text(std::move(t)) { metadata.id = std::move(id); }

bool Document::has_layer(std::string_view name) const {
  return std::find(layers.begin(), layers.end(), name) != layers.end();
}

void Document::add_layer(std::string_view name) {
  if (!has_layer(name)) layers.emplace_back(name);
}

namespace {
template <class Vec>
int index_at(const Vec& v, std::size_t offset) {
  auto it = std::upper_bound(v.begin(), v.end(), offset, [](std::size_t o, const auto& a) { return o < a.span.start; });
  if (it == v.begin()) return -1;
  --it;
  return offset < it->span.end ? static_cast<int>(it - v.begin()) : -1;
}

template <class E, std::size_t N>
E parse_enum(std::string_view s, const std::string_view (&names)[N], const char* what) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == s) return static_cast<E>(i);
  std::string allowed;
  for (std::size_t i = 0; i < N; ++i) allowed += (i ? ", " : "") + std::string(names[i]);
  throw std::invalid_argument("unknown " + std::string(what) + " '" + std::string(s) + "' (allowed: " + allowed + ")");
}

constexpr std::string_view kTokenKinds[] = {"word", "number", "punct", "symbol", "space", "other"};
constexpr std::string_view kMentionKinds[] = {"name", "nominal", "pronoun"};
constexpr std::string_view kQuoteKinds[] = {"direct", "partial", "indirect", "mixed"};
constexpr std::string_view kStances[] = {"supports", "refutes", "discusses", "unrelated"};
constexpr std::string_view kDiffOps[] = {"equal", "insert", "delete"};
}  // namespace

int Document::sentence_at(std::size_t offset) const { return index_at(sentences, offset); }
int Document::token_at(std::size_t offset) const { return index_at(tokens, offset); }

std::string_view to_string(TokenKind k) { return kTokenKinds[static_cast<int>(k)]; }
std::string_view to_string(MentionKind k) { return kMentionKinds[static_cast<int>(k)]; }
std::string_view to_string(QuoteKind k) { return kQuoteKinds[static_cast<int>(k)]; }
std::string_view to_string(Stance k) { return kStances[static_cast<int>(k)]; }
std::string_view to_string(DiffOp::Op k) { return kDiffOps[static_cast<int>(k)]; }
TokenKind token_kind_from(std::string_view s) { return parse_enum<TokenKind>(s, kTokenKinds, "token kind"); }
MentionKind mention_kind_from(std::string_view s) { return parse_enum<MentionKind>(s, kMentionKinds, "mention kind"); }
QuoteKind quote_kind_from(std::string_view s) { return parse_enum<QuoteKind>(s, kQuoteKinds, "quote kind"); }
Stance stance_from(std::string_view s) { return parse_enum<Stance>(s, kStances, "stance"); }
DiffOp::Op diff_op_from(std::string_view s) { return parse_enum<DiffOp::Op>(s, kDiffOps, "diff op"); }

}  // namespace factpipe
