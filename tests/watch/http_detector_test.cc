// HttpDetector against a real local HTTP server standing in for the operator's detector
// service: answers, errors, timeouts, size and concurrency bounds.
#include "watch/http_detector.h"

#include <doctest/doctest.h>
#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace onair::watch {
namespace {

constexpr const char* kPage = "https://www.facebook.com/onairpage";
constexpr const char* kEncodedPage = "https%3A%2F%2Fwww.facebook.com%2Fonairpage";

// Blocks handlers until opened; counts the handlers inside it.
class Gate {
 public:
  void Pass() {
    std::unique_lock lock(mu_);
    ++inside_;
    max_inside_ = std::max(max_inside_, inside_);
    cv_.wait(lock, [this] { return open_; });
    --inside_;
  }
  void Open() {
    {
      std::lock_guard lock(mu_);
      open_ = true;
    }
    cv_.notify_all();
  }
  // Waits (generously) until `n` handlers are inside; false when they never were.
  bool WaitForInside(int n) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      {
        std::lock_guard lock(mu_);
        if (inside_ >= n) return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return false;
  }
  int max_inside() {
    std::lock_guard lock(mu_);
    return max_inside_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool open_ = false;
  int inside_ = 0;
  int max_inside_ = 0;
};

// An HTTP server on a free loopback port, running on its own thread until destroyed.
class DetectorServer {
 public:
  explicit DetectorServer(httplib::Server::Handler handler) {
    server_.Get("/live", std::move(handler));
    port_ = server_.bind_to_any_port("127.0.0.1");
    REQUIRE(port_ > 0);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!server_.is_running() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    REQUIRE(server_.is_running());
  }
  ~DetectorServer() {
    server_.stop();
    thread_.join();
  }

  std::string base() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::string url_template() const { return base() + "/live?page={page}"; }
  // What a failed probe of kPage says before its cause.
  std::string where() const { return "unavailable: GET " + base() + "/live?page=" + kEncodedPage; }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

std::unique_ptr<HttpDetector> MakeDetector(
    const std::string& url_template, std::chrono::milliseconds timeout = std::chrono::seconds(30),
    int max_concurrent = 4) {
  Result<std::unique_ptr<HttpDetector>> detector = HttpDetector::Create(
      {.url_template = url_template, .timeout = timeout, .max_concurrent = max_concurrent});
  REQUIRE(detector.ok());
  return std::move(detector).value();
}

// Probes `page` and waits (generously) for the answer: "live 120 v9 <page>", or the error.
std::string ProbeAndWait(HttpDetector& detector, const std::string& page = kPage) {
  std::promise<Result<LiveReport>> answer;
  std::future<Result<LiveReport>> future = answer.get_future();
  detector.Probe(page, [&answer](Result<LiveReport> report) { answer.set_value(report); });
  REQUIRE(std::future_status::ready == future.wait_for(std::chrono::seconds(60)));
  Result<LiveReport> report = future.get();
  if (!report.ok()) return report.status().ToString();
  return std::string(report->live ? "live" : "not live") + " " +
         (report->viewers ? std::to_string(*report->viewers) : "-") + " " +
         report->stream_id.value_or("-") + " " + report->page;
}

void Answer(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json");
}

TEST_CASE("a live answer gives viewers and stream id, asked for the percent-encoded page") {
  std::mutex mu;
  std::string seen_page;
  std::string seen_target;
  DetectorServer server([&](const httplib::Request& req, httplib::Response& res) {
    {
      std::lock_guard lock(mu);
      seen_page = req.get_param_value("page");
      seen_target = req.target;
    }
    Answer(res, 200, R"({"live": true, "viewers": 120, "stream_id": "v9"})");
  });
  auto detector = MakeDetector(server.url_template());

  CHECK(std::string("live 120 v9 ") + kPage == ProbeAndWait(*detector));
  std::lock_guard lock(mu);
  CHECK(kPage == seen_page);
  CHECK(std::string("/live?page=") + kEncodedPage == seen_target);
  CHECK(server.base() + "/live?page=" + kEncodedPage == detector->UrlFor(kPage));
}

TEST_CASE("a not-live answer and answers in a row over one detector") {
  std::atomic<int> calls = 0;
  DetectorServer server([&](const httplib::Request&, httplib::Response& res) {
    Answer(res, 200, ++calls % 2 == 1 ? R"({"live": false})" : R"({"live": true})");
  });
  auto detector = MakeDetector(server.url_template(), std::chrono::seconds(30), 1);

  CHECK(std::string("not live - - ") + kPage == ProbeAndWait(*detector));
  CHECK(std::string("live - - ") + kPage == ProbeAndWait(*detector));
  CHECK(std::string("not live - - ") + kPage == ProbeAndWait(*detector));
}

TEST_CASE("a status other than 2xx fails the probe") {
  std::atomic<int> status = 500;
  DetectorServer server([&](const httplib::Request&, httplib::Response& res) {
    if (status == 302) res.set_header("Location", "/elsewhere");
    Answer(res, status, R"({"live": true})");
  });
  auto detector = MakeDetector(server.url_template(), std::chrono::seconds(30), 1);

  CHECK(server.where() + ": status 500" == ProbeAndWait(*detector));
  status = 404;
  CHECK(server.where() + ": status 404" == ProbeAndWait(*detector));
  status = 302;  // redirects are not followed
  CHECK(server.where() + ": status 302" == ProbeAndWait(*detector));
}

TEST_CASE("an answer that is not the expected JSON fails the probe") {
  std::mutex mu;
  std::string body;
  auto answer_with = [&](std::string text) {
    std::lock_guard lock(mu);
    body = std::move(text);
  };
  DetectorServer server([&](const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(mu);
    Answer(res, 200, body);
  });
  auto detector = MakeDetector(server.url_template(), std::chrono::seconds(30), 1);

  answer_with("<html>busy</html>");
  CHECK(ProbeAndWait(*detector).starts_with(server.where() + ": bad answer: Invalid JSON: "));
  answer_with(R"({"viewers": 10})");
  CHECK(server.where() + ": bad answer: live is missing" == ProbeAndWait(*detector));
  answer_with(R"({"live": true, "viewers": -5})");
  CHECK(server.where() + ": bad answer: viewers must not be negative" == ProbeAndWait(*detector));
}

TEST_CASE("an answer longer than max_answer_bytes fails the probe") {
  DetectorServer server([&](const httplib::Request&, httplib::Response& res) {
    Answer(res, 200, R"({"live": true, "pad": ")" + std::string(70000, 'x') + R"("})");
  });
  auto detector = MakeDetector(server.url_template());
  CHECK(server.where() + ": answer longer than 65536 bytes" == ProbeAndWait(*detector));
}

TEST_CASE("a detector service that does not answer in time fails the probe") {
  Gate gate;
  DetectorServer server([&](const httplib::Request&, httplib::Response& res) {
    gate.Pass();
    Answer(res, 200, R"({"live": true})");
  });
  auto detector = MakeDetector(server.url_template(), std::chrono::milliseconds(200));

  CHECK(server.where() + ": Read" == ProbeAndWait(*detector));
  gate.Open();
}

TEST_CASE("a detector service that is not there fails the probe") {
  // Take a free port and close it again without listening, so connecting is refused.
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(0 == bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)));
  socklen_t length = sizeof(address);
  REQUIRE(0 == getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length));
  close(fd);
  const std::string base = "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port));
  auto detector = MakeDetector(base + "/live?page={page}");

  CHECK("unavailable: GET " + base + "/live?page=" + kEncodedPage + ": Connection" ==
        ProbeAndWait(*detector));
}

TEST_CASE("no more than max_concurrent probes are under way at once") {
  Gate gate;
  DetectorServer server([&](const httplib::Request&, httplib::Response& res) {
    gate.Pass();
    Answer(res, 200, R"({"live": false})");
  });
  auto detector = MakeDetector(server.url_template(), std::chrono::seconds(60), 2);

  std::mutex mu;
  std::condition_variable cv;
  int answered = 0;
  for (int i = 0; i < 5; ++i) {
    detector->Probe("https://www.facebook.com/page" + std::to_string(i),
                    [&](Result<LiveReport> report) {
                      CHECK(report.ok());
                      std::lock_guard lock(mu);
                      ++answered;
                      cv.notify_all();
                    });
  }
  REQUIRE(gate.WaitForInside(2));
  gate.Open();
  std::unique_lock lock(mu);
  REQUIRE(cv.wait_for(lock, std::chrono::seconds(60), [&] { return answered == 5; }));
  CHECK(2 == gate.max_inside());
}

TEST_CASE("after Shutdown a probe fails at once") {
  DetectorServer server([&](const httplib::Request&, httplib::Response& res) {
    Answer(res, 200, R"({"live": true})");
  });
  auto detector = MakeDetector(server.url_template());
  detector->Shutdown();
  detector->Shutdown();  // idempotent
  CHECK("unavailable: http detector is shut down" == ProbeAndWait(*detector));
}

TEST_CASE("a URL template must be http or https with {page} after the host") {
  auto error = [](std::string url_template, int max_concurrent = 4) {
    Result<std::unique_ptr<HttpDetector>> detector = HttpDetector::Create(
        {.url_template = std::move(url_template), .max_concurrent = max_concurrent});
    return detector.ok() ? std::string("ok") : detector.status().ToString();
  };
  CHECK("ok" == error("http://127.0.0.1:9000/live?page={page}"));
  CHECK("ok" == error("https://detector.example/pages/{page}/live"));
  CHECK("invalid_argument: detector URL must start with http:// or https://" ==
        error("ftp://127.0.0.1/live?page={page}"));
  CHECK("invalid_argument: detector URL must start with http:// or https://" ==
        error("127.0.0.1:9000/live?page={page}"));
  CHECK("invalid_argument: detector URL needs a host and a path" == error("http://127.0.0.1:9000"));
  CHECK("invalid_argument: detector URL must hold {page}" == error("http://127.0.0.1:9000/live"));
  CHECK("invalid_argument: detector URL may hold {page} only after the host" ==
        error("http://{page}.example/live"));
  CHECK("invalid_argument: max_concurrent_probes must be at least 1" ==
        error("http://127.0.0.1:9000/live?page={page}", 0));
}

}  // namespace
}  // namespace onair::watch
