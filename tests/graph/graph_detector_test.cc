// GraphDetector against a local fake Graph API: the query it sends, live and not-live answers,
// unconnected pages, Graph's errors, timeouts, the bound on concurrent probes, and the token
// kept out of every error.
#include "watch/graph_detector.h"

#include <doctest/doctest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <future>
#include <mutex>
#include <string>
#include <thread>

#include "connections_fixture.h"
#include "fake_graph.h"

namespace onair::watch {
namespace {

using testing::Connections;
using testing::FakeGraph;
using testing::kGraphPage;
using testing::kGraphPageId;
using testing::kGraphToken;

constexpr const char* kVideoId = "10158000000000001";

std::unique_ptr<GraphDetector> MakeDetector(
    const FakeGraph& graph, Connections& connections,
    std::chrono::milliseconds timeout = std::chrono::seconds(30), int max_concurrent = 4,
    std::string app_secret = "") {
  Result<std::unique_ptr<GraphDetector>> detector =
      GraphDetector::Create({.base_url = graph.base_url(),
                             .api_version = "v19.0",
                             .app_secret = std::move(app_secret),
                             .timeout = timeout,
                             .max_concurrent = max_concurrent},
                            connections.store());
  REQUIRE(detector.ok());
  return std::move(detector).value();
}

// Probes `page` and waits (generously) for the answer: "live 150 <video> <page>", or the error.
std::string ProbeAndWait(GraphDetector& detector, const std::string& page = kGraphPage) {
  std::promise<Result<LiveReport>> answer;
  std::future<Result<LiveReport>> future = answer.get_future();
  detector.Probe(page, [&answer](Result<LiveReport> report) { answer.set_value(report); });
  REQUIRE(std::future_status::ready == future.wait_for(std::chrono::seconds(60)));
  Result<LiveReport> report = future.get();
  if (!report.ok()) return report.status().ToString();
  return std::string(report->live ? "live" : "not live") + " " +
         (report->viewers ? std::to_string(*report->viewers) : "-") + " " +
         report->stream_id.value_or("-") + " " + report->page;
}

// What a failed probe of kGraphPage says before its cause.
std::string Where(const FakeGraph& graph, const std::string& page_id = kGraphPageId) {
  return "unavailable: GET " + graph.base_url() + "/v19.0/" + page_id + "/live_videos";
}

// Lower-case hex HMAC-SHA256, computed here with OpenSSL alone, apart from onair's own code.
std::string ExpectedHmac(const std::string& key, const std::string& message) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &size);
  std::string hex;
  char digits[3];
  for (unsigned int i = 0; i < size; ++i) {
    std::snprintf(digits, sizeof(digits), "%02x", mac[i]);
    hex += digits;
  }
  return hex;
}

TEST_CASE("a live page gives the live video's id and live_views, asked with Meta's query") {
  FakeGraph graph;
  graph.AddPage(kGraphPageId, kGraphToken);
  graph.SetLive(kGraphPageId, kVideoId, 150);
  Connections connections;
  connections.Connect();
  auto detector = MakeDetector(graph, connections);

  CHECK(std::string("live 150 ") + kVideoId + " " + kGraphPage == ProbeAndWait(*detector));
  CHECK(std::string("access_token=") + kGraphToken +
            " broadcast_status=[\"LIVE\"] fields=id,status,live_views" ==
        graph.last_query());
  const std::string target = std::string("/v19.0/") + kGraphPageId +
                             "/live_videos?broadcast_status=%5B%22LIVE%22%5D"
                             "&fields=id%2Cstatus%2Clive_views&access_token=" +
                             kGraphToken;
  CHECK(target == graph.last_target());
  Result<store::PageConnection> connection = connections.store()->Get(kGraphPage);
  REQUIRE(connection.ok());
  CHECK(target == detector->TargetFor(*connection));
}

TEST_CASE("a page with no live video is not live, and answers in a row share one detector") {
  FakeGraph graph;
  graph.AddPage(kGraphPageId, kGraphToken);
  Connections connections;
  connections.Connect();
  auto detector = MakeDetector(graph, connections, std::chrono::seconds(30), 1);

  CHECK(std::string("not live - - ") + kGraphPage == ProbeAndWait(*detector));
  graph.SetLive(kGraphPageId, kVideoId, std::nullopt);
  CHECK(std::string("live - ") + kVideoId + " " + kGraphPage == ProbeAndWait(*detector));
  graph.SetLive(kGraphPageId, kVideoId, 0);
  CHECK(std::string("live 0 ") + kVideoId + " " + kGraphPage == ProbeAndWait(*detector));
  graph.SetNotLive(kGraphPageId);
  CHECK(std::string("not live - - ") + kGraphPage == ProbeAndWait(*detector));
  CHECK(4 == graph.requests());
}

TEST_CASE("a page without a connection fails without asking Graph") {
  FakeGraph graph;
  Connections connections;
  auto detector = MakeDetector(graph, connections);

  CHECK("failed_precondition: page not connected" == ProbeAndWait(*detector));
  CHECK(0 == graph.requests());
}

TEST_CASE("Graph's error answer fails the probe with Graph's message") {
  FakeGraph graph;
  graph.AddPage(kGraphPageId, "EAAGthenewtokenthenewtoken");
  Connections connections;
  connections.Connect();  // with the token Graph no longer takes
  auto detector = MakeDetector(graph, connections);

  CHECK(Where(graph) +
            ": status 400: Graph error 190 (OAuthException): Invalid OAuth access token - "
            "Cannot parse access token" ==
        ProbeAndWait(*detector));

  connections.Connect(kGraphPage, "999");
  CHECK(Where(graph, "999") +
            ": status 400: Graph error 100 (GraphMethodException): Unsupported get request. "
            "Object with ID '999' does not exist, cannot be loaded due to missing permissions, "
            "or does not support this operation." ==
        ProbeAndWait(*detector));
}

TEST_CASE("a Graph error that repeats the token has it replaced") {
  FakeGraph graph;
  graph.AddPage(kGraphPageId, kGraphToken);
  graph.SetAnswer(kGraphPageId, 400,
                  std::string(R"({"error":{"message":"token )") + kGraphToken +
                      R"( expired","type":"OAuthException","code":190}})");
  Connections connections;
  connections.Connect();
  auto detector = MakeDetector(graph, connections);

  CHECK(Where(graph) +
            ": status 400: Graph error 190 (OAuthException): token [page token] expired" ==
        ProbeAndWait(*detector));
}

TEST_CASE("a status other than 2xx without Graph's error object fails the probe") {
  FakeGraph graph;
  graph.AddPage(kGraphPageId, kGraphToken);
  Connections connections;
  connections.Connect();
  auto detector = MakeDetector(graph, connections);

  graph.SetAnswer(kGraphPageId, 500, "<html>Internal Server Error</html>");
  CHECK(Where(graph) + ": status 500" == ProbeAndWait(*detector));
  graph.SetAnswer(kGraphPageId, 503, "");
  CHECK(Where(graph) + ": status 503" == ProbeAndWait(*detector));
}

TEST_CASE("a 2xx answer that is not the edge's JSON fails the probe") {
  FakeGraph graph;
  graph.AddPage(kGraphPageId, kGraphToken);
  Connections connections;
  connections.Connect();
  auto detector = MakeDetector(graph, connections);

  graph.SetAnswer(kGraphPageId, 200, R"({"success":true})");
  CHECK(Where(graph) + ": bad answer: data is missing or not an array" == ProbeAndWait(*detector));
  graph.SetAnswer(kGraphPageId, 200, "<html></html>");
  CHECK(ProbeAndWait(*detector).starts_with(Where(graph) + ": bad answer: Invalid JSON: "));
  graph.SetAnswer(kGraphPageId, 200, R"({"data":[{"id":"1","status":"LIVE","live_views":-1}]})");
  CHECK(Where(graph) + ": bad answer: live_views must be a non-negative integer" ==
        ProbeAndWait(*detector));
}

TEST_CASE("an answer longer than max_answer_bytes fails the probe") {
  FakeGraph graph;
  graph.AddPage(kGraphPageId, kGraphToken);
  graph.SetAnswer(kGraphPageId, 200,
                  R"({"data":[],"pad":")" + std::string(300 * 1024, 'x') + R"("})");
  Connections connections;
  connections.Connect();
  auto detector = MakeDetector(graph, connections);

  CHECK(Where(graph) + ": answer longer than 262144 bytes" == ProbeAndWait(*detector));
}

TEST_CASE("a Graph that does not answer in time fails the probe") {
  FakeGraph graph;
  graph.AddPage(kGraphPageId, kGraphToken);
  graph.Hold();
  Connections connections;
  connections.Connect();
  auto detector = MakeDetector(graph, connections, std::chrono::milliseconds(200));

  CHECK(Where(graph) + ": Read" == ProbeAndWait(*detector));
  graph.Release();
}

TEST_CASE("a token with characters that mean something in a query reaches Graph intact") {
  const std::string token = "EAAG+a/b=c&d%e?f#g";
  FakeGraph graph;
  graph.AddPage(kGraphPageId, token);
  graph.SetLive(kGraphPageId, kVideoId, 7);
  Connections connections;
  connections.Connect(kGraphPage, kGraphPageId, token);
  auto detector = MakeDetector(graph, connections);

  CHECK(std::string("live 7 ") + kVideoId + " " + kGraphPage == ProbeAndWait(*detector));
  CHECK(graph.last_target().ends_with("&access_token=EAAG%2Ba%2Fb%3Dc%26d%25e%3Ff%23g"));
}

TEST_CASE("with an app secret each request carries the appsecret_proof of its token") {
  FakeGraph graph;
  graph.AddPage(kGraphPageId, kGraphToken);
  Connections connections;
  connections.Connect();
  auto detector = MakeDetector(graph, connections, std::chrono::seconds(30), 4,
                               "0123456789abcdef0123456789abcdef");

  CHECK(std::string("not live - - ") + kGraphPage == ProbeAndWait(*detector));
  CHECK(std::string("access_token=") + kGraphToken +
            " appsecret_proof=" + ExpectedHmac("0123456789abcdef0123456789abcdef", kGraphToken) +
            " broadcast_status=[\"LIVE\"] fields=id,status,live_views" ==
        graph.last_query());
}

TEST_CASE("no more than max_concurrent probes are under way at once") {
  FakeGraph graph;
  Connections connections;
  for (int i = 0; i < 5; ++i) {
    const std::string id = std::to_string(1000 + i);
    graph.AddPage(id, kGraphToken);
    connections.Connect("https://www.facebook.com/page" + std::to_string(i), id);
  }
  graph.Hold();
  auto detector = MakeDetector(graph, connections, std::chrono::seconds(60), 2);

  std::mutex mu;
  std::condition_variable cv;
  int answered = 0;
  for (int i = 0; i < 5; ++i) {
    detector->Probe("https://www.facebook.com/page" + std::to_string(i),
                    [&](Result<LiveReport> report) {
                      CHECK(report.ok());
                      std::lock_guard lock(mu);
                      ++answered;
                      cv.notify_all();
                    });
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (graph.requests() < 2 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  REQUIRE(2 == graph.requests());
  graph.Release();
  std::unique_lock lock(mu);
  REQUIRE(cv.wait_for(lock, std::chrono::seconds(60), [&] { return answered == 5; }));
  CHECK(5 == graph.requests());
  CHECK(2 == graph.max_in_flight());
}

TEST_CASE("after Shutdown a probe fails at once") {
  FakeGraph graph;
  Connections connections;
  connections.Connect();
  auto detector = MakeDetector(graph, connections);
  detector->Shutdown();
  detector->Shutdown();  // idempotent
  CHECK("unavailable: graph detector is shut down" == ProbeAndWait(*detector));
  CHECK(0 == graph.requests());
}

TEST_CASE("the base URL, API version and probe bound are checked when the detector is made") {
  Connections connections;
  auto error = [&](std::string base_url, std::string version = "v19.0", int max_concurrent = 4) {
    GraphDetectorOptions options;
    options.base_url = std::move(base_url);
    options.api_version = std::move(version);
    options.max_concurrent = max_concurrent;
    Result<std::unique_ptr<GraphDetector>> detector =
        GraphDetector::Create(std::move(options), connections.store());
    return detector.ok() ? std::string("ok") : detector.status().ToString();
  };
  const std::string bad_base =
      "invalid_argument: graph base_url must be http:// or https:// and a host, no path";
  CHECK("ok" == error("https://graph.facebook.com"));
  CHECK("ok" == error("https://graph.facebook.com/"));
  CHECK("ok" == error("http://127.0.0.1:8080", "v21.0"));
  CHECK(bad_base == error("graph.facebook.com"));
  CHECK(bad_base == error("ftp://graph.facebook.com"));
  CHECK(bad_base == error("https://"));
  CHECK(bad_base == error("https:///"));
  CHECK(bad_base == error("https://graph.facebook.com/v19.0"));
  CHECK(bad_base == error("https://graph.facebook.com?x=1"));
  CHECK("invalid_argument: graph api_version must look like v19.0" ==
        error("https://graph.facebook.com", "19.0"));
  CHECK("invalid_argument: graph api_version must look like v19.0" ==
        error("https://graph.facebook.com", "v19"));
  CHECK("invalid_argument: graph api_version must look like v19.0" ==
        error("https://graph.facebook.com", "v19.0/"));
  CHECK("invalid_argument: max_concurrent_probes must be at least 1" ==
        error("https://graph.facebook.com", "v19.0", 0));
}

}  // namespace
}  // namespace onair::watch
