#include "content.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "tags.hpp"

namespace factpipe::html {

namespace {

struct Elem {
  int parent = -1;
  TagKind kind = TagKind::container;
  int weight = 0;  // from class/id names
  double score = 0;
  bool scored = false;
  std::uint32_t chars = 0, link_chars = 0;  // of the blocks below
  std::uint32_t good_chars = 0;             // of the blocks below that read like paragraphs
  bool selected = false;
  bool boilerplate = false;  // by its class/id/role; left out unless it holds most of the page
  bool dropped = false;      // boilerplate itself or inside it
};

struct Block {
  int elem = -1;  // the innermost block element holding the text
  std::string text;
  std::uint32_t chars = 0, link_chars = 0, commas = 0;
  TagKind kind = TagKind::container;
};

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; }
bool continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Elements whose content is code or markup, not text on the page.
bool never_text(std::string_view tag) {
  return tag == "script" || tag == "style" || tag == "noscript" || tag == "template" || tag == "svg" || tag == "math" ||
         tag == "head" || tag == "object" || tag == "embed" || tag == "iframe" || tag == "canvas";
}

bool hidden(const xmlNode* n) {
  for (const xmlAttr* a = n->properties; a; a = a->next) {
    std::string_view name = sv(a->name);
    if (name == "hidden") return true;
    if (name == "aria-hidden" && attr(n, "aria-hidden") == "true") return true;
    if (name == "style") {
      std::string_view raw = attr(n, "style");
      if (raw.find("none") == std::string_view::npos && raw.find("idden") == std::string_view::npos) continue;
      std::string style = lower_ascii(attr(n, "style"));
      std::erase(style, ' ');
      if (style.find("display:none") != std::string::npos || style.find("visibility:hidden") != std::string::npos)
        return true;
    }
  }
  return false;
}

std::string class_and_id(const xmlNode* n) {
  std::string_view c = attr(n, "class"), i = attr(n, "id");
  if (c.empty() && i.empty()) return {};
  std::string s = lower_ascii(c);
  s += ' ';
  s += lower_ascii(i);
  return s;
}

class Walker {
 public:
  Walker(const ExtractOptions& o) : o_(o) {}

  void run(const xmlNode* root) {
    elems_.push_back(Elem{});  // a virtual root above <html>
    owner_ = 0;
    visit(root, 0, 0, false);
    flush();
  }

  std::vector<Elem> elems_;
  std::vector<Block> blocks_;

 private:
  void add_text(std::string_view t, bool in_link) {
    for (char c : t) {
      if (is_space(c)) {
        pending_space_ = true;
        continue;
      }
      if (pending_space_ && !cur_.text.empty() && cur_.text.back() != '\n') cur_.text += ' ';
      pending_space_ = false;
      cur_.text += c;
      if (continuation_byte(c)) continue;
      ++cur_.chars;
      if (in_link) ++cur_.link_chars;
      if (c == ',') ++cur_.commas;
    }
  }

  void flush() {
    while (!cur_.text.empty() && (cur_.text.back() == '\n' || cur_.text.back() == ' ')) cur_.text.pop_back();
    if (cur_.chars > 0) {
      cur_.elem = owner_;
      cur_.kind = elems_[static_cast<std::size_t>(owner_)].kind;
      blocks_.push_back(std::move(cur_));
    }
    cur_ = Block{};
    pending_space_ = false;
  }

  void visit(const xmlNode* first, int parent, std::size_t depth, bool in_link) {
    if (depth > o_.max_depth) return;
    for (const xmlNode* n = first; n; n = n->next) {
      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        add_text(sv(n->content), in_link);
        continue;
      }
      if (n->type != XML_ELEMENT_NODE) continue;
      TagKind kind = tag_kind(name_of(n));
      if (kind == TagKind::skipped && (!o_.whole_page || never_text(name_of(n)))) continue;
      if (kind == TagKind::skipped) kind = TagKind::container;
      if (kind == TagKind::line_break) {
        if (!cur_.text.empty() && cur_.text.back() != '\n') cur_.text += '\n';
        pending_space_ = false;
        continue;
      }
      if (!o_.whole_page && hidden(n)) continue;
      std::string names = class_and_id(n);
      std::string_view tag = name_of(n);
      bool protected_tag = tag == "html" || tag == "body" || tag == "article" || tag == "main";
      bool boilerplate =
          !protected_tag && !o_.whole_page &&
          (boilerplate_role(lower_ascii(attr(n, "role"))) || (o_.use_boilerplate_names && boilerplate_name(names)));
      bool link = in_link || tag == "a";
      // A table's rows are its lines: cells joined by spaces (layout tables keep their <p> as blocks).
      if (kind == TagKind::cell && !boilerplate) {
        pending_space_ = true;
        visit(n->children, parent, depth + 1, link);
        pending_space_ = true;
        continue;
      }
      if (kind == TagKind::inline_text && !boilerplate) {
        visit(n->children, parent, depth + 1, link);
        continue;
      }
      if (kind == TagKind::inline_text || kind == TagKind::cell)
        kind = TagKind::container;  // a boilerplate <span> is its own block
      flush();
      Elem e;
      e.parent = parent;
      e.kind = kind;
      e.weight = name_weight(names);
      e.boilerplate = boilerplate;
      int index = static_cast<int>(elems_.size());
      elems_.push_back(e);
      int saved_owner = owner_;
      owner_ = index;
      visit(n->children, index, depth + 1, link);
      flush();
      owner_ = saved_owner;
    }
  }

  const ExtractOptions& o_;
  Block cur_;
  bool pending_space_ = false;
  int owner_ = 0;
};

std::string join(const std::vector<const Block*>& blocks, std::size_t first, std::size_t last) {
  std::string out;
  for (std::size_t i = first; i < last; ++i) {
    if (!out.empty()) out += "\n\n";
    out += blocks[i]->text;
  }
  return out;
}

double link_density(const Elem& e) { return e.chars ? double(e.link_chars) / e.chars : 0.0; }

bool ends_sentence(const std::string& t) {
  std::size_t i = t.size();
  while (i > 0 && (t[i - 1] == '"' || t[i - 1] == '\'' || t[i - 1] == ')' || continuation_byte(t[i - 1]) ||
                   static_cast<unsigned char>(t[i - 1]) >= 0xC0))
    --i;  // closing quotes, brackets and multi-byte quote marks
  if (i == 0) return false;
  char c = t[i - 1];
  return c == '.' || c == '!' || c == '?' || c == ':';
}

}  // namespace

std::string extract_body(const xmlDoc* doc, const ExtractOptions& o, std::string_view title) {
  const xmlNode* root = xmlDocGetRootElement(doc);
  if (!root) return {};
  Walker w(o);
  w.run(root);
  auto& elems = w.elems_;
  auto& blocks = w.blocks_;
  if (o.whole_page) {
    std::vector<const Block*> all;
    for (const auto& b : blocks) all.push_back(&b);
    return join(all, 0, all.size());
  }

  auto paragraph_like = [&](const Block& b) {
    return b.chars >= o.min_block_chars && double(b.link_chars) <= o.max_link_density * b.chars;
  };
  // Every block's size and links count for all its containers.
  auto count_text = [&] {
    for (auto& e : elems) e.chars = e.link_chars = e.good_chars = 0;
    for (const auto& b : blocks) {
      if (elems[static_cast<std::size_t>(b.elem)].dropped) continue;
      bool good = paragraph_like(b);
      for (int e = b.elem; e >= 0; e = elems[static_cast<std::size_t>(e)].parent) {
        elems[static_cast<std::size_t>(e)].chars += b.chars;
        elems[static_cast<std::size_t>(e)].link_chars += b.link_chars;
        if (good) elems[static_cast<std::size_t>(e)].good_chars += b.chars;
      }
    }
  };
  count_text();
  // A name like "page-ad-margins" on a wrapper of most of the page does not make the page boilerplate.
  const double total = elems[0].chars;
  for (std::size_t i = 1; i < elems.size(); ++i) {
    Elem& e = elems[i];
    if (e.boilerplate && e.chars > o.boilerplate_share * total) e.boilerplate = false;
    e.dropped = e.boilerplate || elems[static_cast<std::size_t>(e.parent)].dropped;
  }
  count_text();

  // Scores flow from the blocks to their containers, less with each level (Readability's dividers).
  auto init = [&](Elem& e) {
    if (e.scored) return;
    e.scored = true;
    e.score = 0;
  };
  for (const auto& b : blocks) {
    if (b.chars < o.min_block_chars || elems[static_cast<std::size_t>(b.elem)].dropped) continue;
    if (b.chars && double(b.link_chars) / b.chars > o.max_link_density) continue;
    double s = 1 + b.commas + std::min(3.0, double(b.chars / 100));
    int e = b.elem;
    if (elems[static_cast<std::size_t>(e)].kind != TagKind::container) e = elems[static_cast<std::size_t>(e)].parent;
    for (int level = 0; e > 0 && level < 5; ++level, e = elems[static_cast<std::size_t>(e)].parent) {
      Elem& c = elems[static_cast<std::size_t>(e)];
      init(c);
      c.score += s / (level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0);
    }
  }
  int top = -1;
  double best = 0;
  for (std::size_t i = 1; i < elems.size(); ++i) {
    if (!elems[i].scored) continue;
    // Names move a score by a share of itself, so an empty "content" box never beats the article.
    double s = elems[i].score * (1 + o.name_weight * elems[i].weight / 25.0) * (1 - link_density(elems[i]));
    elems[i].score = s;
    if (top < 0 || s > best) {
      top = static_cast<int>(i);
      best = s;
    }
  }

  if (top >= 0) {
    // The article split in parts (sections, columns between ads): go up while what a container adds to
    // the best one is mostly paragraphs, or is little text at all.
    for (int p = elems[static_cast<std::size_t>(top)].parent; p > 0; p = elems[static_cast<std::size_t>(p)].parent) {
      const Elem &pe = elems[static_cast<std::size_t>(p)], &te = elems[static_cast<std::size_t>(top)];
      double added = double(pe.chars) - te.chars, added_good = double(pe.good_chars) - te.good_chars;
      if (added > o.free_climb_chars && added_good < o.climb_paragraph_share * added) break;
      top = p;
    }
    best = elems[static_cast<std::size_t>(top)].score;
    elems[static_cast<std::size_t>(top)].selected = true;
    // Siblings that score close to it, or read like paragraphs, are part of the article too.
    int parent = elems[static_cast<std::size_t>(top)].parent;
    double sibling_bar = std::max(10.0, best * o.sibling_share);
    for (std::size_t i = 1; i < elems.size(); ++i) {
      Elem& s = elems[i];
      if (s.parent != parent || static_cast<int>(i) == top) continue;
      double bonus = s.weight > 0 ? best * 0.2 : 0;
      if (s.scored && s.score + bonus >= sibling_bar) s.selected = true;
      else if (s.kind == TagKind::paragraph && s.chars > 80 && link_density(s) < 0.25) s.selected = true;
    }
  } else {
    elems[0].selected = true;  // nothing reads like an article: all the visible text
  }
  for (std::size_t i = 1; i < elems.size(); ++i)
    if (elems[static_cast<std::size_t>(elems[i].parent)].selected) elems[i].selected = true;

  std::vector<const Block*> kept;
  for (const auto& b : blocks) {
    const Elem& owner = elems[static_cast<std::size_t>(b.elem)];
    if (!owner.selected || owner.dropped) continue;
    if (b.chars && double(b.link_chars) / b.chars > o.max_link_density) continue;
    if (b.kind == TagKind::heading && !title.empty() && b.text == title) continue;
    if (!kept.empty() && kept.back()->text == b.text) continue;
    kept.push_back(&b);
  }
  // Bylines, dates and "Share this" at the edges of the body: short and not a sentence.
  auto edge_noise = [&](const Block* b) { return b->chars < o.short_block_chars && !ends_sentence(b->text); };
  std::size_t first = 0, last = kept.size();
  while (first < last && edge_noise(kept[first])) ++first;
  while (last > first && edge_noise(kept[last - 1])) --last;
  if (first == last) first = 0, last = kept.size();  // all short lines: a short page, not noise

  return join(kept, first, last);
}

}  // namespace factpipe::html
