#pragma once
// segmenter -> entities -> quotes, configured from the build tree's plugin data, for the quote tests.
#include <string>

#include <factpipe/document_json.hpp>

#include <factpipe/host/stage_config.hpp>
#include "entities_stage.hpp"
#include "quotes_stage.hpp"
#include "segmenter_stage.hpp"
#include "test_paths.hpp"

namespace factpipe::test {

struct QuotePipeline {
  segmenter::SegmenterStage seg;
  entities::EntitiesStage ent;
  quotes::QuotesStage quo;
  explicit QuotePipeline(const Json& quotes_config = Json::object()) {
    factpipe::host::configure_stage(seg, Json::object(), Context::for_library(plugin_dir() / "factpipe-segmenter.so"));
    factpipe::host::configure_stage(ent, Json::object(), Context::for_library(plugin_dir() / "factpipe-entities.so"));
    factpipe::host::configure_stage(quo, quotes_config, Context::for_library(plugin_dir() / "factpipe-quotes.so"));
  }
  Document run(const std::string& text) {
    Document d = document_from_text("t", text);
    seg.process(d);
    ent.process(d);
    quo.process(d);
    return d;
  }
};

// The quotation whose text is exactly `inner`, or nullptr.
inline const Quote* quote_of(const Document& d, std::string_view inner) {
  for (const auto& q : d.quotes)
    if (d.slice(q.span) == inner) return &q;
  return nullptr;
}

inline std::string speaker_of(const Document& d, std::string_view inner) {
  const Quote* q = quote_of(d, inner);
  if (!q) return "<no quote>";
  if (!q->speaker) return "<none>";
  return q->speaker->name;
}

inline std::string mention_of(const Document& d, std::string_view inner) {
  const Quote* q = quote_of(d, inner);
  if (!q || !q->speaker || !q->speaker->mention) return "<none>";
  return std::string(d.slice(*q->speaker->mention));
}

}  // namespace factpipe::test
