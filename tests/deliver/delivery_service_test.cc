#include "deliver/delivery_service.h"

#include <doctest/doctest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <condition_variable>
#include <map>
#include <mutex>
#include <sstream>
#include <string>

#include "core/dispatch.h"
#include "delivery_fixture.h"
#include "poll.h"
#include "receiver.h"

namespace onair::deliver {
namespace {

using onair::testing::AnswerOk;
using onair::testing::DeliveryFixture;
using onair::testing::kSecret;
using onair::testing::kStart;
using onair::testing::PollUntil;
using onair::testing::ReceivedRequest;
using onair::testing::Receiver;
using std::chrono::seconds;

// The body every dispatch of DeliveryFixture::AddDispatch carries (id D-000001, detected at the
// fixture's start, 10:00 in Manila), byte for byte.
constexpr std::string_view kFirstBody =
    R"({"id":"D-000001","type":"order.live","order_id":"MP-000001",)"
    R"("customer_order_id":"321421321","url":"https://facebook.com/username",)"
    R"("page":"https://www.facebook.com/username","stream_id":"1234567890","service_id":3,)"
    R"("service_name":"180 Minutes Live Viewers","quantity":200,"min_viewers":100,)"
    R"("viewers":153,"detected_at":"2025-11-08T10:00:00+08:00"})";

// The Standard Webhooks signature computed here with OpenSSL alone, not with onair's signer:
// the key is the 32 bytes 0x00..0x1f that kSecret encodes.
std::string ExpectedSignature(const ReceivedRequest& request) {
  unsigned char key[32];
  for (int i = 0; i < 32; ++i) key[i] = static_cast<unsigned char>(i);
  std::string content = request.webhook_id + "." + request.webhook_timestamp + "." + request.body;
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_size = 0;
  HMAC(EVP_sha256(), key, sizeof(key), reinterpret_cast<const unsigned char*>(content.data()),
       content.size(), mac, &mac_size);
  unsigned char encoded[64] = {};
  EVP_EncodeBlock(encoded, mac, static_cast<int>(mac_size));
  return "v1," + std::string(reinterpret_cast<char*>(encoded));
}

DeliveryOptions TestOptions() {
  DeliveryOptions options;
  options.workers = 2;
  options.timeout = seconds(30);
  return options;
}

// Answers 500 to the first `failures` requests, then 200.
testing::ReceiverHandler FailFirst(int failures) {
  return [failures](int n, const httplib::Request&, httplib::Response& response) {
    response.status = n < failures ? 500 : 200;
  };
}

class Gate {
 public:
  void Wait() {
    std::unique_lock<std::mutex> lock(mutex_);
    opened_.wait(lock, [this] { return open_; });
  }
  void Open() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      open_ = true;
    }
    opened_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable opened_;
  bool open_ = false;
};

TEST_CASE("a receiver answering 2xx gets the exact body, signed, and the dispatch is sent") {
  Receiver receiver(AnswerOk);
  DeliveryFixture f;
  uint64_t customer = f.AddCustomer("acme", receiver.Url());
  uint64_t seq = f.AddDispatch(f.AddOrder(customer), customer);
  DeliveryService service(f.Deps(), TestOptions());

  CHECK(1 == service.RunDue());

  REQUIRE(1 == receiver.Count());
  ReceivedRequest request = receiver.Requests()[0];
  CHECK(kFirstBody == request.body);
  CHECK("application/json" == request.content_type);
  CHECK("D-000001" == request.webhook_id);
  CHECK("1762567200" == request.webhook_timestamp);
  CHECK(ExpectedSignature(request) == request.webhook_signature);
  Dispatch d = f.Get(seq);
  CHECK(DispatchState::kSent == d.state);
  CHECK(1 == d.attempts);
  CHECK(kStart == d.sent_at);
  CHECK("" == d.last_error);
}

TEST_CASE("500 twice then 200 takes three attempts with the same webhook-id") {
  Receiver receiver(FailFirst(2));
  DeliveryFixture f;
  uint64_t customer = f.AddCustomer("acme", receiver.Url());
  uint64_t seq = f.AddDispatch(f.AddOrder(customer), customer);
  DeliveryService service(f.Deps(), TestOptions());

  CHECK(1 == service.RunDue());
  Dispatch after_first = f.Get(seq);
  CHECK(DispatchState::kPending == after_first.state);
  CHECK(1 == after_first.attempts);
  CHECK("HTTP 500" == after_first.last_error);
  CHECK(kStart + seconds(30) == after_first.next_attempt_at);

  f.clock().Advance(seconds(29));
  CHECK(0 == service.RunDue());  // not due yet
  f.clock().Advance(seconds(1));
  CHECK(1 == service.RunDue());
  CHECK(kStart + seconds(30 + 60) == f.Get(seq).next_attempt_at);

  f.clock().Advance(seconds(60));
  CHECK(1 == service.RunDue());

  std::vector<ReceivedRequest> requests = receiver.Requests();
  REQUIRE(3 == requests.size());
  for (const ReceivedRequest& request : requests) {
    CHECK("D-000001" == request.webhook_id);
    CHECK(kFirstBody == request.body);
    CHECK(ExpectedSignature(request) == request.webhook_signature);
  }
  CHECK("1762567200" == requests[0].webhook_timestamp);
  CHECK("1762567230" == requests[1].webhook_timestamp);
  CHECK("1762567290" == requests[2].webhook_timestamp);
  Dispatch d = f.Get(seq);
  CHECK(DispatchState::kSent == d.state);
  CHECK(3 == d.attempts);
  CHECK(kStart + seconds(90) == d.sent_at);
  CHECK("" == d.last_error);
}

TEST_CASE("a timeout is retried") {
  Gate gate;
  Receiver receiver([&](int n, const httplib::Request&, httplib::Response&) {
    if (n == 0) gate.Wait();
  });
  DeliveryFixture f;
  uint64_t customer = f.AddCustomer("acme", receiver.Url());
  uint64_t seq = f.AddDispatch(f.AddOrder(customer), customer);
  DeliveryOptions options = TestOptions();
  options.timeout = seconds(1);
  DeliveryService service(f.Deps(), options);

  CHECK(1 == service.RunDue());
  gate.Open();
  CHECK(DispatchState::kPending == f.Get(seq).state);
  CHECK("no complete answer (timed out or closed)" == f.Get(seq).last_error);

  f.clock().Advance(seconds(30));
  CHECK(1 == service.RunDue());
  CHECK(DispatchState::kSent == f.Get(seq).state);
  CHECK(2 == f.Get(seq).attempts);
}

TEST_CASE("a redirect is a failed attempt and is not followed") {
  Receiver receiver([](int, const httplib::Request& request, httplib::Response& response) {
    if (request.path == "/hook") response.set_redirect("/moved", 302);
  });
  DeliveryFixture f;
  uint64_t customer = f.AddCustomer("acme", receiver.Url("/hook"));
  uint64_t seq = f.AddDispatch(f.AddOrder(customer), customer);
  DeliveryService service(f.Deps(), TestOptions());

  CHECK(1 == service.RunDue());

  CHECK(1 == receiver.Count());
  Dispatch d = f.Get(seq);
  CHECK(DispatchState::kPending == d.state);
  CHECK("HTTP 302 (redirects are not followed)" == d.last_error);
}

TEST_CASE("a huge 2xx answer is cut off and the dispatch is sent") {
  Receiver receiver([](int, const httplib::Request&, httplib::Response& response) {
    response.set_chunked_content_provider("text/plain", [](size_t, httplib::DataSink& sink) {
      static const std::string chunk(64 * 1024, 'x');
      return sink.write(chunk.data(), chunk.size());  // never done: endless unless cut off
    });
  });
  DeliveryFixture f;
  uint64_t customer = f.AddCustomer("acme", receiver.Url());
  uint64_t seq = f.AddDispatch(f.AddOrder(customer), customer);
  DeliveryService service(f.Deps(), TestOptions());

  CHECK(1 == service.RunDue());

  CHECK(DispatchState::kSent == f.Get(seq).state);
}

TEST_CASE("after max_attempts failed attempts the dispatch is undeliverable") {
  Receiver receiver(FailFirst(1000));
  DeliveryFixture f;
  uint64_t customer = f.AddCustomer("acme", receiver.Url());
  uint64_t seq = f.AddDispatch(f.AddOrder(customer), customer);
  DeliveryOptions options = TestOptions();
  options.max_attempts = 3;
  DeliveryService service(f.Deps(), options);

  CHECK(1 == service.RunDue());
  f.clock().Advance(seconds(30));
  CHECK(1 == service.RunDue());
  f.clock().Advance(seconds(60));
  CHECK(1 == service.RunDue());
  f.clock().Advance(std::chrono::hours(24));
  CHECK(0 == service.RunDue());

  CHECK(3 == receiver.Count());
  Dispatch d = f.Get(seq);
  CHECK(DispatchState::kUndeliverable == d.state);
  CHECK(3 == d.attempts);
  CHECK("HTTP 500" == d.last_error);
  CHECK_FALSE(f.dispatches().NextDue().has_value());
}

TEST_CASE("a customer without a webhook is not attempted; its dispatch waits to be pulled") {
  DeliveryFixture f;
  uint64_t customer = f.AddCustomer("puller", "");
  uint64_t seq = f.AddDispatch(f.AddOrder(customer), customer);
  DeliveryService service(f.Deps(), TestOptions());

  CHECK(0 == service.RunDue());

  Dispatch d = f.Get(seq);
  CHECK(DispatchState::kPending == d.state);
  CHECK(0 == d.attempts);
  CHECK(kAwaitingPull == d.next_attempt_at);
  CHECK_FALSE(f.dispatches().NextDue().has_value());  // out of the outbox
  f.clock().Advance(std::chrono::hours(24 * 365));
  CHECK(0 == service.RunDue());
  Result<std::vector<Dispatch>> pending = f.dispatches().List(
      store::DispatchQuery{customer, std::nullopt, DispatchState::kPending, std::nullopt, 100});
  REQUIRE(pending.ok());
  REQUIRE(1 == pending->size());
  CHECK(seq == (*pending)[0].seq);
}

TEST_CASE("a dispatch acked or cancelled during its attempt keeps that state") {
  DeliveryFixture f;
  DispatchState word = DispatchState::kAcked;
  SUBCASE("acked") {
    word = DispatchState::kAcked;
  }
  SUBCASE("cancelled") {
    word = DispatchState::kCancelled;
  }
  uint64_t seq = 0;
  Receiver receiver([&](int, const httplib::Request&, httplib::Response& response) {
    Result<Dispatch> changed = f.dispatches().Update(seq, [&](Dispatch& d) {
      d.state = word;
      return Status::Ok();
    });
    REQUIRE(changed.ok());
    response.status = 500;
  });
  uint64_t customer = f.AddCustomer("acme", receiver.Url());
  seq = f.AddDispatch(f.AddOrder(customer), customer);
  DeliveryService service(f.Deps(), TestOptions());

  CHECK(1 == service.RunDue());

  Dispatch d = f.Get(seq);
  CHECK(word == d.state);
  CHECK(0 == d.attempts);
  CHECK("" == d.last_error);
}

TEST_CASE("a restart resumes pending dispatches with the same webhook-id") {
  Receiver receiver(FailFirst(1));
  DeliveryFixture f;
  uint64_t customer = f.AddCustomer("acme", receiver.Url());
  uint64_t seq = f.AddDispatch(f.AddOrder(customer), customer);
  {
    DeliveryService service(f.Deps(), TestOptions());
    CHECK(1 == service.RunDue());
  }

  f.Reopen();
  f.clock().Advance(seconds(30));
  DeliveryService service(f.Deps(), TestOptions());
  CHECK(1 == service.RunDue());

  std::vector<ReceivedRequest> requests = receiver.Requests();
  REQUIRE(2 == requests.size());
  CHECK("D-000001" == requests[0].webhook_id);
  CHECK("D-000001" == requests[1].webhook_id);
  CHECK(kFirstBody == requests[1].body);
  CHECK(DispatchState::kSent == f.Get(seq).state);
  CHECK(2 == f.Get(seq).attempts);
}

TEST_CASE("workers deliver every dispatch once, on their own, after Notify") {
  Receiver receiver(AnswerOk);
  DeliveryFixture f;
  uint64_t customer = f.AddCustomer("acme", receiver.Url());
  uint64_t order = f.AddOrder(customer);
  SystemClock clock;
  DeliveryOptions options = TestOptions();
  options.workers = 4;
  DeliveryService service(f.Deps(&clock), options);
  service.Start();

  std::vector<uint64_t> seqs;
  for (int i = 0; i < 20; ++i) seqs.push_back(f.AddDispatch(order, customer));
  service.Notify();

  REQUIRE(PollUntil([&] { return receiver.Count() >= 20; }));
  REQUIRE(PollUntil([&] {
    for (uint64_t seq : seqs) {
      if (f.Get(seq).state != DispatchState::kSent) return false;
    }
    return true;
  }));
  service.Stop();

  std::map<std::string, int> per_id;
  for (const ReceivedRequest& request : receiver.Requests()) ++per_id[request.webhook_id];
  CHECK(20 == per_id.size());
  for (const auto& [id, count] : per_id) {
    CAPTURE(id);
    CHECK(1 == count);
  }
}

TEST_CASE("workers retry a failed attempt when it falls due") {
  Receiver receiver(FailFirst(1));
  DeliveryFixture f;
  uint64_t customer = f.AddCustomer("acme", receiver.Url());
  SystemClock clock;
  DeliveryOptions options = TestOptions();
  options.retry_initial = seconds(1);
  DeliveryService service(f.Deps(&clock), options);
  uint64_t seq = f.AddDispatch(f.AddOrder(customer), customer);
  service.Start();

  REQUIRE(PollUntil([&] { return f.Get(seq).state == DispatchState::kSent; }));
  service.Stop();

  CHECK(2 == receiver.Count());
  CHECK(2 == f.Get(seq).attempts);
}

TEST_CASE("Stop lets an attempt under way finish and record its outcome") {
  Gate gate;
  Receiver receiver([&](int, const httplib::Request&, httplib::Response&) { gate.Wait(); });
  DeliveryFixture f;
  uint64_t customer = f.AddCustomer("acme", receiver.Url());
  SystemClock clock;
  DeliveryService service(f.Deps(&clock), TestOptions());
  uint64_t seq = f.AddDispatch(f.AddOrder(customer), customer);
  service.Start();
  REQUIRE(PollUntil([&] { return receiver.Count() == 1; }));

  std::thread stopper([&] { service.Stop(); });
  gate.Open();
  stopper.join();

  CHECK(DispatchState::kSent == f.Get(seq).state);
  CHECK(1 == receiver.Count());
}

TEST_CASE("a failed attempt logs the dispatch and host, never the secret or the body") {
  std::ostringstream log;
  auto previous = spdlog::default_logger();
  spdlog::set_default_logger(std::make_shared<spdlog::logger>(
      "test", std::make_shared<spdlog::sinks::ostream_sink_mt>(log)));
  spdlog::set_pattern("%l %v");
  Receiver receiver(FailFirst(1000));
  DeliveryFixture f;
  uint64_t customer = f.AddCustomer("acme", receiver.Url());
  f.AddDispatch(f.AddOrder(customer), customer);
  DeliveryOptions options = TestOptions();
  options.max_attempts = 2;
  DeliveryService service(f.Deps(), options);

  service.RunDue();
  f.clock().Advance(seconds(30));
  service.RunDue();
  spdlog::set_default_logger(previous);

  CHECK(
      "warning deliver: attempt_failed dispatch=D-000001 host=127.0.0.1 attempt=1 "
      "error=\"HTTP 500\" retry_in=30s\n"
      "error deliver: undeliverable dispatch=D-000001 host=127.0.0.1 attempts=2 "
      "error=\"HTTP 500\"\n" == log.str());
}

}  // namespace
}  // namespace onair::deliver
