#include "segmenter_stage.hpp"

#include <factpipe/text/social_markup.hpp>

#include <stdexcept>
#include <string>

#include <factpipe/utf8.hpp>

namespace factpipe::segmenter {

namespace {
constexpr const char* kAbbreviationsDefault = "abbreviations.txt";
constexpr const char* kStartersDefault = "sentence_starters.txt";
constexpr const char* kVerbsDefault = "attribution_verbs.txt";
}  // namespace

PluginInfo SegmenterStage::describe() {
  PluginInfo info;
  info.name = "segmenter";
  info.version = "1.0.0";
  info.description =
      "Paragraphs, sentences and tokens with exact offsets: abbreviations and initials (U.S., Gov., "
      "Donald J. Trump), quotations with straight, curly and '' marks, ellipses.";
  info.license = "MIT";
  info.requires_layers = {};
  info.provides_layers = layers(Json::object()).provides_layers;
  info.thread_safe = true;
  info.config_schema = Json{
      {"type", "object"},
      {"additionalProperties", false},
      {"properties",
       {{"abbreviations_file",
         {{"type", "string"},
          {"default", kAbbreviationsDefault},
          {"description",
           "Abbreviations that keep their period, one per line with its class (title | general | number). "
           "Relative paths: the pipeline file's folder, then the plugin's data dir."}}},
        {"sentence_starters_file",
         {{"type", "string"},
          {"default", kStartersDefault},
          {"description",
           "Words that open sentences; after an abbreviation such as 'U.S.' a capitalised word from this "
           "list starts a new sentence."}}},
        {"attribution_verbs_file",
         {{"type", "string"},
          {"default", kVerbsDefault},
          {"description",
           "Verbs of saying: `\u201c... missing.\u201d Trump said.` keeps the short attribution in the quotation's "
           "sentence."}}},
        {"paragraph_breaks",
         {{"type", "string"},
          {"enum", {"auto", "blank_line", "newline"}},
          {"default", "auto"},
          {"description",
           "auto: blank lines and single line breaks end paragraphs, except a break inside a sentence "
           "(next line starting lower-case); blank_line: only blank lines (hard-wrapped text); newline: every "
           "line break."}}},
        {"max_sentence_tokens",
         {{"type", "integer"},
          {"minimum", 0},
          {"default", Options{}.max_sentence_tokens},
          {"description",
           "A sentence longer than this many tokens (text without sentence breaks) is cut into pieces of "
           "this many tokens, each marked in its extra.segmenter and counted in the document's "
           "extra.segmenter.sentences_cut; this bounds the time and memory of later stages. 0: never cut."}}},
        {"tokens",
         {{"type", "boolean"},
          {"default", true},
          {"description",
           "Write the tokens layer. When false only paragraphs and sentences are written, and stages that "
           "require tokens cannot follow."}}}}}};
  return info;
}

StageLayers SegmenterStage::layers(const Json& config) {
  // The markup (links, handles, emoji, bylines) is found for every later stage (text/README.md); the tokens
  // only when asked for.
  StageLayers l{{}, {Layer::paragraphs, Layer::sentences, Layer::markup}};
  if (config.value("tokens", true)) l.provides_layers.insert(l.provides_layers.begin() + 2, Layer::tokens);
  return l;
}

void SegmenterStage::configure(const Json& config, const Context& ctx) {
  // The host has validated the config against the schema and filled in its defaults.
  Options options;
  options.paragraph_breaks = text::paragraph_breaks_from(config.at("paragraph_breaks").get<std::string>());
  options.tokens = config.at("tokens").get<bool>();
  options.max_sentence_tokens = config.at("max_sentence_tokens").get<std::size_t>();
  auto abbreviations = ctx.resolve(config.at("abbreviations_file").get<std::string>());
  auto starters = ctx.resolve(config.at("sentence_starters_file").get<std::string>());
  auto verbs = ctx.resolve(config.at("attribution_verbs_file").get<std::string>());
  // BoundaryLexicon::load names the file in every error.
  segmenter_ = std::make_unique<const Segmenter>(BoundaryLexicon::load(abbreviations, starters, verbs), options);
  ctx.debug("segmenter: " + std::to_string(segmenter_->lexicon().abbreviation_count()) + " abbreviations from " +
            abbreviations.string());
}

const Segmenter& SegmenterStage::segmenter() const {
  if (!segmenter_) throw std::logic_error("segmenter: process() before configure()");
  return *segmenter_;
}

void SegmenterStage::process(Document& doc) {
  if (auto bad = utf8::find_invalid(doc.text))
    throw std::invalid_argument("segmenter: document '" + doc.id() + "' is not valid UTF-8 at line " +
                                std::to_string(bad->line) + ", column " + std::to_string(bad->column) + " (byte " +
                                std::to_string(bad->byte_offset) + "): " + bad->reason);
  segmenter().annotate(doc);
  // Links, handles, tags, emoji and a tweet's byline, decided once for every later stage (text/README.md).
  if (auto markup = text::find_social_markup(doc.text); !markup.empty()) text::store_markup(doc, markup);
}

}  // namespace factpipe::segmenter
