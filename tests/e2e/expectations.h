// Printable forms of answers and of the documented answers, so a test states the expected value
// first and a failure shows both whole ("400 {"success":false,"error":"url is required"}").
// Pure functions; thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "http_answer.h"

namespace onair::e2e {

// "<status> <minified body>" (plus " [<error>]" when the answer came incomplete), or
// "no answer: <error>".
std::string Shown(const HttpAnswer& answer);

// The answer's headers, one "Name: value" a line, for failure messages.
std::string HeaderLines(const HttpAnswer& answer);

// The documented error answer "<status> {"success":false,"error":"<message>"}".
std::string ErrorAnswer(int status, std::string_view message);

// `text` as a JSON string literal, quotes included.
std::string JsonString(std::string_view text);

// The members GET /api/order/{id} adds after the order object (the order detail).
inline constexpr const char* kOrderDetailKeys =
    "detections_today,detections_total,last_live_at,dispatches";

// The order object at `pointer` of `json` (minified), whether `json` shows it plain (the create
// answer, the list) or as the order detail: the detail's added members are left out.
std::string OrderObject(std::string_view json, std::string_view pointer);

bool StartsWith(std::string_view text, std::string_view prefix);

// Parses "YYYY-MM-DDTHH:MM:SS+HH:MM" (exactly that shape: seconds, a numeric offset, no
// fraction, no "Z"); nullopt for anything else.
std::optional<std::chrono::sys_seconds> ParseOffsetTime(std::string_view text);

// `text` ("2025-10-09T10:00:00+08:00") with its date moved `days` calendar days on, the clock
// time and offset unchanged ("2025-11-08T10:00:00+08:00" for 30); "<malformed: text>" when
// `text` is not of that shape.
std::string PlusCalendarDays(std::string_view text, int days);

}  // namespace onair::e2e
