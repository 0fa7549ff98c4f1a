// The JSON writers of `factpipe run` (written straight from the layers, sdk write_json_text) against the
// JSON tree writer they replaced (to_json(doc).dump()), byte for byte, on real pipeline output: the bundled
// example articles and the shared sample article (skipped only when ../shared/samples is absent), through
// the default pipeline with every stage, so quotes, claims and evidence are all written.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <factpipe/document_json.hpp>

#include "host_test_util.hpp"

using factpipe::Json;
using factpipe::test::quote;
using factpipe::test::TempDir;

namespace fs = std::filesystem;

namespace {

const std::string kExe = FACTPIPE_EXE;

bool default_pipeline_built() {
  for (const char* stage : {"segmenter", "entities", "quotes", "claims", "crossref"})
    if (!fs::exists(fs::path(FACTPIPE_PLUGIN_DIR) / (std::string("factpipe-") + stage + ".so"))) return false;
  return true;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1)
    out.push_back(text.substr(start, nl - start));
  return out;
}

struct Written {
  std::size_t documents = 0, quotes = 0, claims = 0, evidence = 0;
};

// Runs the default pipeline on `input`, as JSON lines and as one pretty JSON file per document, and checks
// every document against the tree writer.
Written check_against_tree_writer(const TempDir& dir, const fs::path& input, const std::string& name) {
  Written seen;
  // The crossref index of the example sources goes into this test's folder, not the user's cache.
  const std::string env = "XDG_CACHE_HOME=" + quote(dir / "cache") + " ";
  auto jsonl = dir / (name + ".jsonl");
  auto r = factpipe::test::run_shell(
      env + quote(kExe) + " run " + quote(input) + " --format jsonl -q -o " + quote(jsonl), dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto pretty_dir = dir / (name + "-json");
  r = factpipe::test::run_shell(
      env + quote(kExe) + " run " + quote(input) + " --format json -q -o " + quote(pretty_dir), dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  for (const std::string& line : lines_of(factpipe::test::read_file(jsonl))) {
    factpipe::Document doc = factpipe::document_from_json(Json::parse(line));
    ++seen.documents;
    EXPECT_EQ(factpipe::to_json(doc).dump(), line) << doc.id();
    // The per-document pretty file (a run of its own: its stage timings differ): dump(2) and a newline.
    auto file = pretty_dir / (doc.id() + ".json");
    EXPECT_TRUE(fs::exists(file)) << file;
    if (fs::exists(file)) {
      std::string pretty = factpipe::test::read_file(file);
      EXPECT_EQ(factpipe::to_json(factpipe::document_from_json(Json::parse(pretty))).dump(2) + "\n", pretty) << file;
    }
    seen.quotes += doc.quotes.size();
    seen.claims += doc.claims.size();
    for (const auto& c : doc.claims) seen.evidence += c.evidence.size();
  }
  return seen;
}

TEST(JsonTextWriter, SameBytesAsTheTreeWriterOnTheBundledExamples) {
  if (!default_pipeline_built()) FAIL() << "the default pipeline's plugins are not all built";
  TempDir dir;
  Written w = check_against_tree_writer(dir, fs::path(FACTPIPE_SOURCE_DIR) / "examples/articles", "examples");
  EXPECT_EQ(w.documents, 2u);
  // Every kind of layer item went through both writers.
  EXPECT_GT(w.quotes, 0u);
  EXPECT_GT(w.claims, 0u);
  EXPECT_GT(w.evidence, 0u);
}

TEST(JsonTextWriter, SameBytesAsTheTreeWriterOnTheSampleArticle) {
  if (!default_pipeline_built()) FAIL() << "the default pipeline's plugins are not all built";
  fs::path sample = fs::path(FACTPIPE_SHARED_DIR) / "samples/putin-kim-2024-06-19.txt";
  if (!fs::exists(sample)) GTEST_SKIP() << sample << " is absent";
  TempDir dir;
  Written w = check_against_tree_writer(dir, sample, "sample");
  EXPECT_EQ(w.documents, 1u);
  EXPECT_GT(w.quotes, 0u);
  EXPECT_GT(w.claims, 0u);
}

}  // namespace
