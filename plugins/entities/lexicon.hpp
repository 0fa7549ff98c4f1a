#pragma once
// Everything the entity recogniser knows about words, loaded once from the plugin's data files.
#include <filesystem>
#include <string>

#include "text_scan.hpp"
#include "word_lists.hpp"

namespace factpipe::entities {

struct LexiconFiles {
  std::string abbreviations = "abbreviations.txt";
  std::string titles = "titles.tsv";
  std::string nationalities = "nationalities.tsv";
  std::string places = "places.txt";
  std::string organizations = "organizations.txt";
  std::string organization_cues = "organization_cues.txt";
  std::string first_names = "first_names.tsv";
  std::string not_names = "not_names.txt";
  std::string nominal_heads = "nominal_heads.tsv";
  std::string name_connectors = "name_connectors.txt";
  std::string credit_cues = "credit_cues.txt";
};

struct Lexicon {
  AbbreviationSet abbreviations;  // "mr.", "sen.", ...
  WordMap titles;          // title and role words that precede a name -> gender they imply (m, f or -)
  WordMap nationalities;   // NORP adjective / demonym -> country: "russian" -> "Russia"
  WordList places;         // GPE / LOC names
  WordList organizations;  // known organisations and acronyms
  WordList organization_cues;  // words that make a name an organisation: party, committee
  WordMap first_names;     // first name -> "m" | "f" | "u"
  WordList not_names;      // capitalised words that are not names (sentence starters, days, months)
  WordMap nominal_heads;   // "leader" -> role words it can stand for ("president prime minister ...")
  WordList connectors;     // lower-case words inside names: of, de, van, bin
  WordList credit_cues;    // words of photo credits and bylines: photo, getty, via

  // `resolve` maps a configured file name to a path (the plugin's data dir or the pipeline's dir).
  template <class Resolve>
  static Lexicon load(const LexiconFiles& files, Resolve&& resolve) {
    Lexicon lx;
    const WordList abbreviations = WordList::load(resolve(files.abbreviations));
    for (const auto& e : abbreviations.entries()) lx.abbreviations.insert(e);
    lx.titles = WordMap::load(resolve(files.titles));
    lx.nationalities = WordMap::load(resolve(files.nationalities));
    lx.places = WordList::load(resolve(files.places));
    lx.organizations = WordList::load(resolve(files.organizations));
    lx.organization_cues = WordList::load(resolve(files.organization_cues));
    lx.first_names = WordMap::load(resolve(files.first_names));
    lx.not_names = WordList::load(resolve(files.not_names));
    lx.nominal_heads = WordMap::load(resolve(files.nominal_heads));
    lx.connectors = WordList::load(resolve(files.name_connectors));
    lx.credit_cues = WordList::load(resolve(files.credit_cues));
    return lx;
  }
};

}  // namespace factpipe::entities
