#include "live_fixture.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <doctest/doctest.h>
#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdio>
#include <thread>

#include "expectations.h"
#include "json_view.h"

namespace onair::e2e3 {
namespace {

using Clock = std::chrono::steady_clock;
using e2e::JsonString;
using e2e::Raw;
using e2e::Shown;
using e2e::Str;
using e2e::Text;

// The last lines of a daemon's log: enough to see what went wrong without drowning the report.
std::string LogTail(const Daemon& daemon) {
  const std::string log = daemon.Log();
  constexpr size_t kTail = 4000;
  return log.size() <= kTail ? log : "..." + log.substr(log.size() - kTail);
}

// The element of /data whose `page` is `page`, minified; "" when there is none.
std::string PageEntry(const std::string& pages_json, const std::string& page) {
  const std::vector<std::string> pages = e2e::Column(pages_json, "/data", "/page");
  for (size_t i = 0; i < pages.size(); ++i) {
    if (pages[i] == JsonString(page)) return Raw(pages_json, "/data/" + std::to_string(i));
  }
  return "";
}

}  // namespace

DaemonConfig LiveConfig() {
  DaemonConfig config;
  config.Set("delivery", "retry_initial_seconds", "1")
      .Set("delivery", "retry_max_seconds", "1")
      .Set("delivery", "retry_jitter", "0")
      .Set("delivery", "timeout_seconds", "5");
  return config;
}

uint16_t FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
  socklen_t length = sizeof(address);
  REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  close(fd);
  return ntohs(address.sin_port);
}

bool Eventually(const std::function<bool()>& done, std::chrono::milliseconds deadline) {
  const auto end = Clock::now() + deadline;
  while (!done()) {
    if (Clock::now() >= end) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

void AwaitOrFail(const Daemon& daemon, const std::string& what, const std::function<bool()>& done,
                 const std::function<std::string()>& last_seen) {
  if (Eventually(done)) return;
  // The message is built first: no assertion may run inside another's message.
  const std::string seen = last_seen();
  const std::string log = LogTail(daemon);
  FAIL("gave up after " << kWaitDeadline.count() << " s waiting for " << what
                        << "\nlast seen: " << seen << "\nonaird's log:\n"
                        << log);
}

std::string SetWebhook(const Daemon& daemon, const std::string& customer, const std::string& url) {
  const HttpAnswer answer = daemon.Admin("PATCH", "/admin/customers/" + customer,
                                         "{\"webhook\": " + JsonString(url) + "}");
  REQUIRE_MESSAGE(200 == answer.status, "PATCH webhook: " << Shown(answer));
  const std::string secret = Str(answer.body, "/data/webhook_secret");
  REQUIRE_MESSAGE(e2e::StartsWith(secret, "whsec_"), "no secret in " << answer.body);
  return secret;
}

void SetRoles(const Daemon& daemon, const std::string& customer, const std::string& roles_json) {
  const HttpAnswer answer =
      daemon.Admin("PATCH", "/admin/customers/" + customer, "{\"roles\": " + roles_json + "}");
  REQUIRE_MESSAGE(200 == answer.status, "PATCH roles: " << Shown(answer));
}

std::string PlaceOrder(const Daemon& daemon, const std::string& key, const std::string& body) {
  const HttpAnswer answer = daemon.PostOrder(key, body);
  REQUIRE_MESSAGE(200 == answer.status, "POST /api/order " << body << ": " << Shown(answer));
  return Str(answer.body, "/data/order_id");
}

std::string ReportBody(const std::string& url, bool live, int viewers,
                       const std::string& stream_id) {
  std::string body = "{\"url\": " + JsonString(url) + ", \"live\": " + (live ? "true" : "false");
  if (viewers >= 0) body += ", \"viewers\": " + std::to_string(viewers);
  if (!stream_id.empty()) body += ", \"stream_id\": " + JsonString(stream_id);
  return body + "}";
}

void AdminReport(const Daemon& daemon, const std::string& url, bool live, int viewers,
                 const std::string& stream_id) {
  const std::string body = ReportBody(url, live, viewers, stream_id);
  const HttpAnswer answer = daemon.Admin("POST", "/admin/live-reports", body);
  REQUIRE_MESSAGE(200 == answer.status,
                  "POST /admin/live-reports " << body << ": " << Shown(answer));
}

std::string PageState(const Daemon& daemon, const std::string& page) {
  const HttpAnswer answer = daemon.Admin("GET", "/admin/pages");
  if (answer.status != 200) return "GET /admin/pages: " + Shown(answer);
  const std::string entry = PageEntry(answer.body, page);
  if (entry.empty()) return "<not watched>";
  return "live=" + Raw(entry, "/live") + " session=" + Raw(entry, "/session") +
         " stream_id=" + Raw(entry, "/stream_id") + " viewers=" + Raw(entry, "/viewers");
}

void AwaitPageState(const Daemon& daemon, const std::string& page, const std::string& expected) {
  std::string seen;
  AwaitOrFail(
      daemon, page + " to show " + expected,
      [&] {
        seen = PageState(daemon, page);
        return seen == expected;
      },
      [&] { return seen; });
}

std::string AdminDispatches(const Daemon& daemon, const std::string& query) {
  const std::string path = "/admin/dispatches?limit=100" + (query.empty() ? "" : "&" + query);
  const HttpAnswer answer = daemon.Admin("GET", path);
  REQUIRE_MESSAGE(200 == answer.status, "GET " << path << ": " << Shown(answer));
  return answer.body;
}

std::vector<std::string> DispatchLines(std::string_view json, std::string_view pointer) {
  const long count = e2e::ArrayLength(json, pointer);
  if (count < 0) return {"<not an array: " + Raw(json, pointer) + ">"};
  std::vector<std::string> lines;
  for (long i = 0; i < count; ++i) {
    const std::string at = std::string(pointer) + "/" + std::to_string(i);
    lines.push_back(Text(json, at + "/id") + " " + Text(json, at + "/order_id") + " service " +
                    Text(json, at + "/service_id") + " stream " + Raw(json, at + "/stream_id") +
                    " viewers " + Text(json, at + "/viewers") + " " + Text(json, at + "/state"));
  }
  return lines;
}

void AwaitDispatchCount(const Daemon& daemon, const std::string& query, long count) {
  std::string seen;
  AwaitOrFail(
      daemon, std::to_string(count) + " dispatches for \"" + query + "\"",
      [&] {
        seen = AdminDispatches(daemon, query);
        return e2e::ArrayLength(seen, "/data") == count;
      },
      [&] { return seen; });
}

void AwaitDispatchLines(const Daemon& daemon, const std::string& query,
                        const std::vector<std::string>& expected) {
  std::vector<std::string> seen;
  AwaitOrFail(
      daemon, "the dispatches for \"" + query + "\" to be as expected",
      [&] {
        seen = DispatchLines(AdminDispatches(daemon, query), "/data");
        return seen == expected;
      },
      [&] {
        std::string lines;
        for (const std::string& line : seen) lines += "\n  " + line;
        return lines;
      });
}

WebhookCustomer AddWebhookCustomer(const Daemon& daemon, const std::string& name, int fail_first) {
  WebhookCustomer customer;
  customer.key = daemon.AddCustomer(name);
  // The receiver needs the secret, which onaird makes only once the URL is set: so the URL
  // names a port picked first, and the receiver starts there before anything can fire.
  const uint16_t port = FreePort();
  const std::string secret = SetWebhook(daemon, name, ReceiverUrl(port));
  customer.receiver = std::make_unique<ReceiverProcess>(secret, fail_first, port);
  return customer;
}

std::vector<ReceivedDelivery> AwaitDeliveries(const Daemon& daemon, const ReceiverProcess& receiver,
                                              size_t count) {
  std::vector<ReceivedDelivery> seen;
  AwaitOrFail(
      daemon, std::to_string(count) + " deliveries at the receiver",
      [&] {
        seen = receiver.Deliveries();
        return seen.size() >= count;
      },
      [&] {
        std::string ids;
        for (const ReceivedDelivery& delivery : seen) {
          ids += " " + delivery.id + "(" + std::to_string(delivery.status) + ")";
        }
        return std::to_string(seen.size()) + " deliveries:" + ids;
      });
  return seen;
}

std::string WebhookBodyWithoutTime(const ExpectedDispatch& d) {
  auto optional_string = [](const std::string& text) {
    return text.empty() ? std::string("null") : JsonString(text);
  };
  return "{\"id\":" + JsonString(d.id) +
         ",\"type\":\"order.live\",\"order_id\":" + JsonString(d.order_id) +
         ",\"customer_order_id\":" + optional_string(d.customer_order_id) +
         ",\"url\":" + JsonString(d.url) + ",\"page\":" + JsonString(d.page) +
         ",\"stream_id\":" + optional_string(d.stream_id) +
         ",\"service_id\":" + std::to_string(d.service_id) +
         ",\"service_name\":" + JsonString(d.service_name) +
         ",\"quantity\":" + std::to_string(d.quantity) + ",\"min_viewers\":" +
         (d.min_viewers < 0 ? std::string("null") : std::to_string(d.min_viewers)) +
         ",\"viewers\":" + std::to_string(d.viewers) + "}";
}

std::string TimeCheck(std::string_view text, std::chrono::system_clock::time_point not_before,
                      std::chrono::system_clock::time_point not_after) {
  const std::optional<std::chrono::sys_seconds> parsed = e2e::ParseOffsetTime(text);
  if (!parsed) return "not a documented time: " + std::string(text);
  if (text.substr(text.size() - 6) != "+08:00") {
    return "not in the configured zone (+08:00): " + std::string(text);
  }
  if (*parsed < std::chrono::floor<std::chrono::seconds>(not_before)) {
    return std::string(text) + " is before the event";
  }
  if (*parsed > not_after) return std::string(text) + " is after the event";
  return "ok";
}

std::string HubSignature(const std::string& secret, const std::string& body) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  REQUIRE(HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
               reinterpret_cast<const unsigned char*>(body.data()), body.size(), digest,
               &length) != nullptr);
  std::string hex = "sha256=";
  char pair[3];
  for (unsigned int i = 0; i < length; ++i) {
    std::snprintf(pair, sizeof(pair), "%02x", digest[i]);
    hex += pair;
  }
  return hex;
}

HttpAnswer PostWithHeaders(uint16_t port, const std::string& path,
                           const std::vector<std::pair<std::string, std::string>>& headers,
                           const std::string& body) {
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(30);
  client.set_read_timeout(120);
  httplib::Headers sent;
  for (const auto& [name, value] : headers) sent.emplace(name, value);
  HttpAnswer answer;
  httplib::Result result = client.Post(path, sent, body, "application/json");
  if (!result) {
    answer.error = httplib::to_string(result.error());
    return answer;
  }
  answer.status = result->status;
  answer.body = result->body;
  for (const auto& [name, value] : result->headers) answer.headers.emplace_back(name, value);
  return answer;
}

}  // namespace onair::e2e3
