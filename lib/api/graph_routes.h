// The Graph webhook on the customer listener (docs/api.md, "Graph webhook"): GET /graph/webhook,
// Meta's subscription handshake, answered with the challenge as plain text, and POST
// /graph/webhook, live_videos deliveries turned into live reports for the scheduler. No API key:
// deliveries are checked against the app secret. Handlers are thread-safe.
#pragma once

#include "api/api_context.h"
#include "api/http_message.h"
#include "api/router.h"

namespace onair::api {

// REQUIRES: ctx.graph_webhook set; (POST) the body read.
HttpReply GetGraphWebhook(const ApiContext& ctx, HttpRequest& request);
HttpReply PostGraphWebhook(const ApiContext& ctx, HttpRequest& request);

// Adds both routes when ctx.graph_webhook is set, else nothing (the paths stay unknown).
// `ctx` must outlive `router`.
void AddGraphWebhookRoutes(const ApiContext& ctx, Router& router);

}  // namespace onair::api
