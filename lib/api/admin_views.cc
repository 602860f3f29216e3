#include "api/admin_views.h"

#include "core/order_id.h"

namespace onair::api {

void WriteCustomerMembers(wire::JsonWriter& w, const Customer& customer, const Config& config,
                          const TimeZone& zone) {
  w.Key("id").Uint(customer.id);
  w.Key("name").String(customer.name);
  w.Key("rate_limit").Int(customer.rate_limit.value_or(config.orders_per_hour));
  w.Key("read_rate_limit").Int(customer.read_rate_limit.value_or(config.reads_per_hour));
  w.Key("roles").BeginArray();
  for (const std::string& role : customer.roles) w.String(role);
  w.EndArray();
  w.Key("created_at").String(zone.Format(customer.created_at));
}

void WriteCustomer(wire::JsonWriter& w, const Customer& customer, const Config& config,
                   const TimeZone& zone) {
  w.BeginObject();
  WriteCustomerMembers(w, customer, config, zone);
  w.EndObject();
}

void WriteKey(wire::JsonWriter& w, const ApiKey& key, std::string_view customer_name,
              const TimeZone& zone) {
  w.BeginObject();
  w.Key("key_id").Uint(key.id);
  w.Key("customer").String(customer_name);
  w.Key("hint").String(key.hint);
  w.Key("revoked").Bool(key.revoked);
  w.Key("created_at").String(zone.Format(key.created_at));
  w.EndObject();
}

void WriteServiceForAdmin(wire::JsonWriter& w, const Service& service, const TimeZone& zone) {
  w.BeginObject();
  w.Key("service_id").Uint(service.id);
  w.Key("name").String(service.name);
  w.Key("quantity_min").Int(service.quantity_min);
  w.Key("quantity_max").Int(service.quantity_max);
  w.Key("active").Bool(service.active);
  w.Key("created_at").String(zone.Format(service.created_at));
  w.EndObject();
}

// NOTE: the same members, in the same order, as wire::WriteOrder plus `customer`. wire offers
// only the closed object; a WriteOrderMembers there would let both share one list.
void WriteOrderForAdmin(wire::JsonWriter& w, const Order& order, std::string_view customer_name,
                        const wire::RenderContext& ctx) {
  w.BeginObject();
  w.Key("order_id").String(FormatOrderId(ctx.order_id_prefix, order.seq));
  w.Key("customer").String(customer_name);
  if (order.customer_order_id) w.Key("customer_order_id").String(*order.customer_order_id);
  w.Key("url").String(order.url);
  w.Key("page").String(order.page);
  w.Key("status").String(OrderStatusName(EffectiveStatus(order, ctx.now)));
  w.Key("created_at").String(ctx.zone->Format(order.created_at));
  w.Key("expires_at").String(ctx.zone->Format(order.expires_at));
  w.Key("daily_limit").Int(order.daily_limit);
  w.Key("days").Int(order.days);

  w.Key("services").BeginArray();
  for (const OrderLine& line : order.services) {
    w.BeginObject();
    w.Key("service_id").Uint(line.service_id);
    w.Key("name").String(line.service_name);
    w.Key("quantity").Int(line.quantity);
    w.Key("min_viewers").OptionalInt(line.min_viewers);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

Result<std::map<uint64_t, std::string>> CustomerNames(const store::CustomerStore& customers) {
  Result<std::vector<Customer>> all = customers.List();
  if (!all.ok()) return all.status();
  std::map<uint64_t, std::string> names;
  for (Customer& customer : *all) names[customer.id] = std::move(customer.name);
  return names;
}

}  // namespace onair::api
