// Whole articles with hand-made answer keys: the shared sample article (issue 3's acceptance test) and
// the bundled example articles. Offsets in the answer keys are code points.
#include <filesystem>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <factpipe/utf8.hpp>

#include "pipeline.hpp"

using namespace factpipe;
namespace fs = std::filesystem;

namespace {

struct Cp {
  std::size_t start, end;
};

std::size_t overlap(Cp a, Cp b) {
  std::size_t s = std::max(a.start, b.start), e = std::min(a.end, b.end);
  return e > s ? e - s : 0;
}

// The predicted quotation matching a gold span by the eval rule (>= 80% of gold covered, >= 50% of the
// prediction inside it), or nullptr.
const Quote* match(const Document& d, const utf8::OffsetMap& map, Cp gold, bool indirect) {
  const Quote* best = nullptr;
  std::size_t best_ov = 0;
  for (const auto& q : d.quotes) {
    if (!quoted_verbatim(q.kind) != indirect) continue;
    Cp p{map.to_code_point(q.span.start), map.to_code_point(q.span.end)};
    std::size_t ov = overlap(p, gold);
    bool ok = indirect ? ov * 2 >= gold.end - gold.start
                       : ov * 10 >= (gold.end - gold.start) * 8 && ov * 2 >= p.end - p.start;
    if (ok && ov > best_ov) {
      best = &q;
      best_ov = ov;
    }
  }
  return best;
}

struct Scored {
  int direct = 0, direct_found = 0, direct_speaker = 0, indirect = 0, indirect_found = 0;
};

// Checks every gold quotation; `failures` lists the ones not found or with another speaker.
Scored check(const Document& d, const Json& gold, std::vector<std::string>& failures) {
  utf8::OffsetMap map(d.text);
  Scored s;
  for (const auto& g : gold["quotes"]) {
    // reported speech (indirect or mixed) is matched by reported speech, then its kind compared
    QuoteKind kind = quote_kind_from(g.value("kind", "direct"));
    bool indirect = !quoted_verbatim(kind);
    Cp span{g["start"].get<std::size_t>(), g["end"].get<std::size_t>()};
    const Quote* q = match(d, map, span, indirect);
    (indirect ? s.indirect : s.direct)++;
    std::string what = g["text"].get<std::string>().substr(0, 50);
    if (!q) {
      failures.push_back("not found: " + what);
      continue;
    }
    (indirect ? s.indirect_found : s.direct_found)++;
    if (indirect && q->kind != kind)
      failures.push_back("kind of '" + what + "': got " + std::string(to_string(q->kind)) + ", want " +
                         std::string(to_string(kind)));
    std::string got = q->speaker ? q->speaker->name : "<none>";
    if (got == g["speaker"].get<std::string>()) {
      if (!indirect) ++s.direct_speaker;
    } else {
      failures.push_back("speaker of '" + what + "': got " + got + ", want " + g["speaker"].get<std::string>());
    }
  }
  return s;
}

Json read_json(const fs::path& p) { return Json::parse(test::read_file(p)); }

}  // namespace

TEST(SampleArticle, AllThirteenQuotesWithTheirSpeakers) {
  FACTPIPE_REQUIRE_SHARED("samples/putin-kim-2024-06-19.txt");
  const fs::path dir = test::shared_dir() / "samples";
  test::QuotePipeline p;
  Document d = p.run(test::read_file(dir / "putin-kim-2024-06-19.txt"));
  Json gold = read_json(dir / "putin-kim-2024-06-19.gold.json");
  ASSERT_EQ(gold["quotes"].size(), 13u);
  std::vector<std::string> failures;
  Scored s = check(d, gold, failures);
  EXPECT_THAT(failures, ::testing::IsEmpty());
  EXPECT_EQ(s.direct_found, 13);
  EXPECT_EQ(s.direct_speaker, 13);
  // the photo credits' names never speak
  for (const auto& q : d.quotes) {
    if (!q.speaker) continue;
    for (const auto& name : gold["not_speakers"]) {
      EXPECT_EQ(q.speaker->name.find(name.get<std::string>()), std::string::npos) << q.speaker->name;
      std::string last = name.get<std::string>().substr(name.get<std::string>().rfind(' ') + 1);
      EXPECT_EQ(q.speaker->name.find(last), std::string::npos) << q.speaker->name;
    }
  }
}

TEST(ExampleArticles, BundledArticlesMatchTheirAnswerKeys) {
  const fs::path dir = test::source_dir() / "examples" / "articles";
  if (!fs::exists(dir / "harbor-bridge-2026.gold.json"))
    FAIL() << "the committed example articles are missing from " << dir;
  test::QuotePipeline p;
  int articles = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    std::string name = e.path().filename().string();
    if (!name.ends_with(".gold.json")) continue;
    fs::path text = dir / (name.substr(0, name.size() - 10) + ".txt");
    if (!fs::exists(text)) continue;
    Json gold = read_json(e.path());
    if (!gold.contains("quotes")) continue;
    ++articles;
    Document d = p.run(test::read_file(text));
    std::vector<std::string> failures;
    Scored s = check(d, gold, failures);
    SCOPED_TRACE(name);
    // every direct and partial quotation with its speaker; at least half of the indirect ones
    EXPECT_EQ(s.direct_found, s.direct) << ::testing::PrintToString(failures);
    EXPECT_EQ(s.direct_speaker, s.direct) << ::testing::PrintToString(failures);
    EXPECT_GE(s.indirect_found * 2, s.indirect) << ::testing::PrintToString(failures);
    utf8::OffsetMap map(d.text);
    for (const auto& nq : gold.value("not_quotes", Json::array())) {
      Cp span{nq["start"].get<std::size_t>(), nq["end"].get<std::size_t>()};
      EXPECT_EQ(match(d, map, span, false), nullptr) << nq["text"];
    }
    for (const auto& q : d.quotes)
      for (const auto& ns : gold.value("not_speakers", Json::array()))
        if (q.speaker) {
          EXPECT_NE(q.speaker->name, ns.get<std::string>());
        }
  }
  EXPECT_GE(articles, 1);
}
