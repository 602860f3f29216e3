#include "api/graph_routes.h"

#include <spdlog/spdlog.h>

#include "api/envelope.h"
#include "api/error_reply.h"
#include "api/json_body.h"
#include "watch/graph_webhook.h"
#include "watch/scheduler.h"

namespace onair::api {

HttpReply GetGraphWebhook(const ApiContext& ctx, HttpRequest& request) {
  Result<std::string> challenge = ctx.graph_webhook->VerifyHandshake(
      request.Query("hub.mode").value_or(""), request.Query("hub.verify_token").value_or(""),
      request.Query("hub.challenge").value_or(""));
  if (!challenge.ok()) {
    spdlog::info("api: graph_handshake_refused request={} remote={} error=\"{}\"",
                 request.request_id, request.remote, challenge.status().message());
    return StatusReply(challenge.status(), request.request_id);
  }
  spdlog::info("api: graph_handshake request={} remote={}", request.request_id, request.remote);
  return TextReply(200, std::move(challenge).value());
}

HttpReply PostGraphWebhook(const ApiContext& ctx, HttpRequest& request) {
  Result<std::vector<LiveReport>> reports =
      ctx.graph_webhook->HandleDelivery(request.body(), request.Header("X-Hub-Signature-256"));
  if (!reports.ok()) {
    spdlog::info("api: graph_delivery_refused request={} remote={} error=\"{}\"",
                 request.request_id, request.remote, reports.status().message());
    return StatusReply(reports.status(), request.request_id);
  }

  const size_t count = reports->size();
  for (LiveReport& report : *reports) {
    spdlog::info("api: graph_report request={} page={} live={} stream_id={}", request.request_id,
                 report.page, report.live, report.stream_id.value_or("-"));
    ctx.scheduler.Report(std::move(report));
  }
  return DataReply(
      [&](wire::JsonWriter& w) { w.BeginObject().Key("reports").Uint(count).EndObject(); });
}

void AddGraphWebhookRoutes(const ApiContext& ctx, Router& router) {
  if (ctx.graph_webhook == nullptr) return;
  router.Add("GET", "/graph/webhook",
             [&ctx](HttpRequest& request) { return GetGraphWebhook(ctx, request); });
  router.Add("POST", "/graph/webhook",
             WithJsonBody([&ctx](HttpRequest& request) { return PostGraphWebhook(ctx, request); }));
}

}  // namespace onair::api
