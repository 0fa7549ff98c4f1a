// extract_article over real pages: bytes_per_second is HTML (decompressed) per second on one core.
// Target (issue 17): >= 50 MB/s. Pages come from ../shared/datasets/article-extraction when present.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <factpipe/html/article.hpp>
#include <factpipe/html/gzip.hpp>

namespace fs = std::filesystem;

namespace {

std::vector<std::string> load_pages() {
  std::vector<std::string> pages;
  fs::path dir = fs::path(FACTPIPE_SHARED_DIR) / "datasets/article-extraction/html";
  std::error_code ec;
  std::vector<fs::path> files;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
    files.push_back(it->path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    pages.push_back(factpipe::html::gunzip(ss.str(), std::size_t(64) << 20));
  }
  if (pages.empty()) {  // a generated page: menus, an article of 40 paragraphs, comments
    std::string page = "<html><head><title>t</title></head><body><nav>";
    for (int i = 0; i < 50; ++i) page += "<a href=\"/s" + std::to_string(i) + "\">Section</a> ";
    page += "</nav><article>";
    for (int i = 0; i < 40; ++i)
      page +=
          "<p class=\"para\">The council said on Tuesday that the bridge, which cost $1.2 billion, would open "
          "in <a href=\"/x\">2030</a>, after years of delays and a long debate.</p>";
    page += "</article><section class=\"comments\"><p>First!</p></section></body></html>";
    pages.push_back(page);
  }
  return pages;
}

void BM_ExtractArticle(benchmark::State& state) {
  static const std::vector<std::string> pages = load_pages();
  std::size_t bytes = 0;
  for (auto _ : state) {
    for (const auto& p : pages) {
      auto a = factpipe::html::extract_article(p);
      benchmark::DoNotOptimize(a.text.data());
      bytes += p.size();
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
  state.counters["pages"] = static_cast<double>(pages.size());
}
BENCHMARK(BM_ExtractArticle)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();

}  // namespace

BENCHMARK_MAIN();
