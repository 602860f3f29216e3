#include "api/admin_pages.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "api/admin_auth.h"
#include "api/admin_body.h"
#include "api/admin_views.h"
#include "api/envelope.h"
#include "api/error_reply.h"
#include "core/order_id.h"
#include "core/page_url.h"
#include "watch/scheduler.h"
#include "wire/json_in.h"

namespace onair::api {
namespace {

constexpr size_t kMaxPageIdDigits = 32;
constexpr size_t kMaxTokenBytes = 4096;

void OptionalTime(wire::JsonWriter& w, std::optional<TimePoint> t, const TimeZone& zone) {
  if (t) {
    w.String(zone.Format(*t));
  } else {
    w.Null();
  }
}

void WriteWatchedPage(wire::JsonWriter& w, const watch::WatchedPageView& view,
                      const ApiContext& ctx) {
  const PageState& state = view.state;
  const bool seen_live = state.session != 0;
  w.BeginObject();
  w.Key("page").String(state.page);
  w.Key("live").Bool(state.live);
  w.Key("session").Uint(state.session);
  w.Key("stream_id");
  if (state.stream_id) {
    w.String(*state.stream_id);
  } else {
    w.Null();
  }
  w.Key("viewers").Int(state.viewers);
  w.Key("session_started_at");
  OptionalTime(w, seen_live ? std::optional(state.session_started_at) : std::nullopt, ctx.zone);
  w.Key("last_live_at");
  OptionalTime(w, seen_live ? std::optional(state.last_live_at) : std::nullopt, ctx.zone);
  w.Key("orders").BeginArray();
  for (uint64_t seq : view.order_seqs) w.String(FormatOrderId(ctx.config.order_id_prefix, seq));
  w.EndArray();
  w.Key("next_poll");
  OptionalTime(w, view.next_poll, ctx.zone);
  w.EndObject();
}

// The canonical page of a body's required `url`, with the order API's messages.
Result<std::string> ReadPageUrl(const wire::JsonBody& json) {
  Result<std::string> url = ReadRequiredString(json, "url");
  if (!url.ok()) return url.status();
  return CanonicalPage(*url);
}

bool IsPageId(std::string_view text) {
  return !text.empty() && text.size() <= kMaxPageIdDigits &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsToken(std::string_view text) {
  return !text.empty() && text.size() <= kMaxTokenBytes &&
         std::all_of(text.begin(), text.end(), [](char c) { return c > 0x20 && c < 0x7F; });
}

}  // namespace

HttpReply GetPages(const ApiContext& ctx, HttpRequest& /*request*/) {
  std::vector<watch::WatchedPageView> pages = ctx.scheduler.Pages();
  return DataReply([&](wire::JsonWriter& w) {
    w.BeginArray();
    for (const watch::WatchedPageView& page : pages) WriteWatchedPage(w, page, ctx);
    w.EndArray();
  });
}

HttpReply PostPageConnection(const ApiContext& ctx, HttpRequest& request) {
  Result<wire::JsonBody> json = wire::JsonBody::Parse(request.body());
  if (!json.ok()) return StatusReply(json.status(), request.request_id);
  Result<std::string> page = ReadPageUrl(*json);
  if (!page.ok()) return StatusReply(page.status(), request.request_id);
  Result<std::string> page_id = ReadRequiredString(*json, "page_id");
  if (!page_id.ok()) return StatusReply(page_id.status(), request.request_id);
  if (!IsPageId(*page_id)) return ErrorReply(400, "page_id must be 1 to 32 digits");
  Result<std::string> token = ReadRequiredString(*json, "token");
  if (!token.ok()) return StatusReply(token.status(), request.request_id);
  if (!IsToken(*token)) {
    return ErrorReply(400, "token must be 1 to 4096 printable ASCII characters without spaces");
  }

  Result<store::PageConnection> stored = ctx.page_connections.Put(
      store::PageConnection{*page, *page_id, std::move(token).value(),
                            std::chrono::floor<std::chrono::seconds>(ctx.clock.Now())});
  if (!stored.ok()) return StatusReply(stored.status(), request.request_id);
  spdlog::info("admin: page_connected page={} page_id={} token_hint={}", stored->page,
               stored->page_id, store::PageTokenHint(stored->page_access_token));
  return DataReply([&](wire::JsonWriter& w) { WritePageConnection(w, *stored, ctx.zone); });
}

HttpReply GetPageConnections(const ApiContext& ctx, HttpRequest& request) {
  Result<std::vector<store::PageConnection>> connections = ctx.page_connections.List();
  if (!connections.ok()) return StatusReply(connections.status(), request.request_id);
  return DataReply([&](wire::JsonWriter& w) {
    w.BeginArray();
    for (const store::PageConnection& c : *connections) WritePageConnection(w, c, ctx.zone);
    w.EndArray();
  });
}

HttpReply PostPageConnectionRemove(const ApiContext& ctx, HttpRequest& request) {
  Result<wire::JsonBody> json = wire::JsonBody::Parse(request.body());
  if (!json.ok()) return StatusReply(json.status(), request.request_id);
  Result<std::string> page = ReadPageUrl(*json);
  if (!page.ok()) return StatusReply(page.status(), request.request_id);

  Result<store::PageConnection> connection = ctx.page_connections.Get(*page);
  if (!connection.ok()) return StatusReply(connection.status(), request.request_id);
  if (Status s = ctx.page_connections.Remove(*page); !s.ok()) {
    return StatusReply(s, request.request_id);
  }
  spdlog::info("admin: page_disconnected page={} page_id={}", connection->page,
               connection->page_id);
  return DataReply([&](wire::JsonWriter& w) { WritePageConnection(w, *connection, ctx.zone); });
}

void AddAdminPageRoutes(const ApiContext& ctx, Router& router) {
  router.Add("GET", "/admin/pages", AdminRoute(ctx, GetPages));
  router.Add("POST", "/admin/page-connections", AdminBodyRoute(ctx, PostPageConnection));
  router.Add("GET", "/admin/page-connections", AdminRoute(ctx, GetPageConnections));
  router.Add("POST", "/admin/page-connections/remove",
             AdminBodyRoute(ctx, PostPageConnectionRemove));
}

}  // namespace onair::api
