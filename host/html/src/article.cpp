#include <factpipe/html/article.hpp>

#include <stdexcept>

#include "charset.hpp"
#include "content.hpp"
#include "dom.hpp"
#include "inert_markup.hpp"
#include "metadata.hpp"

namespace factpipe::html {

ExtractedArticle extract_article(std::string_view html, const ExtractOptions& options) {
  if (html.size() > options.max_bytes)
    throw std::length_error("the page is " + std::to_string(html.size()) + " bytes, over the limit of " +
                            std::to_string(options.max_bytes));
  ExtractedArticle out;
  DecodedPage page;
  decode_page(html, page);
  out.encoding = page.encoding;
  DocPtr doc = parse_html(without_inert_markup(page.utf8));
  if (!doc) return out;
  read_metadata(doc.get(), out);
  out.text = extract_body(doc.get(), options, out.title);
  return out;
}

}  // namespace factpipe::html
