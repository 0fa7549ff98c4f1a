#pragma once
// Everything the entity recogniser knows about words, loaded once from the plugin's data files (abbreviations,
// titles, not-names and credit cues are the shared lists of text/data, gathered into the data dir by the build).
#include <filesystem>
#include <string>

#include <factpipe/text/abbreviations.hpp>
#include <factpipe/text/word_lists.hpp>
#include <factpipe/text/word_pieces.hpp>

namespace factpipe::entities {

struct NameLexiconFiles {
  std::string abbreviations = "abbreviations.txt";
  std::string titles = "titles.tsv";
  std::string nationalities = "nationalities.tsv";
  std::string places = "places.txt";
  std::string organizations = "organizations.txt";
  std::string organization_cues = "organization_cues.txt";
  std::string first_names = "first_names.tsv";
  std::string not_names = "not_names.txt";
  std::string never_surnames = "never_surnames.txt";
  std::string nominal_heads = "nominal_heads.tsv";
  std::string name_connectors = "name_connectors.txt";
  std::string credit_cues = "credit_cues.txt";
};

struct NameLexicon {
  text::AbbreviationSet abbreviations;  // "mr.", "sen.", ...
  text::WordMap titles;                 // title and role words that precede a name -> gender they imply (m, f or -)
  text::WordMap nationalities;          // NORP adjective / demonym -> country: "russian" -> "Russia"
  text::WordList places;                // GPE / LOC names
  text::WordList organizations;         // known organisations and acronyms
  text::WordList organization_cues;     // words that make a name an organisation: party, committee
  text::WordMap first_names;            // first name -> "m" | "f" | "u"
  text::WordList not_names;             // capitalised words that are not names (sentence starters, days, months)
  text::WordList never_surnames;        // ... and of those, never a one-word surname: he, the, was, Tuesday, said
  text::WordMap nominal_heads;          // "leader" -> role words it can stand for ("president prime minister ...")
  text::WordList connectors;            // lower-case words inside names: of, de, van, bin
  text::WordList credit_cues;           // words of photo credits and bylines: photo, getty, via

  // `resolve` maps a configured file name to a path (the plugin's data dir or the pipeline's dir).
  template <class Resolve>
  static NameLexicon load(const NameLexiconFiles& files, Resolve&& resolve) {
    NameLexicon lx;
    lx.abbreviations = text::AbbreviationList::load(resolve(files.abbreviations)).scanned();
    lx.titles = text::WordMap::load(resolve(files.titles));
    lx.nationalities = text::WordMap::load(resolve(files.nationalities));
    lx.places = text::WordList::load(resolve(files.places));
    lx.organizations = text::WordList::load(resolve(files.organizations));
    lx.organization_cues = text::WordList::load(resolve(files.organization_cues));
    lx.first_names = text::WordMap::load(resolve(files.first_names));
    lx.not_names = text::WordList::load(resolve(files.not_names));
    lx.never_surnames = text::WordList::load(resolve(files.never_surnames));
    lx.nominal_heads = text::WordMap::load(resolve(files.nominal_heads));
    lx.connectors = text::WordList::load(resolve(files.name_connectors));
    lx.credit_cues = text::WordList::load(resolve(files.credit_cues));
    return lx;
  }
};

}  // namespace factpipe::entities
