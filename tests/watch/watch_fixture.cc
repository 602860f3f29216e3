#include "watch_fixture.h"

#include <date/date.h>
#include <date/tz.h>

#include <sstream>
#include <stdexcept>

namespace onair::testing {

namespace {

TimeZone LoadZone(std::string_view name) {
  Result<TimeZone> zone = TimeZone::Load(name);
  if (!zone.ok()) throw std::invalid_argument("unknown zone " + std::string(name));
  return std::move(zone).value();
}

void Append(std::string& list, std::string_view item, std::string_view separator = ", ") {
  if (item.empty()) return;
  if (!list.empty()) list += separator;
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

// The path of a page URL, "/onairpage", to keep renderings short.
std::string PagePath(std::string_view page) {
  const size_t host = page.find("://");
  const size_t path = page.find('/', host == std::string_view::npos ? 0 : host + 3);
  return std::string(path == std::string_view::npos ? page : page.substr(path));
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

Order MakeOrder(int64_t daily_limit, std::vector<OrderLine> services) {
  Order order;
  order.customer_id = 7;
  order.url = "https://facebook.com/onairpage";
  order.page = std::string(kPage);
  order.created_at = date::sys_days{date::year{2025} / 1 / 1};
  order.expires_at = date::sys_days{date::year{2027} / 1 / 1};
  order.daily_limit = daily_limit;
  order.days = 30;
  order.services = std::move(services);
  return order;
}

void FakeDetector::Probe(const std::string& page, Done done) {
  std::function<Result<LiveReport>(const std::string&)> answer;
  {
    std::lock_guard lock(mu_);
    Append(probes_, PagePath(page));
    answer = answer_;
    if (!answer) {
      held_.push_back({page, std::move(done)});
      return;
    }
  }
  done(answer(page));
}

void FakeDetector::AnswerWith(std::function<Result<LiveReport>(const std::string&)> answer) {
  std::lock_guard lock(mu_);
  answer_ = std::move(answer);
}

void FakeDetector::AnswerHeld(Result<LiveReport> answer) {
  Held held;
  {
    std::lock_guard lock(mu_);
    REQUIRE(!held_.empty());
    held = std::move(held_.front());
    held_.pop_front();
  }
  held.done(std::move(answer));
}

size_t FakeDetector::held() const {
  std::lock_guard lock(mu_);
  return held_.size();
}

std::string FakeDetector::probes() const {
  std::lock_guard lock(mu_);
  return probes_;
}

WatchFixture::WatchFixture(std::string_view zone, watch::SchedulerOptions options,
                           watch::Detector* detector)
    : zone_(LoadZone(zone)),
      clock_(date::sys_days{date::year{2025} / 11 / 30}),
      options_(options),
      detector_(detector) {
  Open();
}

WatchFixture::~WatchFixture() {
  Close();
}

watch::SchedulerOptions WatchFixture::DefaultOptions() {
  watch::SchedulerOptions options;
  options.poll_jitter = 0;
  return options;
}

TimePoint WatchFixture::At(std::string_view local) const {
  std::string text(local);
  if (text.size() == std::string_view("2025-12-01 09:00").size()) text += ":00";
  std::istringstream in(text);
  date::local_seconds at;
  in >> date::parse("%F %T", at);
  if (in.fail()) throw std::invalid_argument("bad local time " + std::string(local));
  return date::locate_zone(zone_.name())->to_sys(at, date::choose::earliest);
}

uint64_t WatchFixture::Place(Order order) {
  if (order.created_at > clock_.Now()) order.created_at = clock_.Now();
  Result<store::CreateOrderOutcome> created = orders_->Create(std::move(order));
  REQUIRE(created.ok());
  REQUIRE(created->created);
  scheduler_->AddOrder(created->order);
  next_run_ = scheduler_->RunDue();
  return created->order.seq;
}

void WatchFixture::Cancel(uint64_t seq) {
  Result<Order> order = orders_->Get(seq);
  REQUIRE(order.ok());
  order->status = OrderStatus::kCancelled;
  REQUIRE(orders_->Put(*order).ok());
  scheduler_->RemoveOrder(seq);
  next_run_ = scheduler_->RunDue();
}

std::string WatchFixture::RunUntil(std::string_view local) {
  const TimePoint target = At(local);
  REQUIRE(clock_.Now() <= target);
  next_run_ = scheduler_->RunDue();
  for (int runs = 0; next_run_ && *next_run_ <= target; ++runs) {
    REQUIRE(runs < 1000000);
    // The thread would wake exactly then; a time not ahead means work is left at this instant.
    if (*next_run_ > clock_.Now()) clock_.Set(*next_run_);
    next_run_ = scheduler_->RunDue();
  }
  clock_.Set(target);
  next_run_ = scheduler_->RunDue();
  return NewDispatches();
}

std::string WatchFixture::Live(std::string_view local, std::optional<int64_t> viewers,
                               std::optional<std::string> stream_id, std::string_view page) {
  std::string fired = RunUntil(local);
  LiveReport report;
  report.page = std::string(page);
  report.live = true;
  report.viewers = viewers;
  report.stream_id = std::move(stream_id);
  scheduler_->Report(std::move(report));
  next_run_ = scheduler_->RunDue();
  Append(fired, NewDispatches());
  return fired;
}

std::string WatchFixture::End(std::string_view local, std::string_view page) {
  std::string fired = RunUntil(local);
  LiveReport report;
  report.page = std::string(page);
  report.live = false;
  scheduler_->Report(std::move(report));
  next_run_ = scheduler_->RunDue();
  Append(fired, NewDispatches());
  return fired;
}

std::string WatchFixture::NewDispatches() {
  store::DispatchQuery query;
  query.after_seq = last_seen_dispatch_;
  query.limit = 1000;
  Result<std::vector<Dispatch>> dispatches = dispatches_->List(query);
  REQUIRE(dispatches.ok());
  std::string text;
  for (const Dispatch& dispatch : *dispatches) {
    Append(text, Render(dispatch));
    last_seen_dispatch_ = dispatch.seq;
  }
  return text;
}

std::string WatchFixture::DispatchStates(uint64_t seq) {
  store::DispatchQuery query;
  query.order_seq = seq;
  query.limit = 1000;
  Result<std::vector<Dispatch>> dispatches = dispatches_->List(query);
  REQUIRE(dispatches.ok());
  std::string text;
  for (const Dispatch& dispatch : *dispatches) {
    Append(text, "s" + std::to_string(dispatch.service_id) + ":" +
                     std::string(DispatchStateName(dispatch.state)));
  }
  return text;
}

std::string WatchFixture::Render(const Dispatch& dispatch) const {
  // Format gives "2025-12-01T09:00:00+08:00"; renderings show the local clock time only.
  const std::string formatted = zone_.Format(dispatch.detected_at);
  std::string clock = formatted.substr(11, 5);
  if (formatted.substr(17, 2) != "00") clock = formatted.substr(11, 8);
  return clock + " MP" + std::to_string(dispatch.order_seq) + " s" +
         std::to_string(dispatch.service_id);
}

std::string WatchFixture::Detections(uint64_t seq,
                                     const std::vector<std::string_view>& local_dates) {
  std::string text;
  for (std::string_view date : local_dates) {
    Result<store::DetectionCounts> counts = watch_->Detections(seq, ParseDate(date));
    REQUIRE(counts.ok());
    Append(text, std::to_string(counts->on_day), " / ");
  }
  return text;
}

std::string WatchFixture::StoredStatus(uint64_t seq) {
  Result<Order> order = orders_->Get(seq);
  REQUIRE(order.ok());
  return std::string(OrderStatusName(order->status));
}

std::string WatchFixture::Watched() const {
  std::string text;
  for (const watch::WatchedPageView& view : scheduler_->Pages()) {
    std::string seqs;
    for (uint64_t seq : view.order_seqs) Append(seqs, std::to_string(seq), " ");
    std::string line = PagePath(view.state.page) + " [" + seqs + "] " +
                       (view.state.live ? "live" : "not live") + " session " +
                       std::to_string(view.state.session);
    Append(text, line, "; ");
  }
  return text;
}

std::string WatchFixture::NextPoll(std::string_view page) const {
  for (const watch::WatchedPageView& view : scheduler_->Pages()) {
    if (view.state.page != page) continue;
    if (!view.next_poll) return "probing";
    return zone_.Format(*view.next_poll).substr(11, 8);
  }
  return "unwatched";
}

std::string WatchFixture::SavedPage(std::string_view page) {
  Result<PageState> state = watch_->GetPage(std::string(page));
  if (state.status().code() == Code::kNotFound) return "none";
  REQUIRE(state.ok());
  return std::string(state->live ? "live" : "not live") + " session " +
         std::to_string(state->session) + " stream " + state->stream_id.value_or("-") +
         " viewers " + std::to_string(state->viewers);
}

void WatchFixture::Restart() {
  Close();
  Open();
}

void WatchFixture::Open() {
  store::DatabaseOptions db_options;
  db_options.sync_writes = false;  // fast; WAL sync is the store's own tests' concern
  Result<std::unique_ptr<store::Database>> db = store::Database::Open(dir_.Sub("db"), db_options);
  REQUIRE(db.ok());
  db_ = std::move(db).value();
  Result<std::unique_ptr<store::OrderStore>> orders = store::OrderStore::Open(db_.get());
  REQUIRE(orders.ok());
  orders_ = std::move(orders).value();
  Result<std::unique_ptr<store::DispatchStore>> dispatches = store::DispatchStore::Open(db_.get());
  REQUIRE(dispatches.ok());
  dispatches_ = std::move(dispatches).value();
  watch_ = std::make_unique<store::WatchStore>(db_.get(), dispatches_.get());

  watch::SchedulerDeps deps;
  deps.clock = &clock_;
  deps.zone = &zone_;
  deps.orders = orders_.get();
  deps.watch = watch_.get();
  deps.dispatches = dispatches_.get();
  deps.detector = detector_;
  deps.on_dispatches = [notified = notified_] { ++*notified; };
  scheduler_ = std::make_unique<watch::Scheduler>(std::move(deps), options_);
  REQUIRE(scheduler_->Load().ok());
}

void WatchFixture::Close() {
  scheduler_.reset();
  watch_.reset();
  dispatches_.reset();
  orders_.reset();
  db_.reset();
}

}  // namespace onair::testing
