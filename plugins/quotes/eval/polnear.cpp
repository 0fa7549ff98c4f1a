#include "polnear.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include <factpipe/utf8.hpp>

namespace factpipe::quotes::eval {
namespace fs = std::filesystem;
namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::u32string decode_all(const std::string& t, const std::string& file) {
  if (auto bad = utf8::find_invalid(t))
    throw std::runtime_error(file + ":" + std::to_string(bad->line) + ":" + std::to_string(bad->column) +
                             ": invalid UTF-8 (" + bad->reason + ")");
  std::u32string out;
  out.reserve(t.size());
  std::size_t i = 0;
  while (i < t.size()) out.push_back(utf8::decode(t, i));
  return out;
}

bool is_double_mark(char32_t c) { return c == U'"' || c == U'“' || c == U'”' || c == U'«' || c == U'»' || c == U'„'; }
bool letter(char32_t c) {
  return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9') || c > 0x7F;
}

}  // namespace

std::vector<GoldAttribution> parse_brat(const std::string& ann, std::size_t n, const std::string& file) {
  std::map<std::string, std::pair<std::string, std::vector<CpSpan>>> spans;
  std::vector<std::pair<std::size_t, std::string>> events;
  std::istringstream in(ann);
  std::string line;
  std::size_t lineno = 0;
  auto fail = [&](const std::string& why) {
    throw std::runtime_error(file + ":" + std::to_string(lineno) + ": " + why);
  };
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    // an annotation line starts with its id ("T12", "E3"); other lines continue a span's text
    if (line.size() < 2 || !(line[1] >= '0' && line[1] <= '9')) continue;
    if (line[0] == 'T') {
      auto t1 = line.find('\t');
      auto t2 = line.find('\t', t1 == std::string::npos ? t1 : t1 + 1);
      if (t1 == std::string::npos) fail("expected 'T<n><TAB>Kind start end[;start end]<TAB>text'");
      std::string id = line.substr(0, t1);
      std::string mid = line.substr(t1 + 1, t2 == std::string::npos ? std::string::npos : t2 - t1 - 1);
      auto sp = mid.find(' ');
      if (sp == std::string::npos) fail("missing offsets in '" + mid + "'");
      std::string kind = mid.substr(0, sp);
      std::vector<CpSpan> frs;
      std::istringstream rs(mid.substr(sp + 1));
      std::string fr;
      while (std::getline(rs, fr, ';')) {
        std::istringstream fs2(fr);
        long long a = -1, b = -1;
        if (!(fs2 >> a >> b) || a < 0 || b < a) fail("bad offsets '" + fr + "'");
        if (static_cast<std::size_t>(b) > n)
          fail("offset " + std::to_string(b) + " past the end of the text (" + std::to_string(n) + " code points)");
        frs.push_back({static_cast<std::size_t>(a), static_cast<std::size_t>(b)});
      }
      spans[id] = {kind, frs};
    } else if (line[0] == 'E') {
      auto t1 = line.find('\t');
      if (t1 == std::string::npos) fail("expected 'E<n><TAB>Attribution:T.. Content:T.. ...'");
      events.push_back({lineno, line.substr(t1 + 1)});
    }
  }
  std::vector<GoldAttribution> out;
  for (const auto& [ln, body] : events) {
    lineno = ln;
    GoldAttribution g;
    std::istringstream es(body);
    std::string role;
    while (es >> role) {
      auto c = role.find(':');
      if (c == std::string::npos) fail("bad role '" + role + "'");
      std::string r = role.substr(0, c), id = role.substr(c + 1);
      auto it = spans.find(id);
      if (it == spans.end()) fail("unknown span id '" + id + "'");
      auto& dst = r == "Content" ? g.content : r == "Source" ? g.source : r == "Cue" ? g.cue : g.cue;
      if (r == "Content" || r == "Source" || r == "Cue")
        dst.insert(dst.end(), it->second.second.begin(), it->second.second.end());
    }
    if (!g.content.empty()) out.push_back(std::move(g));
  }
  return out;
}

std::vector<Article> read_split(const fs::path& dir, const std::string& split) {
  fs::path text_dir = dir / split / "text", ann_dir = dir / split / "attributions";
  if (!fs::is_directory(text_dir)) throw std::runtime_error("PolNeAR split not found: " + text_dir.string());
  if (!fs::is_directory(ann_dir)) throw std::runtime_error("PolNeAR split not found: " + ann_dir.string());
  std::vector<fs::path> anns;
  for (const auto& e : fs::directory_iterator(ann_dir))
    if (e.path().extension() == ".ann") anns.push_back(e.path());
  std::sort(anns.begin(), anns.end());
  std::vector<fs::path> texts;
  for (const auto& e : fs::directory_iterator(text_dir))
    if (e.path().extension() == ".txt") texts.push_back(e.path());
  std::sort(texts.begin(), texts.end());
  std::vector<Article> out;
  for (const auto& t : texts) {
    std::string stem = t.stem().string();
    // first annotator file in sorted order: <stem>_<annotator>.ann
    auto it = std::lower_bound(anns.begin(), anns.end(), ann_dir / (stem + "_"));
    if (it == anns.end() || it->filename().string().rfind(stem + "_", 0) != 0) continue;
    Article a;
    a.id = stem;
    a.text = slurp(t);
    a.cps = decode_all(a.text, t.string());
    a.attributions = parse_brat(slurp(*it), a.cps.size(), it->string());
    out.push_back(std::move(a));
  }
  return out;
}

std::size_t count_words(const std::u32string& cps, CpSpan s) {
  std::size_t n = 0;
  bool in = false;
  for (std::size_t i = s.start; i < s.end && i < cps.size(); ++i) {
    bool l = letter(cps[i]);
    if (l && !in) ++n;
    in = l || (in && (cps[i] == U'\'' || cps[i] == U'’' || cps[i] == U'-'));
  }
  return n;
}

std::vector<CpSpan> mark_segments(const std::u32string& t) {
  // Per line (paragraph): marks paired with a stack, direction from the mark (“ ” « » ‘ ’) or, for
  // straight marks (" '' ` '), from what stands before them. A line that ends inside a quotation
  // closes it at the line's end (multi-paragraph quotations reopen on the next line).
  std::vector<CpSpan> out;
  std::size_t ls = 0;
  std::size_t open_from = SIZE_MAX;  // start of a multi-paragraph quotation still open
  while (ls < t.size()) {
    std::size_t le = ls;
    while (le < t.size() && t[le] != U'\n') ++le;
    struct M {
      std::size_t pos, len;
      bool open;
      bool single;
    };
    std::vector<M> marks;
    for (std::size_t i = ls; i < le; ++i) {
      char32_t c = t[i];
      char32_t prev = i > ls ? t[i - 1] : U' ';
      char32_t next = i + 1 < le ? t[i + 1] : U' ';
      bool after_space = prev == U' ' || prev == U'\t' || prev == U'(' || prev == U'[' || prev == U'—' ||
                         prev == U'–' || prev == U'-' || prev == 0xA0 || i == ls;
      if ((c == U'\'' || c == U'`') && next == c) {
        marks.push_back({i, 2, c == U'`' || after_space, false});
        ++i;
      } else if (c == U'“' || c == U'«' || c == U'„') {
        marks.push_back({i, 1, true, false});
      } else if (c == U'”' || c == U'»') {
        marks.push_back({i, 1, i == ls && letter(next), false});  // a ” opening a line is a typo for “
      } else if (c == U'"') {
        marks.push_back({i, 1, after_space, false});
      } else if (c == U'‘') {
        marks.push_back({i, 1, true, true});
      } else if (c == U'’' || c == U'\'') {
        bool lb = letter(prev), la = letter(next);
        if (lb && la) continue;  // apostrophe
        if (after_space && la && c == U'\'') marks.push_back({i, 1, true, true});
        else if (!after_space && !la) marks.push_back({i, 1, false, true});
      }
    }
    std::vector<M> stack;
    for (const M& m : marks) {
      if (m.open) {
        stack.push_back(m);
        continue;
      }
      // a closing mark: pops the nearest opener of its kind (single / double)
      std::size_t k = stack.size();
      while (k > 0 && stack[k - 1].single != m.single) --k;
      if (k == 0) continue;  // a stray closer (or an apostrophe)
      M o = stack[k - 1];
      stack.resize(k - 1);
      bool double_left = std::any_of(stack.begin(), stack.end(), [](const M& x) { return !x.single; });
      if (m.single ? stack.empty() : !double_left) {
        bool first_of_line = !m.single && open_from != SIZE_MAX;
        out.push_back({first_of_line ? open_from : o.pos + o.len, m.pos});
        if (first_of_line) open_from = SIZE_MAX;
      }
    }
    // unclosed double quotation at the line's end: a multi-paragraph quotation when the next
    // non-empty line opens with a quotation mark (it goes on there), otherwise it ends with the line
    for (const M& m : stack)
      if (!m.single) {
        std::size_t n = le + 1;
        while (n < t.size() && (t[n] == U'\n' || t[n] == U' ')) ++n;
        bool reopens = n < t.size() && (t[n] == U'“' || t[n] == U'"' || t[n] == U'«' ||
                                        ((t[n] == U'\'' || t[n] == U'`') && n + 1 < t.size() && t[n + 1] == t[n]));
        if (open_from == SIZE_MAX) open_from = m.pos + m.len;
        if (!reopens) {
          out.push_back({open_from, le});
          open_from = SIZE_MAX;
        }
        break;
      }
    ls = le + 1;
  }
  return out;
}

std::vector<GoldQuote> gold_quotes(const Article& a) {
  const std::u32string& t = a.cps;
  std::vector<GoldQuote> out;
  for (CpSpan seg : mark_segments(t)) {
    while (seg.start < seg.end && (t[seg.start] == U' ' || t[seg.start] == 0xA0)) ++seg.start;
    while (seg.end > seg.start && (t[seg.end - 1] == U' ' || t[seg.end - 1] == 0xA0)) --seg.end;
    if (seg.size() == 0) continue;
    // inside a Content span: >= 80% of its characters, given to the attribution holding most of them
    std::size_t inside = 0, best = 0;
    int best_attr = -1;
    std::vector<char> covered(seg.size(), 0);
    for (std::size_t ai = 0; ai < a.attributions.size(); ++ai) {
      std::size_t mine = 0;
      for (const auto& fr : a.attributions[ai].content) {
        std::size_t s = std::max(fr.start, seg.start), e = std::min(fr.end, seg.end);
        for (std::size_t i = s; i < e; ++i) {
          ++mine;
          covered[i - seg.start] = 1;
        }
      }
      if (mine > best) {
        best = mine;
        best_attr = static_cast<int>(ai);
      }
    }
    for (char c : covered) inside += c;
    if (best_attr < 0 || inside * 10 < seg.size() * 8) continue;
    GoldQuote g;
    g.span = seg;
    g.words = count_words(t, seg);
    g.attribution = best_attr;
    if (g.words > 0) out.push_back(g);
  }
  return out;
}

std::vector<CpSpan> gold_indirect(const Article& a) {
  std::vector<CpSpan> out;
  for (const auto& g : a.attributions) {
    bool marks = false;
    std::size_t lo = SIZE_MAX, hi = 0;
    for (const auto& fr : g.content) {
      lo = std::min(lo, fr.start);
      hi = std::max(hi, fr.end);
      for (std::size_t i = fr.start; i < fr.end; ++i) {
        char32_t c = a.cps[i];
        if (is_double_mark(c) || c == U'‘' || (c == U'\'' && i + 1 < fr.end && a.cps[i + 1] == U'\'')) marks = true;
      }
    }
    // a content span right inside quotation marks is a quotation too
    auto mark_at = [&](std::size_t i) {
      char32_t c = a.cps[i];
      return is_double_mark(c) || c == U'‘' || c == U'’' || c == U'\'' || c == U'`';
    };
    for (std::size_t k = 1; k <= 2 && !marks && lo >= k; ++k)
      marks = mark_at(lo - k) && mark_at(lo - 1) == mark_at(lo - k);
    if (!marks && lo >= 1) marks = mark_at(lo - 1);
    if (!marks && hi < a.cps.size())
      marks = mark_at(hi) || (hi + 1 < a.cps.size() && mark_at(hi + 1) && (a.cps[hi] == U',' || a.cps[hi] == U'.'));
    if (!marks && hi > lo) out.push_back({lo, hi});
  }
  return out;
}

}  // namespace factpipe::quotes::eval
