// Reading inputs (text + sidecar metadata, JSON, JSON lines, directories) and writing outputs.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include <factpipe/document_json.hpp>
#include <factpipe/host/errors.hpp>
#include <factpipe/host/input_reader.hpp>
#include <factpipe/host/output_writer.hpp>

#include "host_test_util.hpp"

using namespace factpipe;
using namespace factpipe::host;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

namespace {

std::vector<InputItem> read_all(const std::vector<std::string>& inputs, StdinFormat stdin_format = StdinFormat::txt,
                                const std::string& stdin_text = "") {
  std::istringstream in(stdin_text);
  InputReader reader(inputs, stdin_format, in);
  std::vector<InputItem> out;
  while (auto item = reader.next()) out.push_back(std::move(*item));
  return out;
}

OutputOptions to(std::string target, std::vector<std::string> formats) {
  OutputOptions o;
  o.target = std::move(target);
  o.formats = std::move(formats);
  return o;
}

}  // namespace

TEST(InputReader, TextFileWithMetadataSidecar) {
  factpipe::test::TempDir dir;
  auto txt = dir.write("story.txt", "Hello there.");
  dir.write("story.meta.json", R"({"id": "s-1", "title": "A story", "url": "https://x", "publisher": "Ledger",
                                   "published": "2026-01-02", "language": "en"})");
  auto items = read_all({txt.string()});
  ASSERT_EQ(items.size(), 1u);
  ASSERT_TRUE(items[0].document) << items[0].error;
  const auto& m = items[0].document->metadata;
  EXPECT_EQ(m.id, "s-1");
  EXPECT_EQ(m.title, "A story");
  EXPECT_EQ(m.publisher, "Ledger");
  EXPECT_EQ(m.published, "2026-01-02");
  EXPECT_EQ(m.source_file, txt.string());
  EXPECT_TRUE(m.authors.empty());
  EXPECT_EQ(items[0].document->text, "Hello there.");
}

TEST(InputReader, TheSidecarGivesAuthorsAsAListOrOneName) {
  factpipe::test::TempDir dir;
  auto two = dir.write("two.txt", "Hello there.");
  dir.write("two.meta.json", R"({"authors": ["Ann Smith", "Bo Lee"]})");
  auto one = dir.write("one.txt", "Hello there.");
  dir.write("one.meta.json", R"({"authors": "Cy Diaz"})");
  auto bad = dir.write("bad.txt", "Hello there.");
  dir.write("bad.meta.json", R"({"authors": [{"name": "Dee"}]})");
  auto items = read_all({two.string(), one.string(), bad.string()});
  ASSERT_EQ(items.size(), 3u);
  ASSERT_TRUE(items[0].document && items[1].document);
  EXPECT_EQ(items[0].document->metadata.authors, (std::vector<std::string>{"Ann Smith", "Bo Lee"}));
  EXPECT_EQ(items[1].document->metadata.authors, std::vector<std::string>{"Cy Diaz"});
  EXPECT_FALSE(items[2].document);
  EXPECT_THAT(items[2].error, HasSubstr("bad.meta.json: 'authors' must be a string or an array of strings"));
}

TEST(InputReader, TextIdIsTheStemAndInvalidUtf8NamesLineAndColumn) {
  factpipe::test::TempDir dir;
  auto good = dir.write("plain.txt", "");
  auto bad = dir.write("broken.txt", "fine line\nab\xC3(");
  auto items = read_all({good.string(), bad.string()});
  ASSERT_EQ(items.size(), 2u);
  ASSERT_TRUE(items[0].document);
  EXPECT_EQ(items[0].document->id(), "plain");  // empty text is a document, not an error
  EXPECT_FALSE(items[1].document);
  EXPECT_EQ(items[1].id, "broken");
  EXPECT_THAT(items[1].error, HasSubstr("invalid UTF-8 at line 2, column 3"));
}

TEST(InputReader, JsonLinesFailOneLineAtATime) {
  factpipe::test::TempDir dir;
  auto f = dir.write("batch.jsonl",
                     "{\"id\": \"a\", \"text\": \"one\"}\n"
                     "{\"id\": \"b\", \"text\": \n"
                     "\n"
                     "{\"text\": \"no id\"}\n"
                     "{\"id\": \"c\", \"text\": \"bad \xFF byte\"}\n"
                     "{\"id\": \"d\", \"txt\": \"typo\"}\n");
  auto items = read_all({f.string()});
  ASSERT_EQ(items.size(), 5u);
  EXPECT_TRUE(items[0].document);
  EXPECT_FALSE(items[1].document);
  EXPECT_EQ(items[1].origin, f.string() + ":2");
  EXPECT_THAT(items[1].error, HasSubstr("parse error"));
  ASSERT_TRUE(items[2].document);
  EXPECT_EQ(items[2].document->id(), "batch-4");  // no id: file stem and line
  EXPECT_FALSE(items[3].document);
  EXPECT_EQ(items[3].origin, f.string() + ":5");
  EXPECT_THAT(items[3].error, HasSubstr("UTF-8"));
  EXPECT_FALSE(items[4].document);
  EXPECT_THAT(items[4].error, HasSubstr("txt"));
}

TEST(InputReader, DirectoriesRecursivelySortedWithoutSidecars) {
  factpipe::test::TempDir dir;
  dir.write("b.txt", "B");
  dir.write("b.meta.json", R"({"title": "bee"})");
  dir.write("b.gold.json", R"({"answers": []})");
  dir.write("sub/a.json", R"({"id": "json-a", "text": "A"})");
  dir.write("a.jsonl", "{\"id\": \"l1\", \"text\": \"x\"}\n{\"id\": \"l2\", \"text\": \"y\"}\n");
  dir.write("notes.md", "ignored");
  auto items = read_all({dir.path().string()});
  std::vector<std::string> ids;
  for (auto& i : items) ids.push_back(i.id);
  EXPECT_THAT(ids, ElementsAre("l1", "l2", "b", "json-a"));
  EXPECT_EQ(items[2].document->metadata.title, "bee");
}

TEST(InputReader, StdinInEachInputFormat) {
  const std::string two_lines = "{\"id\": \"x\", \"text\": \"1\"}\n{\"id\": \"y\", \"text\": \"2\"}\n";
  auto text = read_all({"-"}, StdinFormat::txt, "Some text.\n");
  ASSERT_EQ(text.size(), 1u);
  EXPECT_EQ(text[0].document->id(), "stdin");
  EXPECT_EQ(text[0].document->text, "Some text.\n");
  // JSON lines read as text are one text document: the format is what --input-format says, nothing else
  auto lines_as_text = read_all({"-"}, StdinFormat::txt, two_lines);
  ASSERT_EQ(lines_as_text.size(), 1u);
  EXPECT_EQ(lines_as_text[0].document->text, two_lines);
  auto lines = read_all({"-"}, StdinFormat::jsonl, two_lines);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1].document->id(), "y");
  EXPECT_EQ(lines[1].origin, "stdin:2");

  auto one = read_all({"-"}, StdinFormat::json, "{\"text\": \"One.\", \"metadata\": {\"title\": \"T\"}}");
  ASSERT_EQ(one.size(), 1u);
  ASSERT_TRUE(one[0].document) << one[0].error;
  EXPECT_EQ(one[0].document->id(), "stdin");
  EXPECT_EQ(one[0].document->text, "One.");
  auto array =
      read_all({"-"}, StdinFormat::json, "[{\"id\": \"a\", \"text\": \"A.\"}, {\"text\": 5}, {\"text\": \"C.\"}]");
  ASSERT_EQ(array.size(), 3u);
  EXPECT_EQ(array[0].document->id(), "a");
  EXPECT_FALSE(array[1].document);  // fails alone, named by its place
  EXPECT_EQ(array[1].origin, "stdin[1]");
  EXPECT_EQ(array[2].document->id(), "stdin-3");
  auto broken = read_all({"-"}, StdinFormat::json, "{\"text\": ");
  ASSERT_EQ(broken.size(), 1u);
  EXPECT_FALSE(broken[0].document);
  EXPECT_EQ(broken[0].origin, "stdin");

  auto page = read_all({"-"}, StdinFormat::html,
                       "<html><head><title>Bridge costs</title></head><body><article><p>The harbour bridge will cost "
                       "1.2 billion dollars, the council said on Tuesday.</p></article></body></html>");
  ASSERT_EQ(page.size(), 1u);
  ASSERT_TRUE(page[0].document) << page[0].error;
  EXPECT_EQ(page[0].document->id(), "stdin");
  EXPECT_THAT(page[0].document->text, HasSubstr("harbour bridge will cost 1.2 billion dollars"));
  EXPECT_THAT(page[0].document->text, ::testing::Not(HasSubstr("<p>")));
  EXPECT_EQ(page[0].document->metadata.title, "Bridge costs");
}

TEST(InputReader, StdinFormatNames) {
  EXPECT_EQ(parse_stdin_format("jsonl"), StdinFormat::jsonl);
  EXPECT_EQ(parse_stdin_format("html"), StdinFormat::html);
  try {
    parse_stdin_format("xml");
    FAIL() << "xml accepted";
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("--input-format: 'xml' is not one of txt, json, jsonl, html"));
  }
}

TEST(InputReader, DocumentsOverTheSizeLimitFailAloneWithTheirSizeAndTheLimit) {
  factpipe::test::TempDir dir;
  dir.write("a-small.txt", "Short.");
  dir.write("b-big.txt", std::string(2000, 'x'));
  dir.write("c-big.json", Json{{"id", "json-big"}, {"text", std::string(1500, 'y')}}.dump());
  dir.write("d-lines.jsonl", Json{{"id", "line-big"}, {"text", std::string(1200, 'z')}}.dump() + "\n" +
                                 Json{{"id", "line-small"}, {"text", "fine"}}.dump() + "\n");
  std::istringstream in;
  InputReader reader({dir.path().string()}, StdinFormat::txt, in);
  reader.max_document_bytes(1000);
  reader.defer_parsing(true);
  std::vector<InputItem> items;
  while (auto item = reader.next()) {
    item->parse();
    items.push_back(std::move(*item));
  }
  ASSERT_EQ(items.size(), 5u);
  EXPECT_TRUE(items[0].document);
  EXPECT_FALSE(items[1].document);
  EXPECT_EQ(items[1].id, "b-big");
  EXPECT_EQ(items[1].error, "the document is 2000 bytes, over the limit of 1000 bytes (--max-document-mb)");
  EXPECT_FALSE(items[2].document);
  EXPECT_EQ(items[2].id, "json-big");
  EXPECT_THAT(items[2].error, HasSubstr("over the limit"));
  EXPECT_FALSE(items[3].document);
  EXPECT_EQ(items[3].id, "line-big");
  EXPECT_THAT(items[3].error, HasSubstr("over the limit"));
  ASSERT_TRUE(items[4].document) << items[4].error;
  EXPECT_EQ(items[4].document->text, "fine");
  EXPECT_EQ(document_too_large(40'000'000, 32'000'000),
            "the document is 40.0 MB, over the limit of 32.0 MB (--max-document-mb)");
}

TEST(InputReader, AMissingInputIsAConfigError) {
  std::istringstream in;
  EXPECT_THROW(InputReader({"/no/such/file.txt"}, StdinFormat::txt, in), ConfigError);
}

TEST(OutputWriter, OneFilePerDocumentInADirectoryWithUniqueNames) {
  factpipe::test::TempDir dir;
  std::ostringstream out;
  OutputWriter w(to((dir / "out").string(), {"json", "jsonl"}), out);
  w.write(Document("a/b", "x"));
  w.write(Document("a/b", "y"));
  w.finish();
  EXPECT_TRUE(std::filesystem::exists(dir / "out/a_b.json"));
  EXPECT_TRUE(std::filesystem::exists(dir / "out/a_b-2.json"));
  auto second = Json::parse(factpipe::test::read_file(dir / "out/a_b-2.json"));
  EXPECT_EQ(second["text"], "y");
  auto lines = factpipe::test::read_file(dir / "out/documents.jsonl");
  EXPECT_EQ(std::count(lines.begin(), lines.end(), '\n'), 2);
}

TEST(OutputWriter, StdoutJsonIsAnObjectForOneAndAnArrayForSeveral) {
  std::ostringstream one, two;
  {
    OutputWriter w(to("-", {"json"}), one);
    w.write(Document("a", "x"));
    w.finish();
  }
  {
    OutputWriter w(to("-", {"json"}), two);
    w.write(Document("a", "x"));
    w.write(Document("b", "y"));
    w.finish();
  }
  EXPECT_TRUE(Json::parse(one.str()).is_object());
  EXPECT_EQ(Json::parse(two.str()).size(), 2u);
}

TEST(OutputWriter, RejectsCombinationsThatCannotWork) {
  std::ostringstream out;
  EXPECT_THROW(check_output_options(to("-", {"json", "jsonl"})), ConfigError);
  EXPECT_THROW(check_output_options(to("x.json", {"jsonl", "json"})), ConfigError);
  try {
    check_output_options(to("out", {"pdf"}));
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("unknown format 'pdf' (supported: json, jsonl"));
  }
}

TEST(InputReader, DeferredJsonLinesAreParsedByWhoeverCallsParse) {
  factpipe::test::TempDir dir;
  auto f = dir.write("d.jsonl", "{\"text\": \"one\"}\n{\"id\": 5}\n");
  std::istringstream in;
  InputReader reader({f.string()}, StdinFormat::txt, in);
  reader.defer_parsing(true);
  auto first = reader.next();
  ASSERT_TRUE(first);
  EXPECT_FALSE(first->document);
  first->parse();
  ASSERT_TRUE(first->document) << first->error;
  EXPECT_EQ(first->document->id(), "d-1");
  EXPECT_EQ(first->id, "d-1");
  auto second = reader.next();
  second->parse();
  EXPECT_FALSE(second->document);
  EXPECT_EQ(second->id, f.string() + ":2");
  EXPECT_FALSE(second->error.empty());
}

TEST(InputReader, ARecordMarkedAsAClaimAndAWholeFileOfClaims) {
  factpipe::test::TempDir dir;
  auto f = dir.write("posts.jsonl",
                     "{\"id\": \"a\", \"text\": \"Vaccines contain microchips.\", \"claim\": true}\n"
                     "{\"id\": \"b\", \"text\": \"Read this.\"}\n"
                     "{\"id\": \"c\", \"text\": \"x\", \"claim\": \"yes\"}\n");
  auto items = read_all({f.string()});
  ASSERT_EQ(items.size(), 3u);
  ASSERT_TRUE(items[0].document) << items[0].error;
  EXPECT_EQ(items[0].document->extra["input"]["claim"], true);
  ASSERT_TRUE(items[1].document) << items[1].error;
  EXPECT_FALSE(items[1].document->extra.contains("input"));
  EXPECT_FALSE(items[2].document);  // the flag must be a boolean: the record fails alone, naming the field
  EXPECT_THAT(items[2].error, HasSubstr("/claim"));

  // --claims: every input is one claim, parsed now or later by a worker.
  for (bool deferred : {false, true}) {
    std::istringstream in;
    InputReader reader({f.string()}, StdinFormat::txt, in);
    reader.defer_parsing(deferred);
    reader.as_claims(true);
    auto second = reader.next();
    second = reader.next();
    ASSERT_TRUE(second);
    second->parse();
    ASSERT_TRUE(second->document) << second->error;
    EXPECT_EQ(second->document->extra["input"]["claim"], true) << "deferred " << deferred;
  }
}
