// factpipe-index SOURCES... --db FILE   (run as `factpipe index ...`)
// Builds or updates the crossref source index and prints what it did.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "source_index.hpp"
#include "sqlite_handle.hpp"

namespace {
void usage(std::FILE* to) {
  std::fprintf(
      to,
      "usage: factpipe index SOURCES... --db FILE\n"
      "  SOURCES  files or folders of .txt, .json, .jsonl documents and ClaimReview .jsonld\n"
      "  --db     the SQLite index to build or update (created when missing)\n"
      "\nExample:\n"
      "  factpipe index examples/sources /data/factchecks --db /srv/factpipe/crossref.sqlite\n"
      "  factpipe run --set crossref.sources=[] --set crossref.db=/srv/factpipe/crossref.sqlite article.txt\n");
}
}  // namespace

int main(int argc, char** argv) {
  std::vector<std::filesystem::path> roots;
  std::string db;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "-h" || a == "--help") {
      usage(stdout);
      return 0;
    } else if (a == "--db" && i + 1 < argc) {
      db = argv[++i];
    } else if (a.rfind("--db=", 0) == 0) {
      db = a.substr(5);
    } else if (!a.empty() && a[0] == '-') {
      std::fprintf(stderr, "factpipe index: unknown option %s\n", a.c_str());
      usage(stderr);
      return 2;
    } else {
      roots.emplace_back(a);
    }
  }
  if (db.empty() || roots.empty()) {
    usage(stderr);
    return 2;
  }
  try {
    factpipe::crossref::disable_sqlite_memory_statistics();
    auto c0 = std::clock();
    auto w0 = std::chrono::steady_clock::now();
    factpipe::crossref::SourceIndex index(db);
    if (!index.replaced_schema().empty())
      std::fprintf(stderr, "note: %s was an index of schema version %s: building it afresh\n", db.c_str(),
                   index.replaced_schema().c_str());
    auto s = index.update(roots);
    double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;  // both threads (parse + write)
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
    for (const auto& e : s.errors) std::fprintf(stderr, "warning: %s\n", e.to_string().c_str());
    std::printf("files: %zu seen, %zu indexed, %zu unchanged, %zu removed\n", s.files_seen, s.files_indexed,
                s.files_skipped, s.files_removed);
    std::printf("added: %zu sources (%zu fact-checks), %zu passages; %zu bad records\n", s.sources, s.factchecks,
                s.passages, s.errors.size());
    std::printf("read %.2f MB in %.3f s: %.1f MB/s (%.3f s of CPU: %.1f MB per CPU second)\n",
                static_cast<double>(s.bytes) / 1e6, wall, wall > 0 ? static_cast<double>(s.bytes) / 1e6 / wall : 0.0,
                cpu, cpu > 0 ? static_cast<double>(s.bytes) / 1e6 / cpu : 0.0);
    std::printf("index: %s, %zu passages in total\n", db.c_str(), index.passage_count());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "factpipe index: %s\n", e.what());
    return 1;
  }
  return 0;
}
