// Printable views into a JSON text, so end-to-end assertions read as expected values
// ("MP-000001", "success,message,data"). Each call parses the text anew with simdjson's DOM
// parser; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace onair::e2e {

// The value at `pointer` (RFC 6901, "" is the whole document) as minified JSON
// ("\"MP-000001\"", "10", "null", "{\"a\":1}"); "<absent>" when there is no such value and
// "<invalid JSON: reason>" when `json` does not parse.
std::string Raw(std::string_view json, std::string_view pointer = "");

// Raw of the object at `pointer` without the members named in `dropped`, the others kept in
// their order ("{\"order_id\":\"MP-000001\",...}"); Raw's answer for anything but an object.
std::string RawWithout(std::string_view json, std::string_view pointer,
                       const std::vector<std::string>& dropped);

// The string at `pointer`; for any other value, Raw's answer in angle brackets
// ("<not a string: 10>").
std::string Str(std::string_view json, std::string_view pointer);

// The string at `pointer` as it is, any other value as Raw shows it ("7" for 7 and for "7").
std::string Text(std::string_view json, std::string_view pointer);

// The member names of the object at `pointer` in the order they appear, joined by commas
// ("success,message,data"); "<not an object: ...>" otherwise.
std::string Keys(std::string_view json, std::string_view pointer = "");

// For the array at `pointer`, Raw of `member` of each element ("/order_id"), in order.
std::vector<std::string> Column(std::string_view json, std::string_view pointer,
                                std::string_view member);

// The length of the array at `pointer`, or -1 when it is not an array.
long ArrayLength(std::string_view json, std::string_view pointer);

// `json` minified (key order kept), for whole-body comparisons against the documented bodies.
std::string Minified(std::string_view json);

}  // namespace onair::e2e
