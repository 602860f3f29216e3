#include "store/order_store.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <latch>
#include <set>
#include <thread>

#include "store_fixture.h"

namespace onair::store {
namespace {

using onair::testing::Describe;
using onair::testing::kNow;
using onair::testing::MakeOrder;
using onair::testing::StoreFixture;
using onair::testing::SyncVariant;
using std::chrono::hours;

OrderQuery AllOrders(size_t limit = 20) {
  OrderQuery query;
  query.limit = limit;
  query.now = kNow;
  return query;
}

OrderQuery CustomerOrders(uint64_t customer_id, size_t limit = 20) {
  OrderQuery query = AllOrders(limit);
  query.customer_id = customer_id;
  return query;
}

TEST_CASE("the first order gets seq 1 and later ones count up") {
  StoreFixture f(SyncVariant());

  CHECK(0 == f.orders().last_seq());
  CHECK(1 == f.AddOrder(MakeOrder(1)));
  CHECK(2 == f.AddOrder(MakeOrder(1)));
  CHECK(3 == f.AddOrder(MakeOrder(2)));
  CHECK(3 == f.orders().last_seq());
}

TEST_CASE("a created order reads back with every field") {
  StoreFixture f(SyncVariant());
  Order order = MakeOrder(4, "321421321");
  order.daily_limit = 5;
  order.days = 15;
  order.services.push_back(OrderLine{1, "60 Minutes Live Viewers", 10, 100});

  uint64_t seq = f.AddOrder(order);
  f.Reopen();
  Result<Order> stored = f.orders().Get(seq);

  REQUIRE(stored.ok());
  CHECK(1 == stored->seq);
  CHECK(4 == stored->customer_id);
  CHECK(std::optional<std::string>("321421321") == stored->customer_order_id);
  CHECK("https://facebook.com/username" == stored->url);
  CHECK("https://www.facebook.com/username" == stored->page);
  CHECK(OrderStatus::kActive == stored->status);
  CHECK(kNow == stored->created_at);
  CHECK(kNow + hours(24 * 30) == stored->expires_at);
  CHECK(5 == stored->daily_limit);
  CHECK(15 == stored->days);
  REQUIRE(2 == stored->services.size());
  CHECK(3 == stored->services[0].service_id);
  CHECK("180 Minutes Live Viewers" == stored->services[0].service_name);
  CHECK(200 == stored->services[0].quantity);
  CHECK(std::nullopt == stored->services[0].min_viewers);
  CHECK(std::optional<int64_t>(100) == stored->services[1].min_viewers);
}

TEST_CASE("order seqs continue after the database is reopened") {
  StoreFixture f(SyncVariant());
  f.AddOrder(MakeOrder(1));
  f.AddOrder(MakeOrder(1, "a"));

  f.Reopen();

  CHECK(2 == f.orders().last_seq());
  CHECK(3 == f.AddOrder(MakeOrder(1)));
  CHECK("3 2 1" == f.List(AllOrders()));
}

TEST_CASE("getting a missing order is not_found") {
  StoreFixture f;

  CHECK("not_found: Order 9 not found" == f.orders().Get(9).status().ToString());
}

TEST_CASE("a customer order id used again by the same customer returns the existing order") {
  StoreFixture f(SyncVariant());
  Order first = MakeOrder(1, "321421321");
  first.days = 7;
  f.AddOrder(first);

  Result<CreateOrderOutcome> again = f.orders().Create(MakeOrder(1, "321421321"));

  REQUIRE(again.ok());
  CHECK_FALSE(again->created);
  CHECK(1 == again->order.seq);
  CHECK(7 == again->order.days);
  CHECK(2 == f.AddOrder(MakeOrder(1)));  // the refused create used up no seq
  CHECK("2 1" == f.List(CustomerOrders(1)));
}

TEST_CASE("a customer order id stays taken after the database is reopened") {
  StoreFixture f(SyncVariant());
  f.AddOrder(MakeOrder(1, "x-1"));

  f.Reopen();
  Result<CreateOrderOutcome> again = f.orders().Create(MakeOrder(1, "x-1"));

  REQUIRE(again.ok());
  CHECK_FALSE(again->created);
  CHECK(1 == again->order.seq);
}

TEST_CASE("two customers may use the same customer order id") {
  StoreFixture f(SyncVariant());

  CHECK(1 == f.AddOrder(MakeOrder(1, "321421321")));
  CHECK(2 == f.AddOrder(MakeOrder(2, "321421321")));
}

TEST_CASE("twenty threads racing with one customer order id create exactly one order") {
  StoreFixture f(SyncVariant());
  constexpr int kThreads = 20;
  std::latch start(kThreads);
  std::vector<Result<CreateOrderOutcome>> outcomes(kThreads, Status::Internal("not run"));

  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      outcomes[i] = f.orders().Create(MakeOrder(5, "321421321"));
    });
  }
  for (std::thread& t : threads) t.join();

  int created = 0;
  for (const Result<CreateOrderOutcome>& outcome : outcomes) {
    REQUIRE(outcome.ok());
    if (outcome->created) ++created;
    CHECK(1 == outcome->order.seq);
  }
  CHECK(1 == created);
  CHECK("1" == f.List(CustomerOrders(5)));
}

TEST_CASE("concurrent creates get distinct seqs, increasing within each thread") {
  StoreFixture f(SyncVariant());
  constexpr int kThreads = 8;
  constexpr int kPerThread = 25;
  std::latch start(kThreads);
  std::vector<std::vector<uint64_t>> seqs(kThreads);

  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      for (int n = 0; n < kPerThread; ++n) {
        Result<CreateOrderOutcome> outcome = f.orders().Create(MakeOrder(i + 1));
        seqs[i].push_back(outcome.ok() ? outcome->order.seq : 0);
      }
    });
  }
  for (std::thread& t : threads) t.join();

  std::set<uint64_t> all;
  for (const std::vector<uint64_t>& mine : seqs) {
    CHECK(std::is_sorted(mine.begin(), mine.end()));
    all.insert(mine.begin(), mine.end());
  }
  CHECK(kThreads * kPerThread == all.size());
  CHECK(1 == *all.begin());
  CHECK(kThreads * kPerThread == *all.rbegin());
  CHECK(kThreads * kPerThread == f.orders().last_seq());
}

TEST_CASE("orders list newest first") {
  StoreFixture f(SyncVariant());
  for (int i = 0; i < 4; ++i) f.AddOrder(MakeOrder(1 + i % 2));

  CHECK("4 3 2 1" == f.List(AllOrders()));
}

TEST_CASE("an empty store lists nothing") {
  StoreFixture f;

  CHECK("" == f.List(AllOrders()));
  CHECK("" == f.List(CustomerOrders(1)));
}

TEST_CASE("the customer filter lists only that customer's orders") {
  StoreFixture f(SyncVariant());
  for (int i = 0; i < 6; ++i) f.AddOrder(MakeOrder(1 + i % 3));  // customers 1 2 3 1 2 3

  CHECK("5 2" == f.List(CustomerOrders(2)));
  CHECK("6 3" == f.List(CustomerOrders(3)));
  CHECK("" == f.List(CustomerOrders(4)));
}

TEST_CASE("the status filter compares the status in effect at the query's now") {
  StoreFixture f(SyncVariant());
  Order expired = MakeOrder(1);
  expired.expires_at = kNow;  // reaches its end exactly now
  f.AddOrder(expired);
  f.AddOrder(MakeOrder(1));
  Order cancelled = MakeOrder(1);
  cancelled.status = OrderStatus::kCancelled;
  f.AddOrder(cancelled);
  f.AddOrder(MakeOrder(1));

  OrderQuery query = CustomerOrders(1);
  SUBCASE("active") {
    query.status = OrderStatus::kActive;
    CHECK("4 2" == f.List(query));
  }
  SUBCASE("expired") {
    query.status = OrderStatus::kExpired;
    CHECK("1" == f.List(query));
  }
  SUBCASE("cancelled") {
    query.status = OrderStatus::kCancelled;
    CHECK("3" == f.List(query));
  }
  SUBCASE("expired, without the customer filter") {
    query.customer_id.reset();
    query.status = OrderStatus::kExpired;
    CHECK("1" == f.List(query));
  }
  SUBCASE("active, a month later") {
    query.status = OrderStatus::kActive;
    query.now = kNow + hours(24 * 30);
    CHECK("" == f.List(query));
  }
}

TEST_CASE("the customer order id filter finds the one order with that reference") {
  StoreFixture f(SyncVariant());
  f.AddOrder(MakeOrder(1, "a"));
  f.AddOrder(MakeOrder(2, "a"));
  f.AddOrder(MakeOrder(1, "b"));

  OrderQuery query = CustomerOrders(1);
  query.customer_order_id = "a";
  CHECK("1" == f.List(query));

  query.customer_id = 2;
  CHECK("2" == f.List(query));

  query.customer_order_id = "c";
  CHECK("" == f.List(query));

  query.customer_order_id = "a";
  query.status = OrderStatus::kCancelled;
  CHECK("" == f.List(query));

  query.status.reset();
  query.before_seq = 2;
  CHECK("" == f.List(query));
}

TEST_CASE("cursor paging returns every order once and announces no page after the last") {
  StoreFixture f(SyncVariant());
  for (int i = 0; i < 7; ++i) f.AddOrder(MakeOrder(1));
  f.AddOrder(MakeOrder(2));  // seq 8, another customer's

  OrderQuery query = CustomerOrders(1, 3);
  CHECK("7 6 5 | next 5" == f.List(query));
  query.before_seq = 5;
  CHECK("4 3 2 | next 2" == f.List(query));
  query.before_seq = 2;
  CHECK("1" == f.List(query));

  query = AllOrders(4);
  CHECK("8 7 6 5 | next 5" == f.List(query));
  query.before_seq = 5;
  CHECK("4 3 2 1" == f.List(query));
}

TEST_CASE("a page that ends exactly at the oldest order announces no further page") {
  StoreFixture f(SyncVariant());
  for (int i = 0; i < 6; ++i) f.AddOrder(MakeOrder(1));

  OrderQuery query = CustomerOrders(1, 3);
  query.before_seq = 4;

  CHECK("3 2 1" == f.List(query));
}

TEST_CASE("paging with a status filter skips orders that do not match") {
  StoreFixture f(SyncVariant());
  for (int i = 0; i < 9; ++i) {
    Order order = MakeOrder(1);
    if (i % 3 == 0) order.status = OrderStatus::kCancelled;  // seqs 1, 4, 7
    f.AddOrder(order);
  }

  OrderQuery query = CustomerOrders(1, 2);
  query.status = OrderStatus::kCancelled;
  CHECK("7 4 | next 4" == f.List(query));
  query.before_seq = 4;
  CHECK("1" == f.List(query));
}

TEST_CASE("put overwrites a stored order") {
  StoreFixture f(SyncVariant());
  Order order = MakeOrder(1, "a");
  order.seq = f.AddOrder(order);
  order.status = OrderStatus::kCancelled;

  REQUIRE(f.orders().Put(order).ok());
  f.Reopen();

  Result<Order> stored = f.orders().Get(1);
  REQUIRE(stored.ok());
  CHECK(OrderStatus::kCancelled == stored->status);
  OrderQuery query = CustomerOrders(1);
  query.status = OrderStatus::kCancelled;
  CHECK("1" == f.List(query));
}

TEST_CASE("put of an order that was never created is not_found") {
  StoreFixture f;
  Order order = MakeOrder(1);
  order.seq = 9;

  CHECK("not_found: Order 9 not found" == f.orders().Put(order).ToString());
}

TEST_CASE("put cannot move an order to another customer or reference") {
  StoreFixture f;
  Order order = MakeOrder(1, "a");
  order.seq = f.AddOrder(order);

  SUBCASE("customer") {
    order.customer_id = 2;
  }
  SUBCASE("customer order id") {
    order.customer_order_id = "b";
  }

  CHECK("failed_precondition: Order 1: customer and customer order id cannot change" ==
        f.orders().Put(order).ToString());
}

}  // namespace
}  // namespace onair::store
