// The HTML report as a person sees it: rendered by Debian's chromium, headless. Skips when chromium is
// not installed (CI installs it: scripts/setup.sh --with-browser).
#include <report_writers.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#if defined(FACTPIPE_HAVE_PNG)
#include <png.h>
#endif

#include <escaping.hpp>
#include <test_paths.hpp>

#include "html_check.hpp"
#include "report_fixtures.hpp"

namespace fs = std::filesystem;
using namespace factpipe;
using ::testing::HasSubstr;

namespace {

const fs::path kChromium = "/usr/bin/chromium";

fs::path output_dir() {
  fs::path dir = FACTPIPE_REPORT_OUTPUT_DIR;
  fs::create_directories(dir);
  return dir;
}

void write(const fs::path& p, const std::string& s) {
  std::ofstream out(p, std::ios::binary);
  out << s;
}

std::string quote_arg(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs chromium headless on `html` with `mode` (--screenshot=... or --dump-dom), stdout to `stdout_file`.
// A fresh profile every time, no network, no background services.
int run_chromium(const fs::path& html, const std::string& mode, const fs::path& stdout_file) {
  std::string profile_template = (fs::temp_directory_path() / "factpipe-chromium-XXXXXX").string();
  if (!mkdtemp(profile_template.data())) return -1;
  std::string cmd = "timeout 120 " + kChromium.string() +
                    " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
                    " --disable-background-networking --disable-component-update --disable-sync"
                    " --hide-scrollbars --user-data-dir=" +
                    quote_arg(profile_template) + " --window-size=1280,2000 " + mode + " " +
                    quote_arg("file://" + fs::absolute(html).string()) + " > " + quote_arg(stdout_file.string()) +
                    " 2> " + quote_arg(stdout_file.string() + ".log");
  int rc = std::system(cmd.c_str());
  std::error_code ec;
  fs::remove_all(profile_template, ec);
  return rc;
}

struct Pixels {
  bool decoded = false;
  unsigned width = 0, height = 0;
  std::size_t distinct_colours = 0;
  double non_white = 0;  // fraction of pixels that are not (near) white or the page background
};

#if defined(FACTPIPE_HAVE_PNG)
Pixels decode(const fs::path& png) {
  Pixels px;
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&image, png.string().c_str())) return px;
  image.format = PNG_FORMAT_RGB;
  std::vector<unsigned char> buf(PNG_IMAGE_SIZE(image));
  if (!png_image_finish_read(&image, nullptr, buf.data(), 0, nullptr)) return px;
  px.decoded = true;
  px.width = image.width;
  px.height = image.height;
  std::set<unsigned> colours;
  std::size_t ink = 0, n = static_cast<std::size_t>(image.width) * image.height;
  for (std::size_t i = 0; i < n; ++i) {
    unsigned r = buf[3 * i], g = buf[3 * i + 1], b = buf[3 * i + 2];
    colours.insert(r << 16 | g << 8 | b);
    if (r + g + b < 600) ++ink;  // darker than a light background: text, borders, badges
  }
  px.distinct_colours = colours.size();
  px.non_white = static_cast<double>(ink) / static_cast<double>(n);
  return px;
}
#endif

std::string read(const fs::path& p) { return test::read_file(p); }

// The sequence of start and end tags in the page we wrote and in the DOM chromium built from it. An
// HTML5 parser repairs misnested or misplaced tags by closing, moving or duplicating elements; any such
// repair changes the sequence (every element we write has an explicit end tag, as --dump-dom prints).
void expect_same_elements(const std::string& written, const std::string& dom) {
  std::vector<std::string> ours, theirs;
  for (const auto& t : test::scan_tags(written)) ours.push_back(t.name);
  for (const auto& t : test::scan_tags(dom)) theirs.push_back(t.name);
  EXPECT_GT(std::count(ours.begin(), ours.end(), "mark"), 0);
  ASSERT_EQ(ours.size(), theirs.size());
  for (std::size_t i = 0; i < ours.size(); ++i) ASSERT_EQ(ours[i], theirs[i]) << "tag #" << i;
}

}  // namespace

TEST(BrowserRender, ExampleReportIsVisibleAndItsClaimsTableIsInTheDom) {
  if (!fs::exists(kChromium))
    GTEST_SKIP() << "chromium not installed at " << kChromium << " (apt-get install chromium)";
  fs::path examples = test::source_dir() / "examples";
  ASSERT_TRUE(fs::exists(examples / "articles" / "harbor-bridge-2026.txt")) << "bundled example missing";
  Document d = test::example_document(examples);
  ASSERT_FALSE(d.claims.empty());
  report::Options o;
  o.settings = {{"organisation", "Calder Verify"},
                {"organisation_url", "https://example.org/calderverify"},
                {"date", "2026-03-20"}};
  std::ostringstream html;
  report::write_document("html", d, o, html);
  fs::path page = output_dir() / "harbor-bridge-2026.html";
  write(page, html.str());

  fs::path png = output_dir() / "harbor-bridge-2026.png";
  fs::remove(png);
  int rc = run_chromium(page, "--screenshot=" + quote_arg(png.string()), output_dir() / "screenshot.out");
  ASSERT_EQ(rc, 0) << "chromium failed, see " << (output_dir() / "screenshot.out.log");
  ASSERT_TRUE(fs::exists(png)) << "no screenshot written";
  EXPECT_GT(fs::file_size(png), 20000u) << "screenshot suspiciously small: blank page?";
#if defined(FACTPIPE_HAVE_PNG)
  Pixels px = decode(png);
  ASSERT_TRUE(px.decoded) << png;
  EXPECT_EQ(px.width, 1280u);
  EXPECT_EQ(px.height, 2000u);
  EXPECT_GT(px.distinct_colours, 50u) << "a page of text, badges and highlights has many colours";
  EXPECT_GT(px.non_white, 0.01) << "too little ink: blank page?";
  std::cout << "[ screenshot ] " << png.string() << ": " << px.distinct_colours << " colours, " << px.non_white * 100
            << "% ink\n";
#endif

  fs::path dom_file = output_dir() / "harbor-bridge-2026.dom.html";
  rc = run_chromium(page, "--dump-dom", dom_file);
  ASSERT_EQ(rc, 0) << "chromium --dump-dom failed, see " << dom_file.string() << ".log";
  std::string dom = read(dom_file);
  auto table_at = dom.find("<table class=\"claims\">");
  ASSERT_NE(table_at, std::string::npos) << "claims table not in the DOM";
  std::string table = test::unescape_html(dom.substr(table_at, dom.find("</table>", table_at) - table_at));
  for (const auto& c : d.claims) EXPECT_THAT(table, HasSubstr(report::detail::squash_space(c.text)));
  EXPECT_THAT(table, HasSubstr("Refuted"));
  // The browser's HTML parser kept every element we wrote: nothing was misnested and repaired.
  expect_same_elements(html.str(), dom);
  EXPECT_THAT(table, HasSubstr("Supported"));
  std::cout << "[ report ] " << page.string() << "\n";
}

TEST(BrowserRender, HostileTextCreatesNoElementOrHandlerInTheBrowser) {
  if (!fs::exists(kChromium))
    GTEST_SKIP() << "chromium not installed at " << kChromium << " (apt-get install chromium)";
  std::ostringstream html;
  report::write_document("html", test::hostile_document(), {}, html);
  fs::path page = output_dir() / "hostile.html";
  write(page, html.str());
  fs::path dom_file = output_dir() / "hostile.dom.html";
  ASSERT_EQ(run_chromium(page, "--dump-dom", dom_file), 0) << "see " << dom_file.string() << ".log";
  std::string dom = read(dom_file);
  auto tags = test::scan_tags(dom);
  ASSERT_GT(tags.size(), 50u) << "DOM dump looks empty";
  for (const auto& t : tags) {
    EXPECT_NE(t.name, "script");
    EXPECT_NE(t.name, "img");
    EXPECT_NE(t.name, "b");
    for (const auto& a : t.attributes) EXPECT_NE(a.rfind("on", 0), 0u) << "<" << t.name << " " << a << ">";
  }
  EXPECT_THAT(test::unescape_html(dom), HasSubstr("<script>alert(1)</script>"));  // shown as text
}

TEST(BrowserRender, OverlappingQuotesAndClaimsNeedNoRepairByTheBrowser) {
  if (!fs::exists(kChromium))
    GTEST_SKIP() << "chromium not installed at " << kChromium << " (apt-get install chromium)";
  std::ostringstream html;
  report::Options o;
  o.settings = {{"date", "2026-03-20"}};
  report::write_document("html", test::rich_document(), o, html);
  fs::path page = output_dir() / "rich.html";
  write(page, html.str());
  fs::path dom_file = output_dir() / "rich.dom.html";
  ASSERT_EQ(run_chromium(page, "--dump-dom", dom_file), 0) << "see " << dom_file.string() << ".log";
  expect_same_elements(html.str(), read(dom_file));
}

TEST(BrowserRender, BatchIndexShowsEveryRowAndTheFailure) {
  if (!fs::exists(kChromium))
    GTEST_SKIP() << "chromium not installed at " << kChromium << " (apt-get install chromium)";
  std::vector<report::BatchEntry> entries{report::summarize(test::rich_document(), "rich.html"),
                                          report::summarize(test::hostile_document(), "hostile.html")};
  fs::path examples = test::source_dir() / "examples";
  if (fs::exists(examples / "articles" / "harbor-bridge-2026.txt"))
    entries.push_back(report::summarize(test::example_document(examples), "harbor-bridge-2026.html"));
  report::BatchEntry failed;
  failed.id = "transit-fares-2026";
  failed.title = "Transit fares rise";
  failed.failed = true;
  failed.error = "quotes: stage threw: unbalanced quotation marks at line 12";
  entries.push_back(failed);
  std::ostringstream html;
  report::Options o;
  o.settings = {{"date", "2026-03-20"}};
  report::write_index("html", entries, o, html);
  fs::path page = output_dir() / "index.html";
  write(page, html.str());
  fs::path png = output_dir() / "index.png";
  fs::remove(png);
  ASSERT_EQ(run_chromium(page, "--screenshot=" + quote_arg(png.string()), output_dir() / "index.out"), 0);
  EXPECT_GT(fs::file_size(png), 10000u);
  fs::path dom_file = output_dir() / "index.dom.html";
  ASSERT_EQ(run_chromium(page, "--dump-dom", dom_file), 0);
  std::string dom = test::unescape_html(read(dom_file));
  EXPECT_THAT(dom, HasSubstr("Café owners welcome Zürich bridge plan"));
  EXPECT_THAT(dom, HasSubstr("unbalanced quotation marks at line 12"));
  EXPECT_THAT(dom, HasSubstr("<tr class=\"failed\">"));
}

// What the README's first command produces: the default pipeline's own HTML report of the bundled
// example (not a document built by the test), rendered as a person would see it.
#if defined(FACTPIPE_EXE)
TEST(BrowserRender, DefaultPipelineReportOfTheBundledExample) {
  if (!fs::exists(kChromium))
    GTEST_SKIP() << "chromium not installed at " << kChromium << " (apt-get install chromium)";
  fs::path out = output_dir() / "pipeline";
  fs::remove_all(out);
  fs::path cache = output_dir() / "pipeline-cache";  // the crossref index of the example sources
  std::string cmd = "XDG_CACHE_HOME=" + quote_arg(cache.string()) + " " + quote_arg(FACTPIPE_EXE) + " run -q -c " +
                    quote_arg((test::source_dir() / "config" / "default.yaml").string()) + " --format html,json -o " +
                    quote_arg(out.string()) + " " +
                    quote_arg((test::source_dir() / "examples" / "articles" / "harbor-bridge-2026.txt").string());
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  fs::path page = out / "harbor-bridge-2026.html";
  ASSERT_TRUE(fs::exists(page));
  Json doc = Json::parse(read(out / "harbor-bridge-2026.json"));
  ASSERT_GE(doc["claims"].size(), 10u) << "the example article holds at least 16 claims";
  ASSERT_GE(doc["quotes"].size(), 13u);

  fs::path png = out / "harbor-bridge-2026.png";
  ASSERT_EQ(run_chromium(page, "--screenshot=" + quote_arg(png.string()), out / "screenshot.out"), 0);
  ASSERT_TRUE(fs::exists(png)) << "no screenshot written";
#if defined(FACTPIPE_HAVE_PNG)
  Pixels px = decode(png);
  ASSERT_TRUE(px.decoded) << png;
  EXPECT_GT(px.distinct_colours, 50u);
  EXPECT_GT(px.non_white, 0.01) << "too little ink: blank page?";
#else
  EXPECT_GT(fs::file_size(png), 20000u) << "screenshot suspiciously small: blank page?";
#endif

  fs::path dom_file = out / "harbor-bridge-2026.dom.html";
  ASSERT_EQ(run_chromium(page, "--dump-dom", dom_file), 0);
  std::string dom = read(dom_file);
  auto table_at = dom.find("<table class=\"claims\">");
  ASSERT_NE(table_at, std::string::npos) << "claims table not in the DOM";
  std::string table = test::unescape_html(dom.substr(table_at, dom.find("</table>", table_at) - table_at));
  for (const auto& c : doc["claims"])
    EXPECT_THAT(table, HasSubstr(report::detail::squash_space(c["text"].get<std::string>())));
  // Speakers of the article's quotes are labelled in the page.
  EXPECT_THAT(test::unescape_html(dom), HasSubstr("Lena Ortiz"));
  std::cout << "[ report ] " << page.string() << "\n";
}
#endif
