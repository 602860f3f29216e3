// NpmReceiver: runs tests/deliver/webhook_receiver.mjs under node, the receiver that verifies
// every delivery with the npm `standardwebhooks` library, and reads back what it saw. The child
// ends with the object (its standard input closes). Not thread-safe.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace onair::testing {

struct NpmDelivery {
  std::string id;
  std::string timestamp;
  bool verified = false;
  int status = 0;
  std::string body;
};

class NpmReceiver {
 public:
  // Starts the receiver with `secret`; it answers 500 to the first `fail_first` verified
  // deliveries. Fails the test when node or the npm library is missing.
  NpmReceiver(const std::string& secret, int fail_first);
  ~NpmReceiver();
  NpmReceiver(const NpmReceiver&) = delete;
  NpmReceiver& operator=(const NpmReceiver&) = delete;

  std::string Url() const;
  std::vector<NpmDelivery> Deliveries() const;  // in arrival order

 private:
  pid_t pid_ = -1;
  int stdin_fd_ = -1;  // closing it tells the receiver to exit
  int port_ = 0;
};

}  // namespace onair::testing
