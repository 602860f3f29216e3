#include "wire/json_out.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/order_id.h"

namespace onair::wire {

namespace {

rapidjson::SizeType Size(std::string_view s) {
  return static_cast<rapidjson::SizeType>(s.size());
}

}  // namespace

struct JsonWriter::Impl {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer{buffer};
};

JsonWriter::JsonWriter() : impl_(std::make_unique<Impl>()) {}
JsonWriter::~JsonWriter() = default;

JsonWriter& JsonWriter::BeginObject() {
  impl_->writer.StartObject();
  return *this;
}

JsonWriter& JsonWriter::EndObject() {
  impl_->writer.EndObject();
  return *this;
}

JsonWriter& JsonWriter::BeginArray() {
  impl_->writer.StartArray();
  return *this;
}

JsonWriter& JsonWriter::EndArray() {
  impl_->writer.EndArray();
  return *this;
}

JsonWriter& JsonWriter::Key(std::string_view key) {
  impl_->writer.Key(key.data(), Size(key));
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view value) {
  impl_->writer.String(value.data(), Size(value));
  return *this;
}

JsonWriter& JsonWriter::Int(int64_t value) {
  impl_->writer.Int64(value);
  return *this;
}

JsonWriter& JsonWriter::Uint(uint64_t value) {
  impl_->writer.Uint64(value);
  return *this;
}

JsonWriter& JsonWriter::Bool(bool value) {
  impl_->writer.Bool(value);
  return *this;
}

JsonWriter& JsonWriter::Null() {
  impl_->writer.Null();
  return *this;
}

JsonWriter& JsonWriter::OptionalInt(const std::optional<int64_t>& value) {
  return value ? Int(*value) : Null();
}

std::string JsonWriter::Take() {
  std::string out(impl_->buffer.GetString(), impl_->buffer.GetSize());
  impl_->buffer.Clear();
  impl_->writer.Reset(impl_->buffer);
  return out;
}

void WriteOrder(JsonWriter& w, const Order& order, const RenderContext& ctx) {
  w.BeginObject();
  WriteOrderMembers(w, order, ctx);
  w.EndObject();
}

void WriteOrderMembers(JsonWriter& w, const Order& order, const RenderContext& ctx,
                       std::optional<std::string_view> customer_name) {
  w.Key("order_id").String(FormatOrderId(ctx.order_id_prefix, order.seq));
  if (customer_name) w.Key("customer").String(*customer_name);
  if (order.customer_order_id) w.Key("customer_order_id").String(*order.customer_order_id);
  w.Key("url").String(order.url);
  w.Key("page").String(order.page);
  w.Key("status").String(OrderStatusName(EffectiveStatus(order, ctx.now)));
  w.Key("created_at").String(ctx.zone->Format(order.created_at));
  w.Key("expires_at").String(ctx.zone->Format(order.expires_at));
  w.Key("daily_limit").Int(order.daily_limit);
  w.Key("days").Int(order.days);

  w.Key("services").BeginArray();
  for (const OrderLine& line : order.services) {
    w.BeginObject();
    w.Key("service_id").Uint(line.service_id);
    w.Key("name").String(line.service_name);
    w.Key("quantity").Int(line.quantity);
    w.Key("min_viewers").OptionalInt(line.min_viewers);
    w.EndObject();
  }
  w.EndArray();
}

void WriteServiceForCustomer(JsonWriter& w, const Service& service) {
  w.BeginObject();
  w.Key("service_id").Uint(service.id);
  w.Key("name").String(service.name);
  w.Key("quantity_min").Int(service.quantity_min);
  w.Key("quantity_max").Int(service.quantity_max);
  w.EndObject();
}

std::string ErrorBody(std::string_view message) {
  JsonWriter w;
  w.BeginObject().Key("success").Bool(false).Key("error").String(message).EndObject();
  return w.Take();
}

}  // namespace onair::wire
