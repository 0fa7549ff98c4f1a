#include "near_duplicates.hpp"

#include <cctype>

#include <factpipe/utf8.hpp>

namespace factpipe::crossref {

std::string near_duplicate_key(std::string_view text) {
  // Typographic quotes, dashes, ellipsis, guillemets and no-break spaces separate words like ASCII punctuation.
  auto punctuation = [](char32_t cp) {
    return (cp >= 0x2010 && cp <= 0x201F) || cp == 0x2026 || cp == 0x00A0 || cp == 0x00AB || cp == 0x00BB ||
           cp == 0x2032 || cp == 0x2033;
  };
  std::string key;
  bool gap = false;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t at = i;
    char32_t cp = utf8::decode(text, i);
    bool keep = cp < 0x80 ? std::isalnum(static_cast<unsigned char>(cp)) != 0 : !punctuation(cp);
    if (!keep) {
      gap = !key.empty();
      continue;
    }
    if (gap) key += ' ';
    gap = false;
    if (cp < 0x80) key += static_cast<char>(std::tolower(static_cast<unsigned char>(cp)));
    else key.append(text.substr(at, i - at));
  }
  return key;
}

void group_near_duplicates(Database& db) {
  db.exec(
      "CREATE TABLE IF NOT EXISTS near_duplicates(source INTEGER PRIMARY KEY, canonical INTEGER NOT NULL);"
      "DELETE FROM near_duplicates;");
  std::unordered_map<std::string, std::int64_t> first;  // key -> the earliest source with it
  auto list = db.prepare("SELECT id, text FROM sources WHERE kind = 'factcheck' ORDER BY id");
  auto add = db.prepare("INSERT INTO near_duplicates(source, canonical) VALUES(?1, ?2)");
  while (list.step()) {
    std::string key = near_duplicate_key(list.text_view(1));
    if (key.empty()) continue;
    auto [it, fresh] = first.emplace(std::move(key), list.int64(0));
    if (fresh) continue;
    add.bind(1, list.int64(0)).bind(2, it->second);
    add.run();
  }
}

std::shared_ptr<const NearDuplicates> load_near_duplicates(const std::string& path) {
  auto out = std::make_shared<NearDuplicates>();
  Database db(path, Database::Mode::read_only);
  auto has = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'near_duplicates'");
  if (!has.step()) return out;
  auto rows = db.prepare(
      "SELECT d.source, d.canonical, m.sid, c.sid FROM near_duplicates d JOIN sources m ON m.id = d.source "
      "JOIN sources c ON c.id = d.canonical ORDER BY d.source");
  while (rows.step()) {
    out->canonical_of[rows.int64(0)] = rows.int64(1);
    out->canonical_sid[rows.int64(1)] = rows.text(3);
    out->others[rows.int64(1)].push_back(rows.text(2));
  }
  return out;
}

}  // namespace factpipe::crossref
