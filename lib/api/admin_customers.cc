#include "api/admin_customers.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <map>

#include "api/admin_auth.h"
#include "api/admin_body.h"
#include "api/admin_views.h"
#include "api/envelope.h"
#include "api/error_reply.h"
#include "api/json_body.h"
#include "core/secrets.h"
#include "deliver/webhook_signature.h"
#include "deliver/webhook_url.h"

namespace onair::api {
namespace {

// The bounds of a customer's own hourly limits; the same as the config's defaults.
constexpr int64_t kMinRateLimit = 1;
constexpr int64_t kMaxRateLimit = 10'000'000;

bool IsCustomerName(std::string_view name) {
  return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
}

TimePoint NowToSecond(const ApiContext& ctx) {
  return std::chrono::floor<std::chrono::seconds>(ctx.clock.Now());
}

// The roles an admin may give (docs/api.md); "reporter" may push live reports.
constexpr std::string_view kRoles[] = {"reporter"};

// Applies the limits a body gives (absent: unchanged, null: the config default).
Status ApplyLimits(const wire::JsonBody& json, Customer& customer) {
  Result<OptionalChange> rate_limit =
      ReadOptionalInteger(json, "rate_limit", kMinRateLimit, kMaxRateLimit);
  if (!rate_limit.ok()) return rate_limit.status();
  Result<OptionalChange> read_rate_limit =
      ReadOptionalInteger(json, "read_rate_limit", kMinRateLimit, kMaxRateLimit);
  if (!read_rate_limit.ok()) return read_rate_limit.status();

  if (rate_limit->given) customer.rate_limit = rate_limit->value;
  if (read_rate_limit->given) customer.read_rate_limit = read_rate_limit->value;
  return Status::Ok();
}

// What a PATCH did to the webhook, for the answer and the log.
struct WebhookChange {
  std::string_view what = "unchanged";  // "unchanged", "set", "removed"
  std::string secret;                   // the new secret when set: shown once
};

// Applies `webhook` (absent: unchanged; null: removed with its secret; a URL: set with a new
// secret, also when it is the same URL).
Result<WebhookChange> ApplyWebhook(const wire::JsonBody& json, Customer& customer) {
  Field<std::string> url = json.String("webhook");
  if (url.invalid()) return Status::InvalidArgument(url.error);
  if (url.absent()) {
    if (!json.IsNull("webhook")) return WebhookChange{};
    customer.webhook_url.clear();
    customer.webhook_secret.clear();
    return WebhookChange{"removed", ""};
  }
  Result<deliver::WebhookEndpoint> endpoint = deliver::ParseWebhookUrl(url.value);
  if (!endpoint.ok()) return endpoint.status();
  Result<std::string> secret = deliver::GenerateWebhookSecret();
  if (!secret.ok()) return secret.status().WithContext("generate webhook secret");
  customer.webhook_url = std::move(url.value);
  customer.webhook_secret = *secret;
  return WebhookChange{"set", std::move(secret).value()};
}

// Applies `roles` (absent: unchanged; null or []: none), each once, in kRoles' order.
Status ApplyRoles(const wire::JsonBody& json, Customer& customer) {
  Field<std::vector<std::string>> roles = json.StringArray("roles");
  if (roles.invalid()) return Status::InvalidArgument(roles.error);
  if (roles.absent() && !json.IsNull("roles")) return Status::Ok();

  for (const std::string& role : roles.value) {
    if (std::find(std::begin(kRoles), std::end(kRoles), role) == std::end(kRoles)) {
      return Status::InvalidArgument(fmt::format("role \"{}\" is not one of: reporter", role));
    }
  }
  customer.roles.clear();
  for (std::string_view role : kRoles) {
    if (std::find(roles.value.begin(), roles.value.end(), role) != roles.value.end()) {
      customer.roles.emplace_back(role);
    }
  }
  return Status::Ok();
}

std::string JoinRoles(const std::vector<std::string>& roles) {
  std::string joined;
  for (const std::string& role : roles) joined += (joined.empty() ? "" : ",") + role;
  return joined.empty() ? "-" : joined;
}

// A new key for `customer_id`: the key itself (to show once) and its stored record.
Result<std::pair<std::string, ApiKey>> IssueKey(const ApiContext& ctx, uint64_t customer_id) {
  Result<std::string> key = GenerateApiKey();
  if (!key.ok()) return key.status();
  Result<ApiKey> record =
      ctx.keys.Create(customer_id, Sha256(*key), KeyHint(*key), NowToSecond(ctx));
  if (!record.ok()) return record.status().WithContext("store API key");
  return std::make_pair(*std::move(key), *std::move(record));
}

}  // namespace

HttpReply PostCustomer(const ApiContext& ctx, HttpRequest& request) {
  Result<wire::JsonBody> json = wire::JsonBody::Parse(request.body());
  if (!json.ok()) return StatusReply(json.status(), request.request_id);
  Result<std::string> name = ReadRequiredString(*json, "name");
  if (!name.ok()) return StatusReply(name.status(), request.request_id);
  if (!IsCustomerName(*name)) {
    return ErrorReply(400, "name must be 1 to 64 characters of A-Z a-z 0-9 . _ -");
  }
  Customer customer;
  customer.name = *name;
  customer.created_at = NowToSecond(ctx);
  if (Status s = ApplyLimits(*json, customer); !s.ok()) {
    return StatusReply(s, request.request_id);
  }

  Result<Customer> created = ctx.customers.Create(std::move(customer));
  if (!created.ok()) return StatusReply(created.status(), request.request_id);
  Result<std::pair<std::string, ApiKey>> key = IssueKey(ctx, created->id);
  if (!key.ok()) return StatusReply(key.status(), request.request_id);
  spdlog::info("admin: customer_created id={} name={} key_id={} key_hint={}", created->id,
               created->name, key->second.id, key->second.hint);

  return DataReply([&](wire::JsonWriter& w) {
    w.BeginObject();
    WriteCustomerMembers(w, *created, ctx.config, ctx.zone);
    w.Key("key_id").Uint(key->second.id);
    w.Key("key").String(key->first);
    w.EndObject();
  });
}

HttpReply GetCustomers(const ApiContext& ctx, HttpRequest& request) {
  Result<std::vector<Customer>> customers = ctx.customers.List();
  if (!customers.ok()) return StatusReply(customers.status(), request.request_id);
  return DataReply([&](wire::JsonWriter& w) {
    w.BeginArray();
    for (const Customer& customer : *customers) WriteCustomer(w, customer, ctx.config, ctx.zone);
    w.EndArray();
  });
}

HttpReply PatchCustomer(const ApiContext& ctx, HttpRequest& request) {
  Result<Customer> customer = ctx.customers.FindByName(request.captures.at(0));
  if (!customer.ok()) return StatusReply(customer.status(), request.request_id);
  Result<wire::JsonBody> json = wire::JsonBody::Parse(request.body());
  if (!json.ok()) return StatusReply(json.status(), request.request_id);
  if (Status s = ApplyLimits(*json, *customer); !s.ok()) {
    return StatusReply(s, request.request_id);
  }
  Result<WebhookChange> webhook = ApplyWebhook(*json, *customer);
  if (!webhook.ok()) return StatusReply(webhook.status(), request.request_id);
  if (Status s = ApplyRoles(*json, *customer); !s.ok()) {
    return StatusReply(s, request.request_id);
  }

  if (Status s = ctx.customers.Update(*customer); !s.ok()) {
    return StatusReply(s, request.request_id);
  }
  spdlog::info("admin: customer_updated id={} name={} webhook={} roles={}", customer->id,
               customer->name, webhook->what, JoinRoles(customer->roles));
  return DataReply([&](wire::JsonWriter& w) {
    w.BeginObject();
    WriteCustomerMembers(w, *customer, ctx.config, ctx.zone);
    if (!webhook->secret.empty()) w.Key("webhook_secret").String(webhook->secret);
    w.EndObject();
  });
}

HttpReply PostKey(const ApiContext& ctx, HttpRequest& request) {
  Result<wire::JsonBody> json = wire::JsonBody::Parse(request.body());
  if (!json.ok()) return StatusReply(json.status(), request.request_id);
  Result<std::string> name = ReadRequiredString(*json, "customer");
  if (!name.ok()) return StatusReply(name.status(), request.request_id);
  Result<Customer> customer = ctx.customers.FindByName(*name);
  if (!customer.ok()) return StatusReply(customer.status(), request.request_id);

  Result<std::pair<std::string, ApiKey>> key = IssueKey(ctx, customer->id);
  if (!key.ok()) return StatusReply(key.status(), request.request_id);
  spdlog::info("admin: key_created key_id={} customer={} key_hint={}", key->second.id,
               customer->name, key->second.hint);

  return DataReply([&](wire::JsonWriter& w) {
    w.BeginObject();
    w.Key("key_id").Uint(key->second.id);
    w.Key("customer").String(customer->name);
    w.Key("key").String(key->first);
    w.Key("hint").String(key->second.hint);
    w.EndObject();
  });
}

HttpReply GetKeys(const ApiContext& ctx, HttpRequest& request) {
  std::optional<uint64_t> only_customer;
  if (std::optional<std::string> name = request.Query("customer")) {
    Result<Customer> customer = ctx.customers.FindByName(*name);
    if (!customer.ok()) return StatusReply(customer.status(), request.request_id);
    only_customer = customer->id;
  }
  Result<std::map<uint64_t, std::string>> names = CustomerNames(ctx.customers);
  if (!names.ok()) return StatusReply(names.status(), request.request_id);
  Result<std::vector<ApiKey>> keys = ctx.keys.List();
  if (!keys.ok()) return StatusReply(keys.status(), request.request_id);

  return DataReply([&](wire::JsonWriter& w) {
    w.BeginArray();
    for (const ApiKey& key : *keys) {
      if (only_customer && key.customer_id != *only_customer) continue;
      WriteKey(w, key, (*names)[key.customer_id], ctx.zone);
    }
    w.EndArray();
  });
}

HttpReply PostKeyRevoke(const ApiContext& ctx, HttpRequest& request) {
  const std::string& id_text = request.captures.at(0);
  std::optional<uint64_t> id = ParseDecimalId(id_text);
  if (!id)
    return StatusReply(Status::NotFound(fmt::format("Key {} not found", id_text)),
                       request.request_id);

  Result<ApiKey> key = ctx.keys.Revoke(*id);
  if (!key.ok()) return StatusReply(key.status(), request.request_id);
  Result<Customer> customer = ctx.customers.Get(key->customer_id);
  if (!customer.ok()) return StatusReply(customer.status(), request.request_id);
  spdlog::info("admin: key_revoked key_id={} customer={}", key->id, customer->name);

  return DataReply([&](wire::JsonWriter& w) { WriteKey(w, *key, customer->name, ctx.zone); });
}

void AddAdminCustomerRoutes(const ApiContext& ctx, Router& router) {
  router.Add("POST", "/admin/customers", AdminBodyRoute(ctx, PostCustomer));
  router.Add("GET", "/admin/customers", AdminRoute(ctx, GetCustomers));
  router.Add("PATCH", "/admin/customers/([^/]+)", AdminBodyRoute(ctx, PatchCustomer));
  router.Add("POST", "/admin/keys", AdminBodyRoute(ctx, PostKey));
  router.Add("GET", "/admin/keys", AdminRoute(ctx, GetKeys));
  // The revoke takes no body; one sent anyway ("{}") is read and dropped.
  router.Add("POST", "/admin/keys/([^/]+)/revoke",
             WithAdmin(ctx, WithBodyIgnored([&ctx](HttpRequest& request) {
                         return PostKeyRevoke(ctx, request);
                       })));
}

}  // namespace onair::api
