// Reading request bodies: strict JSON (whole document, no duplicate keys, no trailing bytes, a
// leading UTF-8 BOM skipped) through simdjson's DOM parser, and the lax integer rules clients of
// the original service rely on. A JsonBody is not thread-safe; use one per request.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/order_request.h"
#include "core/result.h"

namespace onair::wire {

class JsonBody {
 public:
  // kInvalidArgument for malformed JSON ("Invalid JSON: ..."), a duplicated key anywhere
  // ("Invalid JSON: duplicate key \"url\""), or a document that is not an object
  // ("Request body must be a JSON object"). An empty body is malformed JSON.
  static Result<JsonBody> Parse(std::string_view body);

  JsonBody(JsonBody&&) noexcept;
  JsonBody& operator=(JsonBody&&) noexcept;
  ~JsonBody();

  bool Has(std::string_view key) const;     // present and not null
  bool IsNull(std::string_view key) const;  // present and null: "set back to the default"

  // Integer rule: a JSON number without fractional part within int64 (200, 200.0, 2e2) or a
  // string of decimal digits ("200"); otherwise Invalid("<key> must be an integer").
  // Absent or null: Absent().
  Field<int64_t> Integer(std::string_view key) const;
  Field<std::string> String(std::string_view key) const;  // "<key> must be a string"
  Field<bool> Boolean(std::string_view key) const;        // "<key> must be true or false"
  Field<std::vector<std::string>> StringArray(std::string_view key) const;

 private:
  struct Impl;
  explicit JsonBody(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Parses a POST /api/order body into its fields (see core/order_request.h). Only document-level
// problems fail here; field problems are kept in the fields for ValidateOrderRequest.
Result<OrderRequest> ParseOrderRequest(std::string_view body);

}  // namespace onair::wire
