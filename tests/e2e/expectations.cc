#include "expectations.h"

#include <cstdio>
#include <regex>

#include "json_view.h"

namespace onair::e2e {
namespace {

const std::regex kOffsetTime(
    R"(^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-])(\d{2}):(\d{2})$)");

}  // namespace

std::string Shown(const HttpAnswer& answer) {
  if (answer.status == 0) return "no answer: " + answer.error;
  std::string shown = std::to_string(answer.status) + " " + Minified(answer.body);
  if (!answer.error.empty()) shown += " [" + answer.error + "]";
  return shown;
}

std::string HeaderLines(const HttpAnswer& answer) {
  std::string lines;
  for (const auto& [name, value] : answer.headers) lines += name + ": " + value + "\n";
  return lines;
}

std::string JsonString(std::string_view text) {
  std::string quoted = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        quoted += "\\\"";
        break;
      case '\\':
        quoted += "\\\\";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escape[8];
          std::snprintf(escape, sizeof(escape), "\\u%04x", c);
          quoted += escape;
        } else {
          quoted += c;
        }
    }
  }
  return quoted + "\"";
}

std::string ErrorAnswer(int status, std::string_view message) {
  return std::to_string(status) + " {\"success\":false,\"error\":" + JsonString(message) + "}";
}

std::string OrderObject(std::string_view json, std::string_view pointer) {
  return RawWithout(json, pointer,
                    {"detections_today", "detections_total", "last_live_at", "dispatches"});
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

std::optional<std::chrono::sys_seconds> ParseOffsetTime(std::string_view text) {
  std::match_results<std::string_view::const_iterator> parts;
  if (!std::regex_match(text.begin(), text.end(), parts, kOffsetTime)) return std::nullopt;
  auto number = [&](int i) { return std::stoi(parts[i].str()); };
  std::chrono::year_month_day date{std::chrono::year(number(1)),
                                   std::chrono::month(static_cast<unsigned>(number(2))),
                                   std::chrono::day(static_cast<unsigned>(number(3)))};
  if (!date.ok()) return std::nullopt;
  std::chrono::seconds clock_time = std::chrono::hours(number(4)) +
                                    std::chrono::minutes(number(5)) +
                                    std::chrono::seconds(number(6));
  std::chrono::seconds offset = std::chrono::hours(number(8)) + std::chrono::minutes(number(9));
  if (parts[7].str() == "-") offset = -offset;
  return std::chrono::sys_days(date) + clock_time - offset;
}

std::string PlusCalendarDays(std::string_view text, int days) {
  std::match_results<std::string_view::const_iterator> parts;
  if (!std::regex_match(text.begin(), text.end(), parts, kOffsetTime)) {
    return "<malformed: " + std::string(text) + ">";
  }
  auto number = [&](int i) { return std::stoi(parts[i].str()); };
  std::chrono::year_month_day date{std::chrono::year(number(1)),
                                   std::chrono::month(static_cast<unsigned>(number(2))),
                                   std::chrono::day(static_cast<unsigned>(number(3)))};
  std::chrono::year_month_day later{std::chrono::sys_days(date) + std::chrono::days(days)};
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "%04d-%02u-%02u", static_cast<int>(later.year()),
                static_cast<unsigned>(later.month()), static_cast<unsigned>(later.day()));
  return buffer + std::string(text.substr(10));
}

}  // namespace onair::e2e
