// FakeGraph: a stand-in for graph.facebook.com on a free loopback port, serving
// GET /{version}/{page-id}/live_videos with the payloads Meta documents for the Page live_videos
// edge and for Graph errors. Like Graph, it refuses an unknown page id (error 100), a wrong
// access token (error 190) and, being a test double, a query other than the one onair must send
// (broadcast_status=["LIVE"], fields=id,status,live_views). Thread-safe.
#pragma once

#include <httplib.h>

#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace onair::testing {

class FakeGraph {
 public:
  explicit FakeGraph(std::string version = "v19.0");
  ~FakeGraph();  // lets held requests go, then stops the server

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // Page `page_id` exists and accepts `token`; it starts not live.
  void AddPage(const std::string& page_id, const std::string& token);
  // The edge lists one LIVE video; `live_views` unset leaves the field out.
  void SetLive(const std::string& page_id, const std::string& video_id,
               std::optional<int64_t> live_views);
  void SetNotLive(const std::string& page_id);  // {"data": []}
  // Every request for the page is answered with `status` and `body` as they are.
  void SetAnswer(const std::string& page_id, int status, std::string body);
  // Requests wait until Release (or the destructor).
  void Hold();
  void Release();

  int requests() const;
  int max_in_flight() const;  // the most requests it ever held or answered at once
  // The decoded query of the last request: "access_token=... broadcast_status=... fields=..."
  // (names sorted, each once), and its raw path and query as sent.
  std::string last_query() const;
  std::string last_target() const;

 private:
  struct Page {
    std::string token;
    std::optional<std::string> video_id;  // live when set
    std::optional<int64_t> live_views;
    std::optional<std::pair<int, std::string>> answer;
  };

  void Serve(const httplib::Request& req, httplib::Response& res);
  void Respond(const httplib::Request& req, httplib::Response& res);  // REQUIRES: mu_ held

  const std::string version_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;

  mutable std::mutex mu_;
  std::condition_variable released_;
  // Guarded by mu_.
  std::map<std::string, Page> pages_;
  bool held_ = false;
  int requests_ = 0;
  int in_flight_ = 0;
  int max_in_flight_ = 0;
  std::string last_query_;
  std::string last_target_;
};

}  // namespace onair::testing
