#include <factpipe/host/layer_check.hpp>

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace factpipe::host {

namespace {

// FNV-1a over the fields, each length-prefixed where it has one, so that moved boundaries change the hash.
class Hasher {
 public:
  void bytes(const void* p, std::size_t n) {
    const auto* b = static_cast<const unsigned char*>(p);
    for (std::size_t i = 0; i < n; ++i) h_ = (h_ ^ b[i]) * 1099511628211ULL;
  }
  void num(std::uint64_t v) { bytes(&v, sizeof v); }
  void real(double v) { bytes(&v, sizeof v); }
  void str(std::string_view s) {
    num(s.size());
    bytes(s.data(), s.size());
  }
  void span(const Span& s) {
    num(s.start);
    num(s.end);
  }
  void opt_span(const std::optional<Span>& s) {
    num(s ? 1 : 0);
    if (s) span(*s);
  }
  void json(const Json& j) { str(j.dump()); }
  std::uint64_t value() const { return h_; }

 private:
  std::uint64_t h_ = 1469598103934665603ULL;
};

// Adds every key of an item's extra to "<owner>.extra:<key>" (the item's index is hashed in, so that a key
// moving from one sentence to another counts).
void hash_extra(std::map<std::string, Hasher, std::less<>>& extras, const std::string& owner, std::size_t index,
                const Extra& extra) {
  if (!extra.is_object()) return;
  for (auto it = extra.begin(); it != extra.end(); ++it) {
    Hasher& h = extras[owner + ".extra:" + it.key()];
    h.num(index);
    h.json(it.value());
  }
}

void hash_metadata(Hasher& h, const Metadata& m) {
  for (const std::string* s : {&m.id, &m.title, &m.url, &m.publisher, &m.published, &m.language, &m.source_file})
    h.str(*s);
  h.num(m.authors.size());
  for (const auto& a : m.authors) h.str(a);
}

bool provides_name(const std::vector<Layer>& provides, std::string_view name) {
  return std::any_of(provides.begin(), provides.end(), [&](const Layer& l) { return l.name() == name; });
}

}  // namespace

LayerFingerprint layer_fingerprint(const Document& doc) {
  std::map<std::string, Hasher, std::less<>> parts, extras;
  auto& paragraphs = parts["paragraphs"];
  paragraphs.num(doc.paragraphs.size());
  for (std::size_t i = 0; i < doc.paragraphs.size(); ++i) {
    paragraphs.span(doc.paragraphs[i].span);
    hash_extra(extras, "paragraphs", i, doc.paragraphs[i].extra);
  }
  auto& sentences = parts["sentences"];
  auto& checkworthiness = parts["checkworthiness"];
  sentences.num(doc.sentences.size());
  for (std::size_t i = 0; i < doc.sentences.size(); ++i) {
    const Sentence& s = doc.sentences[i];
    sentences.span(s.span);
    sentences.num(static_cast<std::uint64_t>(s.paragraph));
    // Only the sentences that have a score: adding sentences without one leaves the layer as it was.
    if (s.checkworthiness) {
      checkworthiness.num(i);
      checkworthiness.real(*s.checkworthiness);
    }
    hash_extra(extras, "sentences", i, s.extra);
  }
  auto& tokens = parts["tokens"];
  tokens.num(doc.tokens.size());
  for (const auto& t : doc.tokens) {
    tokens.span(t.span);
    tokens.num(static_cast<std::uint64_t>(t.kind));
  }
  auto& entities = parts["entities"];
  entities.num(doc.entities.size());
  for (std::size_t i = 0; i < doc.entities.size(); ++i) {
    const Entity& e = doc.entities[i];
    entities.str(e.type);
    entities.str(e.name);
    entities.num(e.mentions.size());
    for (const auto& m : e.mentions) {
      entities.span(m.span);
      entities.num(static_cast<std::uint64_t>(m.kind));
    }
    hash_extra(extras, "entities", i, e.extra);
  }
  auto& quotes = parts["quotes"];
  auto& verification = parts["quote_verification"];
  quotes.num(doc.quotes.size());
  for (std::size_t i = 0; i < doc.quotes.size(); ++i) {
    const Quote& q = doc.quotes[i];
    quotes.span(q.span);
    quotes.num(static_cast<std::uint64_t>(q.kind));
    quotes.num(q.speaker ? 1 : 0);
    if (q.speaker) {
      quotes.str(q.speaker->name);
      quotes.num(static_cast<std::uint64_t>(q.speaker->entity));
      quotes.opt_span(q.speaker->mention);
    }
    quotes.opt_span(q.cue);
    quotes.str(q.cue_verb);
    quotes.real(q.confidence);
    if (q.verification) {
      const QuoteVerification& v = *q.verification;
      verification.num(i);
      for (const std::string* s : {&v.status, &v.source_id, &v.title, &v.url, &v.passage}) verification.str(*s);
      verification.num(v.diff.size());
      for (const auto& d : v.diff) {
        verification.num(static_cast<std::uint64_t>(d.op));
        verification.str(d.text);
      }
      verification.real(v.similarity);
    }
    hash_extra(extras, "quotes", i, q.extra);
  }
  auto& claims = parts["claims"];
  auto& evidence = parts["evidence"];
  auto& verdicts = parts["verdicts"];
  claims.num(doc.claims.size());
  for (std::size_t i = 0; i < doc.claims.size(); ++i) {
    const Claim& c = doc.claims[i];
    claims.span(c.span);
    for (const std::string* s : {&c.text, &c.normalized, &c.type, &c.claimant}) claims.str(*s);
    claims.real(c.score);
    for (int v : {c.claimant_entity, c.quote, c.sentence}) claims.num(static_cast<std::uint64_t>(v));
    claims.num(c.entities.size());
    for (int e : c.entities) claims.num(static_cast<std::uint64_t>(e));
    for (const auto* spans : {&c.numbers, &c.dates}) {
      claims.num(spans->size());
      for (const auto& s : *spans) claims.span(s);
    }
    if (!c.evidence.empty()) {
      evidence.num(i);
      evidence.num(c.evidence.size());
      for (std::size_t k = 0; k < c.evidence.size(); ++k) {
        const Evidence& e = c.evidence[k];
        for (const std::string* s :
             {&e.kind, &e.source_id, &e.title, &e.url, &e.publisher, &e.date, &e.passage, &e.rating})
          evidence.str(*s);
        evidence.num(e.passage_start);
        evidence.num(e.passage_end);
        evidence.real(e.score);
        evidence.num(static_cast<std::uint64_t>(e.stance));
        evidence.real(e.confidence);
        hash_extra(extras, "evidence", i * 1000003 + k, e.extra);
      }
    }
    if (c.verdict) {
      verdicts.num(i);
      verdicts.str(c.verdict->label);
      verdicts.real(c.verdict->confidence);
      verdicts.str(c.verdict->explanation);
    }
    hash_extra(extras, "claims", i, c.extra);
  }
  hash_metadata(parts["metadata"], doc.metadata);
  if (doc.extra.is_object())
    for (auto it = doc.extra.begin(); it != doc.extra.end(); ++it) {
      // The social markup is a layer of its own (Layer::markup), kept in the document's extra.
      Hasher& h = it.key() == "markup" ? parts["markup"] : extras["extra:" + it.key()];
      h.json(it.value());
    }
  LayerFingerprint out;
  for (const auto& [k, h] : parts) out[k] = h.value();
  for (const auto& [k, h] : extras) out[k] = h.value();
  return out;
}

std::optional<std::string> undeclared_change(const LayerFingerprint& before, const LayerFingerprint& after,
                                             const std::vector<Layer>& provides, std::string_view plugin) {
  auto allowed = [&](std::string_view part) {
    auto colon = part.find(':');
    if (colon == std::string_view::npos) return provides_name(provides, part);  // a built-in layer, or metadata
    std::string_view key = part.substr(colon + 1);
    auto dot = part.find(".extra:");
    std::string_view owner = dot == std::string_view::npos ? std::string_view() : part.substr(0, dot);
    return key == plugin || provides_name(provides, key) || (!owner.empty() && provides_name(provides, owner));
  };
  auto describe = [](std::string_view part) -> std::string {
    if (part == "metadata") return "the document's metadata (no stage may change it)";
    auto colon = part.find(':');
    if (colon == std::string_view::npos) return "the layer '" + std::string(part) + "'";
    std::string key(part.substr(colon + 1));
    auto dot = part.find(".extra:");
    if (dot == std::string_view::npos) return "extra[\"" + key + "\"] of the document";
    return "extra[\"" + key + "\"] of the " + std::string(part.substr(0, dot));
  };
  auto changed = [&](std::string_view part) {
    auto b = before.find(part), a = after.find(part);
    if (b == before.end() || a == after.end()) return b != a;  // one side only: added or removed
    return b->second != a->second;
  };
  std::vector<std::string_view> parts;
  for (const auto& [k, v] : before) parts.push_back(k);
  for (const auto& [k, v] : after)
    if (!before.contains(k)) parts.push_back(k);
  for (std::string_view part : parts) {
    if (!changed(part) || allowed(part)) continue;
    std::string declared;
    for (const auto& l : provides) declared += (declared.empty() ? "" : ", ") + std::string(l.name());
    return "it changed " + describe(part) +
           ", which it does not declare (provides: " + (declared.empty() ? "nothing" : declared) +
           "; its own extra key: \"" + std::string(plugin) + "\")";
  }
  return std::nullopt;
}

bool layer_check_by_default() {
  if (const char* env = std::getenv("FACTPIPE_CHECK_LAYERS"); env && *env) return std::strcmp(env, "0") != 0;
#ifdef NDEBUG
  return false;
#else
  return true;
#endif
}

}  // namespace factpipe::host
