// A stage that breaks the layer contract when the text says so, for the host's run-time layer check: it provides
// only its own layer "fixture" (and may write extra["fx_undeclared"] and extra["fixture"]), but
//   WRITE-TOKENS        adds a token (the tokens layer, undeclared)
//   WRITE-FOREIGN-EXTRA writes extra["entities_note"] of the document (another's key, undeclared)
//   WRITE-METADATA      changes the document's title (no stage may)
// and otherwise writes only what it declares. With `require_tokens: true` it requires the tokens layer (its layers
// follow its config, as the segmenter's do).
#include "fixture_stages.hpp"

namespace factpipe::fixture {

class UndeclaredStage : public Stage {
 public:
  static PluginInfo describe() {
    PluginInfo info;
    info.name = "fx_undeclared";
    info.version = "0.1.0";
    info.description = "test fixture: writes layers it does not declare when the text says so";
    info.thread_safe = true;
    info.provides_layers = {Layer::custom("fixture")};
    info.config_schema = Json::parse(R"({"type": "object", "additionalProperties": false, "properties": {
      "require_tokens": {"type": "boolean", "default": false, "description": "require the tokens layer"}}})");
    return info;
  }
  static StageLayers layers(const Json& config) {
    StageLayers l{{}, describe().provides_layers};
    if (config.at("require_tokens").get<bool>()) l.requires_layers.push_back(Layer::tokens);
    return l;
  }
  void configure(const Json&, const Context&) override {}
  void process(Document& doc) override {
    auto says = [&](const char* word) { return doc.text.find(word) != std::string::npos; };
    if (says("WRITE-TOKENS")) doc.tokens.push_back({Span{0, 1}, TokenKind::word});
    if (says("WRITE-FOREIGN-EXTRA")) doc.extra["entities_note"] = "not mine";
    if (says("WRITE-METADATA")) doc.metadata.title = "retitled";
    doc.extra["fx_undeclared"] = "ran";                             // its own key
    for (auto& s : doc.sentences) s.extra["fixture"] = "declared";  // its declared custom layer
  }
};

}  // namespace factpipe::fixture

FACTPIPE_PLUGIN(factpipe::fixture::UndeclaredStage)
