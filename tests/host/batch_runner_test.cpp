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
    jsonl << Json{{"id", factpipe::test::cat("d", i)},
                  {"text", i % 17 == 5 ? factpipe::test::cat("BOOM goes ", i) : "calm"}}
                 .dump()
          << "\n";
  dir.write("in.jsonl", jsonl.str());

  Pipeline pipeline(pipeline_of(kTwoStages, dir), GetParam());
  std::istringstream no_stdin;
  InputReader reader({(dir / "in.jsonl").string()}, factpipe::host::StdinFormat::txt, no_stdin);
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

// A stage with prepare_batch sees every document of the batch that survived the earlier stages, before
// it processes any: the same answer for every document, any worker count, any order.
class BatchStageTest : public ::testing::TestWithParam<unsigned> {};

namespace {

struct BatchRun {
  RunSummary summary;
  std::vector<std::string> ids, errors;
  std::vector<Json> seen;  // fx_batch's record per processed document (null for failed ones)
};

BatchRun run_batch_pipeline(const std::vector<std::string>& texts, unsigned workers, std::size_t batch_size) {
  factpipe::test::TempDir dir;
  std::ostringstream jsonl;
  for (std::size_t i = 0; i < texts.size(); ++i)
    jsonl << Json{{"id", factpipe::test::cat("d", i)}, {"text", texts[i]}}.dump() << "\n";
  dir.write("in.jsonl", jsonl.str());
  Pipeline pipeline(pipeline_of("pipeline: t\nstages:\n  - {name: exploder, plugin: fx_boom}\n"
                                "  - {name: batcher, plugin: fx_batch}\n  - {name: greeter, plugin: fx_good}\n",
                                dir),
                    workers);
  std::istringstream no_stdin;
  InputReader reader({(dir / "in.jsonl").string()}, factpipe::host::StdinFormat::txt, no_stdin);
  reader.defer_parsing(true);
  RunOptions options;
  options.chunk_size = batch_size;
  BatchRunner runner(pipeline, options);
  BatchRun out;
  out.summary = runner.run(reader, [&](DocumentResult& r) {
    out.ids.push_back(r.id);
    out.errors.push_back(r.error);
    out.seen.push_back(r.failed() ? Json() : r.document->extra["fx_batch"]);
    if (!r.failed()) {
      EXPECT_EQ(r.document->provenance.stages.size(), 3u);           // provenance of all three segments
      EXPECT_EQ(r.document->extra["fx_good"]["greeting"], "hello");  // the stage after the batch stage ran
    }
  });
  return out;
}

}  // namespace

TEST_P(BatchStageTest, EveryDocumentSeesTheWholeBatchButNotTheOnesThatFailedBefore) {
  std::vector<std::string> texts;
  for (int i = 0; i < 40; ++i) texts.push_back(i % 9 == 4 ? "BOOM" : "calm");
  auto run = run_batch_pipeline(texts, GetParam(), 0);  // 0: the whole input is one batch
  Json expected = Json::array();
  for (int i = 0; i < 40; ++i)
    if (i % 9 != 4) expected.push_back(factpipe::test::cat("d", i));
  ASSERT_EQ(run.ids.size(), 40u);
  EXPECT_EQ(run.summary.failed, 4u);  // d4, d13, d22, d31
  for (int i = 0; i < 40; ++i) {
    EXPECT_EQ(run.ids[i], factpipe::test::cat("d", i));
    if (i % 9 == 4) {
      EXPECT_THAT(run.errors[i], HasSubstr("found BOOM"));
      continue;
    }
    EXPECT_EQ(run.seen[i]["batch"], expected) << "document " << i;
    EXPECT_EQ(run.seen[i]["calls"], 1);  // each instance prepared exactly once
  }
}

TEST_P(BatchStageTest, ABatchSizeSplitsTheRunIntoBatches) {
  std::vector<std::string> texts(10, "calm");
  auto run = run_batch_pipeline(texts, GetParam(), 4);
  ASSERT_EQ(run.seen.size(), 10u);
  EXPECT_EQ(run.seen[0]["batch"], (Json{"d0", "d1", "d2", "d3"}));
  EXPECT_EQ(run.seen[5]["batch"], (Json{"d4", "d5", "d6", "d7"}));
  EXPECT_EQ(run.seen[9]["batch"], (Json{"d8", "d9"}));
  EXPECT_EQ(run.seen[9]["calls"], 3);
}

TEST_P(BatchStageTest, APrepareThatThrowsFailsItsBatchWithTheStageNameAndTheRunGoesOn) {
  std::vector<std::string> texts{"calm", "PREPARE-FAIL", "calm", "calm", "calm"};
  auto run = run_batch_pipeline(texts, GetParam(), 3);
  ASSERT_EQ(run.ids.size(), 5u);
  EXPECT_EQ(run.summary.failed, 3u);
  for (int i = 0; i < 3; ++i)
    EXPECT_THAT(run.errors[i],
                HasSubstr("stage 'batcher' (plugin fx_batch): prepare_batch failed: refused batch with d1"));
  EXPECT_EQ(run.seen[3]["batch"], (Json{"d3", "d4"}));
  EXPECT_TRUE(run.errors[4].empty());
}

INSTANTIATE_TEST_SUITE_P(Workers, BatchStageTest, ::testing::Values(1u, 3u));

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

// What the Python module uses: documents from memory (an InputSource), the failed stage's name in the result,
// fewer threads than the pipeline has workers, and batch stages that forget earlier batches when restarted.
namespace {

// With `isolate`, the same through worker processes: forked after prepare_batch, they see the batch as the parent's
// stages do, and workers of an earlier run are not reused after start_run().
void runs_from_a_source_names_the_failed_stage_and_restarts_batch_stages(bool isolate) {
  factpipe::test::TempDir dir;
  Pipeline pipeline(pipeline_of("pipeline: t\nstages:\n  - {name: exploder, plugin: fx_boom}\n"
                                "  - {name: batcher, plugin: fx_batch}\n",
                                dir),
                    4);
  auto run_batch = [&](const std::vector<std::string>& texts) {
    RunOptions options;
    options.chunk_size = texts.size();
    options.threads = 2;
    options.isolation.enabled = isolate;
    BatchRunner runner(pipeline, options);
    std::size_t next = 0;
    std::vector<DocumentResult> out;
    runner.run(
        [&]() -> std::optional<InputItem> {
          if (next == texts.size()) return std::nullopt;
          InputItem item;
          item.origin = item.id = factpipe::test::cat("memory:", next);
          item.id_if_missing = factpipe::test::cat("m", next);
          item.unparsed = Json{{"text", texts[next++]}}.dump();
          return item;
        },
        [&](DocumentResult& r) { out.push_back(std::move(r)); });
    return out;
  };
  auto first = run_batch({"calm", "BOOM", "calm"});
  ASSERT_EQ(first.size(), 3u);
  EXPECT_EQ(first[0].id, "m0");
  EXPECT_TRUE(first[0].stage.empty());
  ASSERT_TRUE(first[1].failed());
  EXPECT_EQ(first[1].stage, "exploder");
  EXPECT_THAT(first[1].error, HasSubstr("found BOOM in the text"));
  EXPECT_EQ(first[2].document->extra["fx_batch"]["batch"], Json::array({"m0", "m2"}));
  EXPECT_EQ(first[2].document->extra["fx_batch"]["calls"], 1);
  auto second = run_batch({"calm"});
  EXPECT_EQ(second[0].document->extra["fx_batch"]["calls"], 2);  // the stage remembers the first batch
  pipeline.start_run();
  auto third = run_batch({"calm"});
  EXPECT_EQ(third[0].document->extra["fx_batch"]["calls"], 1);  // as if it were the first
  EXPECT_EQ(third[0].document->extra["fx_batch"]["batch"], Json::array({"m0"}));
}

}  // namespace

TEST(BatchRunnerInProcess, RunsFromASourceNamesTheFailedStageAndRestartsBatchStages) {
  runs_from_a_source_names_the_failed_stage_and_restarts_batch_stages(false);
}

TEST(IsolatedBatch, RunsFromASourceNamesTheFailedStageAndRestartsBatchStages) {
  runs_from_a_source_names_the_failed_stage_and_restarts_batch_stages(true);
}
