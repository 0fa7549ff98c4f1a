#include <factpipe/host/schema_validation.hpp>

#include <algorithm>
#include <filesystem>
#include <stdexcept>

// valijson's JSON pointer code trips GCC 12's -Wrestrict false positive (GCC bug 105329) once inlined.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wrestrict"
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>
#pragma GCC diagnostic pop

#include "json_pointer_text.hpp"

namespace factpipe::host {

namespace {

std::string type_name(const Json& v) {
  if (v.is_number_integer()) return "integer";
  if (v.is_number()) return "number";
  return v.type_name();  // null, boolean, string, array, object
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += ", ";
    out += i;
  }
  return out.empty() ? "none" : out;
}

// The subschema that describes the value at `pointer` (following properties / items), or null.
const Json* schema_at(const Json& schema, const std::string& pointer) {
  const Json* s = &schema;
  std::size_t pos = 1;
  while (pos <= pointer.size() && !pointer.empty()) {
    auto next = pointer.find('/', pos);
    std::string token = pointer.substr(pos, next == std::string::npos ? std::string::npos : next - pos);
    if (s->contains("properties") && (*s)["properties"].contains(token)) {
      s = &(*s)["properties"][token];
    } else if (s->contains("items") && (*s)["items"].is_object()) {
      s = &(*s)["items"];
    } else {
      return nullptr;
    }
    if (next == std::string::npos) break;
    pos = next + 1;
  }
  return s;
}

const Json* value_at(const Json& instance, const std::string& pointer) {
  try {
    return &instance.at(Json::json_pointer(pointer));
  } catch (const std::exception&) {
    return nullptr;
  }
}

// Unknown keys: what valijson says about additionalProperties names no allowed keys and no location.
void find_unknown_keys(const Json& instance, const Json& schema, const std::string& pointer,
                       std::vector<SchemaIssue>& out) {
  if (!schema.is_object()) return;
  if (instance.is_object()) {
    const Json props = schema.value("properties", Json::object());
    bool closed = schema.contains("additionalProperties") && schema["additionalProperties"] == false &&
                  !schema.contains("patternProperties");
    std::vector<std::string> allowed;
    for (auto& [k, v] : props.items()) allowed.push_back(k);
    for (auto& [key, value] : instance.items()) {
      std::string child = join_pointer(pointer, escape_pointer_token(key));
      if (props.contains(key)) {
        find_unknown_keys(value, props[key], child, out);
      } else if (closed) {
        out.push_back({child, "unknown configuration property '" + key + "' (allowed: " + join(allowed) + ")", true});
      }
    }
  } else if (instance.is_array() && schema.contains("items") && schema["items"].is_object()) {
    for (std::size_t i = 0; i < instance.size(); ++i)
      find_unknown_keys(instance[i], schema["items"], join_pointer(pointer, std::to_string(i)), out);
  }
}

std::string context_to_pointer(const std::vector<std::string>& context) {
  std::string p;
  for (const auto& c : context) {
    if (c == "<root>") continue;
    if (c.size() >= 2 && c.front() == '[' && c.back() == ']')
      p += "/" + escape_pointer_token(c.substr(1, c.size() - 2));
    else {
      p += '/';
      p += escape_pointer_token(c);
    }
  }
  return p;
}

// valijson's wording where a plainer one is easy to give.
std::string explain(const std::string& description, const Json& instance, const Json& schema,
                    const std::string& pointer) {
  const Json* sub = schema_at(schema, pointer);
  const Json* value = value_at(instance, pointer);
  if (sub && value) {
    if (description.find("'type' constraint") != std::string::npos && sub->contains("type"))
      return "expected " + ((*sub)["type"].is_string() ? (*sub)["type"].get<std::string>() : (*sub)["type"].dump()) +
             ", got " + type_name(*value) + " " + value->dump();
    if (description.find("enum") != std::string::npos && sub->contains("enum"))
      return "must be one of " + (*sub)["enum"].dump() + ", got " + value->dump();
    if (sub->contains("pattern") && description.find("'pattern'") != std::string::npos)
      return "must match " + (*sub)["pattern"].dump() +
             (sub->contains("description") ? " (" + (*sub)["description"].get<std::string>() + ")" : "") + ", got " +
             value->dump();
    if (sub->contains("minimum") && description.find("greater than") != std::string::npos)
      return "must be >= " + (*sub)["minimum"].dump() + ", got " + value->dump();
    if (sub->contains("maximum") && description.find("less than") != std::string::npos)
      return "must be <= " + (*sub)["maximum"].dump() + ", got " + value->dump();
  }
  return description;
}

}  // namespace

std::string schema_problem(const Json& schema) {
  try {
    valijson::Schema parsed;
    valijson::SchemaParser parser;
    valijson::adapters::NlohmannJsonAdapter adapter(schema);
    parser.populateSchema(adapter, parsed);
    return {};
  } catch (const std::exception& e) {
    return e.what();
  }
}

std::vector<SchemaIssue> validate_against_schema(const Json& instance, const Json& schema) {
  std::vector<SchemaIssue> issues;
  find_unknown_keys(instance, schema, "", issues);

  valijson::Schema parsed;
  valijson::SchemaParser parser;
  valijson::adapters::NlohmannJsonAdapter schema_adapter(schema);
  parser.populateSchema(schema_adapter, parsed);  // throws for a broken schema (checked at load)
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(instance);
  validator.validate(parsed, target, &results);

  std::vector<SchemaIssue> found;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    // Unknown keys were reported above, with the allowed ones.
    if (error.description.starts_with("Object contains a property that could not be validated")) continue;
    found.push_back({context_to_pointer(error.context), error.description, false});
  }
  // valijson also reports every enclosing object and array ("Failed to validate against schema associated
  // with property ..."); keep only the innermost problems.
  for (const auto& f : found) {
    bool has_deeper = std::any_of(found.begin(), found.end(), [&](const SchemaIssue& o) {
      return o.pointer.size() > f.pointer.size() && o.pointer.starts_with(f.pointer) &&
             o.pointer[f.pointer.size()] == '/';
    });
    bool summary = f.message.starts_with("Failed to validate against schema associated with") ||
                   f.message.starts_with("Failed to validate item #");
    if (has_deeper || summary) continue;
    std::string message = explain(f.message, instance, schema, f.pointer);
    bool duplicate = std::any_of(issues.begin(), issues.end(),
                                 [&](const SchemaIssue& o) { return o.pointer == f.pointer && o.message == message; });
    if (!duplicate) issues.push_back({f.pointer, message, false});
  }
  return issues;
}

void fill_defaults(Json& instance, const Json& schema) {
  if (!instance.is_object() || !schema.is_object() || !schema.contains("properties")) return;
  for (auto& [key, sub] : schema["properties"].items()) {
    if (!instance.contains(key)) {
      if (sub.is_object() && sub.contains("default")) instance[key] = sub["default"];
    } else if (instance[key].is_object()) {
      fill_defaults(instance[key], sub);
    }
  }
}

void absolutize_command_line_paths(Json& instance, const Json& schema,
                                   const std::map<std::string, std::string>& overrides, const std::string& pointer) {
  if (!instance.is_object() || !schema.is_object() || !schema.contains("properties")) return;
  auto from_command_line = [&](const std::string& p) {
    for (const auto& [target, origin] : overrides)
      if (p == target || (p.starts_with(target) && p[target.size()] == '/')) return true;
    return false;
  };
  auto absolute = [](Json& v) {
    if (v.is_string() && !v.get<std::string>().empty() && std::filesystem::path(v.get<std::string>()).is_relative())
      v = std::filesystem::absolute(v.get<std::string>()).lexically_normal().string();
  };
  for (auto& [key, value] : instance.items()) {
    if (!schema["properties"].contains(key)) continue;
    const Json& sub = schema["properties"][key];
    std::string child = join_pointer(pointer, escape_pointer_token(key));
    bool is_path = sub.is_object() && sub.value("format", std::string()) == "path";
    bool items_are_paths = sub.is_object() && sub.contains("items") && sub["items"].is_object() &&
                           sub["items"].value("format", std::string()) == "path";
    if (is_path && from_command_line(child)) absolute(value);
    if (items_are_paths && value.is_array())
      for (std::size_t i = 0; i < value.size(); ++i)
        if (from_command_line(join_pointer(child, std::to_string(i)))) absolute(value[i]);
    if (value.is_object()) absolutize_command_line_paths(value, sub, overrides, child);
  }
}

void coerce_scalars_to_schema(Json& instance, const Json& schema, const std::map<std::string, std::string>& raw,
                              const std::string& pointer) {
  if (!schema.is_object()) return;
  auto wants_string = [](const Json& s) {
    if (!s.is_object() || !s.contains("type")) return false;
    const Json& t = s["type"];
    return t == "string" || (t.is_array() && t.size() == 1 && t[0] == "string");
  };
  if (instance.is_object() && schema.contains("properties")) {
    for (auto& [key, value] : instance.items()) {
      if (!schema["properties"].contains(key)) continue;
      const Json& sub = schema["properties"][key];
      std::string child = join_pointer(pointer, escape_pointer_token(key));
      if (!value.is_string() && wants_string(sub)) {
        if (auto it = raw.find(child); it != raw.end()) value = it->second;
      } else {
        coerce_scalars_to_schema(value, sub, raw, child);
      }
    }
  } else if (instance.is_array() && schema.contains("items") && schema["items"].is_object()) {
    for (std::size_t i = 0; i < instance.size(); ++i) {
      std::string child = join_pointer(pointer, std::to_string(i));
      if (!instance[i].is_string() && wants_string(schema["items"])) {
        if (auto it = raw.find(child); it != raw.end()) instance[i] = it->second;
      } else {
        coerce_scalars_to_schema(instance[i], schema["items"], raw, child);
      }
    }
  }
}

}  // namespace factpipe::host
