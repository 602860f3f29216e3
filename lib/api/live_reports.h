// Live reports pushed by the operator's watchers (docs/api.md): POST /api/live-reports for keys
// of customers with the role "reporter", and POST /admin/live-reports. A report is checked,
// canonicalised and queued for the scheduler. Handlers are thread-safe.
#pragma once

#include <string_view>

#include "api/api_context.h"
#include "api/http_message.h"
#include "api/router.h"
#include "core/clock.h"
#include "core/customer.h"
#include "core/live.h"
#include "core/result.h"

namespace onair::api {

// The role a customer needs for POST /api/live-reports.
inline constexpr std::string_view kReporterRole = "reporter";

// Reads a report body: url (canonicalised), live, viewers, stream_id, checked in that order;
// the first problem is kInvalidArgument with the message docs/api.md lists. `at` becomes the
// report's time.
Result<LiveReport> ParseLiveReport(std::string_view body, TimePoint at);

// REQUIRES: the body read; (customer route) the customer authenticated.
HttpReply PostLiveReport(const ApiContext& ctx, HttpRequest& request);

// POST /api/live-reports behind customer auth, its reads budget, the role and the body gate;
// POST /admin/live-reports behind the admin token and the body gate. `ctx` must outlive both.
void AddCustomerLiveReportRoutes(const ApiContext& ctx, Router& router);
void AddAdminLiveReportRoutes(const ApiContext& ctx, Router& router);

}  // namespace onair::api
