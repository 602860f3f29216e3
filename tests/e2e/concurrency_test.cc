// Requests that race: one customer order id sent by 20 clients at once creates exactly one
// order, and distinct orders sent at once all get distinct ids.
#include <doctest/doctest.h>

#include <latch>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "daemon_fixture.h"
#include "expectations.h"
#include "json_view.h"

namespace onair::e2e {
namespace {

constexpr int kClients = 20;

// Sends `bodies[i]` from thread i, all released at the same moment; answers in the same order.
std::vector<HttpAnswer> PostAtOnce(const Daemon& daemon, const std::string& key,
                                   const std::vector<std::string>& bodies) {
  std::vector<HttpAnswer> answers(bodies.size());
  std::latch start(static_cast<std::ptrdiff_t>(bodies.size()));
  std::vector<std::thread> clients;
  for (size_t i = 0; i < bodies.size(); ++i) {
    clients.emplace_back([&, i] {
      start.arrive_and_wait();
      answers[i] = daemon.PostOrder(key, bodies[i]);
    });
  }
  for (std::thread& client : clients) client.join();
  return answers;
}

TEST_CASE("20 concurrent orders with one order_id create exactly one order") {
  Daemon daemon;
  daemon.AddGuideServices();
  std::string key = daemon.AddCustomer("acme");

  std::vector<HttpAnswer> answers =
      PostAtOnce(daemon, key, std::vector<std::string>(kClients, OrderBody("race-1")));

  std::vector<std::string> winners;
  std::map<std::string, int> refusals;
  for (const HttpAnswer& answer : answers) {
    if (answer.status == 200) {
      winners.push_back(Str(answer.body, "/data/order_id"));
    } else {
      ++refusals[Shown(answer)];
    }
  }
  REQUIRE(1 == winners.size());
  CHECK((std::map<std::string, int>{
            {ErrorAnswer(400, "Customer order race-1 already exists as " + winners[0]),
             kClients - 1}}) == refusals);
  CHECK(std::vector<std::string>{"\"" + winners[0] + "\""} ==
        Column(daemon.Get("/api/orders?customer_order_id=race-1", key).body, "/data", "/order_id"));
}

TEST_CASE("20 concurrent distinct orders get 20 distinct ids") {
  Daemon daemon;
  daemon.AddGuideServices();
  std::string key = daemon.AddCustomer("acme");
  std::vector<std::string> bodies;
  for (int i = 0; i < kClients; ++i) bodies.push_back(OrderBody("order-" + std::to_string(i)));

  std::vector<HttpAnswer> answers = PostAtOnce(daemon, key, bodies);
  INFO("onaird's log:\n" << daemon.Log());

  std::set<std::string> ids;
  for (const HttpAnswer& answer : answers) {
    CHECK_MESSAGE(200 == answer.status, Shown(answer));
    ids.insert(Str(answer.body, "/data/order_id"));
  }
  std::set<std::string> expected;
  for (int i = 1; i <= kClients; ++i) {
    expected.insert((i < 10 ? "MP-00000" : "MP-0000") + std::to_string(i));
  }
  CHECK(expected == ids);
  CHECK(kClients == ArrayLength(daemon.Get("/api/orders?limit=100", key).body, "/data"));
}

TEST_CASE("100 clients at once are all answered") {
  Daemon daemon;
  daemon.AddGuideServices();
  std::string key = daemon.AddCustomer("acme");

  std::vector<HttpAnswer> answers =
      PostAtOnce(daemon, key, std::vector<std::string>(100, OrderBody()));

  std::map<int, int> statuses;
  std::set<std::string> ids;
  for (const HttpAnswer& answer : answers) {
    ++statuses[answer.status];
    ids.insert(Str(answer.body, "/data/order_id"));
  }
  CHECK((std::map<int, int>{{200, 100}}) == statuses);
  CHECK(100 == ids.size());
}

TEST_CASE("each customer order id of a concurrent batch maps to the order that answered it") {
  Daemon daemon;
  daemon.AddGuideServices();
  std::string key = daemon.AddCustomer("acme");
  std::vector<std::string> bodies;
  for (int i = 0; i < kClients; ++i) bodies.push_back(OrderBody("order-" + std::to_string(i)));

  std::vector<HttpAnswer> answers = PostAtOnce(daemon, key, bodies);

  for (int i = 0; i < kClients; ++i) {
    std::string reference = "order-" + std::to_string(i);
    CAPTURE(reference);
    CHECK(reference == Str(answers[i].body, "/data/customer_order_id"));
    HttpAnswer found = daemon.Get("/api/orders?customer_order_id=" + reference, key);
    CHECK(std::vector<std::string>{Raw(answers[i].body, "/data/order_id")} ==
          Column(found.body, "/data", "/order_id"));
  }
}

}  // namespace
}  // namespace onair::e2e
