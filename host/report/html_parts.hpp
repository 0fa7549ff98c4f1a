#pragma once
// Small HTML pieces shared by the document report and the batch index. Every function escapes what it
// is given; callers pass raw text.
#include <ostream>
#include <string>
#include <string_view>

#include "report_common.hpp"

namespace factpipe::report::detail {

// <!DOCTYPE html> ... <body><div class="page"> with the inline stylesheet; `lang` defaults to "en".
void html_page_open(std::ostream& out, std::string_view lang, std::string_view title);
// </div></body></html> preceded by the footer naming the organisation and date.
void html_page_close(std::ostream& out, const Settings& settings);

// A link when `url` is http(s), else the text followed by the url as plain text (never an href).
std::string html_link(std::string_view url, std::string_view text);
// <span class="badge {css}">{symbol} {text}{extra}</span>; `extra` is escaped too.
std::string html_badge(const Label& label, std::string_view css_prefix, std::string_view extra = {});

}  // namespace factpipe::report::detail
