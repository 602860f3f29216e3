// The dispatch listings, GET /api/dispatches and GET /admin/dispatches (docs/api.md): their
// query parameters status, order, limit and cursor, and pages with an exact next_cursor.
// Pure functions over the store; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/http_message.h"
#include "core/dispatch.h"
#include "core/result.h"
#include "store/dispatch_store.h"

namespace onair::api {

// Reads status, order, limit and cursor in that order and returns the first problem:
// kInvalidArgument "status must be one of pending, sent, acked, undeliverable, cancelled",
// the limit messages of ParseLimit, "cursor is not valid"; kNotFound "Order MP-000009 not found"
// for an order id that does not parse (whether a parsed one exists, and whose it is, the caller
// checks). customer_id is left for the caller; `limit` is the page size.
Result<store::DispatchQuery> ParseDispatchListing(const HttpRequest& request,
                                                  std::string_view order_id_prefix);

struct DispatchPage {
  std::vector<Dispatch> dispatches;        // oldest first
  std::optional<std::string> next_cursor;  // the last one's id when more follow
};

// One page of `query`, reading one dispatch past it so next_cursor is set only when another
// page has something in it.
Result<DispatchPage> ListDispatchPage(const store::DispatchStore& dispatches,
                                      store::DispatchQuery query);

}  // namespace onair::api
