#include <factpipe/json_limits.hpp>

#include <vector>

namespace factpipe {

JsonLimitError::JsonLimitError(const std::string& what) : std::runtime_error(what) {}
JsonLimitError::~JsonLimitError() = default;

std::string json_too_deep(std::size_t max_depth) {
  return "nested deeper than " + std::to_string(max_depth) + " levels (the limit is --max-json-depth)";
}

void check_json_text_depth(std::string_view text, std::size_t max_depth) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;  // the escaped character cannot end the string
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth)
        throw JsonLimitError("JSON " + json_too_deep(max_depth) + " at byte " + std::to_string(i));
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
}

Json parse_json(std::string_view text, std::size_t max_depth) {
  check_json_text_depth(text, max_depth);
  return Json::parse(text);
}

std::size_t json_depth(const Json& j, std::size_t stop_after) {
  // Most values checked are scalars or empty objects (a layer item's `extra`): no walk, no allocation.
  if (!j.is_structured()) return 0;
  if (j.empty()) return 1;
  std::size_t deepest = 0;
  std::vector<std::pair<const Json*, std::size_t>> todo{{&j, 0}};
  while (!todo.empty()) {
    auto [v, depth] = todo.back();
    todo.pop_back();
    if (!v->is_structured()) continue;
    ++depth;
    if (depth > deepest) deepest = depth;
    if (deepest > stop_after) return deepest;
    for (const auto& child : *v)
      if (child.is_structured()) todo.emplace_back(&child, depth);
  }
  return deepest;
}

}  // namespace factpipe
