// The default pipeline run by the real `factpipe` command over two articles that carry the same claim:
// the host hands crossref the whole batch first, so each article is linked to the other, whichever comes
// first and however many workers run.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include <factpipe/document.hpp>

#include "crossref_test_support.hpp"
#include "test_paths.hpp"

namespace fs = std::filesystem;
using factpipe::Json;
using factpipe::crossref::quote_arg;

namespace {

// Ids of the other documents that a document's claims link to (extra.crossref.links, never evidence).
std::set<std::string> linked_documents(const Json& doc) {
  std::set<std::string> ids;
  for (const auto& claim : doc.at("claims")) {
    for (const auto& e : claim.value("evidence", Json::array())) EXPECT_NE(e.value("kind", ""), "document");
    if (claim.contains("extra") && claim["extra"].contains("crossref"))
      for (const auto& l : claim["extra"]["crossref"].value("links", Json::array()))
        ids.insert(l.value("source_id", ""));
  }
  return ids;
}

}  // namespace

#if defined(FACTPIPE_EXE)
TEST(BatchLinking, TheSameClaimInTwoArticlesIsLinkedBothWays) {
  for (const char* name : {"segmenter", "entities", "quotes", "claims", "crossref"})
    if (!fs::exists(factpipe::test::plugin_dir() / (std::string("factpipe-") + name + ".so")))
      FAIL() << "plugin " << name << " of the default pipeline is not built";
  factpipe::crossref::TempDir dir;
  const fs::path in = dir.path() / "in";
  factpipe::crossref::write_file(
      in / "a-early.txt",
      "Library plan approved\n\nThe city council approved $45 million for the new central library on Tuesday. "
      "Construction is expected to start next spring.\n");
  factpipe::crossref::write_file(
      in / "b-late.txt",
      "Council backs library\n\nOn Tuesday the city council approved $45 million for the new central library. "
      "Residents packed the chamber for the vote.\n");
  for (const char* jobs : {"1", "2"}) {
    const fs::path out = dir.path() / (std::string("out-j") + jobs);
    std::string cmd = "XDG_CACHE_HOME=" + quote_arg((dir.path() / "cache").string()) + " " + quote_arg(FACTPIPE_EXE) +
                      " run -q -j " + jobs + " -c " +
                      quote_arg((factpipe::test::source_dir() / "config" / "default.yaml").string()) +
                      " --format jsonl -o " + quote_arg((out / "all.jsonl").string()) + " " + quote_arg(in.string());
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    std::ifstream lines(out / "all.jsonl");
    std::map<std::string, Json> docs;
    for (std::string line; std::getline(lines, line);) {
      Json d = Json::parse(line);
      docs[d.at("id").get<std::string>()] = d;
    }
    ASSERT_EQ(docs.size(), 2u);
    ASSERT_TRUE(docs.count("a-early") && docs.count("b-late"));
    EXPECT_EQ(linked_documents(docs["a-early"]), std::set<std::string>{"b-late"}) << "-j " << jobs;
    EXPECT_EQ(linked_documents(docs["b-late"]), std::set<std::string>{"a-early"}) << "-j " << jobs;
  }
}
#endif
