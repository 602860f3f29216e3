#include "wire/json_in.h"

#include <simdjson.h>

#include <charconv>
#include <cmath>
#include <unordered_set>

namespace onair::wire {

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// A parsed document: the parser owns the memory every element points into.
struct Document {
  std::unique_ptr<simdjson::dom::parser> parser;
  simdjson::dom::object root;
};

Status InvalidJson(std::string_view what) {
  return Status::InvalidArgument("Invalid JSON: " + std::string(what));
}

// Finds the first key given twice in one object, anywhere in `element`, in document order.
// simdjson's DOM keeps both copies, so this is where duplicates are refused. Depth is bounded by
// the parser's maximum depth.
std::optional<std::string_view> FindDuplicateKey(simdjson::dom::element element) {
  simdjson::dom::object object;
  simdjson::dom::array array;
  if (element.get(object) == simdjson::SUCCESS) {
    std::unordered_set<std::string_view> keys;
    for (simdjson::dom::key_value_pair field : object) {
      if (!keys.insert(field.key).second) return field.key;
      if (auto inner = FindDuplicateKey(field.value)) return inner;
    }
  } else if (element.get(array) == simdjson::SUCCESS) {
    for (simdjson::dom::element item : array) {
      if (auto inner = FindDuplicateKey(item)) return inner;
    }
  }
  return std::nullopt;
}

Result<Document> ParseDocument(std::string_view body) {
  if (body.substr(0, kByteOrderMark.size()) == kByteOrderMark) {
    body.remove_prefix(kByteOrderMark.size());
  }

  // simdjson reads past the end of its input; the padded copy makes that safe. Its DOM parser
  // refuses bytes after the document (TAPE_ERROR), so "{} x" needs no check of our own.
  const simdjson::padded_string padded(body);
  auto parser = std::make_unique<simdjson::dom::parser>();
  simdjson::dom::element root;
  if (simdjson::error_code error = parser->parse(padded).get(root)) {
    return InvalidJson(simdjson::error_message(error));
  }

  if (auto key = FindDuplicateKey(root)) {
    return InvalidJson("duplicate key \"" + std::string(*key) + "\"");
  }

  Document document;
  if (root.get(document.root) != simdjson::SUCCESS) {
    return Status::InvalidArgument("Request body must be a JSON object");
  }
  document.parser = std::move(parser);
  return document;
}

// The value under `key`, or nullopt when it is absent or null.
std::optional<simdjson::dom::element> Lookup(simdjson::dom::object object, std::string_view key) {
  simdjson::dom::element value;
  if (object.at_key(key).get(value) != simdjson::SUCCESS || value.is_null()) return std::nullopt;
  return value;
}

// The integer rule of docs/api.md; `name` goes into the message ("services[0].quantity").
Field<int64_t> ReadInteger(simdjson::dom::element value, std::string_view name) {
  auto invalid = [&] { return Field<int64_t>::Invalid(std::string(name) + " must be an integer"); };

  switch (value.type()) {
    case simdjson::dom::element_type::INT64:
      return Field<int64_t>::Of(value.get_int64().value_unsafe());
    case simdjson::dom::element_type::UINT64:
      return invalid();  // simdjson only uses uint64 above the int64 range
    case simdjson::dom::element_type::DOUBLE: {
      // 200.0 and 2e2 are integers; the bounds are 2^63 exactly, which a double can hold.
      double d = value.get_double().value_unsafe();
      if (!std::isfinite(d) || std::trunc(d) != d || d < -9223372036854775808.0 ||
          d >= 9223372036854775808.0) {
        return invalid();
      }
      return Field<int64_t>::Of(static_cast<int64_t>(d));
    }
    case simdjson::dom::element_type::STRING: {
      // Decimal digits only: no sign, no spaces, not empty.
      std::string_view digits = value.get_string().value_unsafe();
      int64_t parsed = 0;
      const char* end = digits.data() + digits.size();
      if (digits.empty() || digits.front() < '0' || digits.front() > '9') return invalid();
      auto [stop, ec] = std::from_chars(digits.data(), end, parsed);
      if (ec != std::errc() || stop != end) return invalid();
      return Field<int64_t>::Of(parsed);
    }
    default:
      return invalid();
  }
}

Field<int64_t> IntegerField(simdjson::dom::object object, std::string_view key,
                            std::string_view name) {
  std::optional<simdjson::dom::element> value = Lookup(object, key);
  if (!value) return Field<int64_t>::Absent();
  return ReadInteger(*value, name);
}

Field<std::string> StringField(simdjson::dom::object object, std::string_view key) {
  std::optional<simdjson::dom::element> value = Lookup(object, key);
  if (!value) return Field<std::string>::Absent();
  std::string_view text;
  if (value->get(text) != simdjson::SUCCESS) {
    return Field<std::string>::Invalid(std::string(key) + " must be a string");
  }
  return Field<std::string>::Of(std::string(text));
}

// order_id: a string as sent, or an integer kept digit for digit (also past int64).
Field<std::string> CustomerOrderIdField(simdjson::dom::object object) {
  std::optional<simdjson::dom::element> value = Lookup(object, "order_id");
  if (!value) return Field<std::string>::Absent();
  switch (value->type()) {
    case simdjson::dom::element_type::STRING:
      return Field<std::string>::Of(std::string(value->get_string().value_unsafe()));
    case simdjson::dom::element_type::INT64:
      return Field<std::string>::Of(std::to_string(value->get_int64().value_unsafe()));
    case simdjson::dom::element_type::UINT64:
      return Field<std::string>::Of(std::to_string(value->get_uint64().value_unsafe()));
    default:
      return Field<std::string>::Invalid("order_id must be a string or an integer");
  }
}

OrderLineRequest ReadOrderLine(simdjson::dom::element element, size_t index) {
  OrderLineRequest line;
  const std::string name = "services[" + std::to_string(index) + "]";
  simdjson::dom::object object;
  if (element.get(object) != simdjson::SUCCESS) {
    line.error = name + " must be an object";
    return line;
  }
  line.service_id = IntegerField(object, "service_id", name + ".service_id");
  line.quantity = IntegerField(object, "quantity", name + ".quantity");
  line.min_viewers = IntegerField(object, "min_viewers", name + ".min_viewers");
  return line;
}

Field<std::vector<OrderLineRequest>> ServicesField(simdjson::dom::object object) {
  using Lines = Field<std::vector<OrderLineRequest>>;
  std::optional<simdjson::dom::element> value = Lookup(object, "services");
  if (!value) return Lines::Absent();
  simdjson::dom::array array;
  if (value->get(array) != simdjson::SUCCESS) return Lines::Invalid("services must be an array");

  std::vector<OrderLineRequest> lines;
  lines.reserve(array.size());
  for (simdjson::dom::element item : array) lines.push_back(ReadOrderLine(item, lines.size()));
  return Lines::Of(std::move(lines));
}

}  // namespace

struct JsonBody::Impl {
  Document document;
};

JsonBody::JsonBody(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
JsonBody::JsonBody(JsonBody&&) noexcept = default;
JsonBody& JsonBody::operator=(JsonBody&&) noexcept = default;
JsonBody::~JsonBody() = default;

Result<JsonBody> JsonBody::Parse(std::string_view body) {
  Result<Document> document = ParseDocument(body);
  if (!document.ok()) return document.status();
  return JsonBody(std::make_unique<Impl>(Impl{std::move(document).value()}));
}

bool JsonBody::Has(std::string_view key) const {
  return Lookup(impl_->document.root, key).has_value();
}

bool JsonBody::IsNull(std::string_view key) const {
  simdjson::dom::element value;
  return impl_->document.root.at_key(key).get(value) == simdjson::SUCCESS && value.is_null();
}

Field<int64_t> JsonBody::Integer(std::string_view key) const {
  return IntegerField(impl_->document.root, key, key);
}

Field<std::string> JsonBody::String(std::string_view key) const {
  return StringField(impl_->document.root, key);
}

Field<bool> JsonBody::Boolean(std::string_view key) const {
  std::optional<simdjson::dom::element> value = Lookup(impl_->document.root, key);
  if (!value) return Field<bool>::Absent();
  bool flag = false;
  if (value->get(flag) != simdjson::SUCCESS) {
    return Field<bool>::Invalid(std::string(key) + " must be true or false");
  }
  return Field<bool>::Of(flag);
}

Field<std::vector<std::string>> JsonBody::StringArray(std::string_view key) const {
  using Strings = Field<std::vector<std::string>>;
  std::optional<simdjson::dom::element> value = Lookup(impl_->document.root, key);
  if (!value) return Strings::Absent();
  const std::string invalid = std::string(key) + " must be an array of strings";
  simdjson::dom::array array;
  if (value->get(array) != simdjson::SUCCESS) return Strings::Invalid(invalid);

  std::vector<std::string> strings;
  for (simdjson::dom::element item : array) {
    std::string_view text;
    if (item.get(text) != simdjson::SUCCESS) return Strings::Invalid(invalid);
    strings.emplace_back(text);
  }
  return Strings::Of(std::move(strings));
}

Result<OrderRequest> ParseOrderRequest(std::string_view body) {
  Result<Document> document = ParseDocument(body);
  if (!document.ok()) return document.status();
  const simdjson::dom::object root = document->root;

  OrderRequest request;
  request.order_id = CustomerOrderIdField(root);
  request.url = StringField(root, "url");
  request.services = ServicesField(root);
  request.daily_limit = IntegerField(root, "daily_limit", "daily_limit");
  request.days = IntegerField(root, "days", "days");
  return request;
}

}  // namespace onair::wire
