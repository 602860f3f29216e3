#include "wire/json_in.h"

#include <doctest/doctest.h>

#include <string>

namespace onair::wire {
namespace {

// What JsonBody::Parse makes of `body`: "ok", or "error: " and the message.
std::string ParseProblem(std::string_view body) {
  Result<JsonBody> parsed = JsonBody::Parse(body);
  return parsed.ok() ? "ok" : "error: " + parsed.status().message();
}

// A field, printable: "absent", "value 200" or "invalid: days must be an integer".
template <typename T>
std::string Show(const Field<T>& field) {
  if (field.absent()) return "absent";
  if (field.invalid()) return "invalid: " + field.error;
  if constexpr (std::is_same_v<T, std::string>) {
    return "value " + field.value;
  } else if constexpr (std::is_same_v<T, bool>) {
    return field.value ? "value true" : "value false";
  } else {
    return "value " + std::to_string(field.value);
  }
}

// The `days` field of `{"days": <json>}` under the integer rule.
std::string Days(const std::string& json) {
  Result<JsonBody> body = JsonBody::Parse("{\"days\": " + json + "}");
  REQUIRE(body.ok());
  return Show(body->Integer("days"));
}

OrderRequest ParseOrder(std::string_view json) {
  Result<OrderRequest> request = ParseOrderRequest(json);
  REQUIRE(request.ok());
  return std::move(request).value();
}

const std::string kTapeError =
    "error: Invalid JSON: The JSON document has an improper structure: missing or superfluous "
    "commas, braces, missing keys, etc.";

TEST_CASE("an object body parses") {
  CHECK("ok" == ParseProblem("{\"url\": \"https://facebook.com/username\"}"));
  CHECK("ok" == ParseProblem(" \n{}\n "));
}

TEST_CASE("a leading UTF-8 byte order mark is skipped") {
  Result<JsonBody> body = JsonBody::Parse("\xEF\xBB\xBF{\"days\": 5}");
  REQUIRE(body.ok());
  CHECK("value 5" == Show(body->Integer("days")));
}

TEST_CASE("a byte order mark in the middle is malformed") {
  CHECK(kTapeError == ParseProblem("{}\xEF\xBB\xBF"));
}

TEST_CASE("bytes after the document are malformed") {
  CHECK(kTapeError == ParseProblem("{} x"));
  CHECK(kTapeError == ParseProblem("{}{}"));
  CHECK(kTapeError == ParseProblem("{\"a\": 1}]"));
  CHECK(kTapeError == ParseProblem("{} 1"));
}

TEST_CASE("a NUL byte after the document is malformed") {
  CHECK(ParseProblem(std::string("{}\0", 3)).starts_with("error: Invalid JSON: "));
}

TEST_CASE("an empty body is malformed") {
  CHECK("error: Invalid JSON: Empty: no JSON found" == ParseProblem(""));
  CHECK("error: Invalid JSON: Empty: no JSON found" == ParseProblem("  \n"));
  CHECK("error: Invalid JSON: Empty: no JSON found" == ParseProblem("\xEF\xBB\xBF"));
}

TEST_CASE("malformed JSON says what the parser found") {
  CHECK("error: Invalid JSON: Problem while parsing an atom starting with the letter 'n'" ==
        ParseProblem("{\"a\": nul}"));
  CHECK(kTapeError == ParseProblem("{\"a\": 1,}"));
  CHECK(kTapeError == ParseProblem("{\"a\" 1}"));
  CHECK("error: Invalid JSON: The input is not valid UTF-8" == ParseProblem("{\"a\": \"\xFF\"}"));
}

TEST_CASE("an integer literal past 64 bits is malformed to the parser") {
  CHECK("error: Invalid JSON: Problem while parsing a number" ==
        ParseProblem("{\"days\": 123456789012345678901234567890}"));
}

TEST_CASE("a key given twice is refused") {
  CHECK("error: Invalid JSON: duplicate key \"url\"" ==
        ParseProblem("{\"url\": \"a\", \"days\": 1, \"url\": \"b\"}"));
}

TEST_CASE("a key given twice deep inside is refused") {
  CHECK("error: Invalid JSON: duplicate key \"quantity\"" ==
        ParseProblem("{\"services\": [{\"service_id\": 3}, {\"quantity\": 1, \"quantity\": 2}]}"));
  CHECK("error: Invalid JSON: duplicate key \"c\"" ==
        ParseProblem("{\"a\": {\"b\": [[{\"c\": 1, \"c\": 2}]]}}"));
}

TEST_CASE("keys that are equal once unescaped are the same key") {
  CHECK("error: Invalid JSON: duplicate key \"url\"" ==
        ParseProblem("{\"url\": 1, \"\\u0075rl\": 2}"));
}

TEST_CASE("the same key in different objects is no duplicate") {
  CHECK("ok" == ParseProblem("{\"a\": {\"x\": 1}, \"b\": {\"x\": 1}, \"x\": [{\"x\": 1}]}"));
}

TEST_CASE("a duplicate key is reported before a non-object body") {
  CHECK("error: Invalid JSON: duplicate key \"a\"" == ParseProblem("[{\"a\": 1, \"a\": 2}]"));
}

TEST_CASE("a body that is not an object is refused") {
  for (const char* body : {"[]", "1", "\"x\"", "null", "true", "[{}]"}) {
    CAPTURE(body);
    CHECK("error: Request body must be a JSON object" == ParseProblem(body));
  }
}

TEST_CASE("the integer rule accepts whole numbers and digit strings") {
  CHECK("value 200" == Days("200"));
  CHECK("value 200" == Days("200.0"));
  CHECK("value 200" == Days("2e2"));
  CHECK("value 200" == Days("2.00E+2"));
  CHECK("value 200" == Days("\"200\""));
  CHECK("value 7" == Days("\"007\""));
  CHECK("value 0" == Days("0"));
  CHECK("value -5" == Days("-5"));
  CHECK("value 0" == Days("-0.0"));
  CHECK("value 9223372036854775807" == Days("9223372036854775807"));
  CHECK("value -9223372036854775808" == Days("-9223372036854775808"));
  CHECK("value 9223372036854775807" == Days("\"9223372036854775807\""));
}

TEST_CASE("the integer rule refuses everything else") {
  const char* refused[] = {
      "2.5",
      "\"2x\"",
      "\"-5\"",
      "\"+5\"",
      "\" 5\"",
      "\"5 \"",
      "\"\"",
      "\"2.0\"",
      "true",
      "false",
      "[]",
      "[200]",
      "{}",
      "1e30",
      "-1e30",
      "0.1",
      "9223372036854775808",
      "18446744073709551615",
      "9.3e18",
      "\"9223372036854775808\"",
      "\"99999999999999999999\"",
  };
  for (const char* json : refused) {
    CAPTURE(json);
    CHECK("invalid: days must be an integer" == Days(json));
  }
}

TEST_CASE("an absent or null field is absent") {
  Result<JsonBody> body = JsonBody::Parse("{\"days\": null}");
  REQUIRE(body.ok());
  CHECK("absent" == Show(body->Integer("days")));
  CHECK("absent" == Show(body->Integer("daily_limit")));
  CHECK_FALSE(body->Has("days"));
  CHECK_FALSE(body->Has("daily_limit"));
}

TEST_CASE("only a field given as null is null") {
  Result<JsonBody> body =
      JsonBody::Parse("{\"days\": null, \"daily_limit\": 5, \"url\": \"null\"}");
  REQUIRE(body.ok());
  CHECK(body->IsNull("days"));
  CHECK_FALSE(body->IsNull("daily_limit"));
  CHECK_FALSE(body->IsNull("url"));
  CHECK_FALSE(body->IsNull("services"));
}

TEST_CASE("strings, booleans and string arrays are read or refused by name") {
  Result<JsonBody> body = JsonBody::Parse(
      "{\"name\": \"acme\", \"active\": false, \"roles\": [\"reporter\", \"x\"], \"bad\": 1,"
      " \"mixed\": [\"a\", 1]}");
  REQUIRE(body.ok());

  CHECK(body->Has("name"));
  CHECK("value acme" == Show(body->String("name")));
  CHECK("invalid: bad must be a string" == Show(body->String("bad")));
  CHECK("value false" == Show(body->Boolean("active")));
  CHECK("invalid: name must be true or false" == Show(body->Boolean("name")));
  Field<std::vector<std::string>> roles = body->StringArray("roles");
  REQUIRE(roles.has_value());
  CHECK(std::vector<std::string>{"reporter", "x"} == roles.value);
  CHECK("mixed must be an array of strings" == body->StringArray("mixed").error);
  CHECK("bad must be an array of strings" == body->StringArray("bad").error);
}

TEST_CASE("a JSON body can be moved and still read") {
  Result<JsonBody> parsed = JsonBody::Parse("{\"days\": 9}");
  REQUIRE(parsed.ok());
  JsonBody moved = std::move(parsed).value();
  CHECK("value 9" == Show(moved.Integer("days")));
}

TEST_CASE("the guide's order body is read field by field") {
  OrderRequest request = ParseOrder(
      "{ \"order_id\": \"321421321\", \"url\": \"https://facebook.com/username\", \"daily_limit\": "
      "5, \"days\": 15, \"services\": [ { \"service_id\": 3, \"quantity\": 200, \"min_viewers\": "
      "100 } ] }");

  CHECK("value 321421321" == Show(request.order_id));
  CHECK("value https://facebook.com/username" == Show(request.url));
  CHECK("value 5" == Show(request.daily_limit));
  CHECK("value 15" == Show(request.days));
  REQUIRE(request.services.has_value());
  REQUIRE(1 == request.services.value.size());
  const OrderLineRequest& line = request.services.value[0];
  CHECK("" == line.error);
  CHECK("value 3" == Show(line.service_id));
  CHECK("value 200" == Show(line.quantity));
  CHECK("value 100" == Show(line.min_viewers));
}

TEST_CASE("an integer order_id is kept digit for digit") {
  CHECK("value 321421321" == Show(ParseOrder("{\"order_id\": 321421321}").order_id));
  CHECK("value 18446744073709551615" ==
        Show(ParseOrder("{\"order_id\": 18446744073709551615}").order_id));
  CHECK("value 0" == Show(ParseOrder("{\"order_id\": 0}").order_id));
}

TEST_CASE("an order_id that is neither string nor integer is refused") {
  for (const char* json : {"1.5", "2e2", "true", "[]", "{}"}) {
    CAPTURE(json);
    CHECK("invalid: order_id must be a string or an integer" ==
          Show(ParseOrder(std::string("{\"order_id\": ") + json + "}").order_id));
  }
}

TEST_CASE("null means absent for every optional field") {
  OrderRequest request = ParseOrder(
      "{\"order_id\": null, \"url\": null, \"services\": null, \"daily_limit\": null, \"days\": "
      "null}");

  CHECK("absent" == Show(request.order_id));
  CHECK("absent" == Show(request.url));
  CHECK(request.services.absent());
  CHECK("absent" == Show(request.daily_limit));
  CHECK("absent" == Show(request.days));
}

TEST_CASE("a null min_viewers is absent") {
  OrderRequest request =
      ParseOrder("{\"services\": [{\"service_id\": 3, \"quantity\": 10, \"min_viewers\": null}]}");
  REQUIRE(request.services.has_value());
  CHECK("absent" == Show(request.services.value[0].min_viewers));
}

TEST_CASE("a url that is not a string is kept as unreadable") {
  CHECK("invalid: url must be a string" == Show(ParseOrder("{\"url\": 5}").url));
}

TEST_CASE("services that are not an array are kept as unreadable") {
  OrderRequest request = ParseOrder("{\"services\": {\"service_id\": 3}}");
  CHECK(request.services.invalid());
  CHECK("services must be an array" == request.services.error);
}

TEST_CASE("a services entry that is not an object names its index") {
  OrderRequest request = ParseOrder("{\"services\": [{\"service_id\": 3}, 5, null]}");

  REQUIRE(request.services.has_value());
  REQUIRE(3 == request.services.value.size());
  CHECK("" == request.services.value[0].error);
  CHECK("services[1] must be an object" == request.services.value[1].error);
  CHECK("services[2] must be an object" == request.services.value[2].error);
}

TEST_CASE("services entry fields are named with their index") {
  OrderRequest request = ParseOrder(
      "{\"services\": [{\"service_id\": 3, \"quantity\": 10},"
      " {\"service_id\": \"x\", \"quantity\": 2.5, \"min_viewers\": \"-1\"}]}");

  REQUIRE(request.services.has_value());
  const OrderLineRequest& line = request.services.value[1];
  CHECK("invalid: services[1].service_id must be an integer" == Show(line.service_id));
  CHECK("invalid: services[1].quantity must be an integer" == Show(line.quantity));
  CHECK("invalid: services[1].min_viewers must be an integer" == Show(line.min_viewers));
}

TEST_CASE("unknown fields are ignored") {
  OrderRequest request = ParseOrder(
      "{\"url\": \"https://facebook.com/username\", \"note\": {\"deep\": [1, 2]}, \"services\": "
      "[{\"service_id\": 3, \"quantity\": 200, \"color\": \"red\"}]}");

  CHECK("value https://facebook.com/username" == Show(request.url));
  REQUIRE(request.services.has_value());
  CHECK("value 200" == Show(request.services.value[0].quantity));
}

TEST_CASE("an order body that is not an object is refused before any field") {
  Result<OrderRequest> request = ParseOrderRequest("[{\"url\": 5}]");
  REQUIRE_FALSE(request.ok());
  CHECK("Request body must be a JSON object" == request.status().message());
}

TEST_CASE("parsed then validated, a body reports its first problem in the table's order") {
  auto lookup = [](uint64_t id) -> std::optional<Service> {
    if (id != 3) return std::nullopt;
    return Service{3, "180 Minutes Live Viewers", 10, 5000, true, {}};
  };
  auto problem = [&](std::string_view json) {
    Result<ValidOrder> order = ValidateOrderRequest(ParseOrder(json), lookup, OrderDefaults{});
    return order.ok() ? std::string("ok") : order.status().message();
  };

  CHECK("url must be a string" == problem("{\"url\": 5, \"days\": \"x\"}"));
  CHECK("order_id must be a string or an integer" == problem("{\"order_id\": [], \"url\": 5}"));
  CHECK("services[0].quantity must be an integer" ==
        problem("{\"url\": \"fb.com/x\", \"services\": [{\"service_id\": \"3\", \"quantity\": "
                "true}], \"days\": 0}"));
  CHECK("days must be between 1 and 365" ==
        problem("{\"url\": \"fb.com/x\", \"services\": [{\"service_id\": 3, \"quantity\": "
                "\"200\"}], \"days\": 366}"));
  CHECK("ok" == problem("{\"url\": \"fb.com/x\", \"services\": [{\"service_id\": 3.0, "
                        "\"quantity\": 2e2}]}"));
}

}  // namespace
}  // namespace onair::wire
