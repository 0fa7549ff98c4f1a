// The `factpipe serve` command as a user starts it: a process on a free port, stopped by SIGTERM. With the
// default pipeline it answers what `factpipe run --format json` writes, and one request's documents never
// show up in another's answer.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <httplib.h>

#include <factpipe/document.hpp>

#include "../host/host_test_util.hpp"
#include "serve_process.hpp"
#include "serve_test_util.hpp"

using namespace factpipe;
using ::testing::HasSubstr;

namespace {

Json check(int port, const Json& body) {
  httplib::Client c("127.0.0.1", port);
  c.set_read_timeout(std::chrono::seconds(120));
  auto res = c.Post("/v1/check", body.dump(), "application/json");
  if (!res) return Json{{"client_error", httplib::to_string(res.error())}};
  if (res->status != 200) return Json{{"status", res->status}, {"body", res->body}};
  return Json::parse(res->body);
}

}  // namespace

TEST(ServeCommand, StartsOnAFreePortAnswersAndStopsOnSigterm) {
  test::TempDir dir;
  auto config = dir.write(
      "p.yaml", "pipeline: cmd-test\nstages:\n  - {name: greeter, plugin: fx_good, config: {greeting: hey}}\n");
  test::ServeProcess serve(FACTPIPE_EXE, {"-c", config.string(), "--threads", "2"},
                           {{"FACTPIPE_PLUGIN_PATH", test::fixture_dir().string()}}, dir / "serve.log");
  ASSERT_TRUE(serve.started()) << test::read_file(dir / "serve.log");
  Json got = check(serve.port(), {{"id", "x"}, {"text", "calm"}});
  EXPECT_EQ(got["extra"]["fx_good"]["greeting"], "hey") << got.dump();
  httplib::Client c("127.0.0.1", serve.port());
  EXPECT_EQ(c.Get("/healthz")->status, 200);
  EXPECT_EQ(serve.stop(), 0);
  std::string log = test::read_file(dir / "serve.log");
  EXPECT_THAT(log, HasSubstr("pipeline 'cmd-test'"));
  EXPECT_THAT(log, HasSubstr("stopped"));
}

// A SIGTERM that arrives while the pipeline is being configured, before the server listens, stops the service once
// it listens (cpp-httplib's stop() does nothing before then: the service ran on for ever, 5 runs in 5).
TEST(ServeCommand, AStopRequestedWhileStartingStopsTheServiceOnceItListens) {
  test::TempDir dir;
  auto config = dir.write(
      "p.yaml",
      "pipeline: early-stop\nstages:\n  - {name: s, plugin: fx_slow, config: {terminate_in_configure: true}}\n");
  test::ServeProcess serve(FACTPIPE_EXE, {"-c", config.string()},
                           {{"FACTPIPE_PLUGIN_PATH", test::fixture_dir().string()}}, dir / "serve.log");
  EXPECT_EQ(serve.wait_exit(30), 0) << test::read_file(dir / "serve.log");
  EXPECT_THAT(test::read_file(dir / "serve.log"), HasSubstr("stopped"));
}

TEST(ServeCommand, BadOptionsAreUsageErrors) {
  test::TempDir dir;
  auto r = test::run_shell(test::cat(FACTPIPE_EXE, " serve --token-file ", (dir / "missing").string()), dir.path());
  EXPECT_EQ(r.exit_code, 2);
  r = test::run_shell(test::cat(FACTPIPE_EXE, " serve --port 70000"), dir.path());
  EXPECT_EQ(r.exit_code, 2);
  r = test::run_shell(test::cat(FACTPIPE_EXE, " serve --help"), dir.path());
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("POST /v1/check"));
  EXPECT_THAT(r.out, HasSubstr("Example"));
}

TEST(ServeCommand, DefaultPipelineAnswersWhatRunWritesAndKeepsRequestsApart) {
  if (!test::default_pipeline_built()) FAIL() << "the default pipeline's plugins are not built";
  test::TempDir dir;
  auto source = test::source_dir();
  std::string config = (source / "config" / "default.yaml").string();
  std::string cache = (dir / "cache").string();  // the crossref index of the example sources
  Json harbor{{"id", "harbor"},
              {"text", test::read_file(source / "examples/articles/harbor-bridge-2026.txt")},
              {"meta", Json::parse(test::read_file(source / "examples/articles/harbor-bridge-2026.meta.json"))}};
  harbor["meta"].erase("id");
  Json transit{{"id", "transit"}, {"text", test::read_file(source / "examples/articles/transit-fares-2026.txt")}};

  // `factpipe run` on the same document, as a .json file.
  Json as_file = harbor;
  as_file["metadata"] = as_file["meta"];
  as_file.erase("meta");
  auto file = dir.write("harbor.json", as_file.dump());
  auto run = test::run_shell(test::cat("XDG_CACHE_HOME=", cache, " ", FACTPIPE_EXE, " run -q -c ", config,
                                       " --format json -o - ", file.string()),
                             dir.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  Json expected = test::comparable(Json::parse(run.out));
  ASSERT_GE(expected["claims"].size(), 10u);

  test::ServeProcess serve(FACTPIPE_EXE, {"-c", config, "--threads", "2"}, {{"XDG_CACHE_HOME", cache}},
                           dir / "serve.log");
  ASSERT_TRUE(serve.started()) << test::read_file(dir / "serve.log");
  Json first = check(serve.port(), harbor);
  EXPECT_EQ(test::comparable(first), expected);
  // Other requests in between, then the same article under another id: without isolation its claims would
  // now be linked to the first request's copy ("the same claim in another document").
  EXPECT_FALSE(check(serve.port(), transit).contains("status"));
  Json copy = harbor;
  copy["id"] = "harbor-copy";
  Json again = check(serve.port(), copy);
  ASSERT_TRUE(again.contains("claims")) << again.dump();
  for (const auto& claim : again["claims"])
    for (const auto& e : claim["evidence"]) EXPECT_NE(e["kind"], "document") << e.dump();
  again["id"] = "harbor";
  EXPECT_EQ(test::comparable(again), expected);
  EXPECT_EQ(serve.stop(), 0);
  EXPECT_THAT(test::read_file(dir / "serve.log"), HasSubstr("link_documents off"));
}
