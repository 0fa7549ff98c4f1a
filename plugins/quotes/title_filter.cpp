#include "title_filter.hpp"

#include <algorithm>

namespace factpipe::quotes {

using text::Piece;
using text::PieceKind;

namespace {

std::string low(std::string_view text, const Piece& p) { return text::lower(text.substr(p.span.start, p.span.size())); }

// An article's headline with its byline, as news roundups list them after a dash: —"Sam Mendes leaves
// ‘Chocolate Factory’," by Times' Michael Paulson (not a passive's agent: "terrified" by Trump).
bool byline_after(std::string_view text, const MarkedQuote& q, const QuoteLexicon& qlx) {
  if (q.close.empty() || q.open.start < 3) return false;
  // an em dash or en dash (3 bytes of UTF-8) right before the opening mark
  std::string_view dash = text.substr(q.open.start - 3, 3);
  if (dash != "\u2014" && dash != "\u2013") return false;
  std::size_t line_end = text.find('\n', q.close.end);
  std::size_t end = std::min({text.size(), q.close.end + 40, line_end});
  auto after = text::scan_pieces(text, Span{q.close.end, end}, qlx.abbreviations);
  std::size_t k = 0;
  if (k < after.size() && after[k].kind == PieceKind::punct && after[k].cp == ',') ++k;
  return k + 1 < after.size() && after[k].kind == PieceKind::word && text.substr(after[k].span.start, 2) == "by" &&
         after[k + 1].kind == PieceKind::word && after[k + 1].cap;
}

}  // namespace

bool is_title(std::string_view text, const MarkedQuote& q, const QuoteLexicon& qlx,
              const std::function<bool()>& headline) {
  if (q.unclosed || q.continues || q.continued) return false;
  if (byline_after(text, q, qlx)) return true;
  auto inner = text::scan_pieces(text, q.inner, qlx.abbreviations);
  // one trailing comma or period belongs to the sentence, not to the title ("on "Face the Nation,"")
  if (!inner.empty() && inner.back().kind == PieceKind::punct && (inner.back().cp == ',' || inner.back().cp == '.'))
    inner.pop_back();
  std::size_t words = 0, capitalised = 0;
  for (std::size_t k = 0; k < inner.size(); ++k) {
    const Piece& p = inner[k];
    if (p.kind == PieceKind::punct) {
      // a comma inside a title goes on in title case ("So, That Happened", "Girls, Girls, Girls")
      bool title_comma =
          p.cp == ',' && k + 1 < inner.size() && inner[k + 1].kind == PieceKind::word && inner[k + 1].cap;
      if (p.cp == '.' || p.cp == '!' || (p.cp == ',' && !title_comma) || p.cp == ';' || p.cp == '?') return false;
      continue;
    }
    if (p.kind != PieceKind::word) continue;
    ++words;
    std::string w = low(text, p);
    bool small =
        w.size() <= 4 && (w == "the" || w == "a" || w == "an" || w == "of" || w == "and" || w == "in" || w == "on" ||
                          w == "to" || w == "for" || w == "at" || w == "or" || w == "by" || w == "with" || w == "from");
    if (p.cap || p.all_caps || (small && words > 1) || p.possessive) ++capitalised;
  }
  if (words == 0 || words > 8 || capitalised < words) return false;
  // what stands before the opening mark, within four words
  std::size_t from = q.open.start >= 80 ? q.open.start - 80 : 0;
  auto before = text::scan_pieces(text, Span{from, q.open.start}, qlx.abbreviations);
  std::size_t seen = 0;
  bool speech = false;
  for (std::size_t k = before.size(); k-- > 0 && seen < 4;) {
    const Piece& p = before[k];
    if (p.kind == PieceKind::punct) {
      if (p.cp == '.' || p.cp == ';' || text::is_quote_mark(p.cp)) break;
      if (p.cp == ':' && seen == 0) speech = true;  // X: "…"
      continue;
    }
    std::string w = low(text, p);
    if (seen == 0 && (w == "on" || w == "in" || p.possessive)) return true;
    if (qlx.title_cues.contains(w)) return true;
    if (!p.cap && qlx.speech_verbs.find(w)) speech = true;
    ++seen;
  }
  // a cue noun right after the closing mark: "the "Shark Tank" show"; a speech verb: a quotation
  if (!q.close.empty()) {
    auto after = text::scan_pieces(text, Span{q.close.end, std::min(text.size(), q.close.end + 40)}, qlx.abbreviations);
    seen = 0;
    for (const auto& p : after) {
      if (p.kind != PieceKind::word) continue;
      std::string w = low(text, p);
      if (seen == 0 && qlx.title_cues.contains(w)) return true;
      if (!p.cap && qlx.speech_verbs.find(w)) speech = true;
      if (++seen >= 3) break;
    }
  }
  // a short title-case phrase nobody is said to have said is a title or a name, unless the whole
  // paragraph is in title case (a headline: "Clinton Speaks 'Directly To White People'")
  if (speech || words < 2) return false;
  return !headline();
}

bool is_subheading(std::string_view text, const MarkedQuote& q, Span paragraph,
                   const text::AbbreviationSet& abbreviations) {
  if (q.close.empty() || q.continues || q.continued) return false;
  auto blank = [&](std::size_t a, std::size_t b) {
    for (std::size_t i = a; i < b; ++i)
      if (text[i] != ' ' && text[i] != '\t' && text[i] != '.' && text[i] != '\r') return false;
    return true;
  };
  std::size_t words = 0;
  bool lower = false;
  for (const auto& p : text::scan_pieces(text, q.inner, abbreviations))
    if (p.kind == PieceKind::word) {
      ++words;
      lower |= !p.all_caps;
    }
  // a heading in single marks and capitals within a paragraph: ‘EUROPEANS ASK IF VIOLENCE IS BECOMING FACT OF LIFE’
  if (q.single && !lower && words >= 3) return true;
  if (!blank(paragraph.start, q.open.start) || !blank(q.close.end, paragraph.end)) return false;
  // a paragraph of one short quotation in double marks is usually someone's ("This is extremely
  // irresponsible."); in single marks or capitals, a subheading
  return words <= 6 && (q.single || !lower);
}

bool title_case_paragraph(std::string_view text, Span paragraph, const text::AbbreviationSet& abbreviations) {
  auto para = text::scan_pieces(text, paragraph, abbreviations);
  std::size_t pw = 0, pc = 0;
  for (const auto& p : para)
    if (p.kind == PieceKind::word && !p.possessive) {
      ++pw;
      pc += p.cap || p.all_caps;
    }
  return pw <= 25 && pc * 10 >= pw * 7;
}

}  // namespace factpipe::quotes
