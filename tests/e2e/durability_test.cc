// A 200 means the order is on disk: after SIGKILL or a clean stop, onaird restarted on the same
// data directory still has every answered order, customer, key and service, and ids continue
// without reuse.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "daemon_fixture.h"
#include "expectations.h"
#include "json_view.h"
#include "raw_http.h"

namespace onair::e2e {
namespace {

TEST_CASE("every answered order survives SIGKILL and ids continue after the restart") {
  Daemon daemon;
  daemon.AddGuideServices();
  std::string key = daemon.AddCustomer("acme");
  std::vector<HttpAnswer> created;
  for (int i = 1; i <= 10; ++i) {
    created.push_back(daemon.PostOrder(key, OrderBody(i % 2 ? "ref-" + std::to_string(i) : "")));
    REQUIRE(200 == created.back().status);
  }

  daemon.Kill();
  daemon.Start();

  for (const HttpAnswer& answer : created) {
    std::string id = Str(answer.body, "/data/order_id");
    HttpAnswer read = daemon.Get("/api/order/" + id, key);
    CAPTURE(id);
    CHECK(200 == read.status);
    CHECK(Raw(answer.body, "/data") == OrderObject(read.body, "/data"));
  }
  CHECK("MP-000011" == Str(daemon.PostOrder(key, OrderBody()).body, "/data/order_id"));
}

TEST_CASE("SIGKILL in the middle of a stream of orders loses none that was answered") {
  Daemon daemon;
  daemon.AddGuideServices();
  std::string key = daemon.AddCustomer("acme");
  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::vector<HttpAnswer> answered;  // guarded by mutex
  std::vector<std::thread> clients;
  for (int i = 0; i < 8; ++i) {
    clients.emplace_back([&] {
      while (!stop) {
        HttpAnswer answer = daemon.PostOrder(key, OrderBody());
        if (answer.status != 200) continue;
        std::lock_guard<std::mutex> lock(mutex);
        answered.push_back(std::move(answer));
      }
    });
  }

  // Kill while the clients are still sending, once enough orders were answered.
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < give_up) {
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (answered.size() >= 40) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  daemon.Kill();
  stop = true;
  for (std::thread& client : clients) client.join();
  REQUIRE(40 <= answered.size());
  daemon.Start();

  std::set<std::string> ids;
  for (const HttpAnswer& answer : answered) {
    std::string id = Str(answer.body, "/data/order_id");
    CAPTURE(id);
    CHECK(ids.insert(id).second);
    CHECK(Raw(answer.body, "/data") ==
          OrderObject(daemon.Get("/api/order/" + id, key).body, "/data"));
  }
  std::string next = Str(daemon.PostOrder(key, OrderBody()).body, "/data/order_id");
  CHECK(*ids.rbegin() < next);  // same width below MP-999999, so text order is number order
}

TEST_CASE("the customer order index survives SIGKILL") {
  Daemon daemon;
  daemon.AddGuideServices();
  std::string key = daemon.AddCustomer("acme");
  REQUIRE(200 == daemon.PostOrder(key, kGuideWithOrderId).status);

  daemon.Kill();
  daemon.Start();

  CHECK(ErrorAnswer(400, "Customer order 321421321 already exists as MP-000001") ==
        Shown(daemon.PostOrder(key, kGuideWithOrderId)));
  CHECK(std::vector<std::string>{"\"MP-000001\""} ==
        Column(daemon.Get("/api/orders?customer_order_id=321421321", key).body, "/data",
               "/order_id"));
}

TEST_CASE("ids keep counting over several crashes and are never reused") {
  Daemon daemon;
  daemon.AddGuideServices();
  std::string key = daemon.AddCustomer("acme");
  std::vector<std::string> ids;

  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 2; ++i) {
      ids.push_back(Str(daemon.PostOrder(key, OrderBody()).body, "/data/order_id"));
    }
    daemon.Kill();
    daemon.Start();
  }

  CHECK(std::vector<std::string>{"MP-000001", "MP-000002", "MP-000003", "MP-000004", "MP-000005",
                                 "MP-000006"} == ids);
  CHECK("MP-000007" == Str(daemon.PostOrder(key, OrderBody()).body, "/data/order_id"));
}

TEST_CASE("SIGTERM and SIGINT stop onaird with exit code 0 and keep everything") {
  int signal = SIGTERM;
  SUBCASE("SIGTERM") {}
  SUBCASE("SIGINT") {
    signal = SIGINT;
  }
  CAPTURE(signal);
  Daemon daemon;
  daemon.AddGuideServices();
  std::string key = daemon.AddCustomer("acme");
  HttpAnswer created = daemon.PostOrder(key, kGuideWithOptions);
  REQUIRE(200 == created.status);

  CHECK(0 == daemon.Stop(signal));
  daemon.Start();

  CHECK(Raw(created.body, "/data") ==
        OrderObject(daemon.Get("/api/order/MP-000001", key).body, "/data"));
  CHECK("MP-000002" == Str(daemon.PostOrder(key, OrderBody()).body, "/data/order_id"));
}

TEST_CASE("a request in flight when SIGTERM arrives is answered, kept, and onaird exits 0") {
  Daemon daemon;
  daemon.AddGuideServices();
  std::string key = daemon.AddCustomer("acme");
  const std::string body = kGuideWithOrderId;
  // The 100 Continue proves onaird is reading this request before the signal is sent.
  const std::string head =
      "POST /api/order HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "X-API-Key: " +
      key + "\r\nContent-Length: " + std::to_string(body.size()) +
      "\r\nExpect: 100-continue\r\n\r\n";

  RawExchangeResult result =
      RawExchange(daemon.port(), head, body, std::chrono::seconds(60),
                  /*await_continue=*/true, [&daemon] { daemon.Signal(SIGTERM); });

  INFO("answer headers:\n" << HeaderLines(result.answer) << "onaird's log:\n" << daemon.Log());
  CHECK(100 == result.interim_status);
  CHECK_MESSAGE(200 == result.answer.status, Shown(result.answer));
  CHECK(0 == daemon.WaitForExit());
  daemon.Start();
  CHECK(Raw(result.answer.body, "/data") ==
        OrderObject(daemon.Get("/api/order/MP-000001", key).body, "/data"));
}

TEST_CASE("customers, keys, revocations and services survive SIGKILL") {
  Daemon daemon;
  daemon.AddGuideServices();
  daemon.AddService(7, "Retired Viewers", 10, 5000, /*active=*/false);
  std::string key = daemon.AddCustomer("acme");
  auto [revoked_id, revoked_key] = daemon.AddKey("acme");
  REQUIRE(200 == daemon.Admin("POST", "/admin/keys/" + revoked_id + "/revoke").status);
  HttpAnswer services = daemon.Get("/api/services", key);
  REQUIRE(200 == services.status);

  daemon.Kill();
  daemon.Start();

  CHECK(Raw(services.body) == Raw(daemon.Get("/api/services", key).body));
  CHECK(R"(403 {"detail":"Invalid or missing API key"})" ==
        Shown(daemon.PostOrder(revoked_key, OrderBody())));
  CHECK(200 == daemon.PostOrder(key, OrderBody()).status);
}

TEST_CASE("the admin token stays the same across restarts") {
  Daemon daemon;
  const std::string token = daemon.admin_token();

  daemon.Kill();
  daemon.Start();

  CHECK(token == daemon.admin_token());
  CHECK(200 == daemon.Admin("GET", "/admin/status").status);
}

}  // namespace
}  // namespace onair::e2e
