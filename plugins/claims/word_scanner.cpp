#include "word_scanner.hpp"

namespace factpipe::claims {
namespace {

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool is_alpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
char lower(unsigned char c) { return is_upper(c) ? static_cast<char>(c + 32) : static_cast<char>(c); }

// Length of a multi-byte punctuation or space sequence at i, and its ASCII stand-in; 0 when none.
// Covers the marks news text uses: curly quotes, dashes, ellipsis, guillemets, no-break space.
std::size_t special_at(std::string_view t, std::size_t i, char& stand_in) {
  auto b = [&](std::size_t k) { return i + k < t.size() ? static_cast<unsigned char>(t[i + k]) : 0u; };
  if (b(0) == 0xC2 && b(1) == 0xA0) {
    stand_in = ' ';
    return 2;
  }
  if (b(0) == 0xC2 && (b(1) == 0xAB || b(1) == 0xBB)) {
    stand_in = '"';
    return 2;
  }
  if (b(0) == 0xE2 && b(1) == 0x80) {
    unsigned c = b(2);
    if (c >= 0x90 && c <= 0x95) {
      stand_in = '-';
      return 3;
    }
    if (c == 0x98 || c == 0x99 || c == 0x9A || c == 0x9B) {
      stand_in = '\'';
      return 3;
    }
    if (c >= 0x9C && c <= 0x9F) {
      stand_in = '"';
      return 3;
    }
    if (c == 0xA6) {
      stand_in = '.';
      return 3;
    }
    if (c >= 0x80 && c <= 0x8B) {
      stand_in = ' ';
      return 3;
    }  // en/em/thin spaces
    if (c == 0xA2) {
      stand_in = '*';
      return 3;
    }  // bullet
  }
  return 0;
}

bool word_byte(std::string_view t, std::size_t i) {
  unsigned char c = static_cast<unsigned char>(t[i]);
  if (is_alpha(c) || is_digit(c)) return true;
  if (c < 0x80) return false;
  char ignored;
  return special_at(t, i, ignored) == 0;
}

}  // namespace

ScannedWords scan_words(std::string_view t, std::size_t base) {
  ScannedWords scanned;
  std::vector<Word>& out = scanned.words;
  out.reserve(t.size() / 5 + 4);
  // Lower-case forms are appended to one buffer, reserved up front so that views into it stay valid
  // (no form is longer than the bytes it comes from, plus "..." for a one-byte '.').
  auto storage = std::make_shared<std::string>();
  storage->reserve(2 * t.size() + 32);
  std::string cur;
  auto intern = [&](std::string_view form) -> std::string_view {
    std::size_t at = storage->size();
    storage->append(form);
    return std::string_view(storage->data() + at, form.size());
  };
  std::size_t i = 0, n = t.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    if (is_space(c)) {
      ++i;
      continue;
    }
    char stand_in = 0;
    std::size_t special = c >= 0x80 ? special_at(t, i, stand_in) : 0;
    if (special && stand_in == ' ') {
      i += special;
      continue;
    }
    Word w;
    w.start = i;
    cur.clear();
    if (special) {
      // An apostrophe inside a word ("don’t") belongs to the word: handled below when it follows letters.
      w.kind = WordKind::punct;
      cur.assign(1, stand_in);
      if (stand_in == '.') cur = "...";
      i += special;
    } else if (is_digit(c) || (c == '.' && i + 1 < n && is_digit(static_cast<unsigned char>(t[i + 1])))) {
      w.kind = WordKind::number;
      while (i < n) {
        unsigned char d = static_cast<unsigned char>(t[i]);
        if (is_digit(d)) {
          cur.push_back(static_cast<char>(d));
          ++i;
          continue;
        }
        if ((d == '.' || d == ',' || d == '/' || d == ':') && i + 1 < n &&
            is_digit(static_cast<unsigned char>(t[i + 1]))) {
          cur.push_back(static_cast<char>(d));
          ++i;
          continue;
        }
        break;
      }
      // Ordinal or unit suffix glued to the number: 5th, 1990s, 10am, 3km.
      while (i < n && is_alpha(static_cast<unsigned char>(t[i]))) {
        cur.push_back(lower(static_cast<unsigned char>(t[i])));
        ++i;
      }
    } else if (word_byte(t, i)) {
      w.kind = WordKind::word;
      w.capitalized = is_upper(c) || c >= 0x80;
      int letters = 0, uppers = 0;
      while (i < n) {
        unsigned char d = static_cast<unsigned char>(t[i]);
        if (word_byte(t, i)) {
          if (is_alpha(d)) {
            ++letters;
            uppers += is_upper(d);
          }
          cur.push_back(lower(d));
          ++i;
          continue;
        }
        // Inner apostrophe (straight or curly), hyphen, or the dots of an abbreviation such as U.S.
        char inner = 0;
        std::size_t len = 1;
        if (d == '\'' || d == '-' || d == '.') inner = static_cast<char>(d);
        else if (d >= 0x80) {
          len = special_at(t, i, inner);
          if (inner != '\'') inner = 0;
        }
        if (inner && i + len < n && word_byte(t, i + len) &&
            (inner != '.' ||
             (is_alpha(static_cast<unsigned char>(t[i + len])) && i + len + 1 < n && t[i + len + 1] == '.'))) {
          cur.push_back(inner);
          i += len;
          continue;
        }
        // Abbreviation end: "U.S." keeps its final dot when letters and dots alternate.
        if (d == '.' && cur.size() >= 3 && cur[cur.size() - 2] == '.') {
          cur.push_back('.');
          ++i;
        }
        break;
      }
      w.all_caps = letters >= 2 && uppers == letters;
      // Split clitics so "don't" gives "do" + "n't" and "it's" gives "it" + "'s", as the lexicon expects.
      auto split_at = std::string::npos;
      if (cur.size() > 3 && cur.ends_with("n't")) split_at = cur.size() - 3;
      else if (cur.size() > 2 && (cur.ends_with("'s") || cur.ends_with("'m") || cur.ends_with("'d")))
        split_at = cur.size() - 2;
      else if (cur.size() > 3 && (cur.ends_with("'re") || cur.ends_with("'ve") || cur.ends_with("'ll")))
        split_at = cur.size() - 3;
      if (split_at != std::string::npos && cur != "can't") {
        Word clitic;
        clitic.kind = WordKind::word;
        // Byte length of the clitic in the original text may differ (curly apostrophe is 3 bytes).
        std::size_t clitic_bytes =
            (cur.size() - split_at) +
            (t.substr(w.start, i - w.start).find("\xE2\x80\x99") != std::string_view::npos ? 2 : 0);
        clitic.start = i - clitic_bytes + base;
        clitic.end = i + base;
        w.lower = intern(std::string_view(cur).substr(0, split_at));
        clitic.lower = intern(std::string_view(cur).substr(split_at));
        w.end = i - clitic_bytes + base;
        w.start += base;
        out.push_back(std::move(w));
        out.push_back(std::move(clitic));
        continue;
      }
    } else {
      w.kind = WordKind::punct;
      cur.assign(1, static_cast<char>(c));
      ++i;
      // "..." as one mark.
      if (c == '.')
        while (i < n && t[i] == '.') {
          cur.push_back('.');
          ++i;
        }
    }
    w.end = i + base;
    w.start += base;
    w.lower = intern(cur);
    out.push_back(std::move(w));
  }
  scanned.storage = std::move(storage);
  return scanned;
}

}  // namespace factpipe::claims
