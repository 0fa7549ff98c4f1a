// The service over real loopback HTTP with the fixture plugins: what /v1/check answers, how a bad document
// fails alone, the other endpoints, and the bearer token.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include <factpipe/document_json.hpp>
#include <factpipe/host/batch_runner.hpp>
#include <factpipe/host/input_reader.hpp>
#include <factpipe/host/output_writer.hpp>
#include <factpipe/host/pipeline.hpp>

#include "../host/host_test_util.hpp"
#include "gzip_data.hpp"
#include "serve_test_util.hpp"

using namespace factpipe;
using ::testing::HasSubstr;

namespace {

class ServiceHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    pipeline_ = test::load_test_pipeline(test::write_fixture_pipeline(dir_.path()), {test::fixture_dir()});
  }
  serve::ServiceOptions options(std::size_t workers = 2) {
    serve::ServiceOptions o;
    o.workers = workers;
    return o;
  }
  test::TempDir dir_;
  test::TestPipeline pipeline_;
};

// What `factpipe run --format FORMAT -o -` writes for these documents: the host's own batch runner and writer.
std::string run_writes(test::TestPipeline& p, const std::string& json_file, const std::string& format) {
  host::Pipeline pipeline(p.validated, 1);
  std::istringstream no_stdin;
  host::InputReader reader({json_file}, factpipe::host::StdinFormat::txt, no_stdin);
  host::OutputOptions o;
  o.target = "-";
  o.formats = {format};
  o.report_settings = p.validated.report;
  o.pipeline_file = p.validated.file.string();
  std::ostringstream out;
  host::OutputWriter writer(o, out);
  host::BatchRunner runner(pipeline);
  runner.run(reader, [&](host::DocumentResult& r) {
    if (!r.failed()) writer.write(*r.document);
  });
  writer.finish();
  return out.str();
}

// A report without what differs between two runs of a document: stage times (decimals) and the file `run`
// read (the "Source file" line).
std::string comparable_report(const std::string& report) {
  std::string out;
  std::istringstream in(report);
  for (std::string line; std::getline(in, line);)
    if (line.find("Source file") == std::string::npos)
      out += std::regex_replace(line, std::regex(R"(\d+\.\d+)"), "N") + "\n";
  return out;
}

}  // namespace

TEST_F(ServiceHttp, OneDocumentAnswersWhatRunWrites) {
  test::LoopbackServer server(pipeline_, options());
  Json doc{
      {"id", "mayor-1"}, {"text", "The mayor said the bridge cost “$2 billion”."}, {"meta", {{"title", "Bridge"}}}};
  auto res = server.client()->Post("/v1/check", doc.dump(), "application/json");
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
  Json got = Json::parse(res->body);
  EXPECT_EQ(got["id"], "mayor-1");
  EXPECT_EQ(got["metadata"]["title"], "Bridge");  // "meta" is the document's metadata
  EXPECT_EQ(got["extra"]["fx_good"]["greeting"], "hi");
  EXPECT_EQ(got["extra"]["fx_boom"], "survived");

  // The same document through the batch runner and writer `factpipe run` uses.
  Json as_file = doc;
  as_file["metadata"] = as_file["meta"];
  as_file.erase("meta");
  auto file = dir_.write("mayor-1.json", as_file.dump());
  std::string run = run_writes(pipeline_, file.string(), "json");
  EXPECT_EQ(test::comparable(got), test::comparable(Json::parse(run)));
  EXPECT_EQ(res->body, got.dump(2) + "\n") << "formatted as run writes it";
}

TEST_F(ServiceHttp, ReportFormatsAreTheHostsReports) {
  test::LoopbackServer server(pipeline_, options());
  Json doc{{"id", "r1"}, {"text", "A calm <b>text</b> & more."}};
  auto file = dir_.write("r1.json", doc.dump());
  for (std::string format : {"html", "md", "claimreview"}) {
    auto res = server.client()->Post("/v1/check?format=" + format, doc.dump(), "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << format << ": " << res->body;
    EXPECT_EQ(comparable_report(res->body), comparable_report(run_writes(pipeline_, file.string(), format))) << format;
  }
  auto html = server.client()->Post("/v1/check?format=html", doc.dump(), "application/json");
  EXPECT_EQ(html->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_THAT(html->body, HasSubstr("A calm &lt;b&gt;text&lt;/b&gt; &amp; more."));
  EXPECT_THAT(html->body, HasSubstr("Test Desk"));  // the pipeline file's report settings
}

TEST_F(ServiceHttp, AWebPageIsReadAsRunReadsAnHtmlFile) {
  test::LoopbackServer server(pipeline_, options());
  // windows-1252 bytes (\x93 \x94 are curly quotes), boilerplate around the article, authors in JSON-LD.
  std::string page =
      "<html><head><meta charset=\"windows-1252\"><title>Bridge | Ledger</title>"
      "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": \"Council backs the bridge\","
      " \"author\": [{\"@type\": \"Person\", \"name\": \"Ana Ruiz\"}, {\"@type\": \"Person\", \"name\": \"Bo Lee\"}],"
      " \"publisher\": {\"name\": \"Calder Ledger\"}}</script></head><body>"
      "<nav><a href=\"/\">Home</a> <a href=\"/sport\">Sport</a></nav><div class=\"cookie-banner\">We use cookies "
      "to improve your experience on this site.</div><article><p>The council voted 7-4 on Tuesday to keep funding the "
      "bridge, which will cost $1.2 billion.</p><p>\x93This is not a luxury project,\x94 Mayor Lena Ortiz said after "
      "the vote on the new crossing.</p></article><footer>Copyright Calder Ledger</footer></body></html>";
  auto file = dir_.write("bridge-page.html", page);
  Json expected = test::comparable(Json::parse(run_writes(pipeline_, file.string(), "json")));
  ASSERT_EQ(expected["metadata"]["authors"], Json({"Ana Ruiz", "Bo Lee"}));
  ASSERT_THAT(expected["text"].get<std::string>(), HasSubstr("\u201CThis is not a luxury project,\u201D"));
  ASSERT_THAT(expected["text"].get<std::string>(), testing::Not(HasSubstr("cookies")));
  for (const auto& body : {page, test::gzip(page)}) {
    auto res = server.client()->Post("/v1/check?id=bridge-page", body, "text/html");
    ASSERT_TRUE(res) << httplib::to_string(res.error());
    ASSERT_EQ(res->status, 200) << res->body;
    EXPECT_EQ(test::comparable(Json::parse(res->body)), expected);
  }
  // The report carries the page's title and authors.
  auto html = server.client()->Post("/v1/check?format=html", page, "text/html; charset=windows-1252");
  ASSERT_TRUE(html && html->status == 200);
  EXPECT_THAT(html->body, HasSubstr("<h1>Council backs the bridge</h1>"));
  EXPECT_THAT(html->body, HasSubstr("<dt>By</dt><dd>Ana Ruiz and Bo Lee</dd>"));
  EXPECT_THAT(html->body, HasSubstr("<code>page</code>"));  // no ?id: the document is "page"

  // A page that is not one fails with its id and why.
  std::string gz = test::gzip(page);
  auto broken = server.client()->Post("/v1/check?id=cut", gz.substr(0, gz.size() / 2), "text/html");
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->status, 400);
  Json error = Json::parse(broken->body);
  EXPECT_EQ(error["id"], "cut");
  EXPECT_THAT(error["error"].get<std::string>(), HasSubstr("the web page ('cut')"));
  auto empty = server.client()->Post("/v1/check", "<html><body><nav>Home</nav></body></html>", "text/html");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->status, 400);
  EXPECT_THAT(Json::parse(empty->body)["error"].get<std::string>(), HasSubstr("no article text was found"));
}

TEST_F(ServiceHttp, AnArrayAnswersInOrderAndABadDocumentFailsAlone) {
  test::LoopbackServer server(pipeline_, options());
  Json batch = Json::array({Json{{"id", "ok-1"}, {"text", "calm"}}, Json{{"id", "boom-2"}, {"text", "BOOM here"}},
                            Json{{"id", "url-3"}, {"url", "https://example.org/article"}}, Json(5),
                            Json{{"id", "bad-5"}, {"text", 7}}, Json{{"text", "no id, fine"}}});
  auto res = server.client()->Post("/v1/check", batch.dump(), "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("X-Factpipe-Failed"), "4");
  Json got = Json::parse(res->body);
  ASSERT_EQ(got.size(), 6u);
  EXPECT_EQ(got[0]["id"], "ok-1");
  EXPECT_EQ(got[0]["extra"]["fx_boom"], "survived");
  EXPECT_EQ(got[1]["id"], "boom-2");
  EXPECT_EQ(got[1]["stage"], "exploder");
  EXPECT_THAT(got[1]["error"].get<std::string>(), HasSubstr("found BOOM in the text"));
  EXPECT_EQ(got[2]["id"], "url-3");
  EXPECT_THAT(got[2]["error"].get<std::string>(), HasSubstr("never fetches"));
  EXPECT_EQ(got[3]["id"], "document-4");
  EXPECT_THAT(got[3]["error"].get<std::string>(), HasSubstr("document 4 of the array"));
  EXPECT_EQ(got[4]["stage"], "input");
  EXPECT_THAT(got[4]["error"].get<std::string>(), HasSubstr("text"));
  EXPECT_EQ(got[5]["id"], "document-6");
  EXPECT_FALSE(got[5].contains("error"));
}

TEST_F(ServiceHttp, BadRequestsAreJsonErrors) {
  test::LoopbackServer server(pipeline_, options());
  auto c = server.client();
  auto expect_error = [&](const httplib::Result& res, int status, const std::string& says) {
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, status) << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
    Json j = Json::parse(res->body);
    EXPECT_EQ(j["status"], status);
    EXPECT_THAT(j["error"].get<std::string>(), HasSubstr(says));
  };
  expect_error(c->Post("/v1/check", R"({"url": "https://example.org/a"})", "application/json"), 400,
               "this service never fetches pages");
  expect_error(c->Post("/v1/check", "{not json", "application/json"), 400, "the body is not JSON");
  expect_error(c->Post("/v1/check", "[]", "application/json"), 400, "empty array");
  expect_error(c->Post("/v1/check", R"({"id": "x"})", "application/json"), 400, "no 'text'");
  expect_error(c->Post("/v1/check?format=pdf", R"({"text": "a"})", "application/json"), 400,
               "unknown format 'pdf' (supported: json, jsonl, html, md, claimreview)");
  expect_error(c->Post("/v1/check?format=html", R"([{"text": "a"}, {"text": "b"}])", "application/json"), 400,
               "send one document");
  expect_error(c->Post("/v1/check", R"({"id": "b", "text": "BOOM"})", "application/json"), 500,
               "found BOOM in the text");
  expect_error(c->Get("/no/such/page"), 404, "no such route");
  auto failed = Json::parse(c->Post("/v1/check", R"({"id": "b", "text": "BOOM"})", "application/json")->body);
  EXPECT_EQ(failed["id"], "b");
  EXPECT_EQ(failed["stage"], "exploder");
}

TEST_F(ServiceHttp, PluginsHealthAndMetrics) {
  test::LoopbackServer server(pipeline_, options());
  auto c = server.client();
  auto health = c->Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(Json::parse(health->body)["pipeline"], "serve-test");

  auto plugins = c->Get("/v1/plugins");
  ASSERT_TRUE(plugins);
  Json p = Json::parse(plugins->body);
  ASSERT_EQ(p["stages"].size(), 3u);
  EXPECT_EQ(p["stages"][0]["stage"], "greeter");
  EXPECT_EQ(p["stages"][0]["plugin"], "fx_good");
  EXPECT_EQ(p["stages"][0]["version"], "1.2.3");
  EXPECT_EQ(p["stages"][1]["plugin"], "fx_boom");

  for (int i = 0; i < 3; ++i) c->Post("/v1/check", R"({"text": "calm"})", "application/json");
  c->Post("/v1/check", R"({"text": "BOOM"})", "application/json");
  c->Post("/v1/check", R"([{"text": "calm"}, {"text": "BOOM"}, {"url": "x"}])", "application/json");
  auto metrics = c->Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_THAT(metrics->get_header_value("Content-Type"), HasSubstr("text/plain; version=0.0.4"));
  const std::string& m = metrics->body;
  EXPECT_THAT(m, HasSubstr("factpipe_http_requests_total{route=\"/v1/check\",code=\"200\"} 4\n"));
  EXPECT_THAT(m, HasSubstr("factpipe_http_requests_total{route=\"/v1/check\",code=\"500\"} 1\n"));
  EXPECT_THAT(m, HasSubstr("factpipe_http_requests_total{route=\"/healthz\",code=\"200\"} 1\n"));
  EXPECT_THAT(m, HasSubstr("factpipe_check_duration_seconds_count 5\n"));
  EXPECT_THAT(m, HasSubstr("factpipe_check_duration_seconds_bucket{le=\"+Inf\"} 5\n"));
  EXPECT_THAT(m, HasSubstr("factpipe_documents_total{result=\"ok\"} 4\n"));
  EXPECT_THAT(m, HasSubstr("factpipe_documents_total{result=\"failed\"} 3\n"));
  EXPECT_THAT(m, HasSubstr("factpipe_stage_failures_total{stage=\"exploder\"} 2\n"));
  EXPECT_THAT(m, HasSubstr("factpipe_stage_failures_total{stage=\"input\"} 1\n"));
  // Buckets are cumulative: each at most the next.
  std::regex bucket(R"(factpipe_check_duration_seconds_bucket\{le="[^"]+"\} (\d+))");
  long previous = 0;
  for (auto it = std::sregex_iterator(m.begin(), m.end(), bucket); it != std::sregex_iterator(); ++it) {
    long n = std::stol((*it)[1]);
    EXPECT_GE(n, previous);
    previous = n;
  }
  EXPECT_EQ(previous, 5);
}

TEST_F(ServiceHttp, BearerTokenGuardsTheApiButNotTheHealthCheck) {
  serve::HttpOptions http;
  http.token = serve::read_token_file(dir_.write("token", "  s3cret-token \nsecond line\n").string());
  EXPECT_EQ(http.token, "s3cret-token");
  test::LoopbackServer server(pipeline_, options(), http);
  auto c = server.client();
  auto none = c->Post("/v1/check", R"({"text": "calm"})", "application/json");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  EXPECT_EQ(none->get_header_value("WWW-Authenticate"), "Bearer");
  EXPECT_THAT(Json::parse(none->body)["error"].get<std::string>(), HasSubstr("Bearer"));
  httplib::Headers wrong{{"Authorization", "Bearer s3cret-tokem"}};
  EXPECT_EQ(server.client()->Post("/v1/check", wrong, R"({"text": "calm"})", "application/json")->status, 401);
  EXPECT_EQ(server.client()->Get("/metrics")->status, 401);
  EXPECT_EQ(server.client()->Get("/healthz")->status, 200);
  httplib::Headers right{{"Authorization", "Bearer s3cret-token"}};
  auto ok = server.client()->Post("/v1/check", right, R"({"text": "calm"})", "application/json");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200) << ok->body;
  EXPECT_THROW(serve::read_token_file(dir_.write("empty", "\n  \n").string()), std::runtime_error);
}

// Requests from many clients at once, over more workers than one: each answer holds its own document (the
// per-worker instances of fx_good and the shared fx_boom), and the metrics count every one of them. The
// ThreadSanitizer preset (ctest --preset tsan) runs this to check the worker pool, the service and the metrics.
TEST_F(ServiceHttp, ConcurrentRequestsAreAnsweredEachWithItsOwnDocuments) {
  test::LoopbackServer server(pipeline_, options(3));
  constexpr int kClients = 6, kRequests = 5;
  std::vector<std::thread> clients;
  clients.reserve(kClients);
  std::vector<std::vector<std::string>> problems(kClients);
  for (int c = 0; c < kClients; ++c)
    clients.emplace_back([&, c] {
      auto client = server.client();
      for (int r = 0; r < kRequests; ++r) {
        std::string id = test::cat("c", c, "-r", r);
        bool boom = r == 2;  // one failed document per client
        auto res = client->Post("/v1/check", Json{{"id", id}, {"text", boom ? "BOOM" : "calm SLEEP:5"}}.dump(),
                                "application/json");
        if (!res) {
          problems[c].push_back(id + ": no answer");
          continue;
        }
        Json got = Json::parse(res->body);
        if (res->status != (boom ? 500 : 200) || got["id"] != id ||
            (!boom && got["extra"]["fx_good"]["greeting"] != "hi"))
          problems[c].push_back(id + ": " + std::to_string(res->status) + " " + res->body);
        // Someone reads the metrics while others are checking.
        if (r == 3 && !client->Get("/metrics")) problems[c].push_back(id + ": no metrics");
      }
    });
  for (auto& t : clients) t.join();
  for (const auto& p : problems) EXPECT_THAT(p, ::testing::IsEmpty());
  const std::string m = server.client()->Get("/metrics")->body;
  EXPECT_THAT(m, HasSubstr(test::cat("factpipe_http_requests_total{route=\"/v1/check\",code=\"200\"} ",
                                     kClients * (kRequests - 1), "\n")));
  EXPECT_THAT(m,
              HasSubstr(test::cat("factpipe_http_requests_total{route=\"/v1/check\",code=\"500\"} ", kClients, "\n")));
  EXPECT_THAT(m, HasSubstr(test::cat("factpipe_documents_total{result=\"ok\"} ", kClients * (kRequests - 1), "\n")));
  EXPECT_THAT(m, HasSubstr(test::cat("factpipe_stage_failures_total{stage=\"exploder\"} ", kClients, "\n")));
  EXPECT_THAT(m, HasSubstr("factpipe_checks_in_flight 0\n"));
}
