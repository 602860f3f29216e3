#include "scenario.h"

#include <date/date.h>
#include <date/tz.h>

#include <chrono>
#include <sstream>
#include <stdexcept>

namespace onair::testing {

namespace {

constexpr std::string_view kPage = "https://www.facebook.com/onairpage";

TimeZone LoadZone(std::string_view name) {
  Result<TimeZone> zone = TimeZone::Load(name);
  if (!zone.ok()) throw std::invalid_argument("unknown zone " + std::string(name));
  return std::move(zone).value();
}

void Append(std::string& list, std::string_view item) {
  if (!list.empty()) list += ", ";
  list += item;
}

// "2025-12-01" as days since 1970-01-01, the form TimeZone::LocalDay returns.
int64_t ParseDate(std::string_view text) {
  std::istringstream in{std::string(text)};
  date::local_days day;
  in >> date::parse("%F", day);
  if (in.fail()) throw std::invalid_argument("bad date " + std::string(text));
  return day.time_since_epoch().count();
}

}  // namespace

OrderLine Service(uint64_t service_id, std::optional<int64_t> min_viewers) {
  OrderLine line;
  line.service_id = service_id;
  line.service_name = "service " + std::to_string(service_id);
  line.quantity = 100;
  line.min_viewers = min_viewers;
  return line;
}

Order MakeOrder(uint64_t seq, int64_t daily_limit, std::vector<OrderLine> services) {
  Order order;
  order.seq = seq;
  order.customer_id = 1;
  order.url = std::string(kPage);
  order.page = std::string(kPage);
  order.created_at = date::sys_days{date::year{2000} / 1 / 1};
  order.expires_at = date::sys_days{date::year{2100} / 1 / 1};
  order.daily_limit = daily_limit;
  order.services = std::move(services);
  return order;
}

Scenario::Scenario(std::string_view zone) : zone_(LoadZone(zone)) {
  page_.page = std::string(kPage);
}

TimePoint Scenario::At(std::string_view local) const {
  std::string text(local);
  if (text.size() == std::string_view("2025-12-01 09:00").size()) text += ":00";
  std::istringstream in(text);
  date::local_seconds at;
  in >> date::parse("%F %T", at);
  if (in.fail()) throw std::invalid_argument("bad local time " + std::string(local));
  return date::locate_zone(zone_.name())->to_sys(at, date::choose::earliest);
}

void Scenario::Place(Order order) {
  orders_.push_back(std::move(order));
}

Order& Scenario::order(uint64_t seq) {
  for (Order& order : orders_) {
    if (order.seq == seq) return order;
  }
  throw std::out_of_range("no order " + std::to_string(seq));
}

std::string Scenario::Live(std::string_view local, std::optional<int64_t> viewers,
                           std::optional<std::string> stream_id) {
  LiveReport report{.page = page_.page,
                    .live = true,
                    .viewers = viewers,
                    .stream_id = std::move(stream_id),
                    .at = At(local)};
  page_ = ApplyReport(page_, report);
  return Step(report.at);
}

std::string Scenario::End(std::string_view local) {
  LiveReport report{.page = page_.page,
                    .live = false,
                    .viewers = std::nullopt,
                    .stream_id = std::nullopt,
                    .at = At(local)};
  page_ = ApplyReport(page_, report);
  return Step(report.at);
}

std::string Scenario::Tick(std::string_view local) {
  return Step(At(local));
}

std::string Scenario::Step(TimePoint now) {
  std::string fired;
  const int64_t today = zone_.LocalDay(now);
  for (const Order& order : orders_) {
    // A new session of the page starts every order afresh in it, as the scheduler does.
    OrderSessionState& state = sessions_[order.seq];
    if (state.session != page_.session) {
      state = OrderSessionState();
      state.session = page_.session;
    }

    const FiringPlan plan =
        PlanFiring(order, state, page_, detections_[{order.seq, today}], now, zone_);
    if (plan.new_detection_day) ++detections_[{order.seq, *plan.new_detection_day}];
    state = ApplyPlan(order, state, plan);
    if (!plan.lines.empty()) Append(fired, Render(now, order, plan));
  }
  if (!fired.empty()) Append(log_, fired);
  return fired;
}

std::string Scenario::Render(TimePoint now, const Order& order, const FiringPlan& plan) const {
  // Format gives "2025-12-01T09:00:00+08:00"; the steps show the local clock time only.
  const std::string formatted = zone_.Format(now);
  std::string clock = formatted.substr(11, 5);
  if (formatted.substr(17, 2) != "00") clock = formatted.substr(11, 8);

  std::string text;
  for (size_t i : plan.lines) {
    Append(text, clock + " MP" + std::to_string(order.seq) + " s" +
                     std::to_string(order.services.at(i).service_id));
  }
  return text;
}

std::string Scenario::Detections(uint64_t seq,
                                 const std::vector<std::string_view>& local_dates) const {
  std::string text;
  for (std::string_view date : local_dates) {
    if (!text.empty()) text += " / ";
    auto it = detections_.find({seq, ParseDate(date)});
    text += std::to_string(it == detections_.end() ? 0 : it->second);
  }
  return text;
}

}  // namespace onair::testing
