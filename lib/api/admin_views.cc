#include "api/admin_views.h"

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
  w.Key("webhook");
  if (customer.webhook_url.empty()) {
    w.Null();
  } else {
    w.String(customer.webhook_url);
  }
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

void WriteOrderForAdmin(wire::JsonWriter& w, const Order& order, std::string_view customer_name,
                        const wire::RenderContext& ctx) {
  w.BeginObject();
  wire::WriteOrderMembers(w, order, ctx, customer_name);
  w.EndObject();
}

void WritePageConnection(wire::JsonWriter& w, const store::PageConnection& connection,
                         const TimeZone& zone) {
  w.BeginObject();
  w.Key("page").String(connection.page);
  w.Key("page_id").String(connection.page_id);
  w.Key("token_hint").String(store::PageTokenHint(connection.page_access_token));
  w.Key("connected_at").String(zone.Format(connection.connected_at));
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
