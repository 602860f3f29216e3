// The success envelopes of docs/api.md: {"success": true, "data": ...}, optionally with a
// "message" before the data or a "next_cursor" after it. Pure functions; thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "api/http_message.h"
#include "wire/json_out.h"

namespace onair::api {

// Writes exactly one JSON value: the envelope's "data".
using WriteData = std::function<void(wire::JsonWriter& w)>;

// 200 {"success": true, "data": <data>}
HttpReply DataReply(const WriteData& write_data);

// 200 {"success": true, "message": <message>, "data": <data>}
HttpReply MessageDataReply(std::string_view message, const WriteData& write_data);

// 200 {"success": true, "data": <data>, "next_cursor": <cursor or null>}
HttpReply PageReply(const WriteData& write_data, const std::optional<std::string>& next_cursor);

}  // namespace onair::api
