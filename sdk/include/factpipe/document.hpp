#pragma once
// The shared document: UTF-8 text plus typed, offset-based layers (after spaCy's Doc/Span and UIMA's CAS).
// Offsets here are BYTE offsets into `text` (fast slicing); JSON carries Unicode code points instead.
// Nothing in a document points into a plugin's memory: cross references are indices into the layers.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <factpipe/export.hpp>

namespace factpipe {

using Json = nlohmann::json;

// Named JSON values a plugin may attach to the document or to any annotation ("extra" in JSON).
// Convention: key by plugin name, e.g. extra["sentiment"] = {...}.
using Extra = Json;  // always an object (possibly empty)

struct Span {
  std::size_t start = 0;  // byte offset, inclusive
  std::size_t end = 0;    // byte offset, exclusive
  std::size_t size() const { return end - start; }
  bool empty() const { return end <= start; }
  bool contains(const Span& o) const { return start <= o.start && o.end <= end; }
  bool overlaps(const Span& o) const { return start < o.end && o.start < end; }
  bool operator==(const Span&) const = default;
};

struct Metadata {
  std::string id;
  std::string title;
  std::string url;
  std::string publisher;
  std::string published;  // ISO 8601 date or date-time, as given
  std::string language;   // BCP 47, e.g. "en"
  std::string source_file;
  std::vector<std::string> authors;  // the article's bylines (a web page's JSON-LD or meta tags, or given)
  bool operator==(const Metadata&) const = default;
};

struct Paragraph {
  Span span;
  Extra extra = Json::object();
  bool operator==(const Paragraph&) const = default;
};

struct Sentence {
  Span span;
  int paragraph = -1;                     // index into paragraphs, -1 when there are none
  std::optional<double> checkworthiness;  // [0,1], set by the claims stage
  Extra extra = Json::object();
  bool operator==(const Sentence&) const = default;
};

enum class TokenKind : std::uint8_t { word, number, punct, symbol, space, other };

struct Token {
  Span span;
  TokenKind kind = TokenKind::word;
  bool operator==(const Token&) const = default;
};

enum class MentionKind : std::uint8_t { name, nominal, pronoun };

struct Mention {
  Span span;
  MentionKind kind = MentionKind::name;
  bool operator==(const Mention&) const = default;
};

// A real-world thing with all of its mentions in this document.
struct Entity {
  std::string type;  // PERSON, ORG, GPE, LOC, NORP, ... (spaCy's labels where they fit)
  std::string name;  // canonical name, e.g. "Vladimir Putin"
  std::vector<Mention> mentions;
  Extra extra = Json::object();
  bool operator==(const Entity&) const = default;
};

// direct: a whole quotation; partial: a few quoted words; indirect: reported speech without marks; mixed:
// reported speech that holds a quotation (He said the plan was "dead on arrival"), whose quoted words are
// also a partial quotation of their own. `mixed` came with API 3.1.
enum class QuoteKind : std::uint8_t { direct, partial, indirect, mixed };

// The quotation's words are the speaker's own, so they can be checked against what the speaker said.
inline bool quoted_verbatim(QuoteKind k) { return k == QuoteKind::direct || k == QuoteKind::partial; }

struct Speaker {
  std::string name;             // canonical name, or the surface text when no entity is known
  int entity = -1;              // index into entities, -1 when unresolved
  std::optional<Span> mention;  // the span in this document that attributes the quote, e.g. "He"
  bool operator==(const Speaker&) const = default;
};

struct DiffOp {
  enum class Op : std::uint8_t { equal, insert, remove };
  Op op = Op::equal;
  std::string text;  // words, joined by single spaces
  bool operator==(const DiffOp&) const = default;
};

// Whether a quotation appears in an earlier source (a transcript, an earlier report).
struct QuoteVerification {
  std::string status;  // verbatim | altered | not_found
  std::string source_id, title, url;
  std::string passage;       // the source's wording, when found
  std::vector<DiffOp> diff;  // quote -> source, word level; empty when verbatim or not found
  double similarity = 0.0;
  bool operator==(const QuoteVerification&) const = default;
};

struct Quote {
  Span span;  // the quoted content, inside the marks for direct/partial
  QuoteKind kind = QuoteKind::direct;
  std::optional<Speaker> speaker;  // nullopt when nobody can be found: never a guess dressed as certain
  std::optional<Span> cue;         // e.g. "said", "told reporters", "according to"
  std::string cue_verb;            // lemma of the cue, e.g. "say"
  double confidence = 0.0;
  std::optional<QuoteVerification> verification;
  Extra extra = Json::object();
  bool operator==(const Quote&) const = default;
};

enum class Stance : std::uint8_t { supports, refutes, discusses, unrelated };

struct Evidence {
  std::string kind = "passage";  // passage | factcheck | document (another document of the batch)
  std::string source_id, title, url, publisher, date;
  std::string passage;
  std::size_t passage_start = 0, passage_end = 0;  // code points into the source's own text
  double score = 0.0;                              // retrieval / re-ranking score
  Stance stance = Stance::unrelated;
  double confidence = 0.0;
  std::string rating;  // for fact-checks: reviewRating.alternateName
  Extra extra = Json::object();
  bool operator==(const Evidence&) const = default;
};

struct Verdict {
  std::string label;  // supported | refuted | disputed | not_enough_evidence
  double confidence = 0.0;
  std::string explanation;
  bool operator==(const Verdict&) const = default;
};

struct Claim {
  Span span;
  std::string text;        // the claim as written
  std::string normalized;  // decontextualised: reads alone ("Chang Ho-jin said Moscow should ...")
  double score = 0.0;      // check-worthiness in [0,1]
  std::string type;        // quantity | comparison | event | position | causal | prediction | identity
  std::string claimant;    // the quote's speaker, or the publication
  int claimant_entity = -1;
  int quote = -1;                  // index into quotes, -1 when not from a quote
  int sentence = -1;               // index into sentences
  std::vector<int> entities;       // indices into entities
  std::vector<Span> numbers;       // numbers and quantities inside the claim
  std::vector<Span> dates;         // dates and times inside the claim
  std::vector<Evidence> evidence;  // ranked, best first
  std::optional<Verdict> verdict;
  Extra extra = Json::object();
  bool operator==(const Claim&) const = default;
};

struct StageRun {
  std::string stage, plugin, version;
  double seconds = 0.0;
  bool operator==(const StageRun&) const = default;
};

struct Provenance {
  std::string pipeline;  // pipeline name
  std::string config_file;
  std::vector<StageRun> stages;
  bool operator==(const Provenance&) const = default;
};

class FACTPIPE_SDK_API Document {
 public:
  Document() = default;
  Document(std::string id, std::string text);

  std::string text;  // UTF-8, never modified by stages
  Metadata metadata;

  std::vector<Paragraph> paragraphs;
  std::vector<Sentence> sentences;
  std::vector<Token> tokens;
  std::vector<Entity> entities;
  std::vector<Quote> quotes;
  std::vector<Claim> claims;

  std::vector<std::string> layers;  // names of the layers present, in the order they were provided
  Provenance provenance;
  Extra extra = Json::object();

  const std::string& id() const { return metadata.id; }
  std::string_view slice(const Span& s) const { return std::string_view(text).substr(s.start, s.size()); }
  bool has_layer(std::string_view name) const;
  void add_layer(std::string_view name);  // no-op when present

  // Indices of the sentence / token containing byte `offset` (binary search), -1 when none.
  int sentence_at(std::size_t offset) const;
  int token_at(std::size_t offset) const;

  bool operator==(const Document&) const = default;
};

FACTPIPE_SDK_API std::string_view to_string(TokenKind);
FACTPIPE_SDK_API std::string_view to_string(MentionKind);
FACTPIPE_SDK_API std::string_view to_string(QuoteKind);
FACTPIPE_SDK_API std::string_view to_string(Stance);
FACTPIPE_SDK_API std::string_view to_string(DiffOp::Op);
// Parse the names above; throw std::invalid_argument naming the allowed values.
FACTPIPE_SDK_API TokenKind token_kind_from(std::string_view);
FACTPIPE_SDK_API MentionKind mention_kind_from(std::string_view);
FACTPIPE_SDK_API QuoteKind quote_kind_from(std::string_view);
FACTPIPE_SDK_API Stance stance_from(std::string_view);
FACTPIPE_SDK_API DiffOp::Op diff_op_from(std::string_view);

}  // namespace factpipe
