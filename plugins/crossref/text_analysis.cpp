#include "text_analysis.hpp"

#include <factpipe/text/sentence_splitter.hpp>
#include <factpipe/text/word_pieces.hpp>

#include "content_tokenizer.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <fstream>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <unordered_map>

namespace factpipe::crossref {

namespace {

// FTS5's own porter tokenizer, so claims and passages are stemmed exactly as the index stems them.
class FtsTokenizer {
 public:
  template <class F>
  void run(std::string_view text, F&& on_token) {
    auto cb = [](void* ctx, int, const char* tok, int n, int s, int e) -> int {
      (*static_cast<F*>(ctx))(std::string_view(tok, static_cast<std::size_t>(n)), static_cast<std::size_t>(s),
                              static_cast<std::size_t>(e));
      return SQLITE_OK;
    };
    tokenizer_.tokenize(text, &on_token, cb);
  }

 private:
  StandaloneTokenizer tokenizer_{"porter unicode61 remove_diacritics 2"};
};

FtsTokenizer& tokenizer() {
  thread_local FtsTokenizer t;
  return t;
}

const char* const kBuiltinStopwords[] = {
    "a",       "about",  "above",      "after",    "again", "against", "all",       "am",      "an",    "and",
    "any",     "are",    "as",         "at",       "be",    "because", "been",      "before",  "being", "below",
    "between", "both",   "but",        "by",       "can",   "could",   "did",       "do",      "does",  "doing",
    "down",    "during", "each",       "few",      "for",   "from",    "further",   "had",     "has",   "have",
    "having",  "he",     "her",        "here",     "hers",  "herself", "him",       "himself", "his",   "how",
    "i",       "if",     "in",         "into",     "is",    "it",      "its",       "itself",  "just",  "me",
    "more",    "most",   "my",         "myself",   "no",    "nor",     "not",       "of",      "off",   "on",
    "once",    "only",   "or",         "other",    "our",   "ours",    "ourselves", "out",     "over",  "own",
    "same",    "she",    "should",     "so",       "some",  "such",    "than",      "that",    "the",   "their",
    "theirs",  "them",   "themselves", "then",     "there", "these",   "they",      "this",    "those", "through",
    "to",      "too",    "under",      "until",    "up",    "very",    "was",       "we",      "were",  "what",
    "when",    "where",  "which",      "while",    "who",   "whom",    "why",       "will",    "with",  "would",
    "you",     "your",   "yours",      "yourself", "s",     "t",       "said",      "says",    "say",   "also",
    "its",     "it's",   "may",        "might",    "must",  "shall"};

std::unique_ptr<Stopwords>& stopwords_slot() {
  static std::unique_ptr<Stopwords> s;
  return s;
}
std::unique_ptr<UnitClasses>& unit_classes_slot() {
  static std::unique_ptr<UnitClasses> s;
  return s;
}

std::atomic<const Stopwords*>& current_stopwords() {
  static std::atomic<const Stopwords*> p{nullptr};
  return p;
}

std::mutex& stopwords_mutex() {
  static std::mutex m;
  return m;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

const std::unordered_map<std::string, double>& number_words() {
  static const std::unordered_map<std::string, double> m = {
      {"two", 2},       {"three", 3},    {"four", 4},      {"five", 5},       {"six", 6},       {"seven", 7},
      {"eight", 8},     {"nine", 9},     {"ten", 10},      {"eleven", 11},    {"twelve", 12},   {"thirteen", 13},
      {"fourteen", 14}, {"fifteen", 15}, {"sixteen", 16},  {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19},
      {"twenty", 20},   {"thirty", 30},  {"forty", 40},    {"fifty", 50},     {"sixty", 60},    {"seventy", 70},
      {"eighty", 80},   {"ninety", 90},  {"hundred", 100}, {"dozen", 12}};
  return m;
}

double scale_of(std::string_view w) {
  if (w == "thousand") return 1e3;
  if (w == "million" || w == "m") return 1e6;
  if (w == "billion" || w == "bn") return 1e9;
  if (w == "trillion") return 1e12;
  return 0;
}

}  // namespace

std::string ascii_lower(std::string_view s) { return text::lower(s); }

void load_word_lists(const std::string& data_dir) {
  if (data_dir.empty()) return;
  std::ifstream probe(data_dir + "/stopwords.txt");
  if (probe) Stopwords::load_file(data_dir + "/stopwords.txt");
  std::ifstream probe2(data_dir + "/unit_classes.txt");
  if (probe2) UnitClasses::load_file(data_dir + "/unit_classes.txt");
}

std::vector<Term> analyze(std::string_view text) {
  std::vector<Term> out;
  tokenizer().run(text, [&](std::string_view tok, std::size_t s, std::size_t e) {
    Term t;
    t.stem.assign(tok);
    t.start = s;
    t.end = e;
    t.lower = ascii_lower(text.substr(s, e - s));
    // Capitalised like a name: "Ortiz", not a heading in capitals ("REGULAR MEETING").
    t.capitalized = s < text.size() && text[s] >= 'A' && text[s] <= 'Z' &&
                    (e - s == 1 || !(text[s + 1] >= 'A' && text[s + 1] <= 'Z'));
    out.push_back(std::move(t));
  });
  return out;
}

std::string stem_word(std::string_view word) {
  std::string out;
  tokenizer().run(word, [&](std::string_view tok, std::size_t, std::size_t) {
    if (out.empty()) out.assign(tok);
  });
  return out;
}

const Stopwords& Stopwords::instance() {
  // Lists are never freed (a replaced one is retired), so the current one can be read without the lock.
  if (const Stopwords* cur = current_stopwords().load(std::memory_order_acquire)) return *cur;
  std::lock_guard lock(stopwords_mutex());
  auto& slot = stopwords_slot();
  if (!slot) {
    slot = std::make_unique<Stopwords>();
    for (const char* w : kBuiltinStopwords) slot->words_.insert(w);
  }
  current_stopwords().store(slot.get(), std::memory_order_release);
  return *slot;
}

const Stopwords& Stopwords::builtin() {
  static const Stopwords list = [] {
    Stopwords s;
    for (const char* w : kBuiltinStopwords) s.words_.insert(w);
    return s;
  }();
  return list;
}

void Stopwords::load_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("crossref: cannot read stop word list " + path);
  auto s = std::make_unique<Stopwords>();
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    s->words_.insert(ascii_lower(line));
  }
  std::lock_guard lock(stopwords_mutex());
  // The old list may still be referenced by a running caller: keep it alive (loaded at most a few times).
  static std::vector<std::unique_ptr<Stopwords>> retired;
  if (stopwords_slot()) retired.push_back(std::move(stopwords_slot()));
  stopwords_slot() = std::move(s);
  current_stopwords().store(stopwords_slot().get(), std::memory_order_release);
}

bool is_content(const Term& t) {
  if (t.stem.empty()) return false;
  if (std::all_of(t.stem.begin(), t.stem.end(), [](char c) { return is_digit(c); })) return false;
  if (t.lower.size() == 1 && is_alpha(t.lower[0])) return false;
  return !Stopwords::instance().contains(t.lower);
}

std::vector<NumberMention> extract_numbers(std::string_view text) { return extract_numbers(text, analyze(text)); }

std::vector<NumberMention> extract_numbers(std::string_view text, const std::vector<Term>& terms) {
  std::vector<NumberMention> out;
  const std::vector<Span> sentences = text::split_sentences(text);
  // Terms index by byte start, to read the words around a number.
  auto term_after = [&](std::size_t pos) {
    return std::lower_bound(terms.begin(), terms.end(), pos, [](const Term& t, std::size_t p) { return t.start < p; });
  };
  auto fill_context = [&](NumberMention& m) {
    auto it = term_after(m.end);
    // Units: the next content words (skipping "percent" and scale words, already used).
    int taken = 0;
    for (auto j = it; j != terms.end() && taken < 2 && j - it < 4; ++j) {
      if (j->start > m.end + 40) break;
      if (!is_content(*j) || scale_of(j->lower) > 0 || j->lower == "percent" || j->lower == "cent") continue;
      if (j->capitalized) continue;  // "six Port Calder bus routes": names modify, the noun counts
      if (number_words().count(j->lower)) break;
      m.units.push_back(UnitClasses::instance().canonical(j->stem));
      ++taken;
    }
    // Context: the content words next to it, and those of its sentence.
    auto before = term_after(m.start);
    int got = 0;
    auto descriptive = [&](const Term& t) {
      return is_content(t) && scale_of(t.lower) == 0 && t.lower != "percent" && t.lower != "cent" &&
             t.lower != "dollars" && t.lower != "euros" && t.lower != "pounds";
    };
    for (auto k = before; k != terms.begin() && got < 6;) {
      --k;
      if (descriptive(*k)) {
        m.context.push_back(k->stem);
        if (got < 2) m.tight.push_back(k->stem);
        ++got;
      }
    }
    got = 0;
    for (auto k = it; k != terms.end() && got < 6; ++k)
      if (descriptive(*k)) {
        m.context.push_back(k->stem);
        if (got < 2) m.tight.push_back(k->stem);
        ++got;
      }
    if (it != terms.end() && it->lower == "of") m.share = true;
    for (const auto& sp : sentences)
      if (sp.start <= m.start && m.start < sp.end) {
        // Names are left out: two figures about Port Calder need not count the same thing.
        for (auto k = term_after(sp.start); k != terms.end() && k->start < sp.end; ++k)
          if (descriptive(*k)) {
            if (!k->capitalized || k->start == sp.start) m.sentence.push_back(k->stem);
            else m.sentence_names.push_back(k->stem);
          }
        break;
      }
  };
  std::size_t i = 0, n = text.size();
  while (i < n) {
    NumberMention m;
    bool found = false;
    std::size_t s = i, e = i;
    if (is_digit(text[i]) && (i == 0 || !is_alpha(text[i - 1]))) {
      e = i;
      std::string digits;
      while (e < n && (is_digit(text[e]) ||
                       ((text[e] == ',' || text[e] == '.') && e + 1 < n && is_digit(text[e + 1]) && !digits.empty()))) {
        if (text[e] != ',') digits.push_back(text[e]);
        ++e;
      }
      if (e < n && is_alpha(text[e]) && !(text[e] == 'm' || text[e] == 'b' || text[e] == 's')) {
        i = e;  // 3D, 5G, 2nd: not a quantity
        while (i < n && (is_alpha(text[i]) || is_digit(text[i]))) ++i;
        continue;
      }
      m.value = std::strtod(digits.c_str(), nullptr);
      found = true;
      // A tally or score, "voted 7-4": one figure.
      if (e + 1 < n && text[e] == '-' && is_digit(text[e + 1])) {
        std::size_t f = e + 1;
        std::string second;
        while (f < n && is_digit(text[f])) second += text[f++];
        if ((f >= n || !is_alpha(text[f])) && m.value < 1000 && second.size() <= 3) {
          m.value = m.value * 1000 + std::strtod(second.c_str(), nullptr);
          m.units.push_back("tally");
          e = f;
        }
      }
      // A day of a month, "April 21": a date.
      {
        static const char* const months[] = {"january", "february", "march",     "april",   "may",      "june",
                                             "july",    "august",   "september", "october", "november", "december"};
        std::size_t p = s;
        while (p > 0 && text[p - 1] == ' ') --p;
        std::size_t we = p;
        while (p > 0 && is_alpha(text[p - 1])) --p;
        std::string w = ascii_lower(text.substr(p, we - p));
        for (int k = 0; k < 12; ++k)
          if (w == months[k] && m.value >= 1 && m.value <= 31) {
            m.kind = NumberMention::Kind::year;
            m.value = (k + 1) * 100 + m.value;
          }
      }
    } else if (is_alpha(text[i]) && (i == 0 || !is_alpha(text[i - 1]))) {
      e = i;
      while (e < n && is_alpha(text[e])) ++e;
      auto w = ascii_lower(text.substr(i, e - i));
      auto it = number_words().find(w);
      if (it == number_words().end()) {
        i = e;
        continue;
      }
      m.value = it->second;
      found = true;
    }
    if (!found) {
      ++i;
      continue;
    }
    // Currency before, percent / scale after.
    if (s > 0 && (text[s - 1] == '$')) m.kind = NumberMention::Kind::money;
    if (s >= 3 && text.substr(s - 3, 3) == "\xE2\x82\xAC") m.kind = NumberMention::Kind::money;  // €
    if (s >= 2 && text.substr(s - 2, 2) == "\xC2\xA3") m.kind = NumberMention::Kind::money;      // £
    std::size_t j = e;
    auto skip_space = [&](std::size_t p) {
      while (p < n && (text[p] == ' ' || text[p] == '-')) ++p;
      return p;
    };
    auto next_word = [&](std::size_t p, std::size_t& word_end) {
      p = skip_space(p);
      word_end = p;
      while (word_end < n && is_alpha(text[word_end])) ++word_end;
      return ascii_lower(text.substr(p, word_end - p));
    };
    if (j < n && text[j] == '%') {
      m.kind = NumberMention::Kind::percent;
      e = j + 1;
    } else {
      std::size_t we = 0;
      std::string w = next_word(j, we);
      if (double sc = scale_of(w); sc > 0) {
        m.value *= sc;
        e = we;
        w = next_word(we, we);
      }
      if (w == "percent" || w == "pct") {
        m.kind = NumberMention::Kind::percent;
        e = we;
      } else if (w == "per") {
        std::size_t we2 = 0;
        if (next_word(we, we2) == "cent") {
          m.kind = NumberMention::Kind::percent;
          e = we2;
        }
      } else if (w == "dollars" || w == "euros" || w == "pounds") {
        m.kind = NumberMention::Kind::money;
        e = we;
      }
    }
    if (m.kind == NumberMention::Kind::count && m.units.empty() && m.value >= 1800 && m.value <= 2100 &&
        m.value == std::floor(m.value) && text.substr(s, e - s).find(',') == std::string_view::npos)
      m.kind = NumberMention::Kind::year;
    m.start = s;
    m.end = e;
    // "more than 50 percent", "about 14 percent", "fewer than 1,000"
    {
      std::size_t b = s;
      if (b > 0 && (text[b - 1] == '$')) --b;
      std::string before;
      int words = 0;
      std::size_t p = b;
      while (p > 0 && words < 2) {
        while (p > 0 && text[p - 1] == ' ') --p;
        std::size_t we = p;
        while (p > 0 && is_alpha(text[p - 1])) --p;
        if (p == we) break;
        before = ascii_lower(text.substr(p, we - p)) + (before.empty() ? "" : " " + before);
        ++words;
      }
      auto ends = [&](std::string_view x) {
        return before.size() >= x.size() && before.compare(before.size() - x.size(), x.size(), x) == 0 &&
               (before.size() == x.size() || before[before.size() - x.size() - 1] == ' ');
      };
      if (ends("more than") || ends("over") || ends("at least") || ends("above") || ends("exceeds") ||
          ends("exceeding"))
        m.bound = NumberMention::Bound::at_least;
      else if (ends("less than") || ends("fewer than") || ends("under") || ends("below") || ends("up to") ||
               ends("at most"))
        m.bound = NumberMention::Bound::at_most;
      else if (ends("about") || ends("around") || ends("nearly") || ends("almost") || ends("roughly") ||
               ends("approximately") || ends("some") || ends("close to") || ends("estimated"))
        m.bound = NumberMention::Bound::about;
    }
    fill_context(m);
    // "ran 61 bus routes. Today it runs 48": a bare count close after another takes its units.
    if (m.kind == NumberMention::Kind::count && !out.empty() && out.back().kind == NumberMention::Kind::count &&
        m.start - out.back().end < 100) {
      if (m.units.empty() || e >= n || text[e] == '.') {
        m.units = out.back().units;
        for (const auto& u : m.units) m.context.push_back(u);
      }
    }
    out.push_back(std::move(m));
    i = e > i ? e : i + 1;
  }
  return out;
}

bool comparable(const NumberMention& a, const NumberMention& b) {
  if (a.kind != b.kind) return false;
  auto overlap = [](const std::vector<std::string>& x, const std::vector<std::string>& y) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (std::find(x.begin(), x.begin() + static_cast<long>(i), x[i]) != x.begin() + static_cast<long>(i)) continue;
      if (std::find(y.begin(), y.end(), x[i]) != y.end()) ++n;
    }
    return n;
  };
  std::size_t units = overlap(a.units, b.units), near = overlap(a.context, b.context),
              sentence = overlap(a.sentence, b.sentence);
  // Figures ten times apart count different things ("80 percent" of one thing, "0.13 percent" of another;
  // "five" storms, "200" years): a contradiction states the same quantity with another value of its size.
  if (a.kind != NumberMention::Kind::year) {
    double hi = std::max(std::fabs(a.value), std::fabs(b.value)), lo = std::min(std::fabs(a.value), std::fabs(b.value));
    if (lo * 10 < hi) return false;
  }
  // The thing measured: a word around both figures other than their units. Shared units alone ("19 years"
  // of stable temperatures vs "30 years" since a record) or shared topic words in the sentence (scientific
  // text states many quantities of one subject) do not make two figures one measure.
  auto measured = [](const NumberMention& m) {
    std::vector<std::string> out;
    for (const auto& w : m.context)
      if (std::find(m.units.begin(), m.units.end(), UnitClasses::instance().canonical(w)) == m.units.end())
        out.push_back(w);
    return out;
  };
  switch (a.kind) {
    case NumberMention::Kind::count:
      // Counts of the same unit AND of the same thing ("58,000 people" on the east shore vs "East Shore ...
      // 51,300 residents"; "three years behind schedule" vs "two years behind schedule").
      // A place or body named in one sentence and said in the other counts too ("the east shore" vs "The
      // East Shore planning district ... 51,300 residents").
      {
        std::vector<std::string> sa = a.sentence, sb = b.sentence;
        sa.insert(sa.end(), a.sentence_names.begin(), a.sentence_names.end());
        sb.insert(sb.end(), b.sentence_names.begin(), b.sentence_names.end());
        std::size_t names = overlap(sa, b.sentence_names) + overlap(a.sentence_names, sb);
        // Two unit words ("52 bus routes") name the thing counted themselves.
        return units >= 2 || (units > 0 && (overlap(measured(a), measured(b)) > 0 || names >= 2));
      }
    case NumberMention::Kind::percent:
      if (a.share != b.share) return false;  // "40 percent of the cost" is no rival to "50 percent higher"
      return (overlap(a.tight, b.tight) > 0 && sentence >= 2) || sentence >= 3;
    case NumberMention::Kind::money:
      return overlap(a.tight, b.tight) > 0 && sentence >= 2;
    case NumberMention::Kind::year:
      if ((a.value < 1300) != (b.value < 1300)) return false;  // "April 21" is no rival to "2024"
      // Words next to both dates (the same event), not only a shared topic in the sentence ("papers published
      // in 2017" vs "warming since 1965").
      return near > 0;
  }
  return false;
}

bool confirms(const NumberMention& c, const NumberMention& p) {
  if (c.kind != p.kind) return false;
  // A small count matches by chance ("two years" vs "1.9 kilometres"): it must count the same thing.
  if (c.kind == NumberMention::Kind::count && std::fabs(c.value) < 100) {
    bool related = false;
    for (const auto& u : c.units) related = related || std::find(p.units.begin(), p.units.end(), u) != p.units.end();
    if (!related) return false;
  }
  double tol = (c.bound == NumberMention::Bound::about || p.bound == NumberMention::Bound::about) ? 0.1 : 0.005;
  switch (c.bound) {
    case NumberMention::Bound::at_least:
      return p.value >= c.value * (1 - 0.005);
    case NumberMention::Bound::at_most:
      return p.value <= c.value * (1 + 0.005);
    default:
      return std::fabs(c.value - p.value) <= tol * std::max(std::fabs(c.value), std::fabs(p.value)) + 1e-9;
  }
}

const UnitClasses& UnitClasses::instance() {
  std::lock_guard lock(stopwords_mutex());
  static UnitClasses empty;
  auto& slot = unit_classes_slot();
  return slot ? *slot : empty;
}

void UnitClasses::load_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("crossref: cannot read unit classes " + path);
  auto u = std::make_unique<UnitClasses>();
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> stems;
    for (const auto& t : analyze(line)) stems.push_back(t.stem);
    for (const auto& st : stems) u->map_.emplace(st, stems.front());
  }
  std::lock_guard lock(stopwords_mutex());
  static std::vector<std::unique_ptr<UnitClasses>> retired;
  if (unit_classes_slot()) retired.push_back(std::move(unit_classes_slot()));
  unit_classes_slot() = std::move(u);
}

const std::string& UnitClasses::canonical(const std::string& stem) const {
  auto it = map_.find(stem);
  return it == map_.end() ? stem : it->second;
}

bool same_value(const NumberMention& a, const NumberMention& b) {
  double d = std::fabs(a.value - b.value);
  return d <= 1e-9 || d <= 0.005 * std::max(std::fabs(a.value), std::fabs(b.value));
}

}  // namespace factpipe::crossref
