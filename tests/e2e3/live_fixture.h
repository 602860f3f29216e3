// Helpers for the end-to-end tests of live detection and delivery: a config with a short retry
// schedule, admin shortcuts for webhooks, roles, orders and live reports, waits that poll the
// real onaird (never sleep "long enough"), and printable forms of dispatches so assertions read
// as the documented values. Built on tests/e2e's Daemon. Thread-safe unless noted.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "daemon_fixture.h"
#include "http_answer.h"
#include "receiver_process.h"

namespace onair::e2e3 {

using e2e::Daemon;
using e2e::DaemonConfig;
using e2e::HttpAnswer;

// How long a wait may take before it fails the test: far beyond what a slow shared machine
// needs, since each wait returns as soon as its condition holds.
inline constexpr std::chrono::seconds kWaitDeadline{60};

// The fixture's config (zone Asia/Manila) with webhook retries every second, no jitter, and a
// short attempt timeout, so retry scenarios take seconds.
DaemonConfig LiveConfig();

// A loopback port that nothing listened on a moment ago (bound to port 0, then closed).
uint16_t FreePort();

// Calls `done` every 20 ms until it returns true; false when `deadline` passes first.
bool Eventually(const std::function<bool()>& done,
                std::chrono::milliseconds deadline = kWaitDeadline);

// REQUIREs that `done` becomes true in time; the failure names `what`, shows `last_seen()` and
// the daemon's log.
void AwaitOrFail(const Daemon& daemon, const std::string& what, const std::function<bool()>& done,
                 const std::function<std::string()>& last_seen);

// PATCH /admin/customers/{name} {"webhook": url}; returns the signing secret ("whsec_...").
std::string SetWebhook(const Daemon& daemon, const std::string& customer, const std::string& url);
// PATCH /admin/customers/{name} {"roles": roles_json}.
void SetRoles(const Daemon& daemon, const std::string& customer, const std::string& roles_json);

// POST /api/order with `key`; REQUIREs a 200 and returns the order id ("MP-000001").
std::string PlaceOrder(const Daemon& daemon, const std::string& key, const std::string& body);

// The body of a live report ({"url", "live", "viewers", "stream_id"}); `viewers` < 0 and an
// empty `stream_id` leave those fields out.
std::string ReportBody(const std::string& url, bool live, int viewers = -1,
                       const std::string& stream_id = "");
// POST /admin/live-reports with that body; REQUIREs a 200.
void AdminReport(const Daemon& daemon, const std::string& url, bool live, int viewers = -1,
                 const std::string& stream_id = "");

// The page's watch state from GET /admin/pages, as "live=true session=2 stream_id="b"
// viewers=20", or "<not watched>".
std::string PageState(const Daemon& daemon, const std::string& page);
// Waits until PageState(page) is `expected` (the scheduler has applied the report or poll).
void AwaitPageState(const Daemon& daemon, const std::string& page, const std::string& expected);

// GET /admin/dispatches?<query> (limit 100 added); REQUIREs a 200 and returns the body.
std::string AdminDispatches(const Daemon& daemon, const std::string& query = "");
// One line per dispatch of the array at `pointer`:
// "D-000001 MP-000001 service 1 stream "s1" viewers 20 pending".
std::vector<std::string> DispatchLines(std::string_view json, std::string_view pointer);
// Waits until GET /admin/dispatches?<query> lists exactly `count` dispatches.
void AwaitDispatchCount(const Daemon& daemon, const std::string& query, long count);
// Waits until DispatchLines of GET /admin/dispatches?<query> are `expected`.
void AwaitDispatchLines(const Daemon& daemon, const std::string& query,
                        const std::vector<std::string>& expected);

// A customer whose webhook is a ReceiverProcess started with the customer's signing secret.
struct WebhookCustomer {
  std::string key;
  std::unique_ptr<ReceiverProcess> receiver;
};
// Adds customer `name`, sets its webhook to a free port and starts the receiver there with the
// secret onaird made (the receiver answers 500 to its first `fail_first` verified deliveries).
WebhookCustomer AddWebhookCustomer(const Daemon& daemon, const std::string& name,
                                   int fail_first = 0);
// Waits until `receiver` has received at least `count` deliveries; returns them all.
std::vector<ReceivedDelivery> AwaitDeliveries(const Daemon& daemon, const ReceiverProcess& receiver,
                                              size_t count);

// What a dispatch's webhook body must say, members in the documented order.
struct ExpectedDispatch {
  std::string id;
  std::string order_id;
  std::string customer_order_id;  // "" for an order without one (then null)
  std::string url;
  std::string page;
  std::string stream_id;  // "" when the detector gave none (then null)
  int service_id = 0;
  std::string service_name;
  int quantity = 0;
  int min_viewers = -1;  // -1: not set (null)
  int viewers = 0;
};
// The documented webhook body of `dispatch` without `detected_at`, minified.
std::string WebhookBodyWithoutTime(const ExpectedDispatch& dispatch);

// "ok" when `text` is a documented time ("2025-11-01T09:10:00+08:00": seconds, the zone's
// offset) no earlier than `not_before` (to the second) and no later than `not_after`; otherwise
// what is wrong with it.
std::string TimeCheck(std::string_view text, std::chrono::system_clock::time_point not_before,
                      std::chrono::system_clock::time_point not_after);

// "sha256=" and the hex HMAC-SHA256 of `body` keyed with `secret`: Meta's X-Hub-Signature-256.
std::string HubSignature(const std::string& secret, const std::string& body);

// POST `path` on the customer listener with the given headers and a JSON body.
HttpAnswer PostWithHeaders(uint16_t port, const std::string& path,
                           const std::vector<std::pair<std::string, std::string>>& headers,
                           const std::string& body);

}  // namespace onair::e2e3
