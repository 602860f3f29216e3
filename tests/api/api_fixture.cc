#include "api_fixture.h"

#include <doctest/doctest.h>
#include <simdjson.h>

#include <algorithm>
#include <variant>

#include "api/api_server.h"

namespace onair::testing {
namespace {

constexpr const char* kAdminToken = "test-admin-token";

// The element at `pointer`, or the reason there is none.
std::variant<simdjson::dom::element, std::string> Find(simdjson::dom::parser& parser,
                                                       const std::string& body,
                                                       std::string_view pointer) {
  simdjson::dom::element root;
  if (parser.parse(simdjson::padded_string(body)).get(root) != simdjson::SUCCESS) {
    return std::string("<not json>");
  }
  simdjson::dom::element found;
  if (root.at_pointer(pointer).get(found) != simdjson::SUCCESS) return std::string("<absent>");
  return found;
}

// A request as the listener would hand it over: the path split from its query ("a=1&b=2"; no
// percent-decoding, the tests need none) and the body already read.
HttpRequest MakeRequest(const std::string& method, const std::string& path, const Headers& headers,
                        const std::string& body) {
  HttpRequest request;
  request.method = method;
  const size_t query = path.find('?');
  request.path = path.substr(0, query);
  std::string_view rest;
  if (query != std::string::npos) rest = std::string_view(path).substr(query + 1);
  while (!rest.empty()) {
    const std::string_view pair = rest.substr(0, rest.find('&'));
    rest.remove_prefix(std::min(rest.size(), pair.size() + 1));
    const size_t eq = pair.find('=');
    request.query.emplace(std::string(pair.substr(0, eq)),
                          eq == std::string_view::npos ? "" : std::string(pair.substr(eq + 1)));
  }
  for (const auto& [name, value] : headers) request.headers.emplace(name, value);
  request.SetBody(body);
  return request;
}

}  // namespace

std::string Answer::At(std::string_view pointer) const {
  simdjson::dom::parser parser;
  auto found = Find(parser, body, pointer);
  if (auto* reason = std::get_if<std::string>(&found)) return *reason;
  return simdjson::minify(std::get<simdjson::dom::element>(found));
}

std::string Answer::Text(std::string_view pointer) const {
  simdjson::dom::parser parser;
  auto found = Find(parser, body, pointer);
  if (auto* reason = std::get_if<std::string>(&found)) return *reason;
  std::string_view text;
  if (std::get<simdjson::dom::element>(found).get(text) != simdjson::SUCCESS) {
    return "<not a string>";
  }
  return std::string(text);
}

int Answer::Count(std::string_view pointer) const {
  simdjson::dom::parser parser;
  auto found = Find(parser, body, pointer);
  simdjson::dom::array array;
  if (std::holds_alternative<std::string>(found) ||
      std::get<simdjson::dom::element>(found).get(array) != simdjson::SUCCESS) {
    return -1;
  }
  return static_cast<int>(array.size());
}

ApiFixture::ApiFixture(FixtureOptions options) : zone_(TimeZone::Load("Asia/Manila").value()) {
  config_.time_zone = "Asia/Manila";
  store::DatabaseOptions db_options;
  db_options.sync_writes = false;  // the tests restart nothing; fsyncs would only slow them
  db_ = std::move(store::Database::Open(dir_.Sub("db"), db_options)).value();
  orders_ = std::move(store::OrderStore::Open(db_.get())).value();
  customers_ = std::make_unique<store::CustomerStore>(db_.get());
  keys_ = std::make_unique<store::KeyStore>(db_.get());
  services_ = std::make_unique<store::ServiceStore>(db_.get());
  dispatches_ = std::move(store::DispatchStore::Open(db_.get())).value();
  watch_ = std::make_unique<store::WatchStore>(db_.get(), dispatches_.get());
  page_connections_ = std::make_unique<store::PageConnectionStore>(db_.get());

  delivery_ = std::make_unique<deliver::DeliveryService>(
      deliver::DeliveryDeps{&clock_, &zone_, dispatches_.get(), orders_.get(), customers_.get(),
                            [] { return 0.5; }},
      deliver::DeliveryOptions{});
  watch::SchedulerDeps deps;
  deps.clock = &clock_;
  deps.zone = &zone_;
  deps.orders = orders_.get();
  deps.watch = watch_.get();
  deps.dispatches = dispatches_.get();
  scheduler_ = std::make_unique<watch::Scheduler>(std::move(deps), watch::SchedulerOptions{});
  REQUIRE(scheduler_->Load().ok());

  if (options.graph_webhook) {
    graph_webhook_ = std::make_unique<watch::GraphWebhook>(
        watch::GraphWebhookOptions{"appsecret", "vtok"}, page_connections_.get());
  }
  order_limiter_ = std::make_unique<RateLimiter>(&clock_);
  read_limiter_ = std::make_unique<RateLimiter>(&clock_);
  ctx_ = std::make_unique<api::ApiContext>(api::ApiContext{.config = config_,
                                                           .clock = clock_,
                                                           .zone = zone_,
                                                           .orders = *orders_,
                                                           .customers = *customers_,
                                                           .keys = *keys_,
                                                           .services = *services_,
                                                           .dispatches = *dispatches_,
                                                           .watch = *watch_,
                                                           .page_connections = *page_connections_,
                                                           .scheduler = *scheduler_,
                                                           .delivery = *delivery_,
                                                           .graph_webhook = graph_webhook_.get(),
                                                           .order_limiter = *order_limiter_,
                                                           .read_limiter = *read_limiter_,
                                                           .admin_token = kAdminToken,
                                                           .version = "test",
                                                           .started_at = kStart,
                                                           .listen_address = "",
                                                           .admin_listen_address = ""});
  api::AddAllRoutes(*ctx_, customer_router_, admin_router_);
}

ApiFixture::~ApiFixture() = default;

Answer ApiFixture::Send(Router& router, HttpRequest request) {
  request.request_id = "t" + std::to_string(next_request_++);
  HttpReply reply = router.Dispatch(request);
  return Answer{reply.status, reply.body, reply.content_type};
}

Answer ApiFixture::Customer(const std::string& key, const std::string& method,
                            const std::string& path, const std::string& body) {
  Headers headers;
  if (!key.empty()) headers.emplace_back("X-API-Key", key);
  if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
  return Raw(method, path, headers, body);
}

Answer ApiFixture::Admin(const std::string& method, const std::string& path,
                         const std::string& body) {
  Headers headers = {{"Authorization", std::string("Bearer ") + kAdminToken}};
  if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
  return Send(admin_router_, MakeRequest(method, path, headers, body));
}

Answer ApiFixture::Raw(const std::string& method, const std::string& path, const Headers& headers,
                       const std::string& body) {
  return Send(customer_router_, MakeRequest(method, path, headers, body));
}

std::string ApiFixture::AddCustomer(const std::string& name,
                                    const std::vector<std::string>& roles) {
  Answer created = Admin("POST", "/admin/customers", R"({"name": ")" + name + R"("})");
  REQUIRE(200 == created.status);
  if (!roles.empty()) {
    std::string list;
    for (const std::string& role : roles) list += (list.empty() ? "\"" : ",\"") + role + "\"";
    Answer patched = Admin("PATCH", "/admin/customers/" + name, R"({"roles": [)" + list + "]}");
    REQUIRE(200 == patched.status);
  }
  return created.Text("/data/key");
}

void ApiFixture::AddServices() {
  REQUIRE(200 == Admin("POST", "/admin/services",
                       R"({"service_id": 1, "name": "60 Minutes Live Viewers", "quantity_min": 10,)"
                       R"( "quantity_max": 5000})")
                     .status);
  REQUIRE(200 ==
          Admin("POST", "/admin/services",
                R"({"service_id": 3, "name": "180 Minutes Live Viewers", "quantity_min": 10,)"
                R"( "quantity_max": 5000})")
              .status);
}

std::string ApiFixture::PlaceOrder(const std::string& key, const std::string& url,
                                   const std::string& services_json,
                                   const std::string& body_fields) {
  Answer placed = Customer(
      key, "POST", "/api/order",
      R"({"url": ")" + url + "\", " + body_fields + R"( "services": )" + services_json + "}");
  REQUIRE_MESSAGE(200 == placed.status, placed.body);
  RunScheduler();
  return placed.Text("/data/order_id");
}

void ApiFixture::Report(const std::string& url, bool live, std::optional<int64_t> viewers,
                        const std::string& stream_id) {
  std::string body = R"({"url": ")" + url + R"(", "live": )" + (live ? "true" : "false");
  if (viewers) body += R"(, "viewers": )" + std::to_string(*viewers);
  if (!stream_id.empty()) body += R"(, "stream_id": ")" + stream_id + "\"";
  body += "}";
  Answer reported = Admin("POST", "/admin/live-reports", body);
  REQUIRE_MESSAGE(200 == reported.status, reported.body);
  RunScheduler();
}

}  // namespace onair::testing
