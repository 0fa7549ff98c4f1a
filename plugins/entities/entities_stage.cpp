#include "entities_stage.hpp"

#include <stdexcept>

#include <factpipe/text/text_view.hpp>

#include "name_finder.hpp"

namespace factpipe::entities {
namespace {

Json file_property(const std::string& file, const std::string& what) {
  return Json{{"type", "string"},
              {"default", file},
              {"description", what + " (a file in the plugin's data dir, or a path relative to the pipeline file)"}};
}

}  // namespace

PluginInfo EntitiesStage::describe() {
  NameLexiconFiles f;
  PluginInfo info;
  info.name = "entities";
  info.version = "1.0.0";
  info.description =
      "People, organisations, places and groups with canonical names and all their mentions: names with "
      "titles, appositives, short forms, nominal mentions and pronouns (gazetteer-based, rule-driven).";
  info.license = "MIT";
  info.requires_layers = {Layer::paragraphs, Layer::sentences};
  info.provides_layers = {Layer::entities};
  info.thread_safe = true;
  info.config_schema = Json{
      {"type", "object"},
      {"additionalProperties", false},
      {"properties",
       {{"resolve_pronouns",
         {{"type", "boolean"}, {"default", true}, {"description", "Resolve he/she/they to a person or group"}}},
        {"resolve_nominals",
         {{"type", "boolean"},
          {"default", true},
          {"description", "Resolve 'the Russian leader' to the person described with those role words"}}},
        {"pronoun_window",
         {{"type", "integer"},
          {"minimum", 0},
          {"maximum", 20},
          {"default", 6},
          {"description", "How many sentences back a pronoun may look for its person (nearer ones score higher)"}}},
        {"abbreviations", file_property(f.abbreviations, "Abbreviations that keep their period")},
        {"titles", file_property(f.titles, "Title and role words before names, with the gender they imply")},
        {"nationalities",
         file_property(f.nationalities, "Nationality adjectives and demonyms (NORP) with their country")},
        {"places", file_property(f.places, "Countries, states and cities (GPE)")},
        {"organizations", file_property(f.organizations, "Known organisations and acronyms")},
        {"organization_cues", file_property(f.organization_cues, "Words that make a name an organisation")},
        {"first_names", file_property(f.first_names, "First names with gender (m, f, u)")},
        {"not_names", file_property(f.not_names, "Capitalised words that never are names")},
        {"never_surnames",
         file_property(f.never_surnames,
                       "Words that never are a one-word surname after a name word (he, the, was, Tuesday, said)")},
        {"nominal_heads",
         file_property(f.nominal_heads, "Nominal heads ('leader') with the role words they stand for")},
        {"name_connectors", file_property(f.name_connectors, "Lower-case words inside names (of, de, bin)")},
        {"credit_cues", file_property(f.credit_cues, "Words of photo credits and bylines")}}}};
  return info;
}

void EntitiesStage::configure(const Json& config, const Context& ctx) {
  // The host has validated the config against the schema and filled in its defaults.
  NameLexiconFiles f;
  auto str = [&](const char* key, std::string& target) { target = config.at(key).get<std::string>(); };
  str("abbreviations", f.abbreviations);
  str("titles", f.titles);
  str("nationalities", f.nationalities);
  str("places", f.places);
  str("organizations", f.organizations);
  str("organization_cues", f.organization_cues);
  str("first_names", f.first_names);
  str("not_names", f.not_names);
  str("never_surnames", f.never_surnames);
  str("nominal_heads", f.nominal_heads);
  str("name_connectors", f.name_connectors);
  str("credit_cues", f.credit_cues);
  options_.resolve_pronouns = config.at("resolve_pronouns").get<bool>();
  options_.resolve_nominals = config.at("resolve_nominals").get<bool>();
  options_.pronoun_window = config.at("pronoun_window").get<int>();
  lexicon_ = NameLexicon::load(f, [&](const std::string& name) { return ctx.resolve(name); });
}

void EntitiesStage::process(Document& doc) {
  text::TextView view = text::TextView::build(doc, lexicon_.abbreviations, lexicon_.credit_cues);
  auto names = find_names(view, lexicon_);
  doc.entities = build_entities(view, names, lexicon_, options_);
  doc.add_layer("entities");
}

}  // namespace factpipe::entities
