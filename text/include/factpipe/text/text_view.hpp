#pragma once
// The document cut into paragraphs and sentences, each scanned into word pieces once (shared by the entities and
// quotes stages, which must agree on words and on which paragraphs are photo credits or bylines).
#include <string_view>
#include <vector>

#include <factpipe/document.hpp>

#include <factpipe/text/word_lists.hpp>
#include <factpipe/text/word_pieces.hpp>

namespace factpipe::text {

struct SentenceView {
  Span span;
  int paragraph = -1;
  std::vector<Piece> pieces;
  std::vector<std::string_view> lower;  // lower-case text of each word piece (views into the TextView)
};

struct TextView {
  std::string_view text;
  std::vector<Span> paragraphs;
  std::vector<bool> credit_paragraph;                     // photo credit or byline, never a speaker's sentence
  std::vector<std::vector<Piece>> paragraph_pieces;       // each paragraph scanned once
  std::vector<std::vector<std::string>> paragraph_lower;  // lower-case text of each word piece ("" otherwise)
  std::vector<std::string> extra_lower;                   // for sentences that cross paragraphs
  std::vector<SentenceView> sentences;

  // `with_sentences` = false leaves `sentences` empty (for stages that only need paragraphs).
  // `abbreviations` keep their period; `credit_cues` mark photo-credit lines.
  static TextView build(const Document& doc, const AbbreviationSet& abbreviations, const WordList& credit_cues,
                        bool with_sentences = true);
  TextView() = default;
  TextView(TextView&&) = default;  // string_views into paragraph_lower stay valid: vectors move their buffers
  TextView& operator=(TextView&&) = default;
  TextView(const TextView&) = delete;
  std::string_view str(const Span& s) const { return text.substr(s.start, s.size()); }
  std::string_view str(const Piece& p) const { return str(p.span); }
  int paragraph_at(std::size_t offset) const;
};

// A short line without a sentence end that carries a credit cue ("Jane Doe, Kremlin Pool Photo via AP")
// or starts with "By" (a byline).
bool is_credit_line(std::string_view text, Span paragraph, const AbbreviationSet& abbreviations,
                    const WordList& credit_cues);
bool is_credit_line(std::string_view text, const std::vector<Piece>& pieces, const std::vector<std::string>& lower,
                    const WordList& credit_cues);

}  // namespace factpipe::text
