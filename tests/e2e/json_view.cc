#include "json_view.h"

#include <simdjson.h>

#include <algorithm>
#include <cstdio>

namespace onair::e2e {
namespace {

// Parses `json` and looks up `pointer`; on failure fills `problem` with the printable reason.
bool Lookup(simdjson::dom::parser& parser, std::string_view json, std::string_view pointer,
            simdjson::dom::element& out, std::string& problem) {
  simdjson::padded_string padded(json);
  simdjson::dom::element root;
  if (auto error = parser.parse(padded).get(root)) {
    problem = std::string("<invalid JSON: ") + simdjson::error_message(error) + ">";
    return false;
  }
  if (pointer.empty()) {
    out = root;
    return true;
  }
  if (root.at_pointer(pointer).get(out)) {
    problem = "<absent>";
    return false;
  }
  return true;
}

// `name` as a JSON string: quotes and backslashes escaped, control characters as \u00XX.
std::string QuotedName(std::string_view name) {
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"' || c == '\\') {
      quoted += '\\';
      quoted += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escape[8];
      std::snprintf(escape, sizeof(escape), "\\u%04x", c);
      quoted += escape;
    } else {
      quoted += c;
    }
  }
  return quoted + "\"";
}

}  // namespace

std::string Raw(std::string_view json, std::string_view pointer) {
  simdjson::dom::parser parser;
  simdjson::dom::element value;
  std::string problem;
  if (!Lookup(parser, json, pointer, value, problem)) return problem;
  return simdjson::minify(value);
}

std::string RawWithout(std::string_view json, std::string_view pointer,
                       const std::vector<std::string>& dropped) {
  simdjson::dom::parser parser;
  simdjson::dom::element value;
  std::string problem;
  if (!Lookup(parser, json, pointer, value, problem)) return problem;
  simdjson::dom::object object;
  if (value.get_object().get(object)) return simdjson::minify(value);
  std::string kept = "{";
  for (auto field : object) {
    if (std::find(dropped.begin(), dropped.end(), field.key) != dropped.end()) continue;
    if (kept.size() > 1) kept += ',';
    kept += QuotedName(field.key) + ":" + simdjson::minify(field.value);
  }
  return kept + "}";
}

std::string Str(std::string_view json, std::string_view pointer) {
  simdjson::dom::parser parser;
  simdjson::dom::element value;
  std::string problem;
  if (!Lookup(parser, json, pointer, value, problem)) return problem;
  std::string_view text;
  if (value.get_string().get(text)) return "<not a string: " + simdjson::minify(value) + ">";
  return std::string(text);
}

std::string Text(std::string_view json, std::string_view pointer) {
  simdjson::dom::parser parser;
  simdjson::dom::element value;
  std::string problem;
  if (!Lookup(parser, json, pointer, value, problem)) return problem;
  std::string_view text;
  if (value.get_string().get(text)) return simdjson::minify(value);
  return std::string(text);
}

std::string Keys(std::string_view json, std::string_view pointer) {
  simdjson::dom::parser parser;
  simdjson::dom::element value;
  std::string problem;
  if (!Lookup(parser, json, pointer, value, problem)) return problem;
  simdjson::dom::object object;
  if (value.get_object().get(object)) return "<not an object: " + simdjson::minify(value) + ">";
  std::string names;
  for (auto field : object) {
    if (!names.empty()) names += ',';
    names += field.key;
  }
  return names;
}

std::vector<std::string> Column(std::string_view json, std::string_view pointer,
                                std::string_view member) {
  simdjson::dom::parser parser;
  simdjson::dom::element value;
  std::string problem;
  if (!Lookup(parser, json, pointer, value, problem)) return {problem};
  simdjson::dom::array array;
  if (value.get_array().get(array)) return {"<not an array: " + simdjson::minify(value) + ">"};
  std::vector<std::string> cells;
  for (auto element : array) {
    simdjson::dom::element cell;
    if (element.at_pointer(member).get(cell)) {
      cells.push_back("<absent>");
    } else {
      cells.push_back(simdjson::minify(cell));
    }
  }
  return cells;
}

long ArrayLength(std::string_view json, std::string_view pointer) {
  simdjson::dom::parser parser;
  simdjson::dom::element value;
  std::string problem;
  if (!Lookup(parser, json, pointer, value, problem)) return -1;
  simdjson::dom::array array;
  if (value.get_array().get(array)) return -1;
  return static_cast<long>(array.size());
}

std::string Minified(std::string_view json) {
  return Raw(json, "");
}

}  // namespace onair::e2e
