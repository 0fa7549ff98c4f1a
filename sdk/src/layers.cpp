#include <factpipe/layers.hpp>

#include <array>
#include <optional>
#include <stdexcept>

namespace factpipe {

namespace {

constexpr std::array<std::string_view, Layer::kBuiltinCount> kNames = {
    "paragraphs", "sentences",       "tokens",   "markup",   "entities",          "quotes",
    "claims",     "checkworthiness", "evidence", "verdicts", "quote_verification"};

std::optional<Layer::Builtin> builtin_named(std::string_view name) {
  for (std::size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == name) return static_cast<Layer::Builtin>(i);
  return std::nullopt;
}

}  // namespace

Layer Layer::custom(std::string name) {
  auto bad = [&](const std::string& why) { return std::invalid_argument("layer name '" + name + "': " + why); };
  if (builtin_named(name)) throw bad("a built-in layer; use Layer::" + name);
  if (name.empty() || name.size() > 64) throw bad("must have 1 to 64 characters");
  if (name[0] < 'a' || name[0] > 'z') throw bad("must start with a lower-case letter");
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
      throw bad("only lower-case letters, digits and '_' (it is a key of extra)");
  Layer l(paragraphs);
  l.custom_ = std::move(name);
  return l;
}

Layer Layer::from_name(std::string_view name) {
  if (auto b = builtin_named(name)) return Layer(*b);
  return custom(std::string(name));
}

std::string_view Layer::name() const { return is_custom() ? std::string_view(custom_) : builtin_name(builtin_); }

std::string_view Layer::builtin_name(Builtin b) { return b < kNames.size() ? kNames[b] : std::string_view("?"); }

const std::vector<Layer>& Layer::all_builtin() {
  static const std::vector<Layer> all = [] {
    std::vector<Layer> v;
    for (std::size_t i = 0; i < kNames.size(); ++i) v.emplace_back(static_cast<Builtin>(i));
    return v;
  }();
  return all;
}

std::vector<std::string> layer_names(const std::vector<Layer>& layers) {
  std::vector<std::string> out;
  out.reserve(layers.size());
  for (const auto& l : layers) out.emplace_back(l.name());
  return out;
}

std::vector<Layer> layers_from_names(const std::vector<std::string>& names) {
  std::vector<Layer> out;
  out.reserve(names.size());
  for (const auto& n : names) out.push_back(Layer::from_name(n));
  return out;
}

}  // namespace factpipe
