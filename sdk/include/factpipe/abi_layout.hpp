#pragma once
// The layout of what crosses the library boundary, as the code that includes this header sees it: sizes and
// member offsets of the document's types and of the plugin interface, the compiler, the C++ standard library
// and nlohmann/json. FACTPIPE_PLUGIN exports the plugin's (factpipe_abi_layout); the host compares it with its
// own before anything else, item by item, and names the first that differs (abi_layout_difference). The
// API version says what a plugin means to be compatible with; this says whether its binary actually is.
#include <cstddef>
#include <string>
#include <string_view>

#include <factpipe/document.hpp>
#include <factpipe/layers.hpp>

namespace factpipe {
struct PluginInfo;  // defined in plugin.hpp, which passes its size in
}

namespace factpipe::abi {

// "a=b;c=d;..." in a fixed order.
class LayoutWriter {
 public:
  void add(std::string_view key, std::string_view value) { text_.append(key).append("=").append(value).append(";"); }
  void add(std::string_view key, std::size_t value) { add(key, std::string_view(std::to_string(value))); }
  template <class T>
  void type(std::string_view name) {
    add(std::string("sizeof(") + std::string(name) + ")", sizeof(T));
    add(std::string("alignof(") + std::string(name) + ")", alignof(T));
  }
  // A member's offset, measured on an object (offsetof is not defined for these non-standard-layout types).
  template <class T, class M>
  void member(std::string_view name, const T& object, const M& member) {
    add(std::string("offset(") + std::string(name) + ")",
        static_cast<std::size_t>(reinterpret_cast<const char*>(&member) - reinterpret_cast<const char*>(&object)));
  }
  const std::string& str() const { return text_; }

 private:
  std::string text_;
};

#define FACTPIPE_DETAIL_STR2(x) #x
#define FACTPIPE_DETAIL_STR(x) FACTPIPE_DETAIL_STR2(x)

// The toolchain and library items: these change a layout as surely as a new field does.
inline void toolchain(LayoutWriter& w) {
#if defined(__clang__)
  w.add("compiler", "clang " FACTPIPE_DETAIL_STR(__clang_major__));
#elif defined(__GNUC__)
  w.add("compiler", "gcc " FACTPIPE_DETAIL_STR(__GNUC__));
#else
  w.add("compiler", "unknown");
#endif
#if defined(_LIBCPP_VERSION)
  w.add("stdlib", "libc++ " FACTPIPE_DETAIL_STR(_LIBCPP_VERSION));
#elif defined(__GLIBCXX__)
  w.add("stdlib",
        "libstdc++ " FACTPIPE_DETAIL_STR(__GLIBCXX__) " cxx11-abi " FACTPIPE_DETAIL_STR(_GLIBCXX_USE_CXX11_ABI));
#else
  w.add("stdlib", "unknown");
#endif
  w.add("nlohmann_json", FACTPIPE_DETAIL_STR(NLOHMANN_JSON_VERSION_MAJOR) "." FACTPIPE_DETAIL_STR(
                             NLOHMANN_JSON_VERSION_MINOR) "." FACTPIPE_DETAIL_STR(NLOHMANN_JSON_VERSION_PATCH));
}

// Everything, in a fixed order. `plugin_info_size`: sizeof(PluginInfo) (plugin.hpp includes this header).
inline std::string layout(std::size_t plugin_info_size, std::size_t host_services_size) {
  LayoutWriter w;
  toolchain(w);
  w.type<std::string>("std::string");
  w.type<std::vector<int>>("std::vector");
  w.type<std::optional<double>>("std::optional<double>");
  w.type<Json>("Json");
  w.type<Span>("Span");
  w.type<Metadata>("Metadata");
  w.type<Paragraph>("Paragraph");
  w.type<Sentence>("Sentence");
  w.type<Token>("Token");
  w.type<Mention>("Mention");
  w.type<Entity>("Entity");
  w.type<Speaker>("Speaker");
  w.type<DiffOp>("DiffOp");
  w.type<QuoteVerification>("QuoteVerification");
  w.type<Quote>("Quote");
  w.type<Evidence>("Evidence");
  w.type<Verdict>("Verdict");
  w.type<Claim>("Claim");
  w.type<StageRun>("StageRun");
  w.type<Provenance>("Provenance");
  w.type<Document>("Document");
  w.type<Layer>("Layer");
  w.type<StageLayers>("StageLayers");
  w.add("sizeof(PluginInfo)", plugin_info_size);
  w.add("sizeof(factpipe_host)", host_services_size);
  const Document d;
  w.member("Document::text", d, d.text);
  w.member("Document::metadata", d, d.metadata);
  w.member("Document::paragraphs", d, d.paragraphs);
  w.member("Document::sentences", d, d.sentences);
  w.member("Document::tokens", d, d.tokens);
  w.member("Document::entities", d, d.entities);
  w.member("Document::quotes", d, d.quotes);
  w.member("Document::claims", d, d.claims);
  w.member("Document::layers", d, d.layers);
  w.member("Document::provenance", d, d.provenance);
  w.member("Document::extra", d, d.extra);
  const Metadata m;
  w.member("Metadata::authors", m, m.authors);
  const Sentence s;
  w.member("Sentence::checkworthiness", s, s.checkworthiness);
  w.member("Sentence::extra", s, s.extra);
  const Quote q;
  w.member("Quote::speaker", q, q.speaker);
  w.member("Quote::verification", q, q.verification);
  w.member("Quote::extra", q, q.extra);
  const Claim c;
  w.member("Claim::evidence", c, c.evidence);
  w.member("Claim::verdict", c, c.verdict);
  w.member("Claim::extra", c, c.extra);
  return w.str();
}

// Empty when the layouts agree; otherwise the first item that differs, both ways ("sizeof(Document): plugin 712,
// host 736"), or what is missing.
inline std::string layout_difference(std::string_view plugin, std::string_view host) {
  auto next = [](std::string_view& rest, std::string_view& key, std::string_view& value) {
    if (rest.empty()) return false;
    auto semi = rest.find(';');
    std::string_view item = rest.substr(0, semi);
    rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
    auto eq = item.find('=');
    key = item.substr(0, eq);
    value = eq == std::string_view::npos ? std::string_view() : item.substr(eq + 1);
    return true;
  };
  std::string_view p = plugin, h = host, pk, pv, hk, hv;
  while (true) {
    bool has_p = next(p, pk, pv), has_h = next(h, hk, hv);
    if (!has_p && !has_h) return {};
    if (!has_p) return std::string(hk) + ": the plugin does not say (host " + std::string(hv) + ")";
    if (!has_h) return std::string(pk) + ": the host does not know it (plugin " + std::string(pv) + ")";
    if (pk != hk)
      return "the layouts list different items (plugin " + std::string(pk) + ", host " + std::string(hk) + ")";
    if (pv != hv) return std::string(pk) + ": plugin " + std::string(pv) + ", host " + std::string(hv);
  }
}

}  // namespace factpipe::abi
