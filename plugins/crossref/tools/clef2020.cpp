#include "clef2020.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include <factpipe/text/clean_view.hpp>

#include "source_index.hpp"

namespace factpipe::crossref::eval {

namespace fs = std::filesystem;
using Json = nlohmann::json;

// Rows of a TSV file whose fields may be CSV-quoted ("..." with "" inside, newlines allowed).
std::vector<std::vector<std::string>> read_tsv(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, at_start = true;
  for (std::size_t i = 0; i < data.size(); ++i) {
    char c = data[i];
    if (quoted) {
      if (c == '"' && i + 1 < data.size() && data[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"' && at_start) {
      quoted = true;
      at_start = false;
    } else if (c == '\t') {
      row.push_back(std::move(field));
      field.clear();
      at_start = true;
    } else if (c == '\n') {
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
      at_start = true;
    } else if (c != '\r') {
      field += c;
      at_start = false;
    }
  }
  if (!field.empty() || !row.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

namespace {

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : line) {
    if (c == '\t') {
      out.push_back(cur);
      cur.clear();
    } else if (c != '\r') {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

}  // namespace

// Tweets carry links, picture links and a signature ("— Name (@handle) January 6, 2020"): not claim text.
std::string clean_tweet(std::string t) {
  auto sig = t.rfind("\xE2\x80\x94 ");  // "— "
  if (sig != std::string::npos && t.find("(@", sig) != std::string::npos) t = t.substr(0, sig);
  // "act..#WWII#WW3": a tag or handle glued to the word before is a word of its own.
  std::string spaced;
  for (char c : t) {
    if (c == '#' || c == '@') spaced += ' ';
    spaced += c;
  }
  std::string out;
  std::istringstream ss(spaced);
  std::string w;
  while (ss >> w) {
    if (w.find("http") != std::string::npos || w.find("pic.twitter.com") != std::string::npos) {
      auto p = w.find("http") != std::string::npos ? w.find("http") : w.find("pic.twitter.com");
      w = w.substr(0, p);
      if (w.empty()) continue;
    }
    if ((w[0] == '#' || w[0] == '@') && w.size() > 1) {
      // #DefundTheCBC -> Defund The CBC
      std::string split;
      for (std::size_t i = 1; i < w.size(); ++i) {
        if (i > 1 && w[i] >= 'A' && w[i] <= 'Z' && !(w[i - 1] >= 'A' && w[i - 1] <= 'Z')) split += ' ';
        split += w[i];
      }
      w = split;
    }
    out += w + ' ';
  }
  return out;
}

Metrics score_ranking(const std::vector<std::vector<std::string>>& ranked,
                      const std::vector<std::set<std::string>>& gold) {
  Metrics m;
  for (std::size_t q = 0; q < ranked.size(); ++q) {
    if (gold[q].empty()) continue;
    ++m.n;
    double hits = 0, ap = 0;
    for (std::size_t k = 0; k < ranked[q].size(); ++k) {
      if (!gold[q].count(ranked[q][k])) continue;
      if (m.mrr >= 0 && hits == 0) m.mrr += 1.0 / static_cast<double>(k + 1);
      if (k == 0) m.p1 += 1;
      hits += 1;
      if (k < 5) ap += hits / static_cast<double>(k + 1);
    }
    m.map5 += ap / static_cast<double>(std::min<std::size_t>(gold[q].size(), 5));
  }
  if (m.n) {
    m.map5 /= static_cast<double>(m.n);
    m.mrr /= static_cast<double>(m.n);
    m.p1 /= static_cast<double>(m.n);
  }
  return m;
}

std::string tweet_author(const std::string& t) {
  auto sig = t.rfind("\xE2\x80\x94 ");  // "— Name (@handle) January 6, 2020"
  if (sig == std::string::npos) return "";
  auto handle = t.find(" (@", sig);
  if (handle == std::string::npos) return "";
  return t.substr(sig + 4, handle - sig - 4);
}

RunQuery run_query(const std::string& post) {
  const auto markup = factpipe::text::find_social_markup(post);
  RunQuery q;
  std::size_t end = post.size();
  for (const auto& m : markup)
    if (m.kind == factpipe::text::MarkupKind::byline) {
      end = std::min(end, m.span.start);
      q.claimant = m.name;
    }
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  std::size_t start = 0;
  while (start < end && blank(post[start])) ++start;
  while (end > start && blank(post[end - 1])) --end;
  if (start == end) return q;
  q.text = factpipe::text::clean_view(post, markup, factpipe::Span{start, end}).text();
  return q;
}

ClefSplit read_clef_split(const fs::path& dir) {
  ClefSplit s;
  std::map<std::string, std::set<std::string>> qrels;
  std::ifstream qr(dir / "tweet-vclaim-pairs.qrels");
  if (!qr) throw std::runtime_error("cannot read " + (dir / "tweet-vclaim-pairs.qrels").string());
  std::string line;
  while (std::getline(qr, line)) {
    auto f = split_tabs(line);
    if (f.size() >= 4 && f[3] != "0") qrels[f[0]].insert(f[2]);
  }
  auto rows = read_tsv(dir / "tweets.queries.tsv");
  for (std::size_t i = 1; i < rows.size(); ++i) {
    if (rows[i].size() < 2) continue;
    s.ids.push_back(rows[i][0]);
    s.raw.push_back(rows[i][1]);
    s.tweets.push_back(clean_tweet(rows[i][1]));
    s.authors.push_back(tweet_author(rows[i][1]));
    s.run_queries.push_back(run_query(rows[i][1]));
    s.gold.push_back(qrels[rows[i][0]]);
  }
  return s;
}

std::vector<SourceRecord> read_verified_claims(const fs::path& file) {
  std::vector<SourceRecord> records;
  auto rows = read_tsv(file);
  for (std::size_t i = 1; i < rows.size(); ++i) {
    if (rows[i].size() < 3) continue;
    SourceRecord r;
    r.id = rows[i][0];
    r.text = rows[i][1];
    r.title = rows[i][2];
    r.kind = "factcheck";
    records.push_back(r);
  }
  return records;
}

fs::path build_index(const fs::path& work, const std::string& name, const std::vector<SourceRecord>& records) {
  fs::create_directories(work);
  fs::path jsonl = work / (name + ".jsonl");
  fs::path db = work / (name + ".sqlite");
  {
    std::ofstream out(jsonl);
    for (const auto& r : records)
      out << Json{{"id", r.id}, {"title", r.title}, {"text", r.text}, {"kind", r.kind}}.dump(
                 -1, ' ', false, Json::error_handler_t::replace)
          << '\n';
  }
  SourceIndex index(db);
  auto st = index.update({jsonl});
  if (st.files_indexed)
    std::printf("  indexed %zu sources, %zu passages from %.2f MB in %.3f s (%.1f MB/s)\n", st.sources, st.passages,
                static_cast<double>(st.bytes) / 1e6, st.seconds, st.mb_per_s());
  for (auto& e : st.errors) std::fprintf(stderr, "  warning: %s\n", e.to_string().c_str());
  return db;
}

}  // namespace factpipe::crossref::eval
