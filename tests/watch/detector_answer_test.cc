// ParseDetectorAnswer: the http detector's answer, {"live": bool, "viewers": int?,
// "stream_id": string?}.
#include "watch/detector_answer.h"

#include <doctest/doctest.h>

#include <string>

namespace onair::watch {
namespace {

// "live 120 s1", "not live - -": live, viewers and stream id of a parsed answer; the error
// message when it was refused.
std::string Read(std::string_view body) {
  Result<LiveReport> report = ParseDetectorAnswer(body);
  if (!report.ok()) return report.status().ToString();
  return std::string(report->live ? "live" : "not live") + " " +
         (report->viewers ? std::to_string(*report->viewers) : "-") + " " +
         report->stream_id.value_or("-");
}

TEST_CASE("a detector answer gives live, viewers and stream id") {
  CHECK("live 120 v9" == Read(R"({"live": true, "viewers": 120, "stream_id": "v9"})"));
  CHECK("live - -" == Read(R"({"live": true})"));
  CHECK("not live - -" == Read(R"({"live": false})"));
  CHECK("not live - -" == Read(R"({"live": false, "viewers": null, "stream_id": null})"));
  CHECK("live 0 -" == Read(R"({"live": true, "viewers": 0, "stream_id": ""})"));
  CHECK("live 7 -" == Read(R"({"live": true, "viewers": "7", "extra": [1, 2]})"));
}

TEST_CASE("a detector answer without a readable live or with bad fields is refused") {
  CHECK("invalid_argument: live is missing" == Read(R"({"viewers": 3})"));
  CHECK("invalid_argument: live must be true or false" == Read(R"({"live": "yes"})"));
  CHECK("invalid_argument: viewers must be an integer" ==
        Read(R"({"live": true, "viewers": 1.5})"));
  CHECK("invalid_argument: viewers must not be negative" ==
        Read(R"({"live": true, "viewers": -1})"));
  CHECK("invalid_argument: stream_id must be a string" ==
        Read(R"({"live": true, "stream_id": 42})"));
  CHECK("invalid_argument: Request body must be a JSON object" == Read("[true]"));
}

TEST_CASE("an answer that is not JSON is refused as invalid JSON") {
  for (std::string_view body :
       {"", "live", R"({"live": true)", R"({"live": true, "live": false})"}) {
    CAPTURE(body);
    CHECK(Read(body).starts_with("invalid_argument: Invalid JSON: "));
  }
}

}  // namespace
}  // namespace onair::watch
