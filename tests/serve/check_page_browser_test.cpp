// GET / in a real browser (Debian's chromium, headless, driven over the DevTools protocol): a fact-checker
// pastes an article or opens a .txt file, presses Check, and the report's claims table appears. Skips when
// chromium is not installed (scripts/setup.sh --with-browser installs it) or the default pipeline is not built.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <regex>

#include "../host/host_test_util.hpp"
#include "cdp_browser.hpp"
#include "serve_test_util.hpp"

using namespace factpipe;
using ::testing::HasSubstr;

namespace {

std::string squash(const std::string& s) { return std::regex_replace(s, std::regex(R"(\s+)"), " "); }

// The text of the report's claims table inside the page's report frame ("" until the frame has loaded it
// completely: read while the frame is still parsing, the table holds only its first rows).
const char* kClaimsTable =
    "(() => { const d = document.getElementById('report').contentDocument;"
    " if (!d || d.readyState !== 'complete') return '';"
    " const t = d.querySelector('table.claims'); return t ? t.textContent : ''; })()";

class CheckPage : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(test::CdpBrowser::kChromium)) GTEST_SKIP() << "chromium not installed";
    if (!test::default_pipeline_built()) GTEST_SKIP() << "the default pipeline's plugins are not built";
    setenv("XDG_CACHE_HOME", (dir_ / "cache").c_str(), 1);  // the crossref index of the example sources
    pipeline_ = test::load_test_pipeline(test::source_dir() / "config" / "default.yaml");
    article_ = test::read_file(test::source_dir() / "examples/articles/harbor-bridge-2026.txt");
  }
  // The claims the service finds in the article, asked directly.
  std::vector<std::string> claims(test::LoopbackServer& server, const httplib::Headers& headers = {}) {
    auto res = server.client(120)->Post("/v1/check", headers, Json{{"text", article_}}.dump(), "application/json");
    EXPECT_TRUE(res && res->status == 200) << (res ? res->body : httplib::to_string(res.error()));
    if (!res) return {};
    std::vector<std::string> out;
    Json doc = Json::parse(res->body);
    for (const auto& c : doc["claims"]) out.push_back(squash(c["text"].get<std::string>()));
    return out;
  }
  void expect_claims_shown(test::CdpBrowser& browser, const std::vector<std::string>& expected) {
    std::string table = squash(browser.wait_for(kClaimsTable, 120).get<std::string>());
    ASSERT_FALSE(table.empty()) << "no claims table in the page; error shown: "
                                << browser.eval("document.getElementById('error').textContent");
    ASSERT_GE(expected.size(), 10u);
    for (const auto& c : expected) EXPECT_THAT(table, HasSubstr(c));
  }
  test::TempDir dir_;
  test::TestPipeline pipeline_;
  std::string article_;
};

}  // namespace

TEST_F(CheckPage, PasteSubmitAndTheClaimsTableAppears) {
  serve::ServiceOptions o;
  o.workers = 2;
  test::LoopbackServer server(pipeline_, o);
  auto expected = claims(server);
  test::CdpBrowser browser(dir_ / "chromium.log");
  ASSERT_TRUE(browser.running());
  browser.open("http://127.0.0.1:" + std::to_string(server.port()) + "/");
  ASSERT_TRUE(browser.wait_for("document.readyState === 'complete' && !!document.getElementById('text')", 30));
  EXPECT_EQ(browser.eval("document.getElementById('report').hidden"), true);
  browser.eval("document.getElementById('text').focus()");
  browser.call("Input.insertText", {{"text", article_}});  // what a paste does
  EXPECT_GT(browser.eval("document.getElementById('text').value.length").get<int>(), 1000);
  browser.click("#check");
  expect_claims_shown(browser, expected);
  EXPECT_THAT(browser.eval("document.getElementById('status').textContent").get<std::string>(), HasSubstr("Checked in"));
  // Quotations and their speakers are in the report too.
  EXPECT_THAT(browser.eval("document.getElementById('report').contentDocument.body.textContent").get<std::string>(),
              HasSubstr("Lena Ortiz"));
}

TEST_F(CheckPage, OpenATextFileAndSeeErrorsInThePage) {
  serve::ServiceOptions o;
  o.workers = 2;
  serve::HttpOptions http;
  http.token = "page-token";
  test::LoopbackServer server(pipeline_, o, http);
  auto expected = claims(server, {{"Authorization", "Bearer page-token"}});
  auto file = dir_.write("harbor-bridge-2026.txt", article_);
  test::CdpBrowser browser(dir_ / "chromium.log");
  ASSERT_TRUE(browser.running());
  browser.open("http://127.0.0.1:" + std::to_string(server.port()) + "/");
  ASSERT_TRUE(browser.wait_for("document.readyState === 'complete' && !!document.getElementById('file')", 30));

  // Submitting nothing says so, without a request.
  browser.click("#check");
  EXPECT_THAT(browser.wait_for("document.getElementById('error').textContent", 10).get<std::string>(),
              HasSubstr("Paste an article first"));

  // Open the file with the file input, as the file chooser would.
  Json root = browser.call("DOM.getDocument");
  Json input = browser.call("DOM.querySelector", {{"nodeId", root["root"]["nodeId"]}, {"selector", "#file"}});
  browser.call("DOM.setFileInputFiles", {{"files", {file.string()}}, {"nodeId", input["nodeId"]}});
  ASSERT_TRUE(browser.wait_for("document.getElementById('text').value.length > 1000", 10));
  EXPECT_EQ(browser.eval("document.getElementById('doc-id').value"), "harbor-bridge-2026");

  // The service wants a token: the page shows the service's error.
  browser.click("#check");
  std::string error = browser.wait_for("document.getElementById('error').textContent", 30).get<std::string>();
  EXPECT_THAT(error, HasSubstr("Error 401"));
  EXPECT_THAT(error, HasSubstr("Bearer"));

  // With the token it goes through.
  browser.eval("document.getElementById('token').focus()");
  browser.call("Input.insertText", {{"text", "page-token"}});
  browser.click("#check");
  expect_claims_shown(browser, expected);
  EXPECT_EQ(browser.eval("document.getElementById('error').textContent"), "");
}
