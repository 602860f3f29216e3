#include "api/customer_auth.h"

#include <spdlog/spdlog.h>

#include "api/error_reply.h"
#include "core/secrets.h"
#include "wire/json_out.h"

namespace onair::api {
namespace {

// A hint of a presented key is safe to log only when the key is long: the hint of a short
// (mistyped, or someone else's) secret could be most of it.
constexpr size_t kMinKeyLengthForHint = 32;

Status Refuse(const HttpRequest& request, std::string_view reason, std::string_view key) {
  spdlog::info("api: auth_failed request={} reason={} key_hint={} key_length={} remote={} path={}",
               request.request_id, reason, key.size() >= kMinKeyLengthForHint ? KeyHint(key) : "-",
               key.size(), request.remote, request.path);
  return Status::Unauthenticated("Invalid or missing API key");
}

}  // namespace

Result<Customer> AuthenticateCustomer(const ApiContext& ctx, const HttpRequest& request) {
  const std::string key = request.Header("X-API-Key");
  if (key.empty()) return Refuse(request, "missing_key", key);

  Result<ApiKey> api_key = ctx.keys.FindByHash(Sha256(key));
  if (!api_key.ok() && api_key.status().code() == Code::kNotFound) {
    return Refuse(request, "unknown_key", key);
  }
  if (!api_key.ok()) return api_key.status().WithContext("find API key");
  if (api_key->revoked) return Refuse(request, "revoked_key", key);

  Result<Customer> customer = ctx.customers.Get(api_key->customer_id);
  if (!customer.ok() && customer.status().code() == Code::kNotFound) {
    return Refuse(request, "key_without_customer", key);
  }
  if (!customer.ok()) return customer.status().WithContext("find the key's customer");
  return customer;
}

HttpReply InvalidKeyReply() {
  wire::JsonWriter w;
  w.BeginObject().Key("detail").String("Invalid or missing API key").EndObject();
  return JsonReply(403, w.Take());
}

Handler WithCustomer(const ApiContext& ctx, Budget budget, CustomerHandler handler) {
  return [&ctx, budget, handler = std::move(handler)](HttpRequest& request) {
    Result<Customer> customer = AuthenticateCustomer(ctx, request);
    if (!customer.ok() && customer.status().code() == Code::kUnauthenticated) {
      return InvalidKeyReply();
    }
    if (!customer.ok()) return StatusReply(customer.status(), request.request_id);

    RateDecision decision = ChargeBudget(ctx, *customer, budget);
    if (!decision.allowed) return RateLimitedReply(decision);

    HttpReply reply = handler(*customer, request);
    AddRateLimitHeaders(decision, reply);
    return reply;
  };
}

}  // namespace onair::api
