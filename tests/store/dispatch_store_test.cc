#include "store/dispatch_store.h"

#include <doctest/doctest.h>
#include <rocksdb/write_batch.h>

#include <latch>
#include <thread>

#include "store_fixture.h"

namespace onair::store {
namespace {

using onair::testing::kNow;
using onair::testing::StoreFixture;
using onair::testing::SyncVariant;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

Dispatch MakeDispatch(uint64_t order_seq, uint64_t customer_id, TimePoint next_attempt_at = kNow) {
  Dispatch d;
  d.order_seq = order_seq;
  d.customer_id = customer_id;
  d.service_id = 3;
  d.service_name = "180 Minutes Live Viewers";
  d.quantity = 200;
  d.page = "https://www.facebook.com/username";
  d.session = 1;
  d.viewers = 20;
  d.detected_at = kNow;
  d.next_attempt_at = next_attempt_at;
  return d;
}

// Writes `dispatch` with a freshly reserved seq, as the scheduler does; returns the seq.
uint64_t Add(StoreFixture& f, Dispatch dispatch) {
  dispatch.seq = f.dispatches().NextSeq();
  rocksdb::WriteBatch batch;
  f.dispatches().AddToBatch(&batch, dispatch);
  REQUIRE(f.db().Write(&batch).ok());
  return dispatch.seq;
}

// "1 2 3": the seqs of dispatches in the order returned.
std::string Seqs(const Result<std::vector<Dispatch>>& dispatches) {
  REQUIRE(dispatches.ok());
  std::string out;
  for (const Dispatch& d : *dispatches) out += (out.empty() ? "" : " ") + std::to_string(d.seq);
  return out;
}

std::string Due(StoreFixture& f, TimePoint now, size_t limit = 100) {
  return Seqs(f.dispatches().Due(now, limit));
}

std::string List(StoreFixture& f, const DispatchQuery& query) {
  return Seqs(f.dispatches().List(query));
}

Status MarkSent(Dispatch& d) {
  d.state = DispatchState::kSent;
  d.attempts += 1;
  d.sent_at = kNow;
  return Status::Ok();
}

TEST_CASE("dispatch seqs start at 1 and continue after the database is reopened") {
  StoreFixture f(SyncVariant());

  CHECK(1 == Add(f, MakeDispatch(1, 1)));
  CHECK(2 == Add(f, MakeDispatch(1, 1)));
  f.Reopen();

  CHECK(3 == f.dispatches().NextSeq());
}

TEST_CASE("a written dispatch reads back with every field after a reopen") {
  StoreFixture f(SyncVariant());
  Dispatch dispatch = MakeDispatch(7, 3, kNow + seconds(30));
  dispatch.min_viewers = 100;
  dispatch.stream_id = "1234567890";
  dispatch.viewers = 153;
  uint64_t seq = Add(f, dispatch);

  f.Reopen();
  Result<Dispatch> stored = f.dispatches().Get(seq);

  REQUIRE(stored.ok());
  CHECK(1 == stored->seq);
  CHECK(7 == stored->order_seq);
  CHECK(3 == stored->customer_id);
  CHECK(3 == stored->service_id);
  CHECK("180 Minutes Live Viewers" == stored->service_name);
  CHECK(200 == stored->quantity);
  CHECK(std::optional<int64_t>(100) == stored->min_viewers);
  CHECK("https://www.facebook.com/username" == stored->page);
  CHECK(1 == stored->session);
  CHECK(std::optional<std::string>("1234567890") == stored->stream_id);
  CHECK(153 == stored->viewers);
  CHECK(kNow == stored->detected_at);
  CHECK(DispatchState::kPending == stored->state);
  CHECK(0 == stored->attempts);
  CHECK(kNow + seconds(30) == stored->next_attempt_at);
  CHECK(DispatchResult::kNone == stored->result);
}

TEST_CASE("getting a missing dispatch is not_found, naming its dispatch id") {
  StoreFixture f;

  CHECK("not_found: Dispatch D-000042 not found" == f.dispatches().Get(42).status().ToString());
}

TEST_CASE("due returns the pending dispatches whose attempt time has come, earliest first") {
  StoreFixture f(SyncVariant());
  Add(f, MakeDispatch(1, 1, kNow + minutes(10)));  // 1
  Add(f, MakeDispatch(1, 1, kNow));                // 2
  Add(f, MakeDispatch(2, 1, kNow - minutes(5)));   // 3
  Add(f, MakeDispatch(2, 2, kNow));                // 4: same millisecond as 2, later seq
  Dispatch sent = MakeDispatch(3, 2, kNow - minutes(9));
  sent.state = DispatchState::kSent;
  Add(f, sent);  // 5: not pending, never due

  CHECK("3 2 4" == Due(f, kNow));
  CHECK("3" == Due(f, kNow - milliseconds(1)));
  CHECK("3 2 4 1" == Due(f, kNow + minutes(10)));
  CHECK("3 2" == Due(f, kNow + minutes(10), 2));
  CHECK("" == Due(f, kNow, 0));
  CHECK("" == Due(f, kNow - minutes(6)));
}

TEST_CASE("a dispatch is due from the start of its attempt's millisecond") {
  StoreFixture f;
  Add(f, MakeDispatch(1, 1, kNow + std::chrono::microseconds(1500)));

  CHECK("" == Due(f, kNow + std::chrono::microseconds(999)));
  CHECK("1" == Due(f, kNow + milliseconds(1)));
}

TEST_CASE("next due is the earliest pending attempt, and none when nothing is pending") {
  StoreFixture f;
  CHECK(std::nullopt == f.dispatches().NextDue());

  Add(f, MakeDispatch(1, 1, kNow + minutes(10)));
  Add(f, MakeDispatch(1, 1, kNow + minutes(3)));
  CHECK(std::optional<TimePoint>(kNow + minutes(3)) == f.dispatches().NextDue());

  REQUIRE(f.dispatches().Update(2, MarkSent).ok());
  CHECK(std::optional<TimePoint>(kNow + minutes(10)) == f.dispatches().NextDue());

  REQUIRE(f.dispatches().Update(1, MarkSent).ok());
  CHECK(std::nullopt == f.dispatches().NextDue());
}

TEST_CASE("an update to sent takes the dispatch out of the outbox") {
  StoreFixture f(SyncVariant());
  uint64_t seq = Add(f, MakeDispatch(1, 1));

  Result<Dispatch> sent = f.dispatches().Update(seq, MarkSent);

  REQUIRE(sent.ok());
  CHECK(DispatchState::kSent == sent->state);
  CHECK(1 == sent->attempts);
  CHECK("" == Due(f, kNow + minutes(60)));
  Result<Dispatch> stored = f.dispatches().Get(seq);
  REQUIRE(stored.ok());
  CHECK(DispatchState::kSent == stored->state);
  CHECK(std::optional<TimePoint>(kNow) == stored->sent_at);
}

TEST_CASE("a retry moves the dispatch's outbox entry to its next attempt time") {
  StoreFixture f(SyncVariant());
  uint64_t seq = Add(f, MakeDispatch(1, 1));

  Result<Dispatch> retried = f.dispatches().Update(seq, [](Dispatch& d) {
    d.attempts += 1;
    d.last_error = "HTTP 500";
    d.next_attempt_at = kNow + seconds(30);
    return Status::Ok();
  });

  REQUIRE(retried.ok());
  CHECK("" == Due(f, kNow + seconds(29)));
  CHECK("1" == Due(f, kNow + seconds(30)));
  CHECK(std::optional<TimePoint>(kNow + seconds(30)) == f.dispatches().NextDue());
  Result<std::vector<Dispatch>> due = f.dispatches().Due(kNow + seconds(30), 10);
  REQUIRE(due.ok());
  REQUIRE(1 == due->size());
  CHECK(1 == (*due)[0].attempts);
  CHECK("HTTP 500" == (*due)[0].last_error);
}

TEST_CASE("an update that leaves a pending dispatch's time alone keeps one outbox entry") {
  StoreFixture f;
  uint64_t seq = Add(f, MakeDispatch(1, 1));

  REQUIRE(f.dispatches()
              .Update(seq,
                      [](Dispatch& d) {
                        d.result = DispatchResult::kDelivered;
                        d.delivered_quantity = 180;
                        return Status::Ok();
                      })
              .ok());

  CHECK("1" == Due(f, kNow));
}

TEST_CASE("a dispatch set back to pending is due again at its new time") {
  StoreFixture f;
  uint64_t seq = Add(f, MakeDispatch(1, 1));
  REQUIRE(f.dispatches()
              .Update(seq,
                      [](Dispatch& d) {
                        d.state = DispatchState::kUndeliverable;
                        return Status::Ok();
                      })
              .ok());
  REQUIRE("" == Due(f, kNow + minutes(60)));

  REQUIRE(f.dispatches()
              .Update(seq,
                      [](Dispatch& d) {
                        d.state = DispatchState::kPending;
                        d.next_attempt_at = kNow + minutes(60);
                        return Status::Ok();
                      })
              .ok());

  CHECK("" == Due(f, kNow + minutes(59)));
  CHECK("1" == Due(f, kNow + minutes(60)));
}

TEST_CASE("a pending dispatch awaiting its customer's pull has no outbox entry") {
  StoreFixture f(SyncVariant());
  Add(f, MakeDispatch(1, 4, kAwaitingPull));
  DispatchQuery pending;
  pending.customer_id = 4;
  pending.state = DispatchState::kPending;

  CHECK("" == Due(f, TimePoint::max()));
  CHECK(std::nullopt == f.dispatches().NextDue());
  CHECK("1" == List(f, pending));
  CHECK(kAwaitingPull == f.dispatches().Get(1)->next_attempt_at);

  SUBCASE("and gets one when it is scheduled again") {
    REQUIRE(f.dispatches()
                .Update(1,
                        [](Dispatch& d) {
                          d.next_attempt_at = kNow;
                          return Status::Ok();
                        })
                .ok());
    CHECK("1" == Due(f, kNow));
    CHECK(std::optional<TimePoint>(kNow) == f.dispatches().NextDue());
  }
  SUBCASE("and a dispatch set aside for pulling leaves the outbox") {
    Add(f, MakeDispatch(1, 4, kNow));
    REQUIRE("2" == Due(f, kNow));
    REQUIRE(f.dispatches()
                .Update(2,
                        [](Dispatch& d) {
                          d.next_attempt_at = kAwaitingPull;
                          return Status::Ok();
                        })
                .ok());
    CHECK("" == Due(f, TimePoint::max()));
    CHECK(std::nullopt == f.dispatches().NextDue());
    CHECK("1 2" == List(f, pending));
  }
}

TEST_CASE("an update returns the dispatch as stored, at millisecond precision") {
  StoreFixture f;
  uint64_t seq = Add(f, MakeDispatch(1, 1));

  Result<Dispatch> updated = f.dispatches().Update(seq, [](Dispatch& d) {
    d.next_attempt_at = kNow + std::chrono::microseconds(30'500);
    return Status::Ok();
  });

  REQUIRE(updated.ok());
  CHECK(kNow + milliseconds(30) == updated->next_attempt_at);
  CHECK(kNow + milliseconds(30) == f.dispatches().Get(seq)->next_attempt_at);
}

TEST_CASE("an update whose change fails writes nothing and returns the change's error") {
  StoreFixture f;
  uint64_t seq = Add(f, MakeDispatch(1, 1));

  Result<Dispatch> refused = f.dispatches().Update(seq, [](Dispatch& d) {
    d.state = DispatchState::kAcked;
    return Status::FailedPrecondition("Dispatch D-000001 is not pending");
  });

  CHECK("failed_precondition: Dispatch D-000001 is not pending" == refused.status().ToString());
  CHECK(DispatchState::kPending == f.dispatches().Get(seq)->state);
  CHECK("1" == Due(f, kNow));
}

TEST_CASE("an update cannot move a dispatch to another order or customer") {
  StoreFixture f;
  uint64_t seq = Add(f, MakeDispatch(1, 1));

  SUBCASE("another order") {
    Result<Dispatch> moved = f.dispatches().Update(seq, [](Dispatch& d) {
      d.order_seq = 2;
      return Status::Ok();
    });
    CHECK("failed_precondition: Dispatch D-000001: seq, order and customer cannot change" ==
          moved.status().ToString());
  }
  SUBCASE("another customer") {
    Result<Dispatch> moved = f.dispatches().Update(seq, [](Dispatch& d) {
      d.customer_id = 2;
      return Status::Ok();
    });
    CHECK("failed_precondition: Dispatch D-000001: seq, order and customer cannot change" ==
          moved.status().ToString());
  }
  CHECK(1 == f.dispatches().Get(seq)->order_seq);
}

TEST_CASE("updating a missing dispatch is not_found and never calls the change") {
  StoreFixture f;
  bool called = false;

  Result<Dispatch> updated = f.dispatches().Update(9, [&](Dispatch&) {
    called = true;
    return Status::Ok();
  });

  CHECK("not_found: Dispatch D-000009 not found" == updated.status().ToString());
  CHECK_FALSE(called);
}

TEST_CASE("twenty threads updating one dispatch each see the others' changes") {
  StoreFixture f(SyncVariant());
  uint64_t seq = Add(f, MakeDispatch(1, 1));
  constexpr int kThreads = 20;
  std::latch start(kThreads);

  std::vector<std::thread> threads;
  std::vector<Status> results(kThreads);
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      Result<Dispatch> updated = f.dispatches().Update(seq, [](Dispatch& d) {
        d.attempts += 1;
        d.next_attempt_at = kNow + seconds(d.attempts);
        return Status::Ok();
      });
      results[i] = updated.status();
    });
  }
  for (std::thread& t : threads) t.join();

  for (const Status& s : results) CHECK("ok" == s.ToString());
  Result<Dispatch> stored = f.dispatches().Get(seq);
  REQUIRE(stored.ok());
  CHECK(20 == stored->attempts);
  CHECK(kNow + seconds(20) == stored->next_attempt_at);
  // Every update moved the one outbox entry; none was left behind.
  CHECK("1" == Due(f, kNow + minutes(60)));
  CHECK(std::optional<TimePoint>(kNow + seconds(20)) == f.dispatches().NextDue());
}

TEST_CASE("dispatches list oldest first, filtered by customer, order and state") {
  StoreFixture f(SyncVariant());
  Add(f, MakeDispatch(1, 1));  // 1
  Add(f, MakeDispatch(2, 2));  // 2
  Add(f, MakeDispatch(1, 1));  // 3
  Add(f, MakeDispatch(3, 1));  // 4
  Add(f, MakeDispatch(2, 2));  // 5
  REQUIRE(f.dispatches().Update(3, MarkSent).ok());
  REQUIRE(f.dispatches().Update(5, MarkSent).ok());

  DispatchQuery query;
  SUBCASE("all") {
    CHECK("1 2 3 4 5" == List(f, query));
  }
  SUBCASE("one customer") {
    query.customer_id = 1;
    CHECK("1 3 4" == List(f, query));
  }
  SUBCASE("one order") {
    query.order_seq = 1;
    CHECK("1 3" == List(f, query));
  }
  SUBCASE("one state") {
    query.state = DispatchState::kSent;
    CHECK("3 5" == List(f, query));
  }
  SUBCASE("one customer's pending ones, as a customer pulls them") {
    query.customer_id = 1;
    query.state = DispatchState::kPending;
    CHECK("1 4" == List(f, query));
  }
  SUBCASE("one order's sent ones") {
    query.order_seq = 2;
    query.state = DispatchState::kSent;
    CHECK("5" == List(f, query));
  }
  SUBCASE("an order and a customer that do not go together") {
    query.order_seq = 2;
    query.customer_id = 1;
    CHECK("" == List(f, query));
  }
  SUBCASE("a customer without dispatches") {
    query.customer_id = 9;
    CHECK("" == List(f, query));
  }
}

TEST_CASE("the list cursor pages through every dispatch once") {
  StoreFixture f;
  for (int i = 0; i < 7; ++i) Add(f, MakeDispatch(1 + i % 2, 1));
  DispatchQuery query;
  query.limit = 3;

  SUBCASE("all of them") {
    CHECK("1 2 3" == List(f, query));
    query.after_seq = 3;
    CHECK("4 5 6" == List(f, query));
    query.after_seq = 6;
    CHECK("7" == List(f, query));
    query.after_seq = 7;
    CHECK("" == List(f, query));
  }
  SUBCASE("one customer's") {
    query.customer_id = 1;
    query.after_seq = 2;
    CHECK("3 4 5" == List(f, query));
  }
  SUBCASE("one order's") {
    query.order_seq = 1;
    query.after_seq = 3;
    CHECK("5 7" == List(f, query));
  }
  SUBCASE("a limit of zero") {
    query.limit = 0;
    CHECK("" == List(f, query));
  }
}

TEST_CASE("a state filter follows updates: acked dispatches leave the pending list") {
  StoreFixture f;
  Add(f, MakeDispatch(1, 4));
  Add(f, MakeDispatch(1, 4));
  DispatchQuery pending;
  pending.customer_id = 4;
  pending.state = DispatchState::kPending;
  REQUIRE("1 2" == List(f, pending));

  REQUIRE(f.dispatches()
              .Update(1,
                      [](Dispatch& d) {
                        d.state = DispatchState::kAcked;
                        return Status::Ok();
                      })
              .ok());

  CHECK("2" == List(f, pending));
  DispatchQuery acked = pending;
  acked.state = DispatchState::kAcked;
  CHECK("1" == List(f, acked));
  acked.customer_id.reset();
  acked.order_seq = 1;
  CHECK("1" == List(f, acked));
}

TEST_CASE("the outbox and the indexes survive a reopen") {
  StoreFixture f(SyncVariant());
  Add(f, MakeDispatch(1, 1, kNow + seconds(5)));
  Add(f, MakeDispatch(2, 2, kNow));
  REQUIRE(f.dispatches()
              .Update(1,
                      [](Dispatch& d) {
                        d.attempts = 1;
                        d.next_attempt_at = kNow + minutes(1);
                        return Status::Ok();
                      })
              .ok());

  f.Reopen();

  CHECK("2 1" == Due(f, kNow + minutes(1)));
  CHECK(std::optional<TimePoint>(kNow) == f.dispatches().NextDue());
  DispatchQuery query;
  query.customer_id = 1;
  query.state = DispatchState::kPending;
  CHECK("1" == List(f, query));
}

}  // namespace
}  // namespace onair::store
