#include "api/live_reports.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "api/admin_auth.h"
#include "api/customer_auth.h"
#include "api/envelope.h"
#include "api/error_reply.h"
#include "api/json_body.h"
#include "core/page_url.h"
#include "watch/scheduler.h"
#include "wire/json_in.h"

namespace onair::api {
namespace {

constexpr size_t kMaxStreamIdChars = 128;

// 1 to 128 characters without control characters (C0, DEL, C1). The parser has checked that
// the text is UTF-8, so characters are the bytes that are not continuation bytes, and the C1
// controls are U+0080..U+009F, encoded 0xC2 0x80..0x9F.
bool IsStreamId(std::string_view text) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x20 || byte == 0x7F) return false;
    if (byte == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      return false;
    }
    if ((byte & 0xC0) != 0x80) ++chars;
  }
  return chars >= 1 && chars <= kMaxStreamIdChars;
}

void WriteReport(wire::JsonWriter& w, const LiveReport& report) {
  w.BeginObject();
  w.Key("page").String(report.page);
  w.Key("live").Bool(report.live);
  w.Key("viewers").OptionalInt(report.viewers);
  w.Key("stream_id");
  if (report.stream_id) {
    w.String(*report.stream_id);
  } else {
    w.Null();
  }
  w.EndObject();
}

bool HasRole(const Customer& customer, std::string_view role) {
  return std::find(customer.roles.begin(), customer.roles.end(), role) != customer.roles.end();
}

}  // namespace

Result<LiveReport> ParseLiveReport(std::string_view body, TimePoint at) {
  Result<wire::JsonBody> json = wire::JsonBody::Parse(body);
  if (!json.ok()) return json.status();
  LiveReport report;
  report.at = at;

  Field<std::string> url = json->String("url");
  if (url.invalid()) return Status::InvalidArgument(url.error);
  if (url.absent()) return Status::InvalidArgument("url is required");
  Result<std::string> page = CanonicalPage(url.value);
  if (!page.ok()) return page.status();
  report.page = std::move(page).value();

  Field<bool> live = json->Boolean("live");
  if (live.invalid()) return Status::InvalidArgument(live.error);
  if (live.absent()) return Status::InvalidArgument("live is required");
  report.live = live.value;

  Field<int64_t> viewers = json->Integer("viewers");
  if (viewers.invalid()) return Status::InvalidArgument(viewers.error);
  if (viewers.has_value()) {
    if (viewers.value < 0) return Status::InvalidArgument("viewers must be 0 or more");
    report.viewers = viewers.value;
  }

  Field<std::string> stream_id = json->String("stream_id");
  if (stream_id.invalid()) return Status::InvalidArgument(stream_id.error);
  if (stream_id.has_value()) {
    if (!IsStreamId(stream_id.value)) {
      return Status::InvalidArgument(
          "stream_id must be 1 to 128 characters without control characters");
    }
    report.stream_id = std::move(stream_id.value);
  }
  return report;
}

HttpReply PostLiveReport(const ApiContext& ctx, HttpRequest& request) {
  Result<LiveReport> report = ParseLiveReport(request.body(), ctx.clock.Now());
  if (!report.ok()) return StatusReply(report.status(), request.request_id);

  // Logged at debug: a watcher may report every page every minute.
  spdlog::debug("api: live_report request={} page={} live={} viewers={} stream_id={}",
                request.request_id, report->page, report->live,
                report->viewers ? std::to_string(*report->viewers) : "-",
                report->stream_id.value_or("-"));
  HttpReply reply = DataReply([&](wire::JsonWriter& w) { WriteReport(w, *report); });
  ctx.scheduler.Report(std::move(report).value());
  return reply;
}

void AddCustomerLiveReportRoutes(const ApiContext& ctx, Router& router) {
  router.Add(
      "POST", "/api/live-reports",
      WithCustomer(ctx, Budget::kReads, [&ctx](const Customer& customer, HttpRequest& request) {
        // The role before the body: a key without it learns nothing more.
        if (!HasRole(customer, kReporterRole)) {
          return ErrorReply(403, "This key may not use /api/live-reports");
        }
        if (std::optional<HttpReply> refusal = ReadJsonBody(request)) {
          return *std::move(refusal);
        }
        return PostLiveReport(ctx, request);
      }));
}

void AddAdminLiveReportRoutes(const ApiContext& ctx, Router& router) {
  router.Add("POST", "/admin/live-reports", AdminBodyRoute(ctx, PostLiveReport));
}

}  // namespace onair::api
