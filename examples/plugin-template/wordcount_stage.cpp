#include "wordcount_stage.hpp"

namespace factpipe::wordcount {

PluginInfo WordcountStage::describe() {
  PluginInfo info;
  info.name = "wordcount";
  info.version = "1.0.0";
  info.description = "Words per sentence in sentence.extra[\"wordcount\"], totals in doc.extra[\"wordcount\"]";
  info.license = "MIT";
  info.requires_layers = {Layer::sentences, Layer::tokens};
  // Its own layer: sentences[i].extra["wordcount"] and extra["wordcount"] (the plugin's name, too).
  info.provides_layers = {Layer::custom("wordcount")};
  info.thread_safe = true;  // nothing changes after configure()
  info.config_schema = Json::parse(R"({
    "type": "object",
    "additionalProperties": false,
    "properties": {
      "count_numbers": {"type": "boolean", "default": true,
                        "description": "count number tokens (\"1.2\", \"2026\") as words"},
      "long_sentence": {"type": "integer", "minimum": 1, "default": 40,
                        "description": "sentences with at least this many words are counted as long"}
    }
  })");
  return info;
}

void WordcountStage::configure(const Json& config, const Context& ctx) {
  // The host fills the schema's defaults; the same defaults here keep configure({}) working in tests.
  count_numbers_ = config.value("count_numbers", true);
  long_sentence_ = config.value("long_sentence", std::size_t{40});
  ctx.debug("counting numbers as words: " + std::string(count_numbers_ ? "yes" : "no"));
}

void WordcountStage::process(Document& doc) {
  std::size_t total = 0, long_sentences = 0, t = 0;
  for (auto& sentence : doc.sentences) {
    // Tokens and sentences are both sorted by offset: one pass over the tokens for the whole document.
    while (t < doc.tokens.size() && doc.tokens[t].span.start < sentence.span.start) ++t;
    std::size_t words = 0;
    for (; t < doc.tokens.size() && doc.tokens[t].span.end <= sentence.span.end; ++t) {
      auto kind = doc.tokens[t].kind;
      if (kind == TokenKind::word || (count_numbers_ && kind == TokenKind::number)) ++words;
    }
    sentence.extra["wordcount"] = words;
    total += words;
    if (words >= long_sentence_) ++long_sentences;
  }
  doc.extra["wordcount"] =
      Json{{"words", total}, {"sentences", doc.sentences.size()}, {"long_sentences", long_sentences}};
}

}  // namespace factpipe::wordcount
