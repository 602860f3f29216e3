#include "receiver.h"

#include <doctest/doctest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>

#include "poll.h"

namespace onair::testing {

namespace {

void AddExtension(X509* cert, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  REQUIRE(ext != nullptr);
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

}  // namespace

TestCertificate::TestCertificate() {
  key = EVP_EC_gen("P-256");
  REQUIRE(key != nullptr);
  cert = X509_new();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert), 86400);
  X509_set_pubkey(cert, key);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  AddExtension(cert, NID_basic_constraints, "critical,CA:TRUE");
  AddExtension(cert, NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost");
  REQUIRE(X509_sign(cert, key, EVP_sha256()) > 0);
}

TestCertificate::~TestCertificate() {
  X509_free(cert);
  EVP_PKEY_free(key);
}

void TestCertificate::WritePem(const std::string& path) const {
  FILE* file = std::fopen(path.c_str(), "w");
  REQUIRE(file != nullptr);
  REQUIRE(PEM_write_X509(file, cert) == 1);
  std::fclose(file);
}

Receiver::Receiver(ReceiverHandler handler, const TestCertificate* tls)
    : tls_(tls != nullptr), handler_(std::move(handler)) {
  if (tls) {
    server_ = std::make_unique<httplib::SSLServer>(tls->cert, tls->key);
  } else {
    server_ = std::make_unique<httplib::Server>();
  }
  server_->Post(".*", [this](const httplib::Request& request, httplib::Response& response) {
    ReceivedRequest received;
    received.path = request.path;
    received.body = request.body;
    received.webhook_id = request.get_header_value("webhook-id");
    received.webhook_timestamp = request.get_header_value("webhook-timestamp");
    received.webhook_signature = request.get_header_value("webhook-signature");
    received.content_type = request.get_header_value("Content-Type");
    received.remote_port = request.remote_port;
    int n;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      n = static_cast<int>(requests_.size());
      requests_.push_back(std::move(received));
    }
    handler_(n, request, response);
  });
  port_ = server_->bind_to_any_port("127.0.0.1");
  REQUIRE(port_ > 0);
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  // stop() before the accept loop runs would be lost, and the destructor would wait forever.
  REQUIRE(PollUntil([this] { return server_->is_running(); }));
}

Receiver::~Receiver() {
  server_->stop();
  thread_.join();
}

std::string Receiver::Url(const std::string& path) const {
  return std::string(tls_ ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_) + path;
}

std::vector<ReceivedRequest> Receiver::Requests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_;
}

size_t Receiver::Count() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_.size();
}

void AnswerOk(int, const httplib::Request&, httplib::Response& response) {
  response.set_content("ok", "text/plain");
}

}  // namespace onair::testing
