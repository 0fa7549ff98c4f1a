#include <factpipe/document_json.hpp>

#include <factpipe/json_limits.hpp>
#include <factpipe/utf8.hpp>

#include <set>

namespace factpipe {

JsonError::JsonError(std::string p, const std::string& what)
    : std::runtime_error((p.empty() ? std::string("/") : p) + ": " + what), path(std::move(p)) {}
JsonError::~JsonError() = default;

// ---------------------------------------------------------------- writing

namespace {

struct Writer {
  const Document& doc;
  utf8::OffsetMap map;
  std::size_t max_depth;

  // Copying or dumping a deeper value would overflow the stack: refuse it, saying where it is.
  void check_depth(const Extra& e, const std::string& where) const {
    if (json_depth(e, max_depth) > max_depth)
      throw JsonError(where, "the 'extra' value is " + json_too_deep(max_depth));
  }

  Json span(const Span& s, bool with_text = false) const {
    Json j{{"start", map.to_code_point(s.start)}, {"end", map.to_code_point(s.end)}};
    if (with_text) j["text"] = std::string(doc.slice(s));
    return j;
  }
  static Json index(int i) { return i < 0 ? Json(nullptr) : Json(i); }
  void put_extra(Json& j, const Extra& e, const std::string& where) const {
    if (!e.is_object() || e.empty()) return;
    check_depth(e, where + "/extra");
    j["extra"] = e;
  }

  Json evidence(const Evidence& e, const std::string& where) const {
    Json j{{"kind", e.kind},       {"source_id", e.source_id},         {"title", e.title},
           {"url", e.url},         {"publisher", e.publisher},         {"date", e.date},
           {"passage", e.passage}, {"passage_start", e.passage_start}, {"passage_end", e.passage_end},
           {"score", e.score},     {"stance", to_string(e.stance)},    {"confidence", e.confidence},
           {"rating", e.rating}};
    put_extra(j, e.extra, where);
    return j;
  }

  Json quote(const Quote& q, const std::string& where) const {
    Json j = span(q.span, true);
    j["kind"] = to_string(q.kind);
    if (q.speaker) {
      j["speaker"] = {{"name", q.speaker->name},
                      {"entity", index(q.speaker->entity)},
                      {"mention", q.speaker->mention ? span(*q.speaker->mention, true) : Json(nullptr)}};
    } else {
      j["speaker"] = nullptr;
    }
    j["cue"] = q.cue ? span(*q.cue, true) : Json(nullptr);
    j["cue_verb"] = q.cue_verb;
    j["confidence"] = q.confidence;
    if (q.verification) {
      const auto& v = *q.verification;
      Json diff = Json::array();
      for (const auto& d : v.diff) diff.push_back({{"op", to_string(d.op)}, {"text", d.text}});
      j["verification"] = {
          {"status", v.status}, {"source_id", v.source_id},  {"title", v.title}, {"url", v.url}, {"passage", v.passage},
          {"diff", diff},       {"similarity", v.similarity}};
    } else {
      j["verification"] = nullptr;
    }
    put_extra(j, q.extra, where);
    return j;
  }

  Json claim(const Claim& c, const std::string& where) const {
    Json j = span(c.span);
    j["text"] = c.text;
    j["normalized"] = c.normalized;
    j["score"] = c.score;
    j["type"] = c.type;
    j["claimant"] = c.claimant;
    j["claimant_entity"] = index(c.claimant_entity);
    j["quote"] = index(c.quote);
    j["sentence"] = index(c.sentence);
    j["entities"] = c.entities;
    Json nums = Json::array(), dates = Json::array(), ev = Json::array();
    for (const auto& s : c.numbers) nums.push_back(span(s, true));
    for (const auto& s : c.dates) dates.push_back(span(s, true));
    for (std::size_t i = 0; i < c.evidence.size(); ++i)
      ev.push_back(evidence(c.evidence[i], where + "/evidence/" + std::to_string(i)));
    j["numbers"] = std::move(nums);
    j["dates"] = std::move(dates);
    j["evidence"] = std::move(ev);
    j["verdict"] = c.verdict ? Json{{"label", c.verdict->label},
                                    {"confidence", c.verdict->confidence},
                                    {"explanation", c.verdict->explanation}}
                             : Json(nullptr);
    put_extra(j, c.extra, where);
    return j;
  }

  Json document() const {
    const auto& m = doc.metadata;
    Json j{{"id", m.id},
           {"text", doc.text},
           {"metadata",
            {{"title", m.title},
             {"url", m.url},
             {"publisher", m.publisher},
             {"published", m.published},
             {"language", m.language},
             {"authors", m.authors},
             {"source_file", m.source_file}}},
           {"layers", doc.layers}};
    Json paragraphs = Json::array(), sentences = Json::array(), tokens = Json::array(), entities = Json::array(),
         quotes = Json::array(), claims = Json::array(), stages = Json::array();
    for (const auto& p : doc.paragraphs) {
      Json e = span(p.span);
      put_extra(e, p.extra, "/paragraphs/" + std::to_string(paragraphs.size()));
      paragraphs.push_back(std::move(e));
    }
    for (const auto& s : doc.sentences) {
      Json e = span(s.span);
      e["paragraph"] = index(s.paragraph);
      e["checkworthiness"] = s.checkworthiness ? Json(*s.checkworthiness) : Json(nullptr);
      put_extra(e, s.extra, "/sentences/" + std::to_string(sentences.size()));
      sentences.push_back(std::move(e));
    }
    for (const auto& t : doc.tokens) {
      Json e = span(t.span);
      e["kind"] = to_string(t.kind);
      tokens.push_back(std::move(e));
    }
    for (const auto& en : doc.entities) {
      Json mentions = Json::array();
      for (const auto& mn : en.mentions) {
        Json e = span(mn.span, true);
        e["kind"] = to_string(mn.kind);
        mentions.push_back(std::move(e));
      }
      Json e{{"type", en.type}, {"name", en.name}, {"mentions", std::move(mentions)}};
      put_extra(e, en.extra, "/entities/" + std::to_string(entities.size()));
      entities.push_back(std::move(e));
    }
    for (const auto& q : doc.quotes) quotes.push_back(quote(q, "/quotes/" + std::to_string(quotes.size())));
    for (const auto& c : doc.claims) claims.push_back(claim(c, "/claims/" + std::to_string(claims.size())));
    for (const auto& s : doc.provenance.stages)
      stages.push_back({{"stage", s.stage}, {"plugin", s.plugin}, {"version", s.version}, {"seconds", s.seconds}});
    j["paragraphs"] = std::move(paragraphs);
    j["sentences"] = std::move(sentences);
    j["tokens"] = std::move(tokens);
    j["entities"] = std::move(entities);
    j["quotes"] = std::move(quotes);
    j["claims"] = std::move(claims);
    j["provenance"] = {{"pipeline", doc.provenance.pipeline},
                       {"config_file", doc.provenance.config_file},
                       {"stages", std::move(stages)}};
    if (doc.extra.is_object()) check_depth(doc.extra, "/extra");
    j["extra"] = doc.extra.is_object() ? doc.extra : Json::object();
    return j;
  }
};

// ---------------------------------------------------------------- reading

// A JSON value with its path, so that every error names the field it is about.
struct Node {
  const Json& j;
  std::string path;

  [[noreturn]] void fail(const std::string& what) const { throw JsonError(path, what); }
  Node at(const std::string& key) const {
    object();
    if (!j.contains(key)) fail("missing required field '" + key + "'");
    return Node{j.at(key), path + "/" + key};
  }
  Node at(std::size_t i) const { return Node{j.at(i), path + "/" + std::to_string(i)}; }
  bool has(const char* key) const { return j.contains(key) && !j.at(key).is_null(); }

  const Json& object() const {
    if (!j.is_object()) fail("expected an object, got " + std::string(j.type_name()));
    return j;
  }
  const Json& array() const {
    if (!j.is_array()) fail("expected an array, got " + std::string(j.type_name()));
    return j;
  }
  std::string str() const {
    if (!j.is_string()) fail("expected a string, got " + std::string(j.type_name()));
    return j.get<std::string>();
  }
  double number() const {
    if (!j.is_number()) fail("expected a number, got " + std::string(j.type_name()));
    return j.get<double>();
  }
  std::size_t count() const {
    if (!j.is_number_unsigned() && !(j.is_number_integer() && j.get<long long>() >= 0))
      fail("expected a non-negative integer, got " + j.dump());
    return j.get<std::size_t>();
  }
  int index() const {  // null -> -1
    if (j.is_null()) return -1;
    return static_cast<int>(count());
  }
  std::string str_or(const char* key, std::string fallback = {}) const { return has(key) ? at(key).str() : fallback; }
  double number_or(const char* key, double fallback) const { return has(key) ? at(key).number() : fallback; }
  int index_or(const char* key) const { return j.contains(key) ? at(key).index() : -1; }
  Extra extra() const {
    if (!has("extra")) return Json::object();
    Node e = at("extra");
    e.object();
    return e.j;
  }
  void only(std::initializer_list<const char*> allowed) const {
    object();
    for (const auto& [k, v] : j.items()) {
      bool ok = false;
      for (const char* a : allowed) ok = ok || k == a;
      if (!ok) {
        std::string list;
        for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        fail("unknown field '" + k + "' (allowed: " + list + ")");
      }
    }
  }
  // A list of names: an array of strings, or one string for one name.
  std::vector<std::string> names_or(const char* key, std::vector<std::string> fallback) const {
    if (!has(key)) return fallback;
    Node n = at(key);
    if (n.j.is_string()) return {n.str()};
    n.array();
    std::vector<std::string> out;
    for (std::size_t i = 0; i < n.j.size(); ++i) out.push_back(n.at(i).str());
    return out;
  }
  template <class F>
  void each(const char* key, F&& f) const {
    if (!has(key)) return;
    Node arr = at(key);
    arr.array();
    for (std::size_t i = 0; i < arr.j.size(); ++i) f(arr.at(i));
  }
};

struct Reader {
  const utf8::OffsetMap& map;

  Span span(const Node& n) const {
    n.object();
    std::size_t s = n.at("start").count(), e = n.at("end").count();
    if (s > e) n.fail("start " + std::to_string(s) + " is after end " + std::to_string(e));
    if (e > map.size_code_points())
      n.fail("end " + std::to_string(e) + " is past the end of the text (" + std::to_string(map.size_code_points()) +
             " code points)");
    return Span{map.to_byte(s), map.to_byte(e)};
  }
  std::optional<Span> opt_span(const Node& parent, const char* key) const {
    if (!parent.has(key)) return std::nullopt;
    return span(parent.at(key));
  }
  template <class E, class P>
  static E enum_of(const Node& n, P parse) {
    try {
      return parse(n.str());
    } catch (const std::invalid_argument& e) {
      n.fail(e.what());
    }
  }

  Evidence evidence(const Node& n) const {
    n.only({"kind", "source_id", "title", "url", "publisher", "date", "passage", "passage_start", "passage_end",
            "score", "stance", "confidence", "rating", "extra"});
    Evidence e;
    e.kind = n.str_or("kind", "passage");
    e.source_id = n.str_or("source_id");
    e.title = n.str_or("title");
    e.url = n.str_or("url");
    e.publisher = n.str_or("publisher");
    e.date = n.str_or("date");
    e.passage = n.str_or("passage");
    if (n.has("passage_start")) e.passage_start = n.at("passage_start").count();
    if (n.has("passage_end")) e.passage_end = n.at("passage_end").count();
    e.score = n.number_or("score", 0.0);
    if (n.has("stance")) e.stance = enum_of<Stance>(n.at("stance"), stance_from);
    e.confidence = n.number_or("confidence", 0.0);
    e.rating = n.str_or("rating");
    e.extra = n.extra();
    return e;
  }

  Quote quote(const Node& n) const {
    n.only({"start", "end", "text", "kind", "speaker", "cue", "cue_verb", "confidence", "verification", "extra"});
    Quote q;
    q.span = span(n);
    if (n.has("kind")) q.kind = enum_of<QuoteKind>(n.at("kind"), quote_kind_from);
    if (n.has("speaker")) {
      Node s = n.at("speaker");
      s.only({"name", "entity", "mention"});
      Speaker sp;
      sp.name = s.str_or("name");
      sp.entity = s.index_or("entity");
      sp.mention = opt_span(s, "mention");
      q.speaker = std::move(sp);
    }
    q.cue = opt_span(n, "cue");
    q.cue_verb = n.str_or("cue_verb");
    q.confidence = n.number_or("confidence", 0.0);
    if (n.has("verification")) {
      Node v = n.at("verification");
      v.only({"status", "source_id", "title", "url", "passage", "diff", "similarity"});
      QuoteVerification qv;
      qv.status = v.str_or("status");
      qv.source_id = v.str_or("source_id");
      qv.title = v.str_or("title");
      qv.url = v.str_or("url");
      qv.passage = v.str_or("passage");
      qv.similarity = v.number_or("similarity", 0.0);
      v.each("diff", [&](const Node& d) {
        d.only({"op", "text"});
        qv.diff.push_back({enum_of<DiffOp::Op>(d.at("op"), diff_op_from), d.str_or("text")});
      });
      q.verification = std::move(qv);
    }
    q.extra = n.extra();
    return q;
  }

  Claim claim(const Node& n) const {
    n.only({"start", "end", "text", "normalized", "score", "type", "claimant", "claimant_entity", "quote", "sentence",
            "entities", "numbers", "dates", "evidence", "verdict", "extra"});
    Claim c;
    c.span = span(n);
    c.text = n.str_or("text");
    c.normalized = n.str_or("normalized");
    c.score = n.number_or("score", 0.0);
    c.type = n.str_or("type");
    c.claimant = n.str_or("claimant");
    c.claimant_entity = n.index_or("claimant_entity");
    c.quote = n.index_or("quote");
    c.sentence = n.index_or("sentence");
    n.each("entities", [&](const Node& e) { c.entities.push_back(e.index()); });
    n.each("numbers", [&](const Node& e) { c.numbers.push_back(span(e)); });
    n.each("dates", [&](const Node& e) { c.dates.push_back(span(e)); });
    n.each("evidence", [&](const Node& e) { c.evidence.push_back(evidence(e)); });
    if (n.has("verdict")) {
      Node v = n.at("verdict");
      v.only({"label", "confidence", "explanation"});
      c.verdict = Verdict{v.str_or("label"), v.number_or("confidence", 0.0), v.str_or("explanation")};
    }
    c.extra = n.extra();
    return c;
  }
};

void check_index(const Node& n, int index, std::size_t size, const char* layer) {
  if (index >= static_cast<int>(size))
    n.fail("index " + std::to_string(index) + " is out of range (" + std::to_string(size) + " " + layer + ")");
}

}  // namespace

Json to_json(const Document& doc) { return to_json(doc, kDefaultMaxJsonDepth); }
Json to_json(const Document& doc, std::size_t max_depth) {
  return Writer{doc, utf8::OffsetMap(doc.text), max_depth}.document();
}

namespace {

// `taken_text`: the text already moved out of j (document_from_json(Json&&)), else it is copied.
Document read_document(const Json& j, std::string* taken_text) {
  Node root{j, ""};
  root.only({"id", "text", "metadata", "layers", "paragraphs", "sentences", "tokens", "entities", "quotes", "claims",
             "provenance", "extra",
             // metadata may also stand at the top level, as in most JSONL corpora
             "title", "url", "publisher", "published", "date", "language", "authors"});
  if (!root.has("text")) root.fail("missing required field 'text'");
  Document doc;
  if (taken_text) doc.text = std::move(*taken_text);
  else doc.text = root.at("text").str();
  if (auto bad = utf8::find_invalid(doc.text))
    root.at("text").fail("invalid UTF-8 at byte " + std::to_string(bad->byte_offset) + ": " + bad->reason);
  auto& m = doc.metadata;
  m.id = root.str_or("id");
  m.title = root.str_or("title");
  m.url = root.str_or("url");
  m.publisher = root.str_or("publisher");
  m.published = root.str_or("published", root.str_or("date"));
  m.language = root.str_or("language");
  m.authors = root.names_or("authors", {});
  if (root.has("metadata")) {
    Node md = root.at("metadata");
    md.only({"title", "url", "publisher", "published", "language", "authors", "source_file"});
    m.title = md.str_or("title", m.title);
    m.url = md.str_or("url", m.url);
    m.publisher = md.str_or("publisher", m.publisher);
    m.published = md.str_or("published", m.published);
    m.language = md.str_or("language", m.language);
    m.authors = md.names_or("authors", m.authors);
    m.source_file = md.str_or("source_file");
  }
  root.each("layers", [&](const Node& n) { doc.layers.push_back(n.str()); });

  utf8::OffsetMap map(doc.text);
  Reader r{map};
  root.each("paragraphs", [&](const Node& n) {
    n.only({"start", "end", "extra"});
    doc.paragraphs.push_back({r.span(n), n.extra()});
  });
  root.each("sentences", [&](const Node& n) {
    n.only({"start", "end", "paragraph", "checkworthiness", "extra"});
    Sentence s{r.span(n), n.index_or("paragraph"), std::nullopt, n.extra()};
    if (n.has("checkworthiness")) s.checkworthiness = n.at("checkworthiness").number();
    check_index(n, s.paragraph, doc.paragraphs.size(), "paragraphs");
    doc.sentences.push_back(std::move(s));
  });
  root.each("tokens", [&](const Node& n) {
    n.only({"start", "end", "kind"});
    Token t{r.span(n), TokenKind::word};
    if (n.has("kind")) t.kind = Reader::enum_of<TokenKind>(n.at("kind"), token_kind_from);
    doc.tokens.push_back(t);
  });
  root.each("entities", [&](const Node& n) {
    n.only({"type", "name", "mentions", "extra"});
    Entity e{n.str_or("type"), n.str_or("name"), {}, n.extra()};
    n.each("mentions", [&](const Node& mn) {
      mn.only({"start", "end", "text", "kind"});
      Mention mention{r.span(mn), MentionKind::name};
      if (mn.has("kind")) mention.kind = Reader::enum_of<MentionKind>(mn.at("kind"), mention_kind_from);
      e.mentions.push_back(mention);
    });
    doc.entities.push_back(std::move(e));
  });
  root.each("quotes", [&](const Node& n) {
    Quote q = r.quote(n);
    if (q.speaker) check_index(n.at("speaker"), q.speaker->entity, doc.entities.size(), "entities");
    doc.quotes.push_back(std::move(q));
  });
  root.each("claims", [&](const Node& n) {
    Claim c = r.claim(n);
    check_index(n, c.quote, doc.quotes.size(), "quotes");
    check_index(n, c.sentence, doc.sentences.size(), "sentences");
    check_index(n, c.claimant_entity, doc.entities.size(), "entities");
    doc.claims.push_back(std::move(c));
  });
  if (root.has("provenance")) {
    Node p = root.at("provenance");
    p.only({"pipeline", "config_file", "stages"});
    doc.provenance.pipeline = p.str_or("pipeline");
    doc.provenance.config_file = p.str_or("config_file");
    p.each("stages", [&](const Node& s) {
      s.only({"stage", "plugin", "version", "seconds"});
      doc.provenance.stages.push_back(
          {s.str_or("stage"), s.str_or("plugin"), s.str_or("version"), s.number_or("seconds", 0.0)});
    });
  }
  doc.extra = root.extra();
  return doc;
}

}  // namespace

Document document_from_json(const Json& j) { return read_document(j, nullptr); }

Document document_from_json(Json&& j) {
  // The text is most of a record: moved, not copied (the record's "text" is left an empty string).
  if (j.is_object())
    if (auto it = j.find("text"); it != j.end() && it->is_string()) {
      std::string text = std::move(it->get_ref<std::string&>());
      return read_document(j, &text);
    }
  return read_document(j, nullptr);
}

Document document_from_text(std::string id, std::string text) {
  if (auto bad = utf8::find_invalid(text))
    throw std::invalid_argument("invalid UTF-8 at line " + std::to_string(bad->line) + ", column " +
                                std::to_string(bad->column) + " (byte " + std::to_string(bad->byte_offset) +
                                "): " + bad->reason);
  return Document(std::move(id), std::move(text));
}

}  // namespace factpipe
