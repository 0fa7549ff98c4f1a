#pragma once
// Reading PolNeAR (BRAT standoff, code point offsets) and deriving the quote-attribution gold:
// a gold quotation is each quotation-mark-delimited segment inside an annotated Content span; its
// speaker is that attribution's Source span. Offsets here are Unicode code points.
#include <filesystem>
#include <string>
#include <vector>

namespace factpipe::quotes::eval {

struct CpSpan {
  std::size_t start = 0, end = 0;  // code points, end exclusive
  std::size_t size() const { return end > start ? end - start : 0; }
};

struct GoldAttribution {
  std::vector<CpSpan> content, source, cue;
};

struct Article {
  std::string id;
  std::string text;    // UTF-8
  std::u32string cps;  // the text as code points
  std::vector<GoldAttribution> attributions;
};

struct GoldQuote {
  CpSpan span;
  std::size_t words = 0;
  int attribution = -1;
};

// Parses a BRAT .ann file for `text`; throws std::runtime_error naming file and line.
std::vector<GoldAttribution> parse_brat(const std::string& ann, std::size_t text_code_points, const std::string& file);

// DIR/<split>/text/*.txt with DIR/<split>/attributions/<stem>_<annotator>.ann (first in sorted order).
// Throws naming the missing folder. Articles without an annotation file are skipped.
std::vector<Article> read_split(const std::filesystem::path& dir, const std::string& split);

std::vector<GoldQuote> gold_quotes(const Article& a);
// Every quotation-mark-delimited segment of a text (top level, one line at a time), code points.
std::vector<CpSpan> mark_segments(const std::u32string& text);
// Content spans (joined fragments) that hold no quotation mark: the indirect attributions.
std::vector<CpSpan> gold_indirect(const Article& a);

std::size_t count_words(const std::u32string& cps, CpSpan s);

}  // namespace factpipe::quotes::eval
