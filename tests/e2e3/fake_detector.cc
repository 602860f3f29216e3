#include "fake_detector.h"

#include <doctest/doctest.h>

#include <chrono>

namespace onair::e2e3 {

FakeDetector::FakeDetector() {
  server_.Get("/live", [this](const httplib::Request& req, httplib::Response& res) {
    const std::string page = req.get_param_value("page");
    std::pair<int, std::string> answer{200, R"({"live":false})"};
    {
      std::lock_guard lock(mu_);
      ++probes_[page];
      auto found = answers_.find(page);
      if (found != answers_.end()) answer = found->second;
    }
    res.status = answer.first;
    res.set_content(answer.second, "application/json");
  });
  port_ = server_.bind_to_any_port("127.0.0.1");
  REQUIRE(port_ > 0);
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!server_.is_running() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  REQUIRE(server_.is_running());
}

FakeDetector::~FakeDetector() {
  server_.stop();
  thread_.join();
}

std::string FakeDetector::UrlTemplate() const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/live?page={page}";
}

void FakeDetector::SetAnswer(const std::string& page, const std::string& body, int status) {
  std::lock_guard lock(mu_);
  answers_[page] = {status, body};
}

int FakeDetector::probes(const std::string& page) const {
  std::lock_guard lock(mu_);
  auto found = probes_.find(page);
  return found == probes_.end() ? 0 : found->second;
}

}  // namespace onair::e2e3
