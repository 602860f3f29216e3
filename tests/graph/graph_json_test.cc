// Reading Graph's JSON: live video statuses, the live_videos edge, Graph's error object and Page
// webhook deliveries, in the shapes Meta documents.
#include "watch/graph_json.h"

#include <doctest/doctest.h>

#include <string>

namespace onair::watch {
namespace {

std::string Phase(std::string_view status) {
  switch (PhaseOf(status)) {
    case LiveVideoPhase::kLive:
      return "live";
    case LiveVideoPhase::kEnded:
      return "ended";
    case LiveVideoPhase::kPending:
      return "pending";
  }
  return "?";
}

// "live 150 v1", "not live - -", or the error.
std::string Edge(std::string_view body) {
  Result<LiveReport> report = ParseLiveVideosAnswer(body);
  if (!report.ok()) return report.status().ToString();
  return std::string(report->live ? "live" : "not live") + " " +
         (report->viewers ? std::to_string(*report->viewers) : "-") + " " +
         report->stream_id.value_or("-");
}

// "page:video:status" per change, joined by ", "; or the error.
std::string Changes(std::string_view body) {
  Result<std::vector<LiveVideoChange>> changes = ParseLiveVideoChanges(body);
  if (!changes.ok()) return changes.status().ToString();
  std::string out;
  for (const LiveVideoChange& c : *changes) {
    out += (out.empty() ? "" : ", ") + c.page_id + ":" + c.video_id + ":" + c.status;
  }
  return out;
}

TEST_CASE("live video statuses are live, ended or pending, in either case") {
  CHECK("live" == Phase("LIVE"));
  CHECK("live" == Phase("live"));
  CHECK("ended" == Phase("LIVE_STOPPED"));
  CHECK("ended" == Phase("live_stopped"));
  CHECK("ended" == Phase("PROCESSING"));
  CHECK("ended" == Phase("VOD"));
  CHECK("ended" == Phase("SCHEDULED_EXPIRED"));
  CHECK("ended" == Phase("scheduled_canceled"));
  CHECK("pending" == Phase("UNPUBLISHED"));
  CHECK("pending" == Phase("SCHEDULED_UNPUBLISHED"));
  CHECK("pending" == Phase("SCHEDULED_LIVE"));
  CHECK("pending" == Phase("something_new"));
  CHECK("pending" == Phase(""));
}

TEST_CASE("the live_videos edge gives the first LIVE video with its live_views") {
  CHECK("live 150 10158000000000001" ==
        Edge(R"({"data":[{"id":"10158000000000001","status":"LIVE","live_views":150}],)"
             R"("paging":{"cursors":{"before":"QVFI","after":"QVFI"}}})"));
  CHECK("not live - -" == Edge(R"({"data":[]})"));
  CHECK("live - 42" == Edge(R"({"data":[{"id":"42","status":"LIVE"}]})"));
  CHECK("live 3 42" == Edge(R"({"data":[{"id":42,"status":"LIVE","live_views":3}]})"));
  // Finished videos, had Graph ignored broadcast_status, are skipped.
  CHECK("live 9 2" == Edge(R"({"data":[{"id":"1","status":"LIVE_STOPPED","live_views":80},)"
                           R"({"id":"2","status":"LIVE","live_views":9}]})"));
  CHECK("not live - -" == Edge(R"({"data":[{"id":"1","status":"VOD","live_views":80}]})"));
  CHECK("not live - -" == Edge(R"({"data":[{"id":"1","live_views":80}]})"));
}

TEST_CASE("a live_videos answer of another shape is refused") {
  CHECK(Edge("").starts_with("invalid_argument: Invalid JSON: "));
  CHECK("invalid_argument: answer is not a JSON object" == Edge("[]"));
  CHECK("invalid_argument: data is missing or not an array" == Edge(R"({"data":{}})"));
  CHECK("invalid_argument: data holds something other than an object" == Edge(R"({"data":[1]})"));
  CHECK("invalid_argument: a live video has no id" == Edge(R"({"data":[{"status":"LIVE"}]})"));
  CHECK("invalid_argument: a live video has no id" ==
        Edge(R"({"data":[{"id":"","status":"LIVE"}]})"));
  CHECK("invalid_argument: live_views must be a non-negative integer" ==
        Edge(R"({"data":[{"id":"1","status":"LIVE","live_views":"many"}]})"));
  CHECK("invalid_argument: live_views must be a non-negative integer" ==
        Edge(R"({"data":[{"id":"1","status":"LIVE","live_views":1.5}]})"));
}

TEST_CASE("Graph's error object is described with its code, type and message") {
  CHECK("Graph error 190 (OAuthException): Error validating access token" ==
        DescribeGraphError(R"({"error":{"message":"Error validating access token",)"
                           R"("type":"OAuthException","code":190,"error_subcode":463,)"
                           R"("fbtrace_id":"AbC"}})"));
  CHECK("Graph error (OAuthException): no code" ==
        DescribeGraphError(R"({"error":{"message":"no code","type":"OAuthException"}})"));
  CHECK("Graph error 4 (unknown type): " == DescribeGraphError(R"({"error":{"code":4}})"));
  const std::optional<std::string> long_message =
      DescribeGraphError(R"({"error":{"message":")" + std::string(400, 'm') + R"(","code":1}})");
  REQUIRE(long_message);
  CHECK("Graph error 1 (unknown type): " + std::string(300, 'm') == *long_message);

  CHECK(std::nullopt == DescribeGraphError("<html>busy</html>"));
  CHECK(std::nullopt == DescribeGraphError(R"({"data":[]})"));
  CHECK(std::nullopt == DescribeGraphError(R"({"error":"busy"})"));
}

TEST_CASE("a Page webhook delivery gives its live_videos changes in order") {
  CHECK("111:v1:live, 111:v0:live_stopped, 222:v2:live" ==
        Changes(R"({"object":"page","entry":[)"
                R"({"id":"111","time":1733040000,"changes":[)"
                R"({"field":"live_videos","value":{"id":"v1","status":"live"}},)"
                R"({"field":"feed","value":{"item":"status","verb":"add"}},)"
                R"({"field":"live_videos","value":{"id":"v0","status":"live_stopped"}}]},)"
                R"({"id":"222","time":1733040001,"changes":[)"
                R"({"field":"live_videos","value":{"id":"v2","status":"live"}}]}]})"));
  CHECK("333:444:vod" ==
        Changes(R"({"object":"page","entry":[{"id":333,"time":1,"changes":[)"
                R"({"field":"live_videos","value":{"id":444,"status":"vod"}}]}]})"));
  // Messaging entries carry no changes; other objects are not pages.
  CHECK("" == Changes(R"({"object":"page","entry":[{"id":"111","time":1,"messaging":[]}]})"));
  CHECK("" == Changes(R"({"object":"user","entry":[{"id":"1","changes":[]}]})"));
}

TEST_CASE("a webhook delivery of another shape is refused") {
  CHECK(Changes("{").starts_with("invalid_argument: Invalid JSON: "));
  CHECK("invalid_argument: delivery is not a JSON object" == Changes("[]"));
  CHECK("invalid_argument: object is missing" == Changes(R"({"entry":[]})"));
  CHECK("invalid_argument: entry is missing or not an array" == Changes(R"({"object":"page"})"));
  CHECK("invalid_argument: entry holds something other than an object" ==
        Changes(R"({"object":"page","entry":["x"]})"));
  CHECK("invalid_argument: a live_videos change has no value object" ==
        Changes(R"({"object":"page","entry":[{"id":"1","changes":[{"field":"live_videos"}]}]})"));
  CHECK("invalid_argument: an entry with live_videos changes has no id" ==
        Changes(R"({"object":"page","entry":[{"changes":[)"
                R"({"field":"live_videos","value":{"id":"v","status":"live"}}]}]})"));
  CHECK("invalid_argument: a live_videos change has no video id" ==
        Changes(R"({"object":"page","entry":[{"id":"1","changes":[)"
                R"({"field":"live_videos","value":{"status":"live"}}]}]})"));
  CHECK("invalid_argument: a live_videos change has no status" ==
        Changes(R"({"object":"page","entry":[{"id":"1","changes":[)"
                R"({"field":"live_videos","value":{"id":"v"}}]}]})"));
}

}  // namespace
}  // namespace onair::watch
