#include "watch/detector_answer.h"

#include "wire/json_in.h"

namespace onair::watch {

Result<LiveReport> ParseDetectorAnswer(std::string_view body) {
  Result<wire::JsonBody> json = wire::JsonBody::Parse(body);
  if (!json.ok()) return Status::InvalidArgument(json.status().message());

  LiveReport report;
  const Field<bool> live = json->Boolean("live");
  if (live.invalid()) return Status::InvalidArgument(live.error);
  if (live.absent()) return Status::InvalidArgument("live is missing");
  report.live = live.value;

  const Field<int64_t> viewers = json->Integer("viewers");
  if (viewers.invalid()) return Status::InvalidArgument(viewers.error);
  if (viewers.has_value()) {
    if (viewers.value < 0) return Status::InvalidArgument("viewers must not be negative");
    report.viewers = viewers.value;
  }

  const Field<std::string> stream_id = json->String("stream_id");
  if (stream_id.invalid()) return Status::InvalidArgument(stream_id.error);
  if (stream_id.has_value() && !stream_id.value.empty()) report.stream_id = stream_id.value;
  return report;
}

}  // namespace onair::watch
