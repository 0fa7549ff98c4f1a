// Near-duplicate fact-checks (the same words, other quote marks, case or spacing) are one result: grouped at
// index time, the earliest record standing for the group and listing the others.
#include <filesystem>

#include <gtest/gtest.h>

#include "crossref_engine.hpp"
#include "crossref_test_support.hpp"
#include "factcheck_record.hpp"
#include "near_duplicates.hpp"
#include "source_index.hpp"

namespace fs = std::filesystem;
using namespace factpipe::crossref;

TEST(NearDuplicates, KeyIgnoresQuotesCaseAndSpacing) {
  EXPECT_EQ(near_duplicate_key("Trump said \xE2\x80\x9Cmy crimes\xE2\x80\x9D  can't be investigated."),
            near_duplicate_key("trump said \"my crimes\" can't be investigated"));
  EXPECT_EQ(near_duplicate_key("  \xC3\x89t\xC3\xA9 hot\xC2\xA0summer! "), "\xC3\x89t\xC3\xA9 hot summer");
  EXPECT_NE(near_duplicate_key("The moon is made of cheese."), near_duplicate_key("The moon is made of rock."));
}

TEST(NearDuplicates, OneResultForTheGroupListingTheOthers) {
  TempDir tmp;
  fs::path db = tmp.path() / "fc.sqlite";
  auto record = factcheck_record;
  {
    SourceIndex index(db);
    index.add_records("mem:fc",
                      {record("first", "Obama released 122 detainees from Guantanamo who re-engaged in terrorism."),
                       record("second",
                              "Obama released \xE2\x80\x9C"
                              "122 detainees\xE2\x80\x9D from Guantanamo who "
                              "re-engaged in  terrorism"),
                       record("other", "Guantanamo detainees were moved to a prison in Illinois.")});
  }
  auto groups = load_near_duplicates(db.string());
  ASSERT_EQ(groups->canonical_of.size(), 1u);
  EngineConfig config;
  config.synonyms = false;
  Engine engine(db, config, nullptr);
  auto ranked =
      engine.rank(ClaimInput{"122 detainees released from Guantanamo re-engaged in terrorism", {}, "", ""}, 5);
  ASSERT_GE(ranked.size(), 1u);
  EXPECT_EQ(ranked[0].sid, "first");  // the earliest record stands for the group
  EXPECT_EQ(ranked[0].duplicates, std::vector<std::string>{"second"});
  for (const auto& r : ranked) EXPECT_NE(r.sid, "second");  // never a second slot
  ClaimProfile profile;
  engine.rank(ClaimInput{"122 detainees released from Guantanamo re-engaged in terrorism", {}, "", ""}, 5, &profile);
  auto evidence = engine.to_evidence(profile, ranked[0]);
  EXPECT_EQ(evidence.extra["crossref"]["duplicates"], factpipe::Json::array({"second"}));
}
