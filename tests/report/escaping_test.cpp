#include <escaping.hpp>

#include <gtest/gtest.h>

using namespace factpipe::report::detail;

TEST(Escaping, HtmlEscapesAllFiveCharacters) {
  EXPECT_EQ(html_escape("<a href=\"x\" title='y'>&</a>"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  EXPECT_EQ(html_escape("Zürich “quoted”"), "Zürich “quoted”");
}

TEST(Escaping, CleansInvalidUtf8AndControls) {
  EXPECT_EQ(clean_text("a\xC3(b"), "a\xEF\xBF\xBD(b");
  EXPECT_EQ(clean_text(std::string("a\0b", 3)),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(clean_text("a\r\nb\tc"), "a\nb\tc");
}

TEST(Escaping, OnlyHttpUrlsAreLinkable) {
  EXPECT_EQ(http_url(" https://example.org/a?b=1 "), "https://example.org/a?b=1");
  EXPECT_EQ(http_url("HTTP://Example.org"), "HTTP://Example.org");
  EXPECT_FALSE(http_url("javascript:alert(1)"));
  EXPECT_FALSE(http_url("JavaScript:alert(1)"));
  EXPECT_FALSE(http_url(" javascript:alert(1)//http://"));
  EXPECT_FALSE(http_url("data:text/html,<script>"));
  EXPECT_FALSE(http_url("https://exa mple.org"));
  EXPECT_FALSE(http_url("https:alert"));
  EXPECT_FALSE(http_url("/relative/path"));
}

TEST(Escaping, RelativeHrefsRefuseSchemesAndParents) {
  EXPECT_EQ(relative_href("reports/a b.html"), "reports/a%20b.html");
  EXPECT_FALSE(relative_href("javascript:alert(1)"));
  EXPECT_FALSE(relative_href("../secret.html"));
  EXPECT_FALSE(relative_href("/etc/passwd"));
  EXPECT_EQ(relative_href("x\"onmouseover=1.html"), "x%22onmouseover%3D1.html");
}

TEST(Escaping, MarkdownSpecialsAreEscaped) {
  EXPECT_EQ(md_escape("a | b *c* _d_ [e](f) <script> `g`"), "a \\| b \\*c\\* \\_d\\_ \\[e\\](f) \\<script\\> \\`g\\`");
  EXPECT_EQ(md_escape("# not a heading\n- not a list\n1. not a list\n7-4 vote"),
            "\\# not a heading\n\\- not a list\n1\\. not a list\n7-4 vote");
  EXPECT_EQ(md_escape("AT&T &amp; co"), "AT&T \\&amp; co");
  EXPECT_EQ(md_escape("from $95 to $104"), "from \\$95 to \\$104");  // not math
  EXPECT_EQ(md_cell("two\nlines | here"), "two lines \\| here");
  EXPECT_EQ(md_link_destination("https://x.org/a (b)|c"), "https://x.org/a%20%28b%29%7Cc");
}
