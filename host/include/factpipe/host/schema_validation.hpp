#pragma once
// A stage config against its plugin's JSON Schema (valijson), plus what valijson does not do:
// unknown keys reported Fluent Bit style with the allowed keys, defaults filled in, and
// unquoted YAML scalars turned back into strings where the schema wants a string.
#include <map>
#include <string>
#include <vector>

#include <factpipe/document.hpp>

namespace factpipe::host {

struct SchemaIssue {
  std::string pointer;  // JSON pointer into the instance ("" = the whole instance)
  std::string message;
  bool key = false;  // about the key itself (unknown property): point at the key, not its value
};

std::vector<SchemaIssue> validate_against_schema(const Json& instance, const Json& schema);

// Empty when `schema` is a usable JSON Schema, else why not.
std::string schema_problem(const Json& schema);

// Adds each missing property that has a "default" (recursively into object properties).
void fill_defaults(Json& instance, const Json& schema);

// A relative path given on the command line (--set) is relative to the current folder, as a user expects;
// paths written in the pipeline file stay relative to that file (the stage resolves them). Makes the values
// that came from --set absolute, for every property whose schema says "format": "path" (a string or an array
// of strings). `overrides`: instance pointer -> the --set that put the value there.
void absolutize_command_line_paths(Json& instance, const Json& schema,
                                   const std::map<std::string, std::string>& overrides, const std::string& pointer);

// Where the schema expects a string and the instance has a number/bool that was written unquoted,
// puts back the text as written (raw: instance pointer -> YAML text).
void coerce_scalars_to_schema(Json& instance, const Json& schema, const std::map<std::string, std::string>& raw,
                              const std::string& pointer);

}  // namespace factpipe::host
