#include "store/record_codec.h"

#include <fmt/format.h>

#include <limits>
#include <optional>

namespace onair::store {
namespace {

using std::chrono::milliseconds;

// Milliseconds beyond this cannot be held by TimePoint's nanosecond count.
constexpr int64_t kMaxMillis = std::numeric_limits<TimePoint::rep>::max() / 1'000'000;

class Writer {
 public:
  Writer() { out_.push_back(static_cast<char>(kRecordVersion)); }

  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void Bool(bool v) { U8(v ? 1 : 0); }
  void U32(uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) U8(static_cast<uint8_t>(v >> shift));
  }
  void U64(uint64_t v) {
    for (int shift = 56; shift >= 0; shift -= 8) U8(static_cast<uint8_t>(v >> shift));
  }
  void I64(int64_t v) { U64(static_cast<uint64_t>(v)); }
  void Time(TimePoint t) {
    I64(std::chrono::duration_cast<milliseconds>(t.time_since_epoch()).count());
  }
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

  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

// Reads fields in order. After the first failure every read is a no-op returning false, so a
// decoder may read all fields and check Finish() once.
class Reader {
 public:
  Reader(std::string_view bytes, std::string_view kind) : in_(bytes), kind_(kind) {
    uint8_t version = 0;
    if (!U8(&version)) return;
    if (version != kRecordVersion) Fail(fmt::format("unsupported format version {}", version));
  }

  bool ok() const { return error_.empty(); }
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
  uint8_t status = 0;
  r.U64(&order.seq);
  r.U64(&order.customer_id);
  r.OptStr(&order.customer_order_id);
  r.Str(&order.url);
  r.Str(&order.page);
  if (r.U8(&status) && status > static_cast<uint8_t>(OrderStatus::kCancelled)) {
    r.Fail(fmt::format("bad status {}", status));
  }
  order.status = static_cast<OrderStatus>(status);
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
  Writer w;
  w.U64(customer.id);
  w.Str(customer.name);
  w.OptI64(customer.rate_limit);
  w.OptI64(customer.read_rate_limit);
  w.U32(static_cast<uint32_t>(customer.roles.size()));
  for (const std::string& role : customer.roles) w.Str(role);
  w.Time(customer.created_at);
  return w.Take();
}

Result<Customer> DecodeCustomer(std::string_view bytes) {
  Reader r(bytes, "customer");
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

}  // namespace onair::store
