#include "quotes_stage.hpp"

#include <algorithm>
#include <stdexcept>

#include <factpipe/text/text_view.hpp>

#include <factpipe/text/mention_index.hpp>

namespace factpipe::quotes {
namespace {

const char* const kFileKeys[][3] = {
    {"speech_verbs", "speech_verbs.tsv", "Speech verbs, every form with its lemma"},
    {"title_cues", "title_cues.txt", "Words before a title / slogan / show name in marks"},
    {"function_words", "function_words.tsv", "Function words with their class (prep, adv, det, sub, rel, pron)"},
    {"indirect_verbs", "indirect_verbs.txt", "Lemmas of verbs that report speech without marks"},
    {"cognition_verbs", "cognition_verbs.tsv",
     "Verbs of thinking and finding (every form with its lemma) that report a view without marks, before a clause"},
    {"stance_verbs", "stance_verbs.tsv",
     "Verbs of taking a stance (every form with its lemma) whose object is reported without marks (\"X endorsed Y\")"},
    {"finder_skip_words", "finder_skip_words.txt",
     "Word forms around which the learned indirect-speech finder (indirect_model) proposes nothing"},
    {"abbreviations", "abbreviations.txt", "Abbreviations that keep their period (the shared list of text/data)"},
    {"titles", "titles.tsv", "Title and role words before names (the shared list of text/data)"},
    {"not_names", "not_names.txt", "Capitalised words that are never a speaker's name (the shared list of text/data)"},
    {"credit_cues", "credit_cues.txt",
     "Words of photo credits and bylines, whose paragraphs hold no speaker (the shared list of text/data)"},
};

}  // namespace

PluginInfo QuotesStage::describe() {
  PluginInfo info;
  info.name = "quotes";
  info.version = "1.0.0";
  info.description =
      "Quotations in every mark style (direct, partial, multi-paragraph) and indirect speech, each with its "
      "speaker mention, canonical speaker entity, cue verb and confidence (rule-based).";
  info.license = "MIT";
  info.requires_layers = {Layer::paragraphs, Layer::entities};  // quotations are found per paragraph
  info.provides_layers = {Layer::quotes};
  info.thread_safe = true;
  Json props = {
      {"min_confidence",
       {{"type", "number"},
        {"minimum", 0},
        {"maximum", 1},
        {"default", 0.0},
        {"description", "Drop quotations whose confidence is below this"}}},
      {"indirect", {{"type", "boolean"}, {"default", true}, {"description", "Also report indirect (reported) speech"}}},
      {"speaker_model",
       {{"type", "string"},
        {"default", "speaker_ranker.tsv"},
        {"description",
         "The learned speaker ranker (a file in the plugin's data dir, or a path relative to the pipeline file; made "
         "by factpipe-train-quotes); \"\": the rules alone"}}},
      {"speaker_candidates",
       {{"type", "boolean"},
        {"default", false},
        {"description",
         "Write every quotation's candidate speakers with the ranker's features into its extra (for training)"}}},
      {"indirect_model",
       {{"type", "string"},
        {"default", ""},
        {"description",
         "The learned indirect-speech finder, opt-in (\"indirect_model.tsv\": the shipped one, in the plugin's data "
         "dir, or a path relative to the pipeline file; made by factpipe-train-quotes). Off by default: it halves "
         "the stage's speed and one CV fold's indirect precision is under 0.80 (README). \"\": the rules alone"}}},
      {"indirect_candidates",
       {{"type", "boolean"},
        {"default", false},
        {"description",
         "Write every word outside quotations with the indirect finder's proposals and their features into the "
         "document's extra (for training)"}}},
      {"context_speakers",
       {{"type", "boolean"},
        {"default", true},
        {"description",
         "Attribute quotations without a cue from the context (previous quote, previous sentence, conversational "
         "turns)"}}},
  };
  props["mixed_speech"] = {{"type", "boolean"},
                           {"default", true},
                           {"description",
                            "Also report reported speech whose content holds a quotation, as kind mixed (its "
                            "quoted words are a partial quotation as well)"}};
  for (const auto& k : kFileKeys)
    props[k[0]] = {{"type", "string"},
                   {"default", k[1]},
                   {"description",
                    std::string(k[2]) + " (a file in the plugin's data dir, or a path relative to the pipeline file)"}};
  info.config_schema = Json{{"type", "object"}, {"additionalProperties", false}, {"properties", props}};
  return info;
}

void QuotesStage::configure(const Json& config, const Context& ctx) {
  // The host has validated the config against the schema and filled in its defaults.
  auto file = [&](const char* key) { return config.at(key).get<std::string>(); };
  QuoteLexiconFiles f;
  f.speech_verbs = file("speech_verbs");
  f.title_cues = file("title_cues");
  f.function_words = file("function_words");
  f.indirect_verbs = file("indirect_verbs");
  f.cognition_verbs = file("cognition_verbs");
  f.stance_verbs = file("stance_verbs");
  f.finder_skip_words = file("finder_skip_words");
  f.abbreviations = file("abbreviations");
  f.titles = file("titles");
  f.not_names = file("not_names");
  f.credit_cues = file("credit_cues");
  auto resolve = [&](const std::string& name) { return ctx.resolve(name); };
  lexicon_ = QuoteLexicon::load(f, resolve);
  options_.min_confidence = config.at("min_confidence").get<double>();
  options_.indirect = config.at("indirect").get<bool>();
  options_.context_speakers = config.at("context_speakers").get<bool>();
  options_.mixed = config.at("mixed_speech").get<bool>();
  options_.dump_candidates = config.at("speaker_candidates").get<bool>();
  std::string model = file("speaker_model");
  model_.reset();
  if (!model.empty()) model_ = std::make_shared<const SpeakerModel>(SpeakerModel::load(resolve(model)));
  options_.model = model_.get();
  std::string indirect_model = file("indirect_model");
  indirect_model_.reset();
  if (!indirect_model.empty())
    indirect_model_ = std::make_shared<const IndirectModel>(IndirectModel::load(resolve(indirect_model)));
  options_.indirect_model = indirect_model_.get();
  dump_indirect_ = config.at("indirect_candidates").get<bool>();
}

void QuotesStage::process(Document& doc) {
  text::TextView view =
      text::TextView::build(doc, lexicon_.abbreviations, lexicon_.credit_cues, /*with_sentences=*/false);
  text::MentionIndex mentions(doc);
  std::vector<Quote> quotes = find_direct_quotes(doc, view, mentions, lexicon_, options_);
  if (options_.indirect) {
    Json proposals = Json::array();
    auto indirect =
        find_indirect_quotes(doc, view, mentions, lexicon_, quotes, options_, dump_indirect_ ? &proposals : nullptr);
    if (dump_indirect_) doc.extra["quotes_indirect_candidates"] = std::move(proposals);
    quotes.insert(quotes.end(), std::make_move_iterator(indirect.begin()), std::make_move_iterator(indirect.end()));
  }
  std::erase_if(quotes, [&](const Quote& q) { return q.confidence < options_.min_confidence; });
  std::stable_sort(quotes.begin(), quotes.end(),
                   [](const Quote& a, const Quote& b) { return a.span.start < b.span.start; });
  doc.quotes = std::move(quotes);
  doc.add_layer("quotes");
}

}  // namespace factpipe::quotes
