#include "watch/graph_json.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <array>
#include <cstdint>
#include <memory>

namespace onair::watch {
namespace {

constexpr size_t kMaxErrorMessageBytes = 300;

constexpr std::array<std::string_view, 5> kEndedStatuses = {
    "live_stopped", "processing", "vod", "scheduled_expired", "scheduled_canceled"};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// A parsed document; the parser owns the memory the root points into.
struct Document {
  std::unique_ptr<simdjson::dom::parser> parser;
  simdjson::dom::element root;
};

Result<Document> Parse(std::string_view body) {
  // simdjson reads past the end of its input; the padded copy makes that safe.
  const simdjson::padded_string padded(body);
  Document document;
  document.parser = std::make_unique<simdjson::dom::parser>();
  if (simdjson::error_code error = document.parser->parse(padded).get(document.root)) {
    return Status::InvalidArgument(fmt::format("Invalid JSON: {}", simdjson::error_message(error)));
  }
  return document;
}

std::optional<simdjson::dom::element> Member(simdjson::dom::object object, std::string_view key) {
  simdjson::dom::element value;
  if (object.at_key(key).get(value) != simdjson::SUCCESS || value.is_null()) return std::nullopt;
  return value;
}

std::optional<std::string> StringMember(simdjson::dom::object object, std::string_view key) {
  std::optional<simdjson::dom::element> value = Member(object, key);
  std::string_view text;
  if (!value || value->get(text) != simdjson::SUCCESS) return std::nullopt;
  return std::string(text);
}

// Graph sends ids as strings of digits; an integer is read the same way.
std::optional<std::string> IdMember(simdjson::dom::object object, std::string_view key) {
  std::optional<simdjson::dom::element> value = Member(object, key);
  if (!value) return std::nullopt;
  std::string_view text;
  if (value->get(text) == simdjson::SUCCESS) {
    if (text.empty()) return std::nullopt;
    return std::string(text);
  }
  uint64_t number = 0;
  if (value->get(number) == simdjson::SUCCESS) return std::to_string(number);
  return std::nullopt;
}

}  // namespace

LiveVideoPhase PhaseOf(std::string_view status) {
  const std::string lower = Lower(status);
  if (lower == "live") return LiveVideoPhase::kLive;
  for (std::string_view ended : kEndedStatuses) {
    if (lower == ended) return LiveVideoPhase::kEnded;
  }
  return LiveVideoPhase::kPending;
}

Result<LiveReport> ParseLiveVideosAnswer(std::string_view body) {
  Result<Document> document = Parse(body);
  if (!document.ok()) return document.status();
  simdjson::dom::object root;
  simdjson::dom::array data;
  if (document->root.get(root) != simdjson::SUCCESS) {
    return Status::InvalidArgument("answer is not a JSON object");
  }
  std::optional<simdjson::dom::element> data_value = Member(root, "data");
  if (!data_value || data_value->get(data) != simdjson::SUCCESS) {
    return Status::InvalidArgument("data is missing or not an array");
  }

  LiveReport report;
  for (simdjson::dom::element item : data) {
    simdjson::dom::object video;
    if (item.get(video) != simdjson::SUCCESS) {
      return Status::InvalidArgument("data holds something other than an object");
    }
    std::optional<std::string> id = IdMember(video, "id");
    if (!id) return Status::InvalidArgument("a live video has no id");
    // Asked with broadcast_status=["LIVE"], Graph lists only live videos; the status is read
    // anyway, so an answer that ignored the filter cannot pass a finished video off as live.
    std::optional<std::string> status = StringMember(video, "status");
    if (!status || PhaseOf(*status) != LiveVideoPhase::kLive) continue;

    std::optional<int64_t> viewers;
    if (std::optional<simdjson::dom::element> views = Member(video, "live_views")) {
      int64_t count = 0;
      if (views->get(count) != simdjson::SUCCESS || count < 0) {
        return Status::InvalidArgument("live_views must be a non-negative integer");
      }
      viewers = count;
    }
    report.live = true;
    report.stream_id = std::move(id);
    report.viewers = viewers;
    return report;
  }
  report.live = false;
  return report;
}

std::optional<std::string> DescribeGraphError(std::string_view body) {
  Result<Document> document = Parse(body);
  if (!document.ok()) return std::nullopt;
  simdjson::dom::object root;
  simdjson::dom::object error;
  if (document->root.get(root) != simdjson::SUCCESS) return std::nullopt;
  std::optional<simdjson::dom::element> error_value = Member(root, "error");
  if (!error_value || error_value->get(error) != simdjson::SUCCESS) return std::nullopt;

  std::string message = StringMember(error, "message").value_or("");
  if (message.size() > kMaxErrorMessageBytes) message.resize(kMaxErrorMessageBytes);
  const std::string type = StringMember(error, "type").value_or("unknown type");
  int64_t code = 0;
  std::optional<simdjson::dom::element> code_value = Member(error, "code");
  if (!code_value || code_value->get(code) != simdjson::SUCCESS) {
    return fmt::format("Graph error ({}): {}", type, message);
  }
  return fmt::format("Graph error {} ({}): {}", code, type, message);
}

Result<std::vector<LiveVideoChange>> ParseLiveVideoChanges(std::string_view body) {
  Result<Document> document = Parse(body);
  if (!document.ok()) return document.status();
  simdjson::dom::object root;
  if (document->root.get(root) != simdjson::SUCCESS) {
    return Status::InvalidArgument("delivery is not a JSON object");
  }
  std::optional<std::string> object = StringMember(root, "object");
  if (!object) return Status::InvalidArgument("object is missing");
  std::vector<LiveVideoChange> changes;
  if (*object != "page") return changes;

  simdjson::dom::array entries;
  std::optional<simdjson::dom::element> entry_value = Member(root, "entry");
  if (!entry_value || entry_value->get(entries) != simdjson::SUCCESS) {
    return Status::InvalidArgument("entry is missing or not an array");
  }
  for (simdjson::dom::element entry_element : entries) {
    simdjson::dom::object entry;
    simdjson::dom::array entry_changes;
    if (entry_element.get(entry) != simdjson::SUCCESS) {
      return Status::InvalidArgument("entry holds something other than an object");
    }
    std::optional<simdjson::dom::element> changes_value = Member(entry, "changes");
    if (!changes_value || changes_value->get(entry_changes) != simdjson::SUCCESS) continue;

    for (simdjson::dom::element change_element : entry_changes) {
      simdjson::dom::object change;
      simdjson::dom::object value;
      if (change_element.get(change) != simdjson::SUCCESS) continue;
      if (StringMember(change, "field") != "live_videos") continue;
      std::optional<simdjson::dom::element> value_element = Member(change, "value");
      if (!value_element || value_element->get(value) != simdjson::SUCCESS) {
        return Status::InvalidArgument("a live_videos change has no value object");
      }
      std::optional<std::string> page_id = IdMember(entry, "id");
      if (!page_id) return Status::InvalidArgument("an entry with live_videos changes has no id");
      std::optional<std::string> video_id = IdMember(value, "id");
      if (!video_id) return Status::InvalidArgument("a live_videos change has no video id");
      std::optional<std::string> status = StringMember(value, "status");
      if (!status) return Status::InvalidArgument("a live_videos change has no status");
      changes.push_back({std::move(*page_id), std::move(*video_id), std::move(*status)});
    }
  }
  return changes;
}

}  // namespace onair::watch
