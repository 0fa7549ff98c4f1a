// GET / in a real browser (Debian's chromium, headless, driven over the DevTools protocol): a fact-checker
// pastes an article, opens a .txt file or drops a saved web page, presses Check, and the report's claims
// table appears. Fails when chromium is not installed (scripts/setup.sh installs it); skips, saying why, only
// when it is installed but does not start, or when the default pipeline is not built.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <regex>

#include "../host/host_test_util.hpp"
#include "cdp_browser.hpp"
#include "gzip_data.hpp"
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
    if (!std::filesystem::exists(test::CdpBrowser::kChromium))
      GTEST_FAIL() << test::CdpBrowser::kChromium << " is not installed: scripts/setup.sh installs Debian's chromium";
    if (!test::default_pipeline_built()) GTEST_FAIL() << "the default pipeline's plugins are not built";
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
  // A browser on the service's page; null when chromium did not start (why_not_started_ says why).
  std::unique_ptr<test::CdpBrowser> open_page(int port, const char* ready) {
    auto browser = std::make_unique<test::CdpBrowser>(dir_ / "chromium.log");
    if (why_not_started_ = browser->start_failure(); !why_not_started_.empty()) return nullptr;
    browser->open("http://127.0.0.1:" + std::to_string(port) + "/");
    EXPECT_TRUE(browser->wait_for(
        std::string("document.readyState === 'complete' && !!document.getElementById('") + ready + "')", 30));
    return browser;
  }
  std::string skip_reason() const {
    std::string log = test::read_file(dir_ / "chromium.log");
    if (log.size() > 2000) log = "..." + log.substr(log.size() - 2000);
    return "chromium is installed but did not start (" + why_not_started_ + "); its output:\n" + log;
  }
  test::TempDir dir_;
  test::TestPipeline pipeline_;
  std::string article_, why_not_started_;
};

// The example article as a news site would serve it: headline and byline above the body, menus, a cookie
// banner, related links and comments around it, metadata in JSON-LD, and the bytes in windows-1252.
std::string article_web_page(const std::string& article) {
  std::vector<std::string> paragraphs;
  for (std::size_t at = 0; at < article.size();) {
    auto end = article.find("\n\n", at);
    if (end == std::string::npos) end = article.size();
    if (end > at) paragraphs.push_back(article.substr(at, end - at));
    at = end + 2;
  }
  std::string body;
  for (std::size_t i = 2; i < paragraphs.size(); ++i) body += "<p>" + paragraphs[i] + "</p>\n";
  std::string page =
      "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"windows-1252\"><title>" + paragraphs[0] +
      " | Calder Ledger</title>\n<script type=\"application/ld+json\">{\"@context\": \"https://schema.org\", "
      "\"@type\": \"NewsArticle\", \"headline\": \"Council backs the Harbour Link bridge\", \"datePublished\": "
      "\"2026-03-14\", \"author\": [{\"@type\": \"Person\", \"name\": \"Ana Ruiz\"}], \"publisher\": {\"@type\": "
      "\"Organization\", \"name\": \"Calder Ledger\"}}</script>\n</head><body>\n"
      "<nav class=\"site-menu\"><a href=\"/\">Home</a> <a href=\"/city\">City</a> <a href=\"/sport\">Sport</a></nav>\n"
      "<div class=\"cookie-banner\">We use cookies to give you the best experience. Accept all cookies?</div>\n"
      "<main><article><h1>" +
      paragraphs[0] + "</h1><p class=\"byline\">" + paragraphs[1] + "</p>\n<div class=\"article-body\">\n" + body +
      "</div></article>\n<aside class=\"related\"><h2>Related</h2><ul><li><a href=\"/a\">Ferry fares to rise "
      "again next spring, the authority says</a></li><li><a href=\"/b\">Ten things to do on the waterfront this "
      "weekend</a></li></ul></aside>\n<section class=\"comments\"><p>Reader comment: the mayor is wasting our money "
      "on this bridge and everyone knows it.</p></section></main>\n<footer>Copyright 2026 Calder Ledger</footer>"
      "</body></html>\n";
  // UTF-8 to windows-1252: the article's only non-ASCII characters are curly quotes.
  std::string out;
  for (std::size_t i = 0; i < page.size(); ++i) {
    auto c = static_cast<unsigned char>(page[i]);
    if (c < 0x80) {
      out += page[i];
      continue;
    }
    std::string three = page.substr(i, 3);
    char mapped = three == "\u2018"   ? '\x91'
                  : three == "\u2019" ? '\x92'
                  : three == "\u201C" ? '\x93'
                  : three == "\u201D" ? '\x94'
                                      : '\0';
    if (!mapped) throw std::runtime_error("the example article has a character windows-1252 lacks: " + three);
    out += mapped;
    i += 2;
  }
  return out;
}

}  // namespace

TEST_F(CheckPage, PasteSubmitAndTheClaimsTableAppears) {
  serve::ServiceOptions o;
  o.workers = 2;
  test::LoopbackServer server(pipeline_, o);
  auto expected = claims(server);
  auto page = open_page(server.port(), "text");
  if (!page) GTEST_SKIP() << skip_reason();
  auto& browser = *page;
  EXPECT_EQ(browser.eval("document.getElementById('report').hidden"), true);
  browser.eval("document.getElementById('text').focus()");
  browser.call("Input.insertText", {{"text", article_}});  // what a paste does
  EXPECT_GT(browser.eval("document.getElementById('text').value.length").get<int>(), 1000);
  browser.click("#check");
  expect_claims_shown(browser, expected);
  EXPECT_THAT(browser.eval("document.getElementById('status').textContent").get<std::string>(),
              HasSubstr("Checked in"));
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
  auto page = open_page(server.port(), "file");
  if (!page) GTEST_SKIP() << skip_reason();
  auto& browser = *page;

  // Submitting nothing says so, without a request.
  browser.click("#check");
  EXPECT_THAT(browser.wait_for("document.getElementById('error').textContent", 10).get<std::string>(),
              HasSubstr("Paste an article or drop a web page first"));

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

TEST_F(CheckPage, DropAWebPageAndTheClaimsOfItsArticleAppear) {
  serve::ServiceOptions o;
  o.workers = 2;
  test::LoopbackServer server(pipeline_, o);
  std::string html = article_web_page(article_);
  // What the service finds in the page, asked directly: the article the extractor found, and its claims.
  auto res = server.client(120)->Post("/v1/check?id=harbor-page", html, "text/html");
  ASSERT_TRUE(res && res->status == 200) << (res ? res->body : httplib::to_string(res.error()));
  Json doc = Json::parse(res->body);
  EXPECT_EQ(doc["metadata"]["authors"], Json({"Ana Ruiz"}));
  EXPECT_EQ(doc["metadata"]["title"], "Council backs the Harbour Link bridge");
  std::string text = doc["text"];
  EXPECT_THAT(text, HasSubstr("\u201CWhen I joined this council"));  // windows-1252 read as such
  for (const char* furniture : {"cookies", "Sport", "Ferry fares", "Reader comment", "Copyright", "By Ana Ruiz"})
    EXPECT_THAT(text, testing::Not(HasSubstr(furniture))) << furniture;
  std::vector<std::string> expected;
  for (const auto& c : doc["claims"]) expected.push_back(squash(c["text"].get<std::string>()));

  auto file = dir_.write("harbor-page.html", html);
  auto page = open_page(server.port(), "text");
  if (!page) GTEST_SKIP() << skip_reason();
  auto& browser = *page;
  // Drag the file from the desktop onto the text box and let go.
  Json box = browser.eval(
      "(() => { const r = document.getElementById('text').getBoundingClientRect();"
      " return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()");
  Json data{{"items", Json::array()}, {"files", {file.string()}}, {"dragOperationsMask", 1}};
  for (const char* type : {"dragEnter", "dragOver", "drop"})
    browser.call("Input.dispatchDragEvent", {{"type", type}, {"x", box["x"]}, {"y", box["y"]}, {"data", data}});
  std::string status = browser.wait_for("document.getElementById('status').textContent", 10).get<std::string>();
  EXPECT_THAT(status, HasSubstr("harbor-page.html: a web page"));
  EXPECT_EQ(browser.eval("document.getElementById('doc-id').value"), "harbor-page");
  browser.click("#check");
  expect_claims_shown(browser, expected);
  // The report is the extracted article's: its title, author and text, none of the page's furniture.
  const char* report = "document.getElementById('report').contentDocument";
  EXPECT_EQ(browser.eval(std::string(report) + ".querySelector('h1').textContent"),
            "Council backs the Harbour Link bridge");
  EXPECT_THAT(browser.eval(std::string(report) + ".querySelector('dl.meta').textContent").get<std::string>(),
              HasSubstr("Ana Ruiz"));
  std::string article = browser.eval(std::string(report) + ".getElementById('article').textContent");
  EXPECT_THAT(squash(article), HasSubstr("\u201CWhen I joined this council"));
  EXPECT_THAT(article, testing::Not(HasSubstr("cookies")));

  // The same page gzip-compressed, opened with the file chooser: the same claims.
  browser.eval("document.getElementById('doc-id').value = ''");
  auto gz = dir_.write("harbor-page.html.gz", test::gzip(html));
  Json root = browser.call("DOM.getDocument");
  Json input = browser.call("DOM.querySelector", {{"nodeId", root["root"]["nodeId"]}, {"selector", "#file"}});
  browser.call("DOM.setFileInputFiles", {{"files", {gz.string()}}, {"nodeId", input["nodeId"]}});
  ASSERT_TRUE(browser.wait_for("document.getElementById('status').textContent.includes('harbor-page.html.gz')", 10));
  browser.eval(std::string(report) + ".body.textContent = ''");
  browser.click("#check");
  expect_claims_shown(browser, expected);
  EXPECT_EQ(browser.eval("document.getElementById('error').textContent"), "");
}
