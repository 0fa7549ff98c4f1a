#include <factpipe/text/word_pieces.hpp>

#include <unicode/uchar.h>

#include <factpipe/text/sentence_splitter.hpp>
#include <factpipe/utf8.hpp>

namespace factpipe::text {
namespace {

struct Cp {
  char32_t c = 0;
  std::size_t next = 0;  // byte offset after it
};

Cp at(std::string_view t, std::size_t i) {
  if (i >= t.size()) return {0, i};
  auto b = static_cast<unsigned char>(t[i]);
  if (b < 0x80) return {b, i + 1};
  std::size_t j = i;
  char32_t c = utf8::decode(t, j);
  return {c, j};
}

bool is_letter(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return u_isalpha(static_cast<UChar32>(c));
}
bool is_upper(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  return u_isupper(static_cast<UChar32>(c));
}
bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x2009 || c == 0x202F || c == 0x200B ||
         c == 0x3000 || c == 0x2028 || c == 0x2029;
}
bool is_apostrophe(char32_t c) { return c == '\'' || c == 0x2019; }
bool is_ascii_letter(char32_t c, char lower_case) {
  return c == static_cast<char32_t>(lower_case) || c + 32 == static_cast<char32_t>(lower_case);
}

// End of the clitic that starts with the apostrophe at `i` ("'s", "'m", "'d", "'re", "'ve", "'ll" before a
// non-letter), or 0. Only "'s" unless `all`: the possessive that every stage splits off.
std::size_t clitic_end(std::string_view t, std::size_t i, std::size_t end, bool all) {
  Cp a = at(t, i);
  if (!is_apostrophe(a.c)) return 0;
  Cp x = at(t, a.next);
  bool one = is_ascii_letter(x.c, 's') || (all && (is_ascii_letter(x.c, 'm') || is_ascii_letter(x.c, 'd')));
  if (one && !is_letter(at(t, x.next).c)) return x.next;
  if (!all || x.next >= end) return 0;
  Cp y = at(t, x.next);
  bool two = (is_ascii_letter(x.c, 'r') && is_ascii_letter(y.c, 'e')) ||
             (is_ascii_letter(x.c, 'v') && is_ascii_letter(y.c, 'e')) ||
             (is_ascii_letter(x.c, 'l') && is_ascii_letter(y.c, 'l'));
  return two && !is_letter(at(t, y.next).c) ? y.next : 0;
}

// "n't" (before a non-letter) starts at `i`.
bool negation_clitic_at(std::string_view t, std::size_t i) {
  Cp n = at(t, i);
  if (!is_ascii_letter(n.c, 'n')) return false;
  Cp a = at(t, n.next);
  if (!is_apostrophe(a.c)) return false;
  Cp x = at(t, a.next);
  return is_ascii_letter(x.c, 't') && !is_letter(at(t, x.next).c);
}

}  // namespace

void append_plain_lower(std::string_view s, std::string& out) {
  for (std::size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      out.push_back(b >= 'A' && b <= 'Z' ? static_cast<char>(b - 'A' + 'a') : static_cast<char>(b));
      ++i;
      continue;
    }
    std::size_t j = i;
    char32_t c = utf8::decode(s, j);
    if (c >= 0x2018 && c <= 0x201B) out.push_back('\'');
    else if ((c >= 0x201C && c <= 0x201F) || c == 0xAB || c == 0xBB) out.push_back('"');
    else if (c >= 0x2010 && c <= 0x2015) out.push_back('-');
    else if (c == 0x2026) out += "...";
    else if (c == 0x2022) out.push_back('*');
    else out.append(s.substr(i, j - i));
    i = j;
  }
}

std::string plain_lower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  append_plain_lower(s, out);
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& ch : out)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return out;
}

bool is_quote_mark(char32_t c) {
  return c == '"' || c == '\'' || c == '`' || c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019 || c == 0x00AB ||
         c == 0x00BB || c == 0x201E || c == 0x201F;
}
bool is_dash(char32_t c) { return c == '-' || c == 0x2013 || c == 0x2014 || c == 0x2012 || c == 0x2015; }

std::vector<Piece> scan_pieces(std::string_view t, Span range, const AbbreviationSet& abbreviations,
                               const ScanOptions& options) {
  std::vector<Piece> out;
  out.reserve(range.size() / 5 + 4);
  std::size_t i = range.start;
  const std::size_t end = std::min(range.end, t.size());
  while (i < end) {
    Cp c = at(t, i);
    if (is_space(c.c)) {
      i = c.next;
      continue;
    }
    if (is_letter(c.c)) {
      Piece p;
      p.kind = PieceKind::word;
      p.cap = is_upper(c.c);
      bool all_upper = p.cap;
      std::size_t letters = 0;
      std::size_t j = i;
      while (j < end) {
        Cp d = at(t, j);
        if (is_letter(d.c) || is_digit(d.c)) {
          // "do" + "n't", but "can't" stays whole
          if (options.split_clitics && j > i && negation_clitic_at(t, j) && lower(t.substr(i, j - i)) != "ca") break;
          if (is_letter(d.c) && !is_upper(d.c)) all_upper = false;
          ++letters;
          j = d.next;
          continue;
        }
        if ((is_apostrophe(d.c) || d.c == '-' || d.c == '.') && d.next < end) {
          Cp e = at(t, d.next);
          if (!is_letter(e.c) && !(options.digits_after_hyphen && d.c == '-' && is_digit(e.c))) break;
          // "’s" followed by a non-letter is a possessive (or, with split_clitics, any clitic): split it off.
          if (clitic_end(t, j, end, options.split_clitics)) break;
          if (d.c == '.') {
            // only inside initialisms: U.S., U.N.
            if (letters != 1) break;
            Cp f = at(t, e.next);
            if (f.c != '.') break;
            letters = 0;
            j = e.next;
            continue;
          }
          j = d.next;
          continue;
        }
        break;
      }
      // A trailing period belongs to an abbreviation or an initial.
      if (j < end && t[j] == '.') {
        std::string w = lower(t.substr(i, j - i + 1));
        bool initial = (j - i == 1 && p.cap) || (w.find('.') < w.size() - 1);
        // "D-Mo.", "R-Fla.": a party-state tag ends with a state abbreviation
        auto hyphen = w.rfind('-');
        bool tagged = hyphen != std::string::npos && abbreviations.count(w.substr(hyphen + 1));
        if (initial || tagged || abbreviations.count(w)) ++j;
      }
      p.span = {i, j};
      p.all_caps = all_upper && letters + 1 >= 2;
      out.push_back(p);
      i = j;
      // possessive, or another clitic
      if (std::size_t k = i < end ? clitic_end(t, i, end, options.split_clitics) : 0) {
        Piece q;
        q.kind = PieceKind::word;
        q.possessive = is_ascii_letter(at(t, at(t, i).next).c, 's');
        q.span = {i, k};
        out.push_back(q);
        i = k;
      }
      continue;
    }
    if (is_digit(c.c) || (options.dates_and_times && c.c == '.' && is_digit(at(t, c.next).c))) {
      std::size_t j = c.next;
      while (j < end) {
        Cp d = at(t, j);
        if (is_digit(d.c) || is_letter(d.c)) {
          j = d.next;
          continue;
        }
        bool separator = d.c == ',' || d.c == '.' || (options.dates_and_times && (d.c == '/' || d.c == ':'));
        if (separator && is_digit(at(t, d.next).c)) {
          j = d.next;
          continue;
        }
        break;
      }
      Piece p;
      p.kind = PieceKind::number;
      p.span = {i, j};
      out.push_back(p);
      i = j;
      continue;
    }
    Piece p;
    p.kind = PieceKind::punct;
    p.cp = c.c;
    // `` and '' are one mark
    if ((c.c == '`' || c.c == '\'') && c.next < end && at(t, c.next).c == c.c) {
      p.span = {i, c.next + 1};
    } else if (options.ellipsis_as_one && c.c == '.') {
      std::size_t j = c.next;
      while (j < end && t[j] == '.') ++j;
      p.span = {i, j};
    } else {
      p.span = {i, c.next};
    }
    out.push_back(p);
    i = p.span.end;
  }
  return out;
}

std::vector<Span> paragraph_spans(const Document& doc) {
  std::vector<Span> out;
  if (!doc.paragraphs.empty()) {
    for (const auto& p : doc.paragraphs) out.push_back(p.span);
    return out;
  }
  const std::string& t = doc.text;
  std::size_t i = 0;
  while (i < t.size()) {
    std::size_t nl = t.find('\n', i);
    if (nl == std::string::npos) nl = t.size();
    std::size_t s = i, e = nl;
    while (s < e && (t[s] == ' ' || t[s] == '\t' || t[s] == '\r')) ++s;
    while (e > s && (t[e - 1] == ' ' || t[e - 1] == '\t' || t[e - 1] == '\r')) --e;
    if (e > s) out.push_back({s, e});
    i = nl + 1;
  }
  return out;
}

std::vector<Span> sentence_spans(const Document& doc) {
  std::vector<Span> out;
  if (!doc.sentences.empty()) {
    for (const auto& s : doc.sentences) out.push_back(s.span);
    return out;
  }
  const std::string_view t = doc.text;
  for (const Span& para : paragraph_spans(doc))
    for (const Span& s : split_sentences(t.substr(para.start, para.size())))
      out.push_back({para.start + s.start, para.start + s.end});
  return out;
}

}  // namespace factpipe::text
