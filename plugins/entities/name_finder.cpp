#include "name_finder.hpp"

#include <algorithm>
#include <set>

namespace factpipe::entities {
namespace {

struct Finder {
  const text::TextView& v;
  const NameLexicon& lx;
  std::vector<NameMention>& out;

  const text::SentenceView* cur = nullptr;
  // The lower-case text of a piece of the current sentence (computed once per document).
  std::string_view low(const text::Piece& p) const {
    auto i = static_cast<std::size_t>(&p - cur->pieces.data());
    return cur->lower[i];
  }

  // Longest multi-word match of pieces[i..] in a list; returns the number of pieces matched (0 if none).
  template <class List>
  std::size_t match(const std::vector<text::Piece>& ps, std::size_t i, std::size_t end, const List& list) const {
    std::size_t best = 0;
    std::string key;
    for (std::size_t n = 0; n < list.max_words() && i + n < end; ++n) {
      const text::Piece& p = ps[i + n];
      if (p.kind != text::PieceKind::word || p.possessive) break;
      if (n) key += ' ';
      key += low(p);
      if (list_has(list, key)) best = n + 1;
    }
    return best;
  }
  static bool list_has(const text::WordList& l, const std::string& k) { return l.contains(k); }
  static bool list_has(const text::WordMap& m, const std::string& k) { return m.find(k) != nullptr; }

  bool nationality(const std::string& k) const {
    if (lx.nationalities.find(k)) return true;
    return k.size() > 3 && k.back() == 's' && lx.nationalities.find(k.substr(0, k.size() - 1));
  }

  bool is_name_word(const text::Piece& p) const {
    return p.kind == text::PieceKind::word && !p.possessive && (p.cap || p.all_caps);
  }

  // Decides the type of pieces [a, b) that carry no title prefix.
  std::string classify(const std::vector<text::Piece>& ps, std::size_t a, std::size_t b, bool titled) const {
    std::string all;
    for (std::size_t k = a; k < b; ++k) {
      if (k > a) all += ' ';
      all += low(ps[k]);
    }
    if (lx.places.contains(all)) return "GPE";
    if (nationality(all)) return "NORP";
    if (lx.organizations.contains(all)) return "ORG";
    for (std::size_t k = a; k < b; ++k)
      if (lx.organization_cues.contains(low(ps[k])) && !(titled && k + 1 < b)) return "ORG";
    if (titled) return "PERSON";
    if (b - a == 1 && ps[a].all_caps && ps[a].span.size() <= 6) return "ORG";
    if (lx.first_names.find(low(ps[a])) && b - a >= 2) return "PERSON";
    if (b - a >= 2 && b - a <= 4) {
      for (std::size_t k = a; k < b; ++k)
        if (ps[k].all_caps && ps[k].span.size() > 2) return "ORG";
      return "PERSON";
    }
    if (b - a == 1) return "";  // a lone capitalised word: a known person's short form, or nothing
    return "MISC";
  }

  void emit(int s, const std::vector<text::Piece>& ps, std::size_t a, std::size_t b, std::string type,
            std::vector<std::string> roles, char gender, bool titled) {
    if (a >= b || type == "MISC") return;
    NameMention m;
    m.span = {ps[a].span.start, ps[b - 1].span.end};
    m.type = std::move(type);
    for (std::size_t k = a; k < b; ++k) m.words.emplace_back(v.str(ps[k]));
    m.roles = std::move(roles);
    m.sentence = s;
    m.titled = titled;
    if (m.type == "PERSON") {
      if (gender == 'u' && b - a >= 2)
        if (const std::string* g = lx.first_names.find(text::lower(m.words[0]))) gender = (*g)[0];
      m.gender = gender;
    }
    out.push_back(std::move(m));
  }

  // One capitalised run [a, b): strip the title prefix, emit the parts.
  void run(int s, const std::vector<text::Piece>& ps, std::size_t a, std::size_t b) {
    // Whole run known as a place / organisation / nationality: no prefix stripping.
    std::string whole_type = classify(ps, a, b, false);
    if (whole_type == "GPE" || whole_type == "NORP" || (whole_type == "ORG" && !has_title(ps, a, b))) {
      std::size_t n = match(ps, a, b, lx.places);
      if (n == b - a || whole_type != "GPE") {
        emit(s, ps, a, b, whole_type, {}, 'u', false);
        return;
      }
    }
    std::vector<std::string> roles;
    char gender = 'u';
    bool titled = false;
    std::size_t i = a;
    while (i < b) {
      std::size_t rest = b - i;
      if (std::size_t n = match(ps, i, b, lx.nationalities); n && n < rest) {
        std::string k;
        for (std::size_t q = i; q < i + n; ++q) text::append_word(k, low(ps[q]));
        roles.push_back(k);
        emit(s, ps, i, i + n, "NORP", {}, 'u', false);
        i += n;
        continue;
      }
      if (const std::string* g = lx.titles.find(low(ps[i])); g && rest > 1) {
        roles.emplace_back(low(ps[i]));
        titled = true;
        if ((*g)[0] == 'm' || (*g)[0] == 'f') gender = (*g)[0];
        ++i;
        continue;
      }
      if (lx.connectors.contains(low(ps[i])) && i > a && rest > 1) {
        ++i;
        continue;
      }
      // "U.S. Secretary", "NATO chief": a place or organisation directly before a title word
      std::size_t n = match(ps, i, b, lx.places);
      std::string t = "GPE";
      if (!n) {
        n = match(ps, i, b, lx.organizations);
        t = "ORG";
      }
      if (!n && ps[i].all_caps) {
        n = 1;
        t = "ORG";
      }
      if (n && i + n < b && lx.titles.find(low(ps[i + n]))) {
        std::string k;
        for (std::size_t q = i; q < i + n; ++q) text::append_word(k, low(ps[q]));
        roles.push_back(k);
        emit(s, ps, i, i + n, t, {}, 'u', false);
        i += n;
        continue;
      }
      break;
    }
    // a lower-case title word inside the run ("Political analyst David Bositis") ends the descriptor
    for (std::size_t k = i; k + 1 < b; ++k)
      if (!ps[k].cap && !ps[k].all_caps && lx.titles.find(low(ps[k]))) {
        for (std::size_t q = i; q <= k; ++q) roles.emplace_back(low(ps[q]));
        titled = true;
        i = k + 1;
      }
    // the lower-case title words inside the run are not part of a name
    while (i < b && !is_name_word(ps[i])) ++i;
    if (i >= b) return;
    // nothing but titles left ("National Security Adviser"): roles without a name
    bool only_titles = true;
    for (std::size_t k = i; k < b; ++k)
      if (!lx.titles.find(low(ps[k])) && !lx.connectors.contains(low(ps[k]))) only_titles = false;
    if (only_titles) return;
    std::string type = classify(ps, i, b, titled);
    if (type == "PERSON" && !titled && !lx.first_names.find(low(ps[i]))) {
      // no title and no known first name: a quoted title ("Welcome Putin") is nobody, and a name after
      // "in" / "from" ("in Port Calder") is a place
      bool quoted = i > 0 && ps[i - 1].kind == text::PieceKind::punct && text::is_quote_mark(ps[i - 1].cp) &&
                    b < ps.size() && ps[b].kind == text::PieceKind::punct && text::is_quote_mark(ps[b].cp);
      if (quoted) return;
      if (i > 0 && ps[i - 1].kind == text::PieceKind::word) {
        std::string_view before = low(ps[i - 1]);
        if (before == "in" || before == "from" || before == "near" || before == "across" || before == "throughout")
          type = "GPE";
      }
    }
    emit(s, ps, i, b, type, std::move(roles), gender, titled);
    if (type == "PERSON") appositive(ps, b);
  }

  bool has_title(const std::vector<text::Piece>& ps, std::size_t a, std::size_t b) const {
    for (std::size_t k = a; k + 1 < b; ++k)
      if (lx.titles.find(low(ps[k]))) return true;
    return false;
  }

  // "Chang Ho-jin, the South Korean National Security Adviser and a former ambassador": roles.
  void appositive(const std::vector<text::Piece>& ps, std::size_t b) {
    if (b + 2 >= ps.size() || ps[b].kind != text::PieceKind::punct || ps[b].cp != ',') return;
    std::string_view det = low(ps[b + 1]);
    if (det != "the" && det != "a" && det != "an") return;
    auto& roles = out.back().roles;
    for (std::size_t k = b + 2; k < ps.size() && k < b + 14; ++k) {
      if (ps[k].kind == text::PieceKind::punct) break;
      std::string w(low(ps[k]));
      if (w == "who" || w == "which" || w == "said" || w == "says") break;
      roles.push_back(w);
    }
  }

  // "Al From", "Ian Read", "George Will": a name word, then a capitalised word that is usually no name and
  // ends the run (in a title-case headline the next word is capitalised or a quotation opens: "Bernie Will
  // Win"). The words of never_surnames (pronouns, articles, be / have / do, days, months) never are one ("said
  // Hillary Tuesday").
  bool word_surname(const std::vector<text::Piece>& ps, std::size_t i, std::size_t j) const {
    if (j <= i || ps[j].all_caps || !is_name_word(ps[j - 1]) || ps[j - 1].all_caps ||
        lx.not_names.contains(low(ps[j - 1])) || v.str(ps[j - 1]).ends_with('.'))
      return false;
    if (j + 1 < ps.size() &&
        (is_name_word(ps[j + 1]) || (ps[j + 1].kind == text::PieceKind::punct && text::is_quote_mark(ps[j + 1].cp))))
      return false;  // "Guns Are ‘The Ultimate …’"
    return !lx.never_surnames.contains(low(ps[j]));
  }

  // Such a surname alone later on ("…," From said. Will urged …): a name, where a lower-case word follows it
  // and it opens no quotation; opening a sentence, only before a verb-like word ("From agreed").
  void lone_word_surnames(int s, const std::set<std::string, std::less<>>& surnames) {
    cur = &v.sentences[static_cast<std::size_t>(s)];
    const auto& ps = cur->pieces;
    for (std::size_t k = 0; k + 1 < ps.size(); ++k) {
      const text::Piece& p = ps[k];
      if (!is_name_word(p) || p.all_caps || !surnames.contains(low(p))) continue;
      const text::Piece& n = ps[k + 1];
      if (n.kind != text::PieceKind::word || n.cap || n.all_caps || n.possessive) continue;
      const bool opens_quotation = k > 0 && ps[k - 1].kind == text::PieceKind::punct &&
                                   text::is_quote_mark(ps[k - 1].cp) && ps[k - 1].span.end == p.span.start;
      if (opens_quotation || (k > 0 && (is_name_word(ps[k - 1]) || (ps[k - 1].kind == text::PieceKind::punct &&
                                                                    (ps[k - 1].cp == '(' || ps[k - 1].cp == ':')))))
        continue;
      std::string_view next = low(n);
      if (k == 0 && !next.ends_with("ed") && !next.ends_with("s") && next != "said" && next != "told" &&
          next != "wrote")
        continue;
      emit(s, ps, k, k + 1, "", {}, 'u', false);
    }
  }

  void sentence(int s) {
    cur = &v.sentences[static_cast<std::size_t>(s)];
    const auto& ps = cur->pieces;
    std::size_t i = 0;
    while (i < ps.size()) {
      const text::Piece& p = ps[i];
      if (p.kind != text::PieceKind::word) {
        ++i;
        continue;
      }
      bool lowercase_title = !p.cap && i + 1 < ps.size() && is_name_word(ps[i + 1]) && lx.titles.find(low(p));
      if ((!is_name_word(p) && !lowercase_title) || lx.not_names.contains(low(p))) {
        ++i;
        continue;
      }
      std::size_t j = i + 1;
      while (j < ps.size()) {
        const text::Piece& q = ps[j];
        if (q.kind != text::PieceKind::word || q.possessive) break;
        if (is_name_word(q)) {
          if (lx.not_names.contains(low(q)) && !lx.titles.find(low(q)) && !word_surname(ps, i, j)) break;
          ++j;
          continue;
        }
        bool joins =
            (lx.connectors.contains(low(q)) || lx.titles.find(low(q))) && j + 1 < ps.size() &&
            (is_name_word(ps[j + 1]) || (ps[j + 1].kind == text::PieceKind::word && lx.titles.find(low(ps[j + 1]))));
        if (!joins) break;
        ++j;
      }
      // drop trailing lower-case words
      std::size_t e = j;
      while (e > i && !is_name_word(ps[e - 1])) --e;
      if (e > i) {
        std::size_t a = i;
        run(s, ps, a, e);
      }
      i = std::max(j, i + 1);
    }
  }
};

}  // namespace

std::vector<NameMention> find_names(const text::TextView& view, const NameLexicon& lx) {
  std::vector<NameMention> out;
  Finder f{view, lx, out, nullptr};
  for (std::size_t s = 0; s < view.sentences.size(); ++s) f.sentence(static_cast<int>(s));
  std::set<std::string, std::less<>> surnames;
  for (const auto& m : out)
    if (m.type == "PERSON" && m.words.size() >= 2 && lx.not_names.contains(text::lower(m.words.back())))
      surnames.insert(text::lower(m.words.back()));
  if (surnames.empty()) return out;
  std::size_t found = out.size();
  for (std::size_t s = 0; s < view.sentences.size(); ++s) f.lone_word_surnames(static_cast<int>(s), surnames);
  if (out.size() > found)
    std::stable_sort(out.begin(), out.end(),
                     [](const NameMention& a, const NameMention& b) { return a.span.start < b.span.start; });
  return out;
}

}  // namespace factpipe::entities
