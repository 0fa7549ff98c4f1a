#include "coreference.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace factpipe::entities {
namespace {

struct Person {
  int entity = -1;
  std::vector<std::string> words;  // lower case, of the longest name
  std::set<std::string> roles;
  char gender = 'u';
  bool evidence = false;  // titled, a known first name or roles: surely a person, not a capitalised place
  bool credit_only = true;
  std::size_t last_pos = 0;
  int last_sentence = -1;
  bool last_was_subject = false;
};

struct Event {
  std::size_t pos;
  int kind;  // 0 name, 1 nominal, 2 pronoun
  std::size_t index;
};

struct Builder {
  const text::TextView& v;
  const NameLexicon& lx;
  const CorefOptions& opt;
  std::vector<Entity> entities;
  std::vector<Person> persons;
  std::map<std::string, int> other;  // "TYPE|lower name" -> entity
  std::vector<std::size_t> first_pos;

  int new_entity(std::string type, std::string name, std::size_t pos) {
    Entity e;
    e.type = std::move(type);
    e.name = std::move(name);
    entities.push_back(std::move(e));
    first_pos.push_back(pos);
    return static_cast<int>(entities.size()) - 1;
  }

  static std::string join(const std::vector<std::string>& w) {
    std::string s;
    for (const auto& x : w) text::append_word(s, x);
    return s;
  }

  bool credit(int sentence) const {
    int p = v.sentences[static_cast<std::size_t>(sentence)].paragraph;
    return p >= 0 && v.credit_paragraph[static_cast<std::size_t>(p)];
  }

  // Does this name mention look like the subject of its clause? Not after a preposition or an article
  // ("an interview with the Ledger"), and followed by a verb-like lower-case word or a comma.
  bool subject_like(const NameMention& m) const {
    const auto& sv = v.sentences[static_cast<std::size_t>(m.sentence)];
    std::size_t first = sv.pieces.size(), last = sv.pieces.size();
    for (std::size_t k = 0; k < sv.pieces.size(); ++k) {
      if (sv.pieces[k].span.start == m.span.start) first = k;
      if (sv.pieces[k].span.end == m.span.end) last = k;
    }
    if (first >= sv.pieces.size() || last >= sv.pieces.size()) return false;
    for (std::size_t b = first; b > 0 && b + 3 > first; --b) {
      std::string_view w = sv.lower[b - 1];
      if (sv.pieces[b - 1].kind != text::PieceKind::word) break;
      if (w == "the" || w == "a" || w == "an") continue;
      if (lx.titles.find(w) || lx.nationalities.find(w)) continue;
      if (w == "with" || w == "to" || w == "of" || w == "for" || w == "by" || w == "from" || w == "at" || w == "in" ||
          w == "on" || w == "about" || w == "against" || w == "than" || w == "like")
        return false;
      break;
    }
    if (last + 1 >= sv.pieces.size()) return false;
    const text::Piece& n = sv.pieces[last + 1];
    return (n.kind == text::PieceKind::word && !n.cap && !n.possessive) ||
           (n.kind == text::PieceKind::punct && n.cp == ',');
  }

  Person* find_person(const std::vector<std::string>& lw) {
    Person* best = nullptr;
    if (lw.size() >= 2) {
      for (auto& p : persons) {
        if (p.words.empty() || p.words.back() != lw.back()) continue;
        bool first_ok = p.words.size() == 1 || p.words.front() == lw.front() ||
                        (p.words.front().size() == 2 && p.words.front()[0] == lw.front()[0]) ||
                        (lw.front().size() == 2 && lw.front()[0] == p.words.front()[0]);
        if (first_ok && (!best || p.last_pos > best->last_pos)) best = &p;
      }
      return best;
    }
    const std::string& w = lw.front();
    for (int pass = 0; pass < 3 && !best; ++pass) {
      for (auto& p : persons) {
        bool hit = pass == 0   ? p.words.back() == w
                   : pass == 1 ? p.words.front() == w
                               : std::find(p.words.begin(), p.words.end(), w) != p.words.end();
        if (hit && (!best || p.last_pos > best->last_pos)) best = &p;
      }
    }
    return best;
  }

  int sentence_of(std::size_t pos) const {
    auto it = std::upper_bound(v.sentences.begin(), v.sentences.end(), pos,
                               [](std::size_t o, const text::SentenceView& sv) { return o < sv.span.start; });
    if (it == v.sentences.begin()) return -1;
    return static_cast<int>(it - v.sentences.begin()) - 1;
  }

  void add_mention(int e, Span s, MentionKind k) { entities[static_cast<std::size_t>(e)].mentions.push_back({s, k}); }

  void name(const NameMention& m) {
    std::vector<std::string> lw;
    for (const auto& w : m.words) lw.push_back(text::lower(w));
    bool is_credit = credit(m.sentence);
    if (m.type == "PERSON" || m.type.empty()) {
      Person* p = find_person(lw);
      if (!p && m.type.empty()) {
        // a lone capitalised word nobody claims: a place or organisation we know, or nothing
        return;
      }
      if (!p) {
        persons.push_back({});
        p = &persons.back();
        p->entity = new_entity("PERSON", join(m.words), m.span.start);
        p->words = lw;
      } else if (lw.size() > p->words.size()) {
        p->words = lw;
        entities[static_cast<std::size_t>(p->entity)].name = join(m.words);
      }
      for (const auto& r : m.roles) p->roles.insert(r);
      if (p->gender == 'u') p->gender = m.gender;
      if (m.titled || m.gender != 'u' || !m.roles.empty()) p->evidence = true;
      if (!is_credit) p->credit_only = false;
      p->last_pos = m.span.start;
      p->last_sentence = m.sentence;
      p->last_was_subject = subject_like(m);
      add_mention(p->entity, m.span, MentionKind::name);
      return;
    }
    std::string key = m.type + "|" + join(lw);
    auto it = other.find(key);
    int e = it == other.end() ? new_entity(m.type, join(m.words), m.span.start) : it->second;
    other[key] = e;
    add_mention(e, m.span, MentionKind::name);
  }

  // ---- nominal mentions: "the Russian leader", "the Republican nominee"
  struct Nominal {
    Span span;
    std::vector<std::string> modifiers;
    std::string head;
    int sentence;
  };
  std::vector<Nominal> nominals;
  struct Pronoun {
    Span span;
    std::string word;
    int sentence;
    bool subject;
  };
  std::vector<Pronoun> pronouns;

  void collect(const std::vector<NameMention>& names) {
    std::set<std::size_t> name_starts;
    for (const auto& m : names) name_starts.insert(m.span.start);
    for (std::size_t s = 0; s < v.sentences.size(); ++s) {
      const auto& ps = v.sentences[s].pieces;
      const auto& low = v.sentences[s].lower;
      bool first_word = true;
      for (std::size_t i = 0; i < ps.size(); ++i) {
        if (ps[i].kind != text::PieceKind::word) continue;
        std::string_view w = low[i];
        bool was_first = first_word;
        first_word = false;
        if (w == "he" || w == "she" || w == "him" || w == "his" || w == "her" || w == "they" || w == "them") {
          bool subj = w == "he" || w == "she" || w == "they";
          pronouns.push_back({ps[i].span, std::string(w), static_cast<int>(s), subj && was_first});
          continue;
        }
        if (w != "the" || !opt.resolve_nominals) continue;
        std::vector<std::string> mods;
        std::size_t k = i + 1;
        for (; k < ps.size() && k < i + 5; ++k) {
          if (ps[k].kind != text::PieceKind::word || ps[k].possessive) break;
          std::string_view x = low[k];
          if (lx.nominal_heads.find(x)) {
            bool before_name =
                k + 1 < ps.size() && ps[k + 1].kind == text::PieceKind::word && ps[k + 1].cap && !ps[k + 1].possessive;
            if (before_name) break;  // "the Russian President Vladimir Putin": a title, not a nominal
            nominals.push_back({{ps[i].span.start, ps[k].span.end}, mods, std::string(x), static_cast<int>(s)});
            break;
          }
          std::size_t n = 0;
          std::string key;
          for (std::size_t q = k; q < ps.size() && q < k + 2; ++q) {
            text::append_word(key, low[q]);
            if (lx.nationalities.find(key) || lx.titles.find(key)) n = q - k + 1;
          }
          if (!n) break;
          std::string m;
          for (std::size_t q = k; q < k + n; ++q) text::append_word(m, low[q]);
          mods.push_back(m);
          k += n - 1;
        }
      }
    }
  }

  void nominal(const Nominal& n) {
    const std::string* allowed = lx.nominal_heads.find(n.head);
    std::vector<std::string> heads = text::split_words(allowed ? *allowed : n.head);
    heads.push_back(n.head);
    Person* best = nullptr;
    for (auto& p : persons) {
      if (p.credit_only || p.last_pos > n.span.start) continue;
      bool head_ok =
          std::any_of(heads.begin(), heads.end(), [&](const std::string& h) { return p.roles.count(h) > 0; });
      if (!head_ok) continue;
      bool mods_ok = std::all_of(n.modifiers.begin(), n.modifiers.end(), [&](const std::string& m) {
        if (p.roles.count(m)) return true;
        // a modifier the roles never mention is fine unless it names another nationality
        return !lx.nationalities.find(m);
      });
      if (!mods_ok) continue;
      if (!best || p.last_pos > best->last_pos) best = &p;
    }
    if (!best) return;
    add_mention(best->entity, n.span, MentionKind::nominal);
    best->last_pos = n.span.start;
    best->last_sentence = n.sentence;
  }

  void pronoun(const Pronoun& pr) {
    if (!opt.resolve_pronouns) return;
    if (pr.word == "they" || pr.word == "them") return plural(pr);
    char g = (pr.word == "he" || pr.word == "him" || pr.word == "his") ? 'm' : 'f';
    Person* best = nullptr;
    double best_score = -1e9;
    for (auto& p : persons) {
      if (p.credit_only || p.last_pos >= pr.span.start || p.last_sentence < 0) continue;
      int dist = pr.sentence - p.last_sentence;
      if (dist > opt.pronoun_window) continue;
      if (p.gender != 'u' && p.gender != g) continue;
      double score = -2.0 * dist;
      if (p.gender == g) score += 1.0;
      if (p.last_was_subject) score += 1.5;
      if (!p.evidence) score -= 1.5;
      score += static_cast<double>(p.last_pos) * 1e-9;  // ties: the most recent
      if (score > best_score) {
        best_score = score;
        best = &p;
      }
    }
    if (!best) return;
    add_mention(best->entity, pr.span, MentionKind::pronoun);
    if (best->gender == 'u') best->gender = g;
    best->last_pos = pr.span.start;
    best->last_sentence = pr.sentence;
    best->last_was_subject = pr.subject;
  }

  void plural(const Pronoun& pr) {
    // the most recent group (NORP, ORG) within two sentences
    int best = -1;
    std::size_t best_pos = 0;
    for (std::size_t e = 0; e < entities.size(); ++e) {
      const auto& en = entities[e];
      if (en.type != "NORP" && en.type != "ORG") continue;
      for (const auto& m : en.mentions) {
        if (m.span.start >= pr.span.start) continue;
        int s = sentence_of(m.span.start);
        if (s < 0 || pr.sentence - s > 1) continue;
        if (m.span.start >= best_pos) {
          best_pos = m.span.start;
          best = static_cast<int>(e);
        }
      }
    }
    if (best >= 0) add_mention(best, pr.span, MentionKind::pronoun);
  }

  void run(const std::vector<NameMention>& names) {
    collect(names);
    std::vector<Event> ev;
    for (std::size_t i = 0; i < names.size(); ++i) ev.push_back({names[i].span.start, 0, i});
    for (std::size_t i = 0; i < nominals.size(); ++i) ev.push_back({nominals[i].span.start, 1, i});
    for (std::size_t i = 0; i < pronouns.size(); ++i) ev.push_back({pronouns[i].span.start, 2, i});
    std::stable_sort(ev.begin(), ev.end(), [](const Event& a, const Event& b) { return a.pos < b.pos; });
    for (const auto& e : ev) {
      if (e.kind == 0) name(names[e.index]);
      else if (e.kind == 1) nominal(nominals[e.index]);
      else pronoun(pronouns[e.index]);
    }
    for (auto& p : persons) {
      auto& en = entities[static_cast<std::size_t>(p.entity)];
      en.extra["gender"] = std::string(1, p.gender);
      en.extra["roles"] = std::vector<std::string>(p.roles.begin(), p.roles.end());
      if (p.credit_only) en.extra["credit"] = true;
    }
    for (auto& en : entities)
      std::sort(en.mentions.begin(), en.mentions.end(),
                [](const Mention& a, const Mention& b) { return a.span.start < b.span.start; });
  }
};

}  // namespace

std::vector<Entity> build_entities(const text::TextView& view, const std::vector<NameMention>& names,
                                   const NameLexicon& lx, const CorefOptions& opt) {
  Builder b{view, lx, opt, {}, {}, {}, {}, {}, {}};
  b.run(names);
  return std::move(b.entities);
}

}  // namespace factpipe::entities
