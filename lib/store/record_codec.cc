#include "store/record_codec.h"

#include <fmt/format.h>

#include <limits>
#include <optional>

#include "store/page_connection_store.h"

namespace onair::store {
namespace {

using std::chrono::milliseconds;

// Milliseconds beyond this cannot be held by TimePoint's nanosecond count.
constexpr int64_t kMaxMillis = std::numeric_limits<TimePoint::rep>::max() / 1'000'000;

class Writer {
 public:
  explicit Writer(uint8_t version = kRecordVersion) { out_.push_back(static_cast<char>(version)); }

  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void Bool(bool v) { U8(v ? 1 : 0); }
  void U32(uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) U8(static_cast<uint8_t>(v >> shift));
  }
  void U64(uint64_t v) {
    for (int shift = 56; shift >= 0; shift -= 8) U8(static_cast<uint8_t>(v >> shift));
  }
  void I64(int64_t v) { U64(static_cast<uint64_t>(v)); }
  // Floors like TruncateToMillis, so a time reads back as TruncateToMillis(t).
  void Time(TimePoint t) { I64(std::chrono::floor<milliseconds>(t.time_since_epoch()).count()); }
  void Str(std::string_view s) {
    U32(static_cast<uint32_t>(s.size()));
    out_.append(s);
  }
  void OptI64(const std::optional<int64_t>& v) {
    Bool(v.has_value());
    if (v) I64(*v);
  }
  void OptStr(const std::optional<std::string>& v) {
    Bool(v.has_value());
    if (v) Str(*v);
  }
  void OptTime(const std::optional<TimePoint>& v) {
    Bool(v.has_value());
    if (v) Time(*v);
  }

  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

// Reads fields in order. After the first failure every read is a no-op returning false, so a
// decoder may read all fields and check Finish() once.
class Reader {
 public:
  // Accepts versions 1 to `max_version`; version() says which one the record has.
  Reader(std::string_view bytes, std::string_view kind, uint8_t max_version = kRecordVersion)
      : in_(bytes), kind_(kind) {
    if (!U8(&version_)) return;
    if (version_ < 1 || version_ > max_version) {
      Fail(fmt::format("unsupported format version {}", version_));
    }
  }

  bool ok() const { return error_.empty(); }
  uint8_t version() const { return version_; }
  size_t remaining() const { return in_.size() - pos_; }

  bool U8(uint8_t* v) {
    if (!Need(1)) return false;
    *v = static_cast<uint8_t>(in_[pos_++]);
    return true;
  }
  bool Bool(bool* v) {
    uint8_t b = 0;
    if (!U8(&b)) return false;
    if (b > 1) return Fail(fmt::format("bad boolean {}", b));
    *v = b == 1;
    return true;
  }
  bool U32(uint32_t* v) {
    if (!Need(4)) return false;
    *v = 0;
    for (int i = 0; i < 4; ++i) *v = (*v << 8) | static_cast<uint8_t>(in_[pos_++]);
    return true;
  }
  bool U64(uint64_t* v) {
    if (!Need(8)) return false;
    *v = 0;
    for (int i = 0; i < 8; ++i) *v = (*v << 8) | static_cast<uint8_t>(in_[pos_++]);
    return true;
  }
  bool I64(int64_t* v) {
    uint64_t u = 0;
    if (!U64(&u)) return false;
    *v = static_cast<int64_t>(u);
    return true;
  }
  bool Time(TimePoint* t) {
    int64_t ms = 0;
    if (!I64(&ms)) return false;
    if (ms > kMaxMillis || ms < -kMaxMillis) return Fail(fmt::format("time {} out of range", ms));
    *t = TimePoint(milliseconds(ms));
    return true;
  }
  bool Str(std::string* s) {
    uint32_t size = 0;
    if (!U32(&size) || !Need(size)) return false;
    s->assign(in_.substr(pos_, size));
    pos_ += size;
    return true;
  }
  bool OptI64(std::optional<int64_t>* v) {
    bool present = false;
    if (!Bool(&present)) return false;
    if (!present) {
      v->reset();
      return true;
    }
    int64_t x = 0;
    if (!I64(&x)) return false;
    *v = x;
    return true;
  }
  bool OptStr(std::optional<std::string>* v) {
    bool present = false;
    if (!Bool(&present)) return false;
    if (!present) {
      v->reset();
      return true;
    }
    std::string s;
    if (!Str(&s)) return false;
    *v = std::move(s);
    return true;
  }
  bool OptTime(std::optional<TimePoint>* v) {
    bool present = false;
    if (!Bool(&present)) return false;
    if (!present) {
      v->reset();
      return true;
    }
    TimePoint t;
    if (!Time(&t)) return false;
    *v = t;
    return true;
  }
  // Reads an enum stored as one byte, refusing values above `max` ("bad <what> 7").
  template <typename E>
  bool Enum(E* v, E max, std::string_view what) {
    uint8_t b = 0;
    if (!U8(&b)) return false;
    if (b > static_cast<uint8_t>(max)) return Fail(fmt::format("bad {} {}", what, b));
    *v = static_cast<E>(b);
    return true;
  }
  // Reads a element count and checks that `min_element_size` bytes each can still follow, so a
  // corrupt count cannot make the decoder reserve or loop for billions of elements.
  bool Count(uint32_t* n, size_t min_element_size) {
    if (!U32(n)) return false;
    if (*n > remaining() / min_element_size) return Fail("truncated");
    return true;
  }

  bool Fail(std::string error) {
    if (error_.empty()) error_ = std::move(error);
    return false;
  }

  // The first error, or one for bytes left over.
  Status Finish() {
    if (ok() && remaining() != 0) Fail(fmt::format("{} trailing bytes", remaining()));
    if (ok()) return Status::Ok();
    return Status::Internal(fmt::format("corrupt {} record: {}", kind_, error_));
  }

 private:
  bool Need(size_t n) {
    if (!ok()) return false;
    if (remaining() < n) return Fail("truncated");
    return true;
  }

  std::string_view in_;
  size_t pos_ = 0;
  std::string_view kind_;
  uint8_t version_ = 0;
  std::string error_;
};

// Smallest encoding of one order line: service id, empty name, quantity, no min_viewers.
constexpr size_t kMinOrderLineSize = 8 + 4 + 8 + 1;

}  // namespace

TimePoint TruncateToMillis(TimePoint t) {
  return TimePoint(std::chrono::floor<milliseconds>(t.time_since_epoch()));
}

std::string EncodeOrder(const Order& order) {
  Writer w;
  w.U64(order.seq);
  w.U64(order.customer_id);
  w.OptStr(order.customer_order_id);
  w.Str(order.url);
  w.Str(order.page);
  w.U8(static_cast<uint8_t>(order.status));
  w.Time(order.created_at);
  w.Time(order.expires_at);
  w.I64(order.daily_limit);
  w.I64(order.days);
  w.U32(static_cast<uint32_t>(order.services.size()));
  for (const OrderLine& line : order.services) {
    w.U64(line.service_id);
    w.Str(line.service_name);
    w.I64(line.quantity);
    w.OptI64(line.min_viewers);
  }
  return w.Take();
}

Result<Order> DecodeOrder(std::string_view bytes) {
  Reader r(bytes, "order");
  Order order;
  r.U64(&order.seq);
  r.U64(&order.customer_id);
  r.OptStr(&order.customer_order_id);
  r.Str(&order.url);
  r.Str(&order.page);
  r.Enum(&order.status, OrderStatus::kCancelled, "status");
  r.Time(&order.created_at);
  r.Time(&order.expires_at);
  r.I64(&order.daily_limit);
  r.I64(&order.days);
  uint32_t lines = 0;
  if (r.Count(&lines, kMinOrderLineSize)) {
    order.services.resize(lines);
    for (OrderLine& line : order.services) {
      r.U64(&line.service_id);
      r.Str(&line.service_name);
      r.I64(&line.quantity);
      r.OptI64(&line.min_viewers);
    }
  }
  ONAIR_RETURN_IF_ERROR(r.Finish());
  return order;
}

std::string EncodeCustomer(const Customer& customer) {
  Writer w(kCustomerRecordVersion);
  w.U64(customer.id);
  w.Str(customer.name);
  w.OptI64(customer.rate_limit);
  w.OptI64(customer.read_rate_limit);
  w.U32(static_cast<uint32_t>(customer.roles.size()));
  for (const std::string& role : customer.roles) w.Str(role);
  w.Time(customer.created_at);
  w.Str(customer.webhook_url);
  w.Str(customer.webhook_secret);
  return w.Take();
}

Result<Customer> DecodeCustomer(std::string_view bytes) {
  Reader r(bytes, "customer", kCustomerRecordVersion);
  Customer customer;
  r.U64(&customer.id);
  r.Str(&customer.name);
  r.OptI64(&customer.rate_limit);
  r.OptI64(&customer.read_rate_limit);
  uint32_t roles = 0;
  if (r.Count(&roles, 4)) {
    customer.roles.resize(roles);
    for (std::string& role : customer.roles) r.Str(&role);
  }
  r.Time(&customer.created_at);
  // Version 1 ends here: customers stored before webhooks existed pull their dispatches.
  if (r.version() >= 2) {
    r.Str(&customer.webhook_url);
    r.Str(&customer.webhook_secret);
  }
  ONAIR_RETURN_IF_ERROR(r.Finish());
  return customer;
}

std::string EncodeApiKey(const ApiKey& key) {
  Writer w;
  w.U64(key.id);
  w.U64(key.customer_id);
  w.Str(key.hint);
  w.Bool(key.revoked);
  w.Time(key.created_at);
  return w.Take();
}

Result<ApiKey> DecodeApiKey(std::string_view bytes) {
  Reader r(bytes, "api key");
  ApiKey key;
  r.U64(&key.id);
  r.U64(&key.customer_id);
  r.Str(&key.hint);
  r.Bool(&key.revoked);
  r.Time(&key.created_at);
  ONAIR_RETURN_IF_ERROR(r.Finish());
  return key;
}

std::string EncodeService(const Service& service) {
  Writer w;
  w.U64(service.id);
  w.Str(service.name);
  w.I64(service.quantity_min);
  w.I64(service.quantity_max);
  w.Bool(service.active);
  w.Time(service.created_at);
  return w.Take();
}

Result<Service> DecodeService(std::string_view bytes) {
  Reader r(bytes, "service");
  Service service;
  r.U64(&service.id);
  r.Str(&service.name);
  r.I64(&service.quantity_min);
  r.I64(&service.quantity_max);
  r.Bool(&service.active);
  r.Time(&service.created_at);
  ONAIR_RETURN_IF_ERROR(r.Finish());
  return service;
}

std::string EncodeDispatch(const Dispatch& dispatch) {
  Writer w;
  w.U64(dispatch.seq);
  w.U64(dispatch.order_seq);
  w.U64(dispatch.customer_id);
  w.U64(dispatch.service_id);
  w.Str(dispatch.service_name);
  w.I64(dispatch.quantity);
  w.OptI64(dispatch.min_viewers);
  w.Str(dispatch.page);
  w.U64(dispatch.session);
  w.OptStr(dispatch.stream_id);
  w.I64(dispatch.viewers);
  w.Time(dispatch.detected_at);
  w.U8(static_cast<uint8_t>(dispatch.state));
  w.U32(static_cast<uint32_t>(dispatch.attempts));
  w.Time(dispatch.next_attempt_at);
  w.Str(dispatch.last_error);
  w.OptTime(dispatch.sent_at);
  w.U8(static_cast<uint8_t>(dispatch.result));
  w.OptI64(dispatch.delivered_quantity);
  w.Str(dispatch.failure_reason);
  w.OptTime(dispatch.result_at);
  return w.Take();
}

Result<Dispatch> DecodeDispatch(std::string_view bytes) {
  Reader r(bytes, "dispatch");
  Dispatch dispatch;
  r.U64(&dispatch.seq);
  r.U64(&dispatch.order_seq);
  r.U64(&dispatch.customer_id);
  r.U64(&dispatch.service_id);
  r.Str(&dispatch.service_name);
  r.I64(&dispatch.quantity);
  r.OptI64(&dispatch.min_viewers);
  r.Str(&dispatch.page);
  r.U64(&dispatch.session);
  r.OptStr(&dispatch.stream_id);
  r.I64(&dispatch.viewers);
  r.Time(&dispatch.detected_at);
  r.Enum(&dispatch.state, DispatchState::kCancelled, "state");
  uint32_t attempts = 0;
  if (r.U32(&attempts) && attempts > static_cast<uint32_t>(std::numeric_limits<int>::max())) {
    r.Fail(fmt::format("bad attempts {}", attempts));
  }
  dispatch.attempts = static_cast<int>(attempts);
  r.Time(&dispatch.next_attempt_at);
  r.Str(&dispatch.last_error);
  r.OptTime(&dispatch.sent_at);
  r.Enum(&dispatch.result, DispatchResult::kFailed, "result");
  r.OptI64(&dispatch.delivered_quantity);
  r.Str(&dispatch.failure_reason);
  r.OptTime(&dispatch.result_at);
  ONAIR_RETURN_IF_ERROR(r.Finish());
  return dispatch;
}

std::string EncodePageState(const PageState& page) {
  Writer w;
  w.Str(page.page);
  w.Bool(page.live);
  w.U64(page.session);
  w.OptStr(page.stream_id);
  w.I64(page.viewers);
  w.Time(page.session_started_at);
  w.Time(page.last_live_at);
  return w.Take();
}

Result<PageState> DecodePageState(std::string_view bytes) {
  Reader r(bytes, "page state");
  PageState page;
  r.Str(&page.page);
  r.Bool(&page.live);
  r.U64(&page.session);
  r.OptStr(&page.stream_id);
  r.I64(&page.viewers);
  r.Time(&page.session_started_at);
  r.Time(&page.last_live_at);
  ONAIR_RETURN_IF_ERROR(r.Finish());
  return page;
}

std::string EncodeOrderSessionState(const OrderSessionState& state) {
  Writer w;
  w.U64(state.session);
  w.U32(static_cast<uint32_t>(state.dispatched_service_ids.size()));
  for (uint64_t id : state.dispatched_service_ids) w.U64(id);
  w.OptI64(state.counted_day);
  return w.Take();
}

Result<OrderSessionState> DecodeOrderSessionState(std::string_view bytes) {
  Reader r(bytes, "order session state");
  OrderSessionState state;
  r.U64(&state.session);
  uint32_t ids = 0;
  if (r.Count(&ids, 8)) {
    state.dispatched_service_ids.resize(ids);
    for (uint64_t& id : state.dispatched_service_ids) r.U64(&id);
  }
  r.OptI64(&state.counted_day);
  ONAIR_RETURN_IF_ERROR(r.Finish());
  return state;
}

std::string EncodePageConnection(const PageConnection& connection) {
  Writer w;
  w.Str(connection.page);
  w.Str(connection.page_id);
  w.Str(connection.page_access_token);
  w.Time(connection.connected_at);
  return w.Take();
}

Result<PageConnection> DecodePageConnection(std::string_view bytes) {
  Reader r(bytes, "page connection");
  PageConnection connection;
  r.Str(&connection.page);
  r.Str(&connection.page_id);
  r.Str(&connection.page_access_token);
  r.Time(&connection.connected_at);
  ONAIR_RETURN_IF_ERROR(r.Finish());
  return connection;
}

}  // namespace onair::store
