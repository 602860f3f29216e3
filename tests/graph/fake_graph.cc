#include "fake_graph.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <utility>

namespace onair::testing {
namespace {

// Graph's error object, as Meta documents it for failed requests.
std::string GraphError(int code, const std::string& type, const std::string& message) {
  return R"({"error":{"message":")" + message + R"(","type":")" + type + R"(","code":)" +
         std::to_string(code) + R"(,"fbtrace_id":"AbCdEfGhIjK"}})";
}

void Answer(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json; charset=UTF-8");
}

}  // namespace

FakeGraph::FakeGraph(std::string version) : version_(std::move(version)) {
  server_.Get(R"(/([^/]+)/([^/]+)/live_videos)",
              [this](const httplib::Request& req, httplib::Response& res) { Serve(req, res); });
  port_ = server_.bind_to_any_port("127.0.0.1");
  REQUIRE(port_ > 0);
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!server_.is_running() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  REQUIRE(server_.is_running());
}

FakeGraph::~FakeGraph() {
  Release();
  server_.stop();
  thread_.join();
}

void FakeGraph::AddPage(const std::string& page_id, const std::string& token) {
  std::lock_guard lock(mu_);
  pages_[page_id] = Page{token, std::nullopt, std::nullopt, std::nullopt};
}

void FakeGraph::SetLive(const std::string& page_id, const std::string& video_id,
                        std::optional<int64_t> live_views) {
  std::lock_guard lock(mu_);
  Page& page = pages_.at(page_id);
  page.video_id = video_id;
  page.live_views = live_views;
  page.answer.reset();
}

void FakeGraph::SetNotLive(const std::string& page_id) {
  std::lock_guard lock(mu_);
  Page& page = pages_.at(page_id);
  page.video_id.reset();
  page.answer.reset();
}

void FakeGraph::SetAnswer(const std::string& page_id, int status, std::string body) {
  std::lock_guard lock(mu_);
  pages_.at(page_id).answer = std::make_pair(status, std::move(body));
}

void FakeGraph::Hold() {
  std::lock_guard lock(mu_);
  held_ = true;
}

void FakeGraph::Release() {
  {
    std::lock_guard lock(mu_);
    held_ = false;
  }
  released_.notify_all();
}

int FakeGraph::requests() const {
  std::lock_guard lock(mu_);
  return requests_;
}

int FakeGraph::max_in_flight() const {
  std::lock_guard lock(mu_);
  return max_in_flight_;
}

std::string FakeGraph::last_query() const {
  std::lock_guard lock(mu_);
  return last_query_;
}

std::string FakeGraph::last_target() const {
  std::lock_guard lock(mu_);
  return last_target_;
}

void FakeGraph::Serve(const httplib::Request& req, httplib::Response& res) {
  std::unique_lock lock(mu_);
  ++requests_;
  last_target_ = req.target;
  last_query_.clear();
  for (const auto& [name, value] : req.params) {
    last_query_ += (last_query_.empty() ? "" : " ") + name + "=" + value;
  }
  max_in_flight_ = std::max(max_in_flight_, ++in_flight_);
  released_.wait(lock, [this] { return !held_; });
  Respond(req, res);
  --in_flight_;
}

void FakeGraph::Respond(const httplib::Request& req, httplib::Response& res) {
  const std::string version = req.matches[1];
  const std::string page_id = req.matches[2];
  auto page = pages_.find(page_id);
  if (version != version_ || page == pages_.end()) {
    return Answer(res, 400,
                  GraphError(100, "GraphMethodException",
                             "Unsupported get request. Object with ID '" + page_id +
                                 "' does not exist, cannot be loaded due to missing permissions, "
                                 "or does not support this operation."));
  }
  if (req.get_param_value("access_token") != page->second.token) {
    return Answer(res, 400,
                  GraphError(190, "OAuthException",
                             "Invalid OAuth access token - Cannot parse access token"));
  }
  if (req.get_param_value("broadcast_status") != R"(["LIVE"])" ||
      req.get_param_value("fields") != "id,status,live_views") {
    return Answer(res, 400,
                  GraphError(100, "OAuthException",
                             "(#100) fake Graph: expected broadcast_status [\\\"LIVE\\\"] and "
                             "fields id,status,live_views"));
  }
  if (page->second.answer) {
    return Answer(res, page->second.answer->first, page->second.answer->second);
  }
  if (!page->second.video_id) return Answer(res, 200, R"({"data":[]})");

  std::string video = R"({"id":")" + *page->second.video_id + R"(","status":"LIVE")";
  if (page->second.live_views)
    video += R"(,"live_views":)" + std::to_string(*page->second.live_views);
  video += "}";
  Answer(res, 200,
         R"({"data":[)" + video +
             R"(],"paging":{"cursors":{"before":"QVFIUmRZAbCdEf","after":"QVFIUmRZAbCdEf"}}})");
}

}  // namespace onair::testing
