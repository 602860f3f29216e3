// ReceiverProcess: tests/deliver/webhook_receiver.mjs under node, the webhook receiver that
// verifies every attempt with the npm `standardwebhooks` library (not onair's code), on a port
// the test may choose, so a receiver can come up at an address onaird already retries. The child
// exits when the object goes (its standard input closes). Not thread-safe.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace onair::e2e3 {

// One POST the receiver saw, as GET /deliveries reports it.
struct ReceivedDelivery {
  std::string id;         // webhook-id, "" when absent
  std::string timestamp;  // webhook-timestamp, "" when absent
  bool verified = false;  // standardwebhooks accepted the signature and the timestamp
  int status = 0;         // what the receiver answered: 500, 204 or 401
  std::string body;
};

class ReceiverProcess {
 public:
  // Starts the receiver with `secret`; it answers 500 to the first `fail_first` verified
  // deliveries and 204 after them. `port` 0 lets it pick a free one. Fails the test (REQUIRE)
  // when node, the script or the npm package is missing, or it does not listen in time.
  ReceiverProcess(const std::string& secret, int fail_first, uint16_t port = 0);
  ~ReceiverProcess();
  ReceiverProcess(const ReceiverProcess&) = delete;
  ReceiverProcess& operator=(const ReceiverProcess&) = delete;

  uint16_t port() const { return port_; }
  // The URL to set as a customer's webhook.
  std::string Url() const;
  // Everything it received, in arrival order (REQUIRE: it answers GET /deliveries).
  std::vector<ReceivedDelivery> Deliveries() const;

 private:
  pid_t pid_ = -1;
  int stdin_fd_ = -1;  // closing it makes the receiver exit
  uint16_t port_ = 0;
};

// The webhook URL of a receiver on `port`, whether or not one listens there yet.
std::string ReceiverUrl(uint16_t port);

// The ids of the deliveries that verified.
std::set<std::string> VerifiedIds(const std::vector<ReceivedDelivery>& deliveries);

}  // namespace onair::e2e3
