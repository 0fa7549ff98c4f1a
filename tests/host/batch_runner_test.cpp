// The batch runner through real plugins: order, failures that do not stop the batch, provenance, layers.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include <factpipe/document_json.hpp>
#include <factpipe/host/batch_runner.hpp>
#include <factpipe/host/errors.hpp>
#include <factpipe/host/pipeline.hpp>

#include "host_test_util.hpp"

using namespace factpipe;
using namespace factpipe::host;
using ::testing::HasSubstr;

namespace {

const PluginRegistry& fixtures() {
  static PluginRegistry registry({factpipe::test::fixture_dir()});
  return registry;
}

ValidatedPipeline pipeline_of(const std::string& yaml, const factpipe::test::TempDir& dir) {
  auto v = validate_pipeline(load_pipeline_file(dir.write("p.yaml", yaml)), fixtures());
  EXPECT_TRUE(v.ok()) << (v.issues.empty() ? "" : v.issues[0].str());
  return v;
}

const char* kTwoStages =
    "pipeline: test\n"
    "stages:\n"
    "  - {name: greeter, plugin: fx_good, config: {greeting: hi}}\n"
    "  - {name: exploder, plugin: fx_boom}\n";

}  // namespace

class BatchRunnerTest : public ::testing::TestWithParam<unsigned> {};

TEST_P(BatchRunnerTest, KeepsInputOrderAndGoesOnAfterAFailure) {
  factpipe::test::TempDir dir;
  std::ostringstream jsonl;
  const int n = 200;
  for (int i = 0; i < n; ++i)
    jsonl << Json{{"id", factpipe::test::cat("d", i)}, {"text", i % 17 == 5 ? factpipe::test::cat("BOOM goes ", i) : "calm"}}.dump()
          << "\n";
  dir.write("in.jsonl", jsonl.str());

  Pipeline pipeline(pipeline_of(kTwoStages, dir), GetParam());
  std::istringstream no_stdin;
  InputReader reader({(dir / "in.jsonl").string()}, false, no_stdin);
  RunOptions options;
  options.chunk_size = 16;
  options.render = [](const Document& d) { return "rendered:" + d.id(); };  // runs in the workers
  BatchRunner runner(pipeline, options);
  std::vector<std::string> ids, errors;
  auto summary = runner.run(reader, [&](DocumentResult& r) {
    ids.push_back(r.id);
    if (r.failed()) {
      errors.push_back(r.error);
      return;
    }
    const Document& d = *r.document;
    EXPECT_EQ(r.rendered, "rendered:" + d.id());
    EXPECT_EQ(d.extra["fx_good"]["greeting"], "hi");
    EXPECT_EQ(d.extra["fx_boom"], "survived");
    EXPECT_EQ(d.layers, std::vector<std::string>{"fixture"});
    ASSERT_EQ(d.provenance.stages.size(), 2u);
    EXPECT_EQ(d.provenance.pipeline, "test");
    EXPECT_EQ(d.provenance.stages[0].stage, "greeter");
    EXPECT_EQ(d.provenance.stages[0].plugin, "fx_good");
    EXPECT_EQ(d.provenance.stages[0].version, "1.2.3");
    EXPECT_EQ(d.provenance.stages[1].stage, "exploder");
  });
  ASSERT_EQ(ids.size(), static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) EXPECT_EQ(ids[i], factpipe::test::cat("d", i));
  int expected_failures = 0;
  for (int i = 0; i < n; ++i) expected_failures += i % 17 == 5;
  EXPECT_EQ(summary.documents, static_cast<std::size_t>(n));
  EXPECT_EQ(summary.failed, static_cast<std::size_t>(expected_failures));
  ASSERT_FALSE(errors.empty());
  EXPECT_THAT(errors[0], HasSubstr("stage 'exploder' failed on document 'd5': found BOOM in the text"));
  ASSERT_EQ(summary.stage_seconds.size(), 2u);
  EXPECT_GT(summary.stage_seconds[0], 0.0);
}

INSTANTIATE_TEST_SUITE_P(Workers, BatchRunnerTest, ::testing::Values(1u, 4u));

TEST(Pipeline, AStageThatFailsToConfigureIsAPluginError) {
  factpipe::test::TempDir dir;
  auto v = pipeline_of("pipeline: t\nstages:\n  - {name: g, plugin: fx_good, config: {fail_configure: true}}\n", dir);
  try {
    Pipeline p(v, 2);
    FAIL();
  } catch (const PluginError& e) {
    EXPECT_THAT(e.what(), HasSubstr("p.yaml:3:5: stage 'g' (plugin fx_good): configure failed: configure refused"));
  }
}

TEST(Pipeline, AnEmptyDocumentIsProcessedNotFailed) {
  factpipe::test::TempDir dir;
  Pipeline p(pipeline_of(kTwoStages, dir), 1);
  Document doc("empty", "");
  p.process(doc, 0);
  EXPECT_EQ(doc.extra["fx_boom"], "survived");
  EXPECT_TRUE(doc.has_layer("fixture"));
}

TEST(Pipeline, StagesThatAreNotThreadSafeGetOneInstancePerWorker) {
  factpipe::test::TempDir dir;
  Pipeline p(pipeline_of(kTwoStages, dir), 3);
  EXPECT_EQ(p.instance_count(0), 3u);  // fx_good: thread_safe = false
  EXPECT_EQ(p.instance_count(1), 1u);  // fx_boom: thread_safe = true, shared
}
