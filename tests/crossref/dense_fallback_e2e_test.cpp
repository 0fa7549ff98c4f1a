// The default pipeline run by the real `factpipe` command, with and without the sentence encoder's model: with
// it the fact-check ranker reads the cosine; without it (FACTPIPE_MODELS pointing at an empty folder) the run
// still answers, words only, and says on stderr what to run.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <factpipe/document.hpp>

#include "crossref_test_support.hpp"
#include "test_paths.hpp"

namespace fs = std::filesystem;
using factpipe::Json;
using factpipe::crossref::quote_arg;

namespace {

std::string read_all(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

#if defined(FACTPIPE_EXE)
TEST(DenseFallback, ThePipelineAnswersWithAndWithoutTheEncoderModel) {
  for (const char* name : {"segmenter", "entities", "quotes", "claims", "crossref"})
    if (!fs::exists(factpipe::test::plugin_dir() / (std::string("factpipe-") + name + ".so")))
      FAIL() << "plugin " << name << " of the default pipeline is not built";
  factpipe::crossref::TempDir dir;
  factpipe::crossref::write_file(
      dir.path() / "checks" / "checks.jsonl",
      "{\"id\": \"vote\", \"kind\": \"factcheck\", \"title\": \"Did dead people vote in Michigan?\", \"text\": "
      "\"Dead people voted in the election in Michigan.\"}\n"
      "{\"id\": \"gum\", \"kind\": \"factcheck\", \"title\": \"Chewing gum\", \"text\": \"Swallowed chewing gum "
      "stays in your stomach for seven years.\"}\n"
      "{\"id\": \"bleach\", \"kind\": \"factcheck\", \"title\": \"Bleach\", \"text\": \"Drinking bleach cures the "
      "coronavirus.\"}\n");
  factpipe::crossref::write_file(dir.path() / "in.jsonl",
                                 "{\"id\": \"t1\", \"text\": \"Officials admit dead people cast votes in Michigan "
                                 "https://t.co/abc #Election2020\"}\n");
  std::string pipeline = read_all(factpipe::test::source_dir() / "config" / "default.yaml");
  const std::string example = "example_sources: [../examples/sources]";
  auto at = pipeline.find(example);
  ASSERT_NE(at, std::string::npos) << "the default pipeline changed: update this test";
  pipeline.replace(at, example.size(), "sources: [checks]\n      db: index.sqlite");
  factpipe::crossref::write_file(dir.path() / "pipeline.yaml", pipeline);
  auto run = [&](const std::string& env, const std::string& name) {
    const fs::path out = dir.path() / (name + ".jsonl"), err = dir.path() / (name + ".err");
    std::string cmd = env + " " + quote_arg(FACTPIPE_EXE) + " run --claims -c " +
                      quote_arg((dir.path() / "pipeline.yaml").string()) + " --format jsonl -o " +
                      quote_arg(out.string()) + " " + quote_arg((dir.path() / "in.jsonl").string()) + " 2> " +
                      quote_arg(err.string());
    EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd << "\n" << read_all(err);
    std::ifstream lines(out);
    std::string line;
    EXPECT_TRUE(static_cast<bool>(std::getline(lines, line))) << cmd;
    Json doc = line.empty() ? Json::object() : Json::parse(line);
    std::string first;
    for (const auto& claim : doc.value("claims", Json::array()))
      for (const auto& e : claim.value("evidence", Json::array()))
        if (e.value("kind", "") == "factcheck" && first.empty()) first = e.value("source_id", "");
    return std::make_pair(first, read_all(err));
  };
  // The index is built by the first run (with the model when this machine has it).
  auto [with_model, with_err] = run("", "with");
  EXPECT_EQ(with_model, "vote");
  const char* models = std::getenv("FACTPIPE_MODELS");
  const char* home = std::getenv("HOME");
  fs::path model = models && *models ? fs::path(models) : fs::path(home ? home : "/") / ".cache/factpipe/models";
  if (!std::getenv("XDG_CACHE_HOME") && fs::exists(model / "use-lite-0.2.0" / "model.json")) {
    EXPECT_EQ(with_err.find("words only"), std::string::npos) << with_err;  // the model is there: vectors used
  }
  auto [without_model, without_err] =
      run("FACTPIPE_MODELS=" + quote_arg((dir.path() / "no-models").string()), "without");
  EXPECT_EQ(without_model, "vote");
  EXPECT_NE(without_err.find("words only"), std::string::npos) << without_err;
  EXPECT_NE(without_err.find("scripts/fetch-model.sh"), std::string::npos) << without_err;
}
#endif
