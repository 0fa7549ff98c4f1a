#pragma once
// The layers of a document that a stage reads (`requires`) and writes (`provides`), as types: a misspelt
// built-in layer does not compile, and the host knows where each one lives in the document, so it can check
// the pipeline's order at validate time and, in debug and test builds, that a stage changed only what it
// declared (docs/writing-plugins.md).
//
//   info.requires_layers = {Layer::sentences, Layer::tokens};
//   info.provides_layers = {Layer::custom("wordcount")};  // an out-of-tree plugin's own layer
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <factpipe/export.hpp>

namespace factpipe {

class FACTPIPE_SDK_API Layer {
 public:
  // The layers the SDK knows, and the part of the document each one is.
  enum Builtin : std::uint8_t {
    paragraphs,          // Document::paragraphs
    sentences,           // Document::sentences (their spans and paragraph indices)
    tokens,              // Document::tokens
    markup,              // Document::extra["markup"]: links, handles, hashtags, emoji, bylines (text/social_markup)
    entities,            // Document::entities
    quotes,              // Document::quotes (without their verification)
    claims,              // Document::claims (without their evidence and verdict)
    checkworthiness,     // Sentence::checkworthiness
    evidence,            // Claim::evidence
    verdicts,            // Claim::verdict
    quote_verification,  // Quote::verification
  };
  static constexpr std::uint8_t kBuiltinCount = 11;

  Layer(Builtin b) : builtin_(b) {}  // NOLINT(google-explicit-constructor): Layer::tokens is a Layer
  // A layer the SDK does not know: an out-of-tree plugin's data, in extra["<name>"] of the document and of any
  // annotation (where the plugin writes it). The name is lower-case letters, digits and '_', starting with a
  // letter, at most 64 characters, and not a built-in layer's name; otherwise std::invalid_argument says why.
  static Layer custom(std::string name);
  // A built-in layer by its name, else a custom one (the same checks as custom()).
  static Layer from_name(std::string_view name);

  bool is_custom() const { return !custom_.empty(); }
  Builtin builtin() const { return builtin_; }  // meaningless for a custom layer
  std::string_view name() const;

  bool operator==(const Layer& o) const { return custom_ == o.custom_ && (is_custom() || builtin_ == o.builtin_); }

  static std::string_view builtin_name(Builtin b);
  static const std::vector<Layer>& all_builtin();

 private:
  Builtin builtin_ = paragraphs;
  std::string custom_;  // empty for a built-in layer
};

// What a stage reads and writes. A stage whose layers depend on its config (the segmenter with `tokens: false`
// writes no tokens) says so with
//   static factpipe::StageLayers layers(const factpipe::Json& config);  // config validated, defaults filled
// next to describe(); the host asks it at validate time. Without it, describe()'s lists hold for every config.
struct StageLayers {
  std::vector<Layer> requires_layers;
  std::vector<Layer> provides_layers;
};

FACTPIPE_SDK_API std::vector<std::string> layer_names(const std::vector<Layer>& layers);
FACTPIPE_SDK_API std::vector<Layer> layers_from_names(const std::vector<std::string>& names);

}  // namespace factpipe
