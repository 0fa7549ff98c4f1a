#pragma once
// Making untrusted text (articles, sources, plugin output) safe to embed in HTML and Markdown.
#include <optional>
#include <string>
#include <string_view>

namespace factpipe::report::detail {

// Valid UTF-8 with invalid bytes and C0 controls (except tab and newline) replaced by U+FFFD:
// source passages and titles come from outside and are not checked like the document text.
std::string clean_text(std::string_view s);

// Escapes & < > " ' (safe in element content and in double- or single-quoted attributes); cleans first.
std::string html_escape(std::string_view s);

// `url` trimmed when its scheme is http or https (case-insensitive) and it holds no whitespace or
// control characters; nullopt otherwise (then it is shown as text, never linked).
std::optional<std::string> http_url(std::string_view url);

// A relative path of a report file, usable as href: no scheme, not absolute, no "..", with
// characters outside a safe set percent-encoded. nullopt when unusable.
std::optional<std::string> relative_href(std::string_view path);

// Markdown inline text: backslash-escapes the characters that start emphasis, links, code, HTML and
// table cells (\ ` * _ [ ] < > | ~ $ and entity-like &), and line-start markers (# + - > 1.).
// `line_start`: whether the text begins a line (then block markers at its start are escaped too).
std::string md_escape(std::string_view s, bool line_start = true);
// One table cell: md_escape plus newlines folded into spaces.
std::string md_cell(std::string_view s);
// A link destination for [text](<dest>): the url with spaces, <, >, | and parentheses percent-encoded.
std::string md_link_destination(std::string_view url);

// Whitespace runs collapsed into single spaces, trimmed.
std::string squash_space(std::string_view s);

}  // namespace factpipe::report::detail
