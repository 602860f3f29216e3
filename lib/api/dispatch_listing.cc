#include "api/dispatch_listing.h"

#include <fmt/format.h>

#include "api/order_listing.h"
#include "core/order_id.h"

namespace onair::api {

Result<store::DispatchQuery> ParseDispatchListing(const HttpRequest& request,
                                                  std::string_view order_id_prefix) {
  store::DispatchQuery query;
  query.limit = kDefaultPageSize;

  if (std::optional<std::string> status = request.Query("status")) {
    query.state = ParseDispatchState(*status);
    if (!query.state) {
      return Status::InvalidArgument(
          "status must be one of pending, sent, acked, undeliverable, cancelled");
    }
  }

  if (std::optional<std::string> order = request.Query("order")) {
    query.order_seq = ParseOrderId(order_id_prefix, *order);
    if (!query.order_seq) return Status::NotFound(fmt::format("Order {} not found", *order));
  }

  if (std::optional<std::string> limit = request.Query("limit")) {
    Result<size_t> parsed = ParseLimit(*limit);
    if (!parsed.ok()) return parsed.status();
    query.limit = *parsed;
  }

  if (std::optional<std::string> cursor = request.Query("cursor")) {
    query.after_seq = ParseDispatchId(*cursor);
    if (!query.after_seq) return Status::InvalidArgument("cursor is not valid");
  }
  return query;
}

Result<DispatchPage> ListDispatchPage(const store::DispatchStore& dispatches,
                                      store::DispatchQuery query) {
  const size_t page_size = query.limit;
  query.limit = page_size + 1;
  Result<std::vector<Dispatch>> found = dispatches.List(query);
  if (!found.ok()) return found.status().WithContext("list dispatches");

  DispatchPage page;
  page.dispatches = std::move(found).value();
  if (page.dispatches.size() > page_size) {
    page.dispatches.resize(page_size);
    page.next_cursor = FormatDispatchId(page.dispatches.back().seq);
  }
  return page;
}

}  // namespace onair::api
