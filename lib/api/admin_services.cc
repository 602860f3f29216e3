#include "api/admin_services.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>

#include "api/admin_auth.h"
#include "api/admin_body.h"
#include "api/admin_views.h"
#include "api/envelope.h"
#include "api/error_reply.h"

namespace onair::api {
namespace {

constexpr size_t kMaxServiceNameChars = 100;

// 1 to 100 UTF-8 characters, none of them a control character (names end up in tables).
Status CheckServiceName(std::string_view name) {
  size_t chars = 0;
  bool control = false;
  for (char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte & 0xC0) != 0x80) ++chars;
    if (byte < 0x20 || byte == 0x7F) control = true;
  }
  if (chars < 1 || chars > kMaxServiceNameChars || control) {
    return Status::InvalidArgument("name must be 1 to 100 characters without control characters");
  }
  return Status::Ok();
}

Status CheckQuantities(const Service& service) {
  if (service.quantity_min < 1 || service.quantity_min > service.quantity_max) {
    return Status::InvalidArgument("quantity_min must be between 1 and quantity_max");
  }
  return Status::Ok();
}

// Reads the fields PATCH may change into `service`; absent (or null) fields stay as they are.
Status ApplyServiceChanges(const wire::JsonBody& json, Service& service) {
  Field<std::string> name = json.String("name");
  if (name.invalid()) return Status::InvalidArgument(name.error);
  if (name.has_value()) {
    ONAIR_RETURN_IF_ERROR(CheckServiceName(name.value));
    service.name = std::move(name.value);
  }
  for (auto [key, member] : {std::pair{"quantity_min", &Service::quantity_min},
                             std::pair{"quantity_max", &Service::quantity_max}}) {
    Field<int64_t> quantity = json.Integer(key);
    if (quantity.invalid()) return Status::InvalidArgument(quantity.error);
    if (quantity.has_value()) service.*member = quantity.value;
  }
  Field<bool> active = json.Boolean("active");
  if (active.invalid()) return Status::InvalidArgument(active.error);
  if (active.has_value()) service.active = active.value;
  return CheckQuantities(service);
}

// A new service from a POST body: every field but `active` is required.
Result<Service> ReadNewService(const wire::JsonBody& json) {
  Result<int64_t> id = ReadRequiredInteger(json, "service_id");
  if (!id.ok()) return id.status();
  if (*id < 1) return Status::InvalidArgument("service_id must be 1 or more");
  Result<std::string> name = ReadRequiredString(json, "name");
  if (!name.ok()) return name.status();
  ONAIR_RETURN_IF_ERROR(CheckServiceName(*name));
  Result<int64_t> quantity_min = ReadRequiredInteger(json, "quantity_min");
  if (!quantity_min.ok()) return quantity_min.status();
  Result<int64_t> quantity_max = ReadRequiredInteger(json, "quantity_max");
  if (!quantity_max.ok()) return quantity_max.status();

  Service service;
  service.id = static_cast<uint64_t>(*id);
  service.name = *name;
  service.quantity_min = *quantity_min;
  service.quantity_max = *quantity_max;
  ONAIR_RETURN_IF_ERROR(ApplyServiceChanges(json, service));
  return service;
}

}  // namespace

HttpReply PostService(const ApiContext& ctx, HttpRequest& request) {
  Result<wire::JsonBody> json = wire::JsonBody::Parse(request.body());
  if (!json.ok()) return StatusReply(json.status(), request.request_id);
  Result<Service> service = ReadNewService(*json);
  if (!service.ok()) return StatusReply(service.status(), request.request_id);
  service->created_at = std::chrono::floor<std::chrono::seconds>(ctx.clock.Now());

  Result<Service> created = ctx.services.Create(*std::move(service));
  if (!created.ok()) return StatusReply(created.status(), request.request_id);
  spdlog::info("admin: service_created id={} active={}", created->id, created->active);
  return DataReply([&](wire::JsonWriter& w) { WriteServiceForAdmin(w, *created, ctx.zone); });
}

HttpReply PatchService(const ApiContext& ctx, HttpRequest& request) {
  const std::string& id_text = request.captures.at(0);
  std::optional<uint64_t> id = ParseDecimalId(id_text);
  if (!id) {
    return StatusReply(Status::NotFound(fmt::format("Service {} not found", id_text)),
                       request.request_id);
  }
  Result<Service> service = ctx.services.Get(*id);
  if (!service.ok()) return StatusReply(service.status(), request.request_id);
  Result<wire::JsonBody> json = wire::JsonBody::Parse(request.body());
  if (!json.ok()) return StatusReply(json.status(), request.request_id);
  if (Status s = ApplyServiceChanges(*json, *service); !s.ok()) {
    return StatusReply(s, request.request_id);
  }

  if (Status s = ctx.services.Update(*service); !s.ok()) {
    return StatusReply(s, request.request_id);
  }
  spdlog::info("admin: service_updated id={} active={}", service->id, service->active);
  return DataReply([&](wire::JsonWriter& w) { WriteServiceForAdmin(w, *service, ctx.zone); });
}

HttpReply GetAdminServices(const ApiContext& ctx, HttpRequest& request) {
  Result<std::vector<Service>> services = ctx.services.List();
  if (!services.ok()) return StatusReply(services.status(), request.request_id);
  return DataReply([&](wire::JsonWriter& w) {
    w.BeginArray();
    for (const Service& service : *services) WriteServiceForAdmin(w, service, ctx.zone);
    w.EndArray();
  });
}

void AddAdminServiceRoutes(const ApiContext& ctx, Router& router) {
  router.Add("POST", "/admin/services", AdminBodyRoute(ctx, PostService));
  router.Add("GET", "/admin/services", AdminRoute(ctx, GetAdminServices));
  router.Add("PATCH", "/admin/services/([^/]+)", AdminBodyRoute(ctx, PatchService));
}

}  // namespace onair::api
