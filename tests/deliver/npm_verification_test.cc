// Webhook deliveries checked by the npm `standardwebhooks` library, the verifier customers are
// pointed to in docs/webhooks.md, rather than by anything of onair's.
#include <doctest/doctest.h>

#include <string>

#include "deliver/delivery_service.h"
#include "delivery_fixture.h"
#include "npm_receiver.h"

namespace onair::deliver {
namespace {

using onair::testing::DeliveryFixture;
using onair::testing::kSecret;
using onair::testing::NpmDelivery;
using onair::testing::NpmReceiver;
using std::chrono::seconds;

// The library refuses timestamps more than five minutes from its own clock: the fake clock
// starts at the real time and moves only a few minutes.
void StartAtRealTime(DeliveryFixture& f) {
  f.clock().Set(std::chrono::floor<seconds>(SystemClock().Now()));
}

TEST_CASE("every attempt verifies with the npm library: 500 twice then 200, one webhook-id") {
  NpmReceiver receiver(std::string(kSecret), 2);
  DeliveryFixture f;
  StartAtRealTime(f);
  uint64_t customer = f.AddCustomer("acme", receiver.Url());
  uint64_t seq = f.AddDispatch(f.AddOrder(customer), customer);
  DeliveryService service(f.Deps(), DeliveryOptions());

  CHECK(1 == service.RunDue());
  f.clock().Advance(seconds(30));
  CHECK(1 == service.RunDue());
  f.clock().Advance(seconds(60));
  CHECK(1 == service.RunDue());

  std::vector<NpmDelivery> deliveries = receiver.Deliveries();
  REQUIRE(3 == deliveries.size());
  int expected_status[] = {500, 500, 204};
  for (size_t i = 0; i < deliveries.size(); ++i) {
    CAPTURE(i);
    CHECK(deliveries[i].verified);
    CHECK("D-000001" == deliveries[i].id);
    CHECK(expected_status[i] == deliveries[i].status);
  }
  CHECK(deliveries[0].timestamp != deliveries[1].timestamp);
  CHECK(deliveries[0].body == deliveries[2].body);
  CHECK(DispatchState::kSent == f.Get(seq).state);
  CHECK(3 == f.Get(seq).attempts);
}

TEST_CASE("the npm library refuses a delivery signed with another secret") {
  NpmReceiver receiver("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", 0);
  DeliveryFixture f;
  StartAtRealTime(f);
  uint64_t customer = f.AddCustomer("acme", receiver.Url());  // signs with kSecret
  uint64_t seq = f.AddDispatch(f.AddOrder(customer), customer);
  DeliveryService service(f.Deps(), DeliveryOptions());

  CHECK(1 == service.RunDue());

  std::vector<NpmDelivery> deliveries = receiver.Deliveries();
  REQUIRE(1 == deliveries.size());
  CHECK_FALSE(deliveries[0].verified);
  CHECK("HTTP 401" == f.Get(seq).last_error);
}

}  // namespace
}  // namespace onair::deliver
