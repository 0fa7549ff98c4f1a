// Pages in any charset come out as UTF-8: BOMs, <meta charset>, http-equiv, and undeclared bytes.
#include <gtest/gtest.h>

#include <factpipe/html/article.hpp>
#include <factpipe/utf8.hpp>

using factpipe::html::extract_article;

namespace {
const std::string kBody =
    "Le ministre a d\xE9"
    "clar\xE9 que la r\xE9"
    "forme co\xFB"
    "terait 3 milliards d'euros, "
    "selon le document publi\xE9 mardi \xE0 Paris.";
const std::string kBodyUtf8 =
    "Le ministre a déclaré que la réforme coûterait 3 milliards d'euros, "
    "selon le document publié mardi à Paris.";

std::string page(const std::string& head, const std::string& body) {
  return "<html><head>" + head + "</head><body><article><p>" + body + "</p></article></body></html>";
}
}  // namespace

TEST(Charset, MetaCharsetLatin1IsDecodedAsWindows1252) {
  auto a = extract_article(page("<meta charset=\"ISO-8859-1\">", kBody));
  EXPECT_EQ(a.text, kBodyUtf8);
  EXPECT_EQ(a.encoding, "windows-1252");
}

TEST(Charset, HttpEquivContentType) {
  auto a =
      extract_article(page("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">", kBody));
  EXPECT_EQ(a.text, kBodyUtf8);
}

TEST(Charset, UndeclaredInvalidUtf8FallsBackToWindows1252) {
  EXPECT_EQ(extract_article(page("", kBody)).text, kBodyUtf8);
  EXPECT_EQ(extract_article(page("", kBodyUtf8)).text, kBodyUtf8);  // valid UTF-8 stays as it is
}

TEST(Charset, Utf8BomAndUtf16Bom) {
  EXPECT_EQ(extract_article("\xEF\xBB\xBF" + page("", kBodyUtf8)).text, kBodyUtf8);
  std::string utf8 = page("", kBodyUtf8), utf16 = "\xFF\xFE";
  for (std::size_t i = 0; i < utf8.size();) {
    char32_t c = factpipe::utf8::decode(utf8, i);
    ASSERT_LT(c, 0x10000u);
    utf16 += static_cast<char>(c & 0xFF);
    utf16 += static_cast<char>(c >> 8);
  }
  auto a = extract_article(utf16);
  EXPECT_EQ(a.text, kBodyUtf8);
  EXPECT_EQ(a.encoding, "UTF-16LE");
}

TEST(Charset, DeclaredUtf8WithBadBytesGivesValidUtf8) {
  auto a = extract_article(page("<meta charset=utf-8>", "caf\xE9 is not UTF-8, but the text must be, always, here."));
  EXPECT_FALSE(factpipe::utf8::find_invalid(a.text));
  EXPECT_NE(a.text.find("caf"), std::string::npos);
}

TEST(Charset, OtherCharsetsByIcu) {
  // "Привет, мир" in KOI8-R
  std::string koi8 = "\xF0\xD2\xC9\xD7\xC5\xD4, \xCD\xC9\xD2, this is a sentence long enough to be a paragraph.";
  auto a = extract_article(page("<meta charset=\"koi8-r\">", koi8));
  EXPECT_EQ(a.text, "Привет, мир, this is a sentence long enough to be a paragraph.");
}
