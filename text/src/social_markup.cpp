#include <factpipe/text/social_markup.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <stdexcept>

#include <factpipe/utf8.hpp>

namespace factpipe::text {

namespace {

bool ascii_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool word_char(char c) { return ascii_alnum(c) || c == '_' || static_cast<unsigned char>(c) >= 0x80; }
bool upper(char c) { return c >= 'A' && c <= 'Z'; }
bool lower(char c) { return c >= 'a' && c <= 'z'; }
bool digit(char c) { return c >= '0' && c <= '9'; }
bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool starts_with_ci(std::string_view text, std::size_t at, std::string_view prefix) {
  if (text.size() - at < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char a = text[at + i], b = prefix[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (a != b) return false;
  }
  return true;
}

// Pictographs and what glues them together (joiners, variation selectors, skin tones, flags' letters).
bool emoji(char32_t cp) {
  return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x2B00 && cp <= 0x2BFF) ||
         (cp >= 0x2300 && cp <= 0x23FF) || cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0x20E3 ||
         (cp >= 0xE0020 && cp <= 0xE007F) || cp == 0x2122 || cp == 0x00A9 || cp == 0x00AE;
}

// Where a link starting at `i` ends (i itself when none starts there).
std::size_t url_end(std::string_view t, std::size_t i) {
  // Called at every byte of a text: most bytes cannot begin any of the prefixes below.
  const char first = static_cast<char>(t[i] | 0x20);
  if (first != 'h' && first != 'w' && first != 'p') return i;
  bool start = starts_with_ci(t, i, "http://") || starts_with_ci(t, i, "https://") || starts_with_ci(t, i, "www.") ||
               starts_with_ci(t, i, "pic.twitter.com/");
  if (!start || (i > 0 && ascii_alnum(t[i - 1]) && !starts_with_ci(t, i, "http"))) return i;
  std::size_t j = i;
  while (j < t.size() && !space(t[j]) && static_cast<unsigned char>(t[j]) < 0x80 && t[j] != '"') ++j;
  // Closing punctuation belongs to the sentence, not the link.
  while (j > i && (t[j - 1] == '.' || t[j - 1] == ',' || t[j - 1] == ')' || t[j - 1] == '!' || t[j - 1] == '?' ||
                   t[j - 1] == ':' || t[j - 1] == ';'))
    --j;
  return j;
}

// The first link start in [from, to), or `to`.
std::size_t next_url(std::string_view t, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to; ++i)
    if (url_end(t, i) > i) return i;
  return to;
}

const std::array<std::string_view, 12> kMonths = {"january",   "february", "march",    "april",
                                                  "may",       "june",     "july",     "august",
                                                  "september", "october",  "november", "december"};

// "February 25, 2016" -> "2016-02-25"; empty when it is not such a date.
std::string iso_date(std::string_view s) {
  std::size_t sp = s.find(' ');
  if (sp == std::string_view::npos) return {};
  std::string month(s.substr(0, sp));
  for (auto& c : month) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto m = std::find(kMonths.begin(), kMonths.end(), month);
  if (m == kMonths.end()) return {};
  int day = 0, year = 0;
  if (std::sscanf(std::string(s.substr(sp + 1)).c_str(), "%d, %d", &day, &year) != 2 || day < 1 || day > 31 ||
      year < 1900 || year > 2999)
    return {};
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, static_cast<int>(m - kMonths.begin()) + 1, day);
  return buf;
}

std::string without_emoji(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t at = i;
    char32_t cp = utf8::decode(s, i);
    if (!emoji(cp)) out.append(s.substr(at, i - at));
  }
  std::size_t a = out.find_first_not_of(' '), b = out.find_last_not_of(' ');
  return a == std::string::npos ? std::string() : out.substr(a, b - a + 1);
}

// An embedded tweet's signature closing the text: "— Name (@handle) Month D, YYYY".
bool find_byline(std::string_view t, Markup& out) {
  static constexpr std::string_view kDash = "\xE2\x80\x94";  // U+2014
  std::size_t end = t.size();
  while (end > 0 && space(t[end - 1])) --end;
  for (std::size_t from = end;;) {
    std::size_t dash = t.rfind(kDash, from);
    if (dash == std::string_view::npos) return false;
    from = dash;
    if (from-- == 0) from = std::string_view::npos;  // the next round looks before this dash
    std::size_t open = t.find(" (@", dash);
    std::size_t close = open == std::string_view::npos ? open : t.find(')', open);
    if (close == std::string_view::npos || close > end) {
      if (from == std::string_view::npos) return false;
      continue;
    }
    std::size_t name_start = dash + kDash.size();
    while (name_start < open && space(t[name_start])) ++name_start;
    std::string_view date = t.substr(close + 1, end - close - 1);
    while (!date.empty() && space(date.front())) date.remove_prefix(1);
    std::string iso = iso_date(date);
    if (iso.empty() && !date.empty()) {
      if (from == std::string_view::npos) return false;
      continue;
    }
    out.span = Span{dash, end};
    out.kind = MarkupKind::byline;
    out.name = without_emoji(t.substr(name_start, open - name_start));
    out.words = out.name;
    out.date = iso;
    return true;
  }
}

}  // namespace

std::string_view to_string(MarkupKind kind) {
  switch (kind) {
    case MarkupKind::url:
      return "url";
    case MarkupKind::handle:
      return "handle";
    case MarkupKind::hashtag:
      return "hashtag";
    case MarkupKind::emoji:
      return "emoji";
    case MarkupKind::retweet:
      return "retweet";
    case MarkupKind::byline:
      return "byline";
  }
  return "url";
}

MarkupKind markup_kind_from(std::string_view name) {
  for (auto k : {MarkupKind::url, MarkupKind::handle, MarkupKind::hashtag, MarkupKind::emoji, MarkupKind::retweet,
                 MarkupKind::byline})
    if (to_string(k) == name) return k;
  throw std::invalid_argument("unknown markup kind '" + std::string(name) +
                              "' (url, handle, hashtag, emoji, retweet, byline)");
}

std::string split_camel_case(std::string_view w) {
  std::string out;
  for (std::size_t i = 0; i < w.size(); ++i) {
    char c = w[i];
    if (c == '_') {
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    if (i > 0 && !out.empty() && out.back() != ' ') {
      char p = w[i - 1];
      bool boundary = (upper(c) && lower(p)) ||                                         // fakeNews
                      (upper(c) && upper(p) && i + 1 < w.size() && lower(w[i + 1])) ||  // CBCNews -> CBC News
                      (digit(c) != digit(p) && (ascii_alnum(p) && ascii_alnum(c)));     // COVID19 -> COVID 19
      if (boundary) out += ' ';
    }
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::vector<Markup> find_social_markup(std::string_view t) {
  std::vector<Markup> out;
  Markup byline;
  const bool has_byline = find_byline(t, byline);
  const std::size_t limit = has_byline ? byline.span.start : t.size();
  bool at_start = true;  // only spaces and markup so far: a leading "RT" is a retweet mark
  for (std::size_t i = 0; i < limit;) {
    // Most bytes start nothing below (no link, handle, hashtag, "RT", non-ASCII): only at_start changes.
    if (const char c = t[i], l = static_cast<char>(c | 0x20);
        static_cast<unsigned char>(c) < 0x80 && c != '@' && c != '#' && c != 'R' && l != 'h' && l != 'w' && l != 'p') {
      if (!space(c) && c != ':') at_start = false;
      ++i;
      continue;
    }
    if (std::size_t e = url_end(t, i); e > i) {
      out.push_back({Span{i, e}, MarkupKind::url, "", "", ""});
      i = e;
      continue;
    }
    char c = t[i];
    bool after_word = i > 0 && word_char(t[i - 1]) && t[i - 1] != '_';
    if ((c == '@' || c == '#') && i + 1 < limit && word_char(t[i + 1]) && static_cast<unsigned char>(t[i + 1]) < 0x80 &&
        !(c == '@' && after_word)) {
      std::size_t e = i + 1;
      while (e < limit && (ascii_alnum(t[e]) || t[e] == '_')) ++e;
      e = std::min(e, next_url(t, i + 1, e));  // "#DefundTheCBChttps://t.co/..."
      if (e > i + 1) {
        std::string_view name = t.substr(i + 1, e - i - 1);
        out.push_back(
            {Span{i, e}, c == '@' ? MarkupKind::handle : MarkupKind::hashtag, split_camel_case(name), "", ""});
        i = e;
        continue;
      }
    }
    if (c == 'R' && i + 1 < limit && t[i + 1] == 'T' && (i == 0 || !word_char(t[i - 1])) &&
        (i + 2 == limit || !word_char(t[i + 2]))) {
      std::size_t j = i + 2;
      while (j < limit && (space(t[j]) || t[j] == ':')) ++j;
      if (at_start || (j < limit && t[j] == '@')) {
        out.push_back({Span{i, i + 2}, MarkupKind::retweet, "", "", ""});
        i += 2;
        continue;
      }
    }
    if (static_cast<unsigned char>(c) >= 0x80) {
      std::size_t j = i;
      char32_t cp = utf8::decode(t, j);
      if (emoji(cp)) {
        std::size_t e = j;
        for (std::size_t k = j; k < limit;) {  // a run of pictographs and their joiners is one span
          if (!emoji(utf8::decode(t, k))) break;
          e = k;
        }
        out.push_back({Span{i, e}, MarkupKind::emoji, "", "", ""});
        i = e;
        continue;
      }
      if (!space(c)) at_start = false;
      i = j;
      continue;
    }
    if (!space(c) && c != ':') at_start = false;
    ++i;
  }
  if (has_byline) out.push_back(std::move(byline));
  return out;
}

std::vector<Markup> markup_of(const Document& doc) {
  auto it = doc.extra.find("markup");
  if (it == doc.extra.end()) return find_social_markup(doc.text);
  if (!it->is_array()) throw std::invalid_argument("extra.markup must be an array");
  utf8::OffsetMap map(doc.text);
  std::vector<Markup> out;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const Json& m = (*it)[i];
    std::string at = "extra.markup[" + std::to_string(i) + "]";
    if (!m.is_object() || !m.contains("start") || !m.contains("end") || !m.contains("kind") ||
        !m["start"].is_number_unsigned() || !m["end"].is_number_unsigned() || !m["kind"].is_string())
      throw std::invalid_argument(at + ": expected {start, end, kind}");
    Markup k;
    try {
      k.span = Span{map.to_byte(m["start"].get<std::size_t>()), map.to_byte(m["end"].get<std::size_t>())};
      k.kind = markup_kind_from(m["kind"].get<std::string>());
    } catch (const std::exception& e) {
      throw std::invalid_argument(at + ": " + e.what());
    }
    k.words = m.value("words", std::string());
    k.name = m.value("name", std::string());
    k.date = m.value("date", std::string());
    out.push_back(std::move(k));
  }
  return out;
}

void store_markup(Document& doc, const std::vector<Markup>& markup) {
  utf8::OffsetMap map(doc.text);
  Json list = Json::array();
  for (const auto& m : markup) {
    Json j{{"start", map.to_code_point(m.span.start)},
           {"end", map.to_code_point(m.span.end)},
           {"kind", std::string(to_string(m.kind))}};
    if (!m.words.empty()) j["words"] = m.words;
    if (!m.name.empty()) j["name"] = m.name;
    if (!m.date.empty()) j["date"] = m.date;
    list.push_back(std::move(j));
  }
  doc.extra["markup"] = std::move(list);
}

}  // namespace factpipe::text
