// The JSON text of a document written straight from its layers, without building a nlohmann tree first:
// the same bytes as to_json(doc).dump() / .dump(2) (keys in the sorted order of nlohmann's std::map, numbers
// by nlohmann's own float printer, strings escaped as its serializer does), in a fraction of the time.
#include <factpipe/document_json.hpp>

#include <factpipe/json_limits.hpp>
#include <factpipe/utf8.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>

namespace factpipe {

namespace {

// A string the serializer would refuse (nlohmann throws type_error 316): the tree writer then runs and
// throws its own error, so both writers fail alike.
struct NotUtf8 {};

// Length of a well-formed UTF-8 sequence led by t[i] (RFC 3629), 0 when it is not one.
std::size_t sequence_length(std::string_view t, std::size_t i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(t[k]); };
  unsigned char c = b(i), lo = 0x80, hi = 0xBF;
  std::size_t n;
  if (c >= 0xC2 && c <= 0xDF) n = 2;
  else if (c == 0xE0) {
    n = 3;
    lo = 0xA0;
  } else if (c == 0xED) {
    n = 3;
    hi = 0x9F;
  } else if (c >= 0xE1 && c <= 0xEF) n = 3;
  else if (c == 0xF0) {
    n = 4;
    lo = 0x90;
  } else if (c >= 0xF1 && c <= 0xF3) n = 4;
  else if (c == 0xF4) {
    n = 4;
    hi = 0x8F;
  } else return 0;
  if (i + n > t.size() || b(i + 1) < lo || b(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k)
    if (b(i + k) < 0x80 || b(i + k) > 0xBF) return 0;
  return n;
}

// Appends JSON tokens to a string, keeping track of commas and, when pretty, of newlines and indentation
// (nlohmann's dump(2): "key": value, empty containers as {} and []).
class Out {
 public:
  Out(std::string& s, int indent) : s_(s), indent_(indent) {}

  void key(std::string_view k) {
    item();
    char buf[64];  // our own keys: short plain ASCII
    char* p = buf;
    *p++ = '"';
    p = std::copy(k.begin(), k.end(), p);
    *p++ = '"';
    *p++ = ':';
    if (indent_) *p++ = ' ';
    s_.append(buf, p);
    after_key_ = true;
  }
  void open(char c) {
    value();
    s_ += c;
    ++depth_;
    empty_ = true;
  }
  void close(char c) {
    --depth_;
    if (!empty_) newline();
    s_ += c;
    empty_ = false;
  }
  void str(std::string_view v) {
    value();
    escaped(v);
  }
  void null() {
    value();
    s_ += "null";
  }
  void uint(std::size_t v) {
    value();
    char buf[24];
    s_.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
  }
  void integer(long long v) {
    value();
    char buf[24];
    s_.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
  }
  void index(int i) { i < 0 ? null() : integer(i); }
  void number(double v) {
    value();
    if (!std::isfinite(v)) {
      s_ += "null";
      return;
    }
    char buf[64];
    s_.append(buf, nlohmann::detail::to_chars(buf, buf + sizeof buf, v));
  }
  // {"end":E,"kind":"K","start":S}, the most frequent item by far (one per token): written without the
  // generic key and value steps when compact. `kind` is one of our names (plain ASCII).
  void token(std::size_t end, std::string_view kind, std::size_t start) {
    if (indent_) {
      open('{');
      key("end");
      uint(end);
      key("kind");
      str(kind);
      key("start");
      uint(start);
      close('}');
      return;
    }
    value();
    char num[24];
    s_.append("{\"end\":");
    s_.append(num, std::to_chars(num, num + sizeof num, end).ptr);
    s_.append(",\"kind\":\"");
    s_.append(kind);
    s_.append("\",\"start\":");
    s_.append(num, std::to_chars(num, num + sizeof num, start).ptr);
    s_ += '}';
    empty_ = false;
  }
  // A nested JSON value (an `extra`), dumped by nlohmann and indented to where it stands.
  void json(const Json& j) {
    value();
    if (!indent_) {
      s_ += j.dump();
      return;
    }
    std::string pretty = j.dump(indent_);
    std::string pad(static_cast<std::size_t>(depth_ * indent_), ' ');
    for (char c : pretty) {
      s_ += c;
      if (c == '\n') s_ += pad;
    }
  }

 private:
  // Before a member or element: the comma after the previous one, and the new line when pretty.
  void item() {
    if (!empty_) s_ += ',';
    newline();
    empty_ = false;
  }
  // Before a value: nothing after a key, otherwise it is an array element.
  void value() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (depth_ > 0) item();
  }
  void newline() {
    if (!indent_) return;
    s_ += '\n';
    s_.append(static_cast<std::size_t>(depth_ * indent_), ' ');
  }

  static bool plain8(const char* p) {
    constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    std::uint64_t x;
    __builtin_memcpy(&x, p, 8);
    auto has_zero = [&](std::uint64_t v) { return (v - ones) & ~v & highs; };
    const std::uint64_t special = (x - ones * 0x20) | has_zero(x ^ (ones * '"')) | has_zero(x ^ (ones * '\\')) | x;
    return (special & highs) == 0;
  }
  void escaped(std::string_view v) {
    s_ += '"';
    std::size_t done = 0, i = 0;
    while (i < v.size()) {
      // Eight bytes at a time while none needs a look: no control character, quote, backslash or non-ASCII.
      while (i + 8 <= v.size() && plain8(v.data() + i)) i += 8;
      if (i >= v.size()) break;
      unsigned char c = static_cast<unsigned char>(v[i]);
      if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
        ++i;
        continue;
      }
      if (c >= 0x80) {
        std::size_t n = sequence_length(v, i);
        if (n == 0) throw NotUtf8{};
        i += n;
        continue;
      }
      s_.append(v.data() + done, i - done);
      switch (c) {
        case '"':
          s_ += "\\\"";
          break;
        case '\\':
          s_ += "\\\\";
          break;
        case '\b':
          s_ += "\\b";
          break;
        case '\t':
          s_ += "\\t";
          break;
        case '\n':
          s_ += "\\n";
          break;
        case '\f':
          s_ += "\\f";
          break;
        case '\r':
          s_ += "\\r";
          break;
        default: {
          static constexpr char hex[] = "0123456789abcdef";
          s_ += "\\u00";
          s_ += hex[c >> 4];
          s_ += hex[c & 0xF];
        }
      }
      done = ++i;
    }
    s_.append(v.data() + done, v.size() - done);
    s_ += '"';
  }

  std::string& s_;
  int indent_;
  int depth_ = 0;
  bool empty_ = true, after_key_ = false;
};

struct TextWriter {
  const Document& doc;
  const utf8::OffsetMap& map;
  Out& o;

  // {"end":..,"start":..[,"text":..]}; `extra` (possibly null) goes between end and start.
  void span(const Span& s, bool with_text, const Extra* extra = nullptr) {
    o.open('{');
    span_members(s, with_text, extra);
    o.close('}');
  }
  void span_members(const Span& s, bool with_text, const Extra* extra = nullptr) {
    o.key("end");
    o.uint(map.to_code_point(s.end));
    put_extra(extra);
    o.key("start");
    o.uint(map.to_code_point(s.start));
    if (with_text) {
      o.key("text");
      o.str(doc.slice(s));
    }
  }
  void put_extra(const Extra* e) {
    if (!e || !e->is_object() || e->empty()) return;
    o.key("extra");
    o.json(*e);
  }
  void opt_span(const std::optional<Span>& s) { s ? span(*s, true) : o.null(); }

  void evidence(const Evidence& e) {
    o.open('{');
    o.key("confidence");
    o.number(e.confidence);
    o.key("date");
    o.str(e.date);
    put_extra(&e.extra);
    o.key("kind");
    o.str(e.kind);
    o.key("passage");
    o.str(e.passage);
    o.key("passage_end");
    o.uint(e.passage_end);
    o.key("passage_start");
    o.uint(e.passage_start);
    o.key("publisher");
    o.str(e.publisher);
    o.key("rating");
    o.str(e.rating);
    o.key("score");
    o.number(e.score);
    o.key("source_id");
    o.str(e.source_id);
    o.key("stance");
    o.str(to_string(e.stance));
    o.key("title");
    o.str(e.title);
    o.key("url");
    o.str(e.url);
    o.close('}');
  }

  void quote(const Quote& q) {
    o.open('{');
    o.key("confidence");
    o.number(q.confidence);
    o.key("cue");
    opt_span(q.cue);
    o.key("cue_verb");
    o.str(q.cue_verb);
    o.key("end");
    o.uint(map.to_code_point(q.span.end));
    put_extra(&q.extra);
    o.key("kind");
    o.str(to_string(q.kind));
    o.key("speaker");
    if (q.speaker) {
      o.open('{');
      o.key("entity");
      o.index(q.speaker->entity);
      o.key("mention");
      opt_span(q.speaker->mention);
      o.key("name");
      o.str(q.speaker->name);
      o.close('}');
    } else {
      o.null();
    }
    o.key("start");
    o.uint(map.to_code_point(q.span.start));
    o.key("text");
    o.str(doc.slice(q.span));
    o.key("verification");
    if (q.verification) {
      const auto& v = *q.verification;
      o.open('{');
      o.key("diff");
      o.open('[');
      for (const auto& d : v.diff) {
        o.open('{');
        o.key("op");
        o.str(to_string(d.op));
        o.key("text");
        o.str(d.text);
        o.close('}');
      }
      o.close(']');
      o.key("passage");
      o.str(v.passage);
      o.key("similarity");
      o.number(v.similarity);
      o.key("source_id");
      o.str(v.source_id);
      o.key("status");
      o.str(v.status);
      o.key("title");
      o.str(v.title);
      o.key("url");
      o.str(v.url);
      o.close('}');
    } else {
      o.null();
    }
    o.close('}');
  }

  void spans(const std::vector<Span>& list) {
    o.open('[');
    for (const auto& s : list) span(s, true);
    o.close(']');
  }

  void claim(const Claim& c) {
    o.open('{');
    o.key("claimant");
    o.str(c.claimant);
    o.key("claimant_entity");
    o.index(c.claimant_entity);
    o.key("dates");
    spans(c.dates);
    o.key("end");
    o.uint(map.to_code_point(c.span.end));
    o.key("entities");
    o.open('[');
    for (int e : c.entities) o.integer(e);
    o.close(']');
    o.key("evidence");
    o.open('[');
    for (const auto& e : c.evidence) evidence(e);
    o.close(']');
    put_extra(&c.extra);
    o.key("normalized");
    o.str(c.normalized);
    o.key("numbers");
    spans(c.numbers);
    o.key("quote");
    o.index(c.quote);
    o.key("score");
    o.number(c.score);
    o.key("sentence");
    o.index(c.sentence);
    o.key("start");
    o.uint(map.to_code_point(c.span.start));
    o.key("text");
    o.str(c.text);
    o.key("type");
    o.str(c.type);
    o.key("verdict");
    if (c.verdict) {
      o.open('{');
      o.key("confidence");
      o.number(c.verdict->confidence);
      o.key("explanation");
      o.str(c.verdict->explanation);
      o.key("label");
      o.str(c.verdict->label);
      o.close('}');
    } else {
      o.null();
    }
    o.close('}');
  }

  void document() {
    const auto& m = doc.metadata;
    o.open('{');
    o.key("claims");
    o.open('[');
    for (const auto& c : doc.claims) claim(c);
    o.close(']');
    o.key("entities");
    o.open('[');
    for (const auto& en : doc.entities) {
      o.open('{');
      put_extra(&en.extra);
      o.key("mentions");
      o.open('[');
      for (const auto& mn : en.mentions) {
        o.open('{');
        o.key("end");
        o.uint(map.to_code_point(mn.span.end));
        o.key("kind");
        o.str(to_string(mn.kind));
        o.key("start");
        o.uint(map.to_code_point(mn.span.start));
        o.key("text");
        o.str(doc.slice(mn.span));
        o.close('}');
      }
      o.close(']');
      o.key("name");
      o.str(en.name);
      o.key("type");
      o.str(en.type);
      o.close('}');
    }
    o.close(']');
    o.key("extra");
    doc.extra.is_object() ? o.json(doc.extra) : o.json(Json::object());
    o.key("id");
    o.str(m.id);
    o.key("layers");
    o.open('[');
    for (const auto& l : doc.layers) o.str(l);
    o.close(']');
    o.key("metadata");
    o.open('{');
    o.key("authors");
    o.open('[');
    for (const auto& a : m.authors) o.str(a);
    o.close(']');
    o.key("language");
    o.str(m.language);
    o.key("published");
    o.str(m.published);
    o.key("publisher");
    o.str(m.publisher);
    o.key("source_file");
    o.str(m.source_file);
    o.key("title");
    o.str(m.title);
    o.key("url");
    o.str(m.url);
    o.close('}');
    o.key("paragraphs");
    o.open('[');
    for (const auto& p : doc.paragraphs) span(p.span, false, &p.extra);
    o.close(']');
    o.key("provenance");
    o.open('{');
    o.key("config_file");
    o.str(doc.provenance.config_file);
    o.key("pipeline");
    o.str(doc.provenance.pipeline);
    o.key("stages");
    o.open('[');
    for (const auto& s : doc.provenance.stages) {
      o.open('{');
      o.key("plugin");
      o.str(s.plugin);
      o.key("seconds");
      o.number(s.seconds);
      o.key("stage");
      o.str(s.stage);
      o.key("version");
      o.str(s.version);
      o.close('}');
    }
    o.close(']');
    o.close('}');
    o.key("quotes");
    o.open('[');
    for (const auto& q : doc.quotes) quote(q);
    o.close(']');
    o.key("sentences");
    o.open('[');
    for (const auto& s : doc.sentences) {
      o.open('{');
      o.key("checkworthiness");
      s.checkworthiness ? o.number(*s.checkworthiness) : o.null();
      o.key("end");
      o.uint(map.to_code_point(s.span.end));
      put_extra(&s.extra);
      o.key("paragraph");
      o.index(s.paragraph);
      o.key("start");
      o.uint(map.to_code_point(s.span.start));
      o.close('}');
    }
    o.close(']');
    o.key("text");
    o.str(doc.text);
    o.key("tokens");
    o.open('[');
    for (const auto& t : doc.tokens)
      o.token(map.to_code_point(t.span.end), to_string(t.kind), map.to_code_point(t.span.start));
    o.close(']');
    o.close('}');
  }
};

// The depth checks of the tree writer, in its order, so that a document with a value too deep fails with
// the same message naming the same field.
void check_extra_depths(const Document& doc, std::size_t max_depth) {
  auto check = [&](const Extra& e, const std::string& where) {
    if (e.is_object() && !e.empty() && json_depth(e, max_depth) > max_depth)
      throw JsonError(where + "/extra", "the 'extra' value is " + json_too_deep(max_depth));
  };
  for (std::size_t i = 0; i < doc.paragraphs.size(); ++i)
    check(doc.paragraphs[i].extra, "/paragraphs/" + std::to_string(i));
  for (std::size_t i = 0; i < doc.sentences.size(); ++i)
    check(doc.sentences[i].extra, "/sentences/" + std::to_string(i));
  for (std::size_t i = 0; i < doc.entities.size(); ++i) check(doc.entities[i].extra, "/entities/" + std::to_string(i));
  for (std::size_t i = 0; i < doc.quotes.size(); ++i) check(doc.quotes[i].extra, "/quotes/" + std::to_string(i));
  for (std::size_t i = 0; i < doc.claims.size(); ++i) {
    const std::string where = "/claims/" + std::to_string(i);
    for (std::size_t k = 0; k < doc.claims[i].evidence.size(); ++k)
      check(doc.claims[i].evidence[k].extra, where + "/evidence/" + std::to_string(k));
    check(doc.claims[i].extra, where);
  }
  if (doc.extra.is_object() && json_depth(doc.extra, max_depth) > max_depth)
    throw JsonError("/extra", "the 'extra' value is " + json_too_deep(max_depth));
}

}  // namespace

void write_json_text(const Document& doc, std::string& out, int indent, std::size_t max_depth) {
  check_extra_depths(doc, max_depth);
  const std::size_t start = out.size();
  // About 12 bytes of JSON per byte of news text with every layer; reserving avoids most regrowth.
  out.reserve(start + 16 * doc.text.size() + 4096);
  utf8::OffsetMap map(doc.text);
  Out o(out, indent);
  try {
    TextWriter{doc, map, o}.document();
  } catch (const NotUtf8&) {
    out.resize(start);
    out += to_json(doc, max_depth).dump(indent ? indent : -1);  // throws nlohmann's error for the bad string
  }
}

std::string to_json_text(const Document& doc, int indent, std::size_t max_depth) {
  std::string out;
  write_json_text(doc, out, indent, max_depth);
  return out;
}

}  // namespace factpipe
