// How the admin API shows onair's records (docs/api.md, "Admin API"): customers with their
// effective limits, keys without the key, services with `active`, orders with their customer's
// name. Pure functions writing one JSON object each; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "config/config.h"
#include "core/customer.h"
#include "core/order.h"
#include "core/service.h"
#include "core/zoned_time.h"
#include "store/customer_store.h"
#include "store/page_connection_store.h"
#include "wire/json_out.h"

namespace onair::api {

// The members of a customer object without its braces, so POST /admin/customers can add the
// new key: id, name, rate_limit, read_rate_limit (effective), roles, webhook (the URL or null;
// never the secret), created_at.
void WriteCustomerMembers(wire::JsonWriter& w, const Customer& customer, const Config& config,
                          const TimeZone& zone);
void WriteCustomer(wire::JsonWriter& w, const Customer& customer, const Config& config,
                   const TimeZone& zone);

// key_id, customer, hint, revoked, created_at.
void WriteKey(wire::JsonWriter& w, const ApiKey& key, std::string_view customer_name,
              const TimeZone& zone);

// service_id, name, quantity_min, quantity_max, active, created_at.
void WriteServiceForAdmin(wire::JsonWriter& w, const Service& service, const TimeZone& zone);

// The order object of the customer API with `customer` (the name) after `order_id`.
void WriteOrderForAdmin(wire::JsonWriter& w, const Order& order, std::string_view customer_name,
                        const wire::RenderContext& ctx);

// page, page_id, token_hint, connected_at: never the token.
void WritePageConnection(wire::JsonWriter& w, const store::PageConnection& connection,
                         const TimeZone& zone);

// Every customer's name by id, for listings that show whose a key or an order is.
Result<std::map<uint64_t, std::string>> CustomerNames(const store::CustomerStore& customers);

}  // namespace onair::api
