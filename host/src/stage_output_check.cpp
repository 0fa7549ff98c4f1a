#include <factpipe/host/stage_output_check.hpp>

namespace factpipe::host {

namespace {

// Every check names the field it is about; the name (a string) is only built when the check fails, so a
// document with 100,000 tokens costs no allocation per token.
struct Checker {
  const Document& doc;
  std::size_t max_depth;
  std::optional<std::string> problem;

  bool boundary(std::size_t byte) const {
    return byte == doc.text.size() || (static_cast<unsigned char>(doc.text[byte]) & 0xC0) != 0x80;
  }
  void fail(const std::string& where, const std::string& what) {
    if (!problem) problem = where + ": " + what;
  }
  template <class Where>
  void span(const Span& s, const Where& where) {
    if (problem) return;
    if (s.start > s.end)
      fail(where(), "start byte " + std::to_string(s.start) + " is after end byte " + std::to_string(s.end));
    else if (s.end > doc.text.size())
      fail(where(), "end byte " + std::to_string(s.end) + " is past the end of the text (" +
                        std::to_string(doc.text.size()) + " bytes)");
    else if (!boundary(s.start) || !boundary(s.end))
      fail(where(),
           "the span " + std::to_string(s.start) + ".." + std::to_string(s.end) + " cuts a UTF-8 character in two");
  }
  template <class Where>
  void index(int i, std::size_t size, const Where& where, const char* layer) {
    if (problem || i < 0) return;  // -1: none
    if (static_cast<std::size_t>(i) >= size)
      fail(where(), "index " + std::to_string(i) + " is out of range (" + std::to_string(size) + " " + layer + ")");
  }
  template <class Where>
  void extra(const Extra& e, const Where& where) {
    if (problem) return;
    if (!e.is_object() && !e.is_null())
      fail(where() + "/extra", std::string("expected an object, got ") + e.type_name());
    else if (json_depth(e, max_depth) > max_depth) fail(where() + "/extra", json_too_deep(max_depth));
  }
  static std::string at(const char* layer, std::size_t i) { return std::string("/") + layer + "/" + std::to_string(i); }
  // The path of item i of a layer, with a suffix, as a function called on failure.
  static auto path(const char* layer, std::size_t i, const char* suffix = "") {
    return [=] { return at(layer, i) + suffix; };
  }

  void run() {
    for (std::size_t i = 0; i < doc.paragraphs.size(); ++i) {
      span(doc.paragraphs[i].span, path("paragraphs", i));
      extra(doc.paragraphs[i].extra, path("paragraphs", i));
    }
    for (std::size_t i = 0; i < doc.sentences.size(); ++i) {
      const auto& s = doc.sentences[i];
      span(s.span, path("sentences", i));
      index(s.paragraph, doc.paragraphs.size(), path("sentences", i, "/paragraph"), "paragraphs");
      extra(s.extra, path("sentences", i));
    }
    for (std::size_t i = 0; i < doc.tokens.size() && !problem; ++i) span(doc.tokens[i].span, path("tokens", i));
    for (std::size_t i = 0; i < doc.entities.size(); ++i) {
      for (std::size_t m = 0; m < doc.entities[i].mentions.size(); ++m)
        span(doc.entities[i].mentions[m].span, [&] { return at("entities", i) + "/mentions/" + std::to_string(m); });
      extra(doc.entities[i].extra, path("entities", i));
    }
    for (std::size_t i = 0; i < doc.quotes.size(); ++i) {
      const auto& q = doc.quotes[i];
      span(q.span, path("quotes", i));
      if (q.cue) span(*q.cue, path("quotes", i, "/cue"));
      if (q.speaker) {
        if (q.speaker->mention) span(*q.speaker->mention, path("quotes", i, "/speaker/mention"));
        index(q.speaker->entity, doc.entities.size(), path("quotes", i, "/speaker/entity"), "entities");
      }
      extra(q.extra, path("quotes", i));
    }
    for (std::size_t i = 0; i < doc.claims.size(); ++i) {
      const auto& c = doc.claims[i];
      auto w = path("claims", i);
      auto item = [&](const char* list, std::size_t k) {
        return [&, list, k] { return w() + "/" + list + "/" + std::to_string(k); };
      };
      span(c.span, w);
      for (std::size_t k = 0; k < c.numbers.size(); ++k) span(c.numbers[k], item("numbers", k));
      for (std::size_t k = 0; k < c.dates.size(); ++k) span(c.dates[k], item("dates", k));
      index(c.quote, doc.quotes.size(), path("claims", i, "/quote"), "quotes");
      index(c.sentence, doc.sentences.size(), path("claims", i, "/sentence"), "sentences");
      index(c.claimant_entity, doc.entities.size(), path("claims", i, "/claimant_entity"), "entities");
      for (std::size_t k = 0; k < c.entities.size(); ++k)
        index(c.entities[k], doc.entities.size(), item("entities", k), "entities");
      for (std::size_t k = 0; k < c.evidence.size(); ++k) extra(c.evidence[k].extra, item("evidence", k));
      extra(c.extra, w);
    }
    extra(doc.extra, [] { return std::string(); });
  }
};

}  // namespace

std::optional<std::string> find_invalid_output(const Document& doc, std::size_t text_bytes,
                                               std::size_t max_json_depth) {
  if (doc.text.size() != text_bytes)
    return "the text changed from " + std::to_string(text_bytes) + " to " + std::to_string(doc.text.size()) +
           " bytes (stages must not edit the text)";
  Checker c{doc, max_json_depth, std::nullopt};
  c.run();
  return c.problem;
}

}  // namespace factpipe::host
