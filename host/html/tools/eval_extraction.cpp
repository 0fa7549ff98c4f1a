// factpipe-eval-extraction (run as `factpipe eval extraction ...`): reads the article extraction benchmark's
// pages with the reader `factpipe run` uses and scores the documents' text with the benchmark's metric,
// beside the whole page's text; then chooses the extractor's thresholds by k-fold cross-validation over
// pages and reports each held-out fold.
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include <CLI/CLI.hpp>

#include <factpipe/host/input_reader.hpp>

#include "eval/shingle_metric.hpp"

namespace fs = std::filesystem;
using namespace factpipe;
using factpipe::html::eval::PageCounts;

namespace {

double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

struct Page {
  std::string id;
  fs::path file;
  std::string truth;
};

std::vector<Page> load_benchmark(const fs::path& dir) {
  std::ifstream in(dir / "ground-truth.json");
  if (!in) throw std::runtime_error("cannot read " + (dir / "ground-truth.json").string());
  Json truth = Json::parse(in);
  std::vector<Page> pages;
  for (auto& [id, v] : truth.items()) {
    fs::path f = dir / "html" / (id + ".html.gz");
    if (!fs::exists(f)) throw std::runtime_error("missing page " + f.string());
    pages.push_back({id, f, v.value("articleBody", "")});
  }
  std::sort(pages.begin(), pages.end(), [](const Page& a, const Page& b) { return a.id < b.id; });
  return pages;
}

void print_scores(const char* label, const std::vector<PageCounts>& counts) {
  auto s = html::eval::benchmark_scores(counts);
  std::printf("%-28s P %.4f  R %.4f  F1 %.4f\n", label, s.precision, s.recall, s.f1);
}

// The thresholds tried by cross-validation.
std::vector<html::ExtractOptions> option_grid() {
  std::vector<html::ExtractOptions> grid;
  for (double min_block : {15.0, 25.0, 40.0})
    for (double link : {0.33, 0.5})
      for (double sibling : {0.2, 0.3})
        for (double edge : {0.0, 60.0})
          for (double boilerplate_share : {0.3, 0.5})
            for (double free_climb : {0.0, 200.0}) {
              html::ExtractOptions o;
              o.min_block_chars = min_block;
              o.max_link_density = link;
              o.sibling_share = sibling;
              o.short_block_chars = edge;
              o.boilerplate_share = boilerplate_share;
              o.free_climb_chars = free_climb;
              grid.push_back(o);
            }
  return grid;
}

std::string describe(const html::ExtractOptions& o) {
  std::ostringstream s;
  s << "min_block_chars=" << o.min_block_chars << " max_link_density=" << o.max_link_density
    << " sibling_share=" << o.sibling_share << " short_block_chars=" << o.short_block_chars
    << " boilerplate_share=" << o.boilerplate_share << " free_climb_chars=" << o.free_climb_chars;
  return s.str();
}

constexpr std::size_t kMaxHtml = std::size_t(256) << 20;

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "Article extraction benchmark: 4-word shingle precision/recall/F1 of the text `factpipe run` "
      "reads from each page, the whole page's text beside it, and k-fold cross-validation of the "
      "extractor's thresholds"};
  std::string datasets = FACTPIPE_DEFAULT_DATASETS;
  std::size_t folds = 5, worst = 10;
  std::string dump;
  app.add_option("--datasets", datasets, "folder holding article-extraction/")->capture_default_str();
  app.add_option("--folds", folds, "cross-validation folds by page (0: none)")->capture_default_str();
  app.add_option("--worst", worst, "list this many worst pages")->capture_default_str();
  app.add_option("--dump", dump, "write each page's extracted text to this folder");
  app.footer(
      "\nExamples:\n  factpipe eval extraction                 # precision, recall and F1, then 5-fold "
      "cross-validation\n"
      "  factpipe eval extraction --folds 0 --worst 20 --dump /tmp/extracted");
  CLI11_PARSE(app, argc, argv);

  try {
    fs::path dir = fs::path(datasets) / "article-extraction";
    if (!fs::is_directory(dir))
      throw std::runtime_error("benchmark not found at '" + dir.string() +
                               "' (give --datasets DIR; see ../shared/datasets/README.md)");
    auto pages = load_benchmark(dir);
    std::map<std::string, const Page*> by_id;
    for (const auto& p : pages) by_id[p.id] = &p;

    // 1. The reader of `factpipe run`, as it is configured there.
    std::istringstream no_stdin;
    host::InputReader reader({(dir / "html").string()}, host::StdinFormat::txt, no_stdin);
    reader.max_document_bytes(32'000'000);
    std::vector<PageCounts> body, whole;
    std::vector<std::pair<double, std::string>> per_page;
    std::size_t html_bytes = 0, failed = 0;
    double t0 = cpu_seconds();
    while (auto item = reader.next()) {
      html_bytes += item->bytes;
      auto it = by_id.find(item->id);
      if (it == by_id.end()) continue;
      std::string text;
      if (item->document) text = item->document->text;
      else {
        ++failed;
        std::fprintf(stderr, "%s: %s\n", item->origin.c_str(), item->error.c_str());
      }
      body.push_back(html::eval::shingle_match(it->second->truth, text));
      per_page.push_back({body.back().f1(), item->id});
      if (!dump.empty()) {
        fs::create_directories(dump);
        std::ofstream(fs::path(dump) / (item->id + ".txt")) << text;
      }
    }
    double seconds = cpu_seconds() - t0;
    html::ExtractOptions whole_page;
    whole_page.whole_page = true;
    for (const auto& p : pages)
      whole.push_back(html::eval::shingle_match(p.truth, host::read_web_page(p.file, kMaxHtml, whole_page).text));

    std::printf("article extraction benchmark: %zu pages (%s), %zu failed\n", pages.size(), dir.c_str(), failed);
    print_scores("extracted body (factpipe run)", body);
    print_scores("whole page text", whole);
    std::printf("reading (gunzip + parse + extract): %.1f ms per page, CPU time\n", seconds * 1e3 / pages.size());
    std::sort(per_page.begin(), per_page.end());
    std::printf("worst pages:\n");
    for (std::size_t i = 0; i < worst && i < per_page.size(); ++i)
      std::printf("  F1 %.3f  %s\n", per_page[i].first, by_id[per_page[i].second]->file.c_str());

    // 2. Cross-validation: each fold's thresholds are the grid point with the best F1 on the other folds.
    if (folds >= 2) {
      auto grid = option_grid();
      std::vector<std::vector<PageCounts>> scored(grid.size());
      for (std::size_t g = 0; g < grid.size(); ++g)
        for (const auto& p : pages)
          scored[g].push_back(html::eval::shingle_match(p.truth, host::read_web_page(p.file, kMaxHtml, grid[g]).text));
      std::vector<double> fold_f1;
      for (std::size_t f = 0; f < folds; ++f) {
        auto subset = [&](std::size_t g, bool test) {
          std::vector<PageCounts> out;
          for (std::size_t i = 0; i < pages.size(); ++i)
            if ((i % folds == f) == test) out.push_back(scored[g][i]);
          return out;
        };
        std::size_t best = 0;
        double best_f1 = -1;
        for (std::size_t g = 0; g < grid.size(); ++g) {
          double f1 = html::eval::benchmark_scores(subset(g, false)).f1;
          if (f1 > best_f1) best_f1 = f1, best = g;
        }
        auto test = html::eval::benchmark_scores(subset(best, true));
        fold_f1.push_back(test.f1);
        std::printf("fold %zu: train F1 %.4f, held-out P %.4f R %.4f F1 %.4f  (%s)\n", f + 1, best_f1, test.precision,
                    test.recall, test.f1, describe(grid[best]).c_str());
      }
      double mean = 0;
      for (double v : fold_f1) mean += v;
      mean /= double(fold_f1.size());
      std::printf("cross-validation (%zu folds by page, %zu threshold sets): held-out F1 mean %.4f, worst fold %.4f\n",
                  folds, grid.size(), mean, *std::min_element(fold_f1.begin(), fold_f1.end()));
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "factpipe eval extraction: %s\n", e.what());
    return 1;
  }
  return 0;
}
