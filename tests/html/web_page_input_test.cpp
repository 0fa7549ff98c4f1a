// Web pages as input of `factpipe run`: .html, .htm and .html.gz files and folders of them, their
// metadata, and the files of a folder that no reader takes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include <factpipe/host/input_reader.hpp>
#include <factpipe/html/gzip.hpp>

#include "gzip_data.hpp"
#include "test_paths.hpp"

namespace fs = std::filesystem;
using factpipe::host::InputReader;
using factpipe::test::gzip;
using ::testing::HasSubstr;

namespace {

const std::string kPage = R"(<html lang="en"><head><title>Bridge</title>
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Council approves the bridge",
"datePublished":"2024-06-19","author":{"@type":"Person","name":"Ann Smith"},"publisher":{"name":"The Ledger"},
"url":"https://ledger.example/bridge"}</script></head><body><nav><a href="/">Home</a></nav><article>
<p>The city council voted on Tuesday to spend $1.2 billion on a new bridge, the largest project in its history.</p>
<p>Mayor Lee said the bridge would be finished by 2030, although engineers warned about the river bed.</p>
</article></body></html>)";

class TempDir {
 public:
  TempDir() : path_(fs::temp_directory_path() / ("factpipe-html-test-" + std::to_string(std::random_device{}()))) {
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  fs::path write(const std::string& name, const std::string& content) const {
    std::ofstream(path_ / name, std::ios::binary) << content;
    return path_ / name;
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::vector<factpipe::host::InputItem> read_all(InputReader& r) {
  std::vector<factpipe::host::InputItem> out;
  while (auto item = r.next()) out.push_back(std::move(*item));
  return out;
}

}  // namespace

TEST(WebPageInput, AFolderOfPagesPlainAndGzippedWithTheirMetadata) {
  TempDir dir;
  dir.write("a.html", kPage);
  dir.write("b.htm", kPage);
  dir.write("c.html.gz", gzip(kPage));
  std::istringstream in;
  InputReader reader({dir.path().string()}, factpipe::host::StdinFormat::txt, in);
  auto items = read_all(reader);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_TRUE(reader.skipped().empty());
  EXPECT_EQ(items[0].id, "a");
  EXPECT_EQ(items[2].id, "c");
  for (const auto& item : items) {
    ASSERT_TRUE(item.document) << item.error;
    const auto& d = *item.document;
    EXPECT_EQ(d.text.substr(0, 15), "The city counci");
    EXPECT_NE(d.text.find("history.\n\nMayor Lee"), std::string::npos) << d.text;
    EXPECT_EQ(d.text.find("Home"), std::string::npos);
    EXPECT_EQ(d.metadata.title, "Council approves the bridge");
    EXPECT_EQ(d.metadata.published, "2024-06-19");
    EXPECT_EQ(d.metadata.publisher, "The Ledger");
    EXPECT_EQ(d.metadata.url, "https://ledger.example/bridge");
    EXPECT_EQ(d.metadata.language, "en");
    EXPECT_EQ(d.metadata.authors, std::vector<std::string>{"Ann Smith"});
    EXPECT_FALSE(d.extra.contains("authors"));
    EXPECT_EQ(d.metadata.source_file, item.origin);
  }
}

TEST(WebPageInput, FilesNoReaderTakesAreListedWithTheReason) {
  TempDir dir;
  dir.write("photo.png", "\x89PNG");
  dir.write("notes.md", "# notes");
  dir.write("a.meta.json", "{}");
  std::istringstream in;
  InputReader reader({dir.path().string()}, factpipe::host::StdinFormat::txt, in);
  EXPECT_TRUE(reader.files().empty());
  ASSERT_EQ(reader.skipped().size(), 3u);
  std::map<std::string, std::string> why;
  for (const auto& s : reader.skipped()) why[s.file.filename().string()] = s.reason;
  EXPECT_THAT(why["photo.png"], HasSubstr("not a kind of file factpipe reads"));
  EXPECT_THAT(why["notes.md"], HasSubstr(".html"));
  EXPECT_THAT(why["a.meta.json"], HasSubstr("sidecar"));
}

TEST(WebPageInput, ACorruptGzipPageFailsAloneNamingTheFile) {
  TempDir dir;
  std::string truncated = gzip(kPage);
  truncated.resize(truncated.size() / 2);
  dir.write("bad.html.gz", truncated);
  dir.write("good.html", kPage);
  std::istringstream in;
  InputReader reader({dir.path().string()}, factpipe::host::StdinFormat::txt, in);
  auto items = read_all(reader);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_FALSE(items[0].document);
  EXPECT_THAT(items[0].error, HasSubstr("gzip"));
  EXPECT_THAT(items[0].origin, HasSubstr("bad.html.gz"));
  EXPECT_TRUE(items[1].document);
}

TEST(WebPageInput, GunzipHasACeiling) {
  std::string big = gzip(std::string(1 << 20, 'a'));
  EXPECT_EQ(factpipe::html::gunzip(big, 2 << 20).size(), std::size_t(1) << 20);
  EXPECT_THROW(factpipe::html::gunzip(big, 1000), std::length_error);
  EXPECT_THROW(factpipe::html::gunzip("\x1f\x8bnot really", 1000), std::runtime_error);
}

TEST(WebPageInput, TheBenchmarkPagesAllReadWhenPresent) {
  fs::path dir = fs::path(FACTPIPE_SHARED_DIR) / "datasets/article-extraction/html";
  if (!fs::is_directory(dir)) GTEST_SKIP() << "no benchmark at " << dir;
  std::istringstream in;
  InputReader reader({dir.string()}, factpipe::host::StdinFormat::txt, in);
  auto items = read_all(reader);
  EXPECT_EQ(items.size(), 90u);
  std::size_t with_text = 0;
  for (const auto& item : items) {
    ASSERT_TRUE(item.document) << item.origin << ": " << item.error;
    if (item.document->text.size() > 500) ++with_text;
  }
  EXPECT_GE(with_text, 85u);
}
