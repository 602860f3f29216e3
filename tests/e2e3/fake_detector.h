// FakeDetector: the operator's detector service that onaird's `http` detector asks, on a free
// loopback port: GET /live?page=<canonical page> answers the JSON set for that page, or
// {"live":false} when none was set. Records which pages it was asked about. Thread-safe.
#pragma once

#include <httplib.h>

#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

namespace onair::e2e3 {

class FakeDetector {
 public:
  FakeDetector();
  ~FakeDetector();  // stops the server
  FakeDetector(const FakeDetector&) = delete;
  FakeDetector& operator=(const FakeDetector&) = delete;

  // The `[detector] http_url` template that reaches this server.
  std::string UrlTemplate() const;
  // From now on, probes of `page` get `body` with `status` (application/json).
  void SetAnswer(const std::string& page, const std::string& body, int status = 200);
  // How many probes asked about `page`.
  int probes(const std::string& page) const;

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;

  mutable std::mutex mu_;
  // Guarded by mu_.
  std::map<std::string, std::pair<int, std::string>> answers_;
  std::map<std::string, int> probes_;
};

}  // namespace onair::e2e3
