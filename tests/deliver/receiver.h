// Receiver: a webhook endpoint on 127.0.0.1 (an ephemeral port) for tests, over plain HTTP or
// TLS. It records every request and answers each with what the test's handler says. Thread-safe:
// the server's threads record while the test reads.
#pragma once

#include <httplib.h>

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace onair::testing {

struct ReceivedRequest {
  std::string path;
  std::string body;
  std::string webhook_id;
  std::string webhook_timestamp;
  std::string webhook_signature;
  std::string content_type;
  int remote_port = 0;  // tells connections apart
};

// Answers the n-th request (0-based) of the receiver.
using ReceiverHandler = std::function<void(int n, const httplib::Request&, httplib::Response&)>;

// A self-signed certificate for 127.0.0.1 and localhost, made with OpenSSL for one test.
struct TestCertificate {
  TestCertificate();
  ~TestCertificate();
  TestCertificate(const TestCertificate&) = delete;
  TestCertificate& operator=(const TestCertificate&) = delete;

  // Writes the certificate as PEM to `path`, for a client that is to trust it.
  void WritePem(const std::string& path) const;

  struct x509_st* cert = nullptr;
  struct evp_pkey_st* key = nullptr;
};

class Receiver {
 public:
  // Plain HTTP; `tls` set: HTTPS with that certificate (which must outlive the receiver).
  explicit Receiver(ReceiverHandler handler, const TestCertificate* tls = nullptr);
  ~Receiver();  // stops the server and joins its thread

  int port() const { return port_; }
  std::string Url(const std::string& path = "/hook") const;

  std::vector<ReceivedRequest> Requests() const;
  size_t Count() const;

 private:
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
  bool tls_ = false;
  ReceiverHandler handler_;

  mutable std::mutex mutex_;
  std::vector<ReceivedRequest> requests_;  // guarded by mutex_
};

// Answers 200 "ok" to everything.
void AnswerOk(int n, const httplib::Request& request, httplib::Response& response);

}  // namespace onair::testing
