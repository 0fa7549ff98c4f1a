#pragma once
// Social-media markup in short posts (links, @handles, #hashtags, emoji, "RT", an embedded tweet's byline),
// found by byte offsets into the text: the text itself is never rewritten. See text/README.md.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <factpipe/document.hpp>

namespace factpipe::text {

enum class MarkupKind { url, handle, hashtag, emoji, retweet, byline };

std::string_view to_string(MarkupKind kind);
MarkupKind markup_kind_from(std::string_view name);  // throws std::invalid_argument naming the kinds

struct Markup {
  Span span;  // byte offsets into the text
  MarkupKind kind = MarkupKind::url;
  std::string words;  // what it reads as: a tag's or handle's words, a byline's name; empty: nothing
  std::string name;   // byline: the display name ("Donald J. Trump")
  std::string date;   // byline: the date, ISO 8601 ("2016-02-25"), empty when unreadable
  bool operator==(const Markup&) const = default;
};

// Every markup span of `text` (valid UTF-8), in text order, never overlapping.
std::vector<Markup> find_social_markup(std::string_view text);

// "FakeNews" -> "Fake News", "COVID19Vaccine" -> "COVID 19 Vaccine", "realDonaldTrump" -> "real Donald Trump".
std::string split_camel_case(std::string_view word);

// The document's markup, as the segmenter wrote it into `extra.markup` (code points there, bytes here);
// found afresh when no stage wrote it (the same spans: the segmenter writes none when there are none).
// Throws std::invalid_argument naming the entry of a malformed `extra.markup`.
std::vector<Markup> markup_of(const Document& doc);
// Writes `markup` into doc.extra["markup"] (code point offsets).
void store_markup(Document& doc, const std::vector<Markup>& markup);

}  // namespace factpipe::text
