#include "store/customer_store.h"

#include <doctest/doctest.h>
#include <rocksdb/write_batch.h>

#include "store/keys.h"
#include "store/record_codec.h"
#include "store_fixture.h"

namespace onair::store {
namespace {

using onair::testing::kNow;
using onair::testing::StoreFixture;

Customer MakeCustomer(std::string name) {
  Customer customer;
  customer.name = std::move(name);
  customer.created_at = kNow;
  return customer;
}

// "1:acme 2:bob"
std::string Names(const Result<std::vector<Customer>>& customers) {
  REQUIRE(customers.ok());
  std::string out;
  for (const Customer& c : *customers) {
    out += (out.empty() ? "" : " ") + std::to_string(c.id) + ":" + c.name;
  }
  return out;
}

// A distinct 32-byte hash per letter.
std::string Hash(char c) {
  return std::string(32, c);
}

// "1:c1 2:c1(revoked)"
std::string Keys(const Result<std::vector<ApiKey>>& keys) {
  REQUIRE(keys.ok());
  std::string out;
  for (const ApiKey& k : *keys) {
    out += (out.empty() ? "" : " ") + std::to_string(k.id) + ":c" + std::to_string(k.customer_id) +
           (k.revoked ? "(revoked)" : "");
  }
  return out;
}

Service MakeService(uint64_t id, std::string name) {
  return Service{id, std::move(name), 10, 5000, true, kNow};
}

// "1 2 3"
std::string Ids(const Result<std::vector<Service>>& services) {
  REQUIRE(services.ok());
  std::string out;
  for (const Service& s : *services) out += (out.empty() ? "" : " ") + std::to_string(s.id);
  return out;
}

TEST_CASE("customers get ids 1, 2, ... in creation order") {
  StoreFixture f;

  Result<Customer> acme = f.customers().Create(MakeCustomer("acme"));
  Result<Customer> bob = f.customers().Create(MakeCustomer("bob"));

  REQUIRE(acme.ok());
  REQUIRE(bob.ok());
  CHECK(1 == acme->id);
  CHECK(2 == bob->id);
  CHECK("1:acme 2:bob" == Names(f.customers().List()));
}

TEST_CASE("a customer reads back by id and by name with every field") {
  StoreFixture f;
  Customer customer = MakeCustomer("acme");
  customer.rate_limit = 50;
  customer.roles = {"reporter"};
  REQUIRE(f.customers().Create(customer).ok());

  f.Reopen();
  Result<Customer> by_id = f.customers().Get(1);
  Result<Customer> by_name = f.customers().FindByName("acme");

  REQUIRE(by_id.ok());
  REQUIRE(by_name.ok());
  CHECK("acme" == by_id->name);
  CHECK(std::optional<int64_t>(50) == by_id->rate_limit);
  CHECK(std::nullopt == by_id->read_rate_limit);
  CHECK(std::vector<std::string>{"reporter"} == by_id->roles);
  CHECK(kNow == by_id->created_at);
  CHECK(1 == by_name->id);
}

TEST_CASE("a customer name can be taken only once") {
  StoreFixture f;
  REQUIRE(f.customers().Create(MakeCustomer("acme")).ok());

  CHECK("already_exists: Customer acme already exists" ==
        f.customers().Create(MakeCustomer("acme")).status().ToString());
  CHECK(2 == f.customers().Create(MakeCustomer("bob"))->id);  // the refusal used up no id
}

TEST_CASE("customer ids continue after the database is reopened") {
  StoreFixture f;
  REQUIRE(f.customers().Create(MakeCustomer("acme")).ok());

  f.Reopen();

  CHECK(2 == f.customers().Create(MakeCustomer("bob"))->id);
}

TEST_CASE("a missing customer is not_found by id and by name") {
  StoreFixture f;

  CHECK("not_found: Customer 7 not found" == f.customers().Get(7).status().ToString());
  CHECK("not_found: Customer acme not found" ==
        f.customers().FindByName("acme").status().ToString());
}

TEST_CASE("updating a customer stores its new limits") {
  StoreFixture f;
  Result<Customer> acme = f.customers().Create(MakeCustomer("acme"));
  REQUIRE(acme.ok());
  acme->rate_limit = 5;
  acme->read_rate_limit = 50;

  REQUIRE(f.customers().Update(*acme).ok());

  Result<Customer> stored = f.customers().Get(1);
  REQUIRE(stored.ok());
  CHECK(std::optional<int64_t>(5) == stored->rate_limit);
  CHECK(std::optional<int64_t>(50) == stored->read_rate_limit);
}

TEST_CASE("a webhook set on a customer survives a reopen") {
  StoreFixture f;
  Result<Customer> acme = f.customers().Create(MakeCustomer("acme"));
  REQUIRE(acme.ok());
  acme->webhook_url = "https://acme.example/onair";
  acme->webhook_secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  REQUIRE(f.customers().Update(*acme).ok());
  f.Reopen();

  Result<Customer> stored = f.customers().FindByName("acme");
  REQUIRE(stored.ok());
  CHECK("https://acme.example/onair" == stored->webhook_url);
  CHECK("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" == stored->webhook_secret);
}

TEST_CASE("a customer stored before webhooks existed reads back without one and can get one") {
  StoreFixture f;
  // What onaird stored before customers had webhooks: the version 1 record.
  Customer old = MakeCustomer("acme");
  old.id = 1;
  std::string v1 = EncodeCustomer(old);
  v1.resize(v1.size() - 8);  // the two empty webhook strings
  v1[0] = 1;
  rocksdb::WriteBatch batch;
  batch.Put(f.db().handle(Cf::kCustomers), EncodeU64(1), v1);
  REQUIRE(f.db().Write(&batch).ok());

  Result<Customer> stored = f.customers().Get(1);
  REQUIRE(stored.ok());
  CHECK("acme" == stored->name);
  CHECK("" == stored->webhook_url);

  stored->webhook_url = "https://acme.example/onair";
  stored->webhook_secret = "whsec_x";
  REQUIRE(f.customers().Update(*stored).ok());
  f.Reopen();

  Result<Customer> updated = f.customers().Get(1);
  REQUIRE(updated.ok());
  CHECK("https://acme.example/onair" == updated->webhook_url);
  CHECK("whsec_x" == updated->webhook_secret);
  CHECK(kNow == updated->created_at);
}

TEST_CASE("updating a missing customer is not_found") {
  StoreFixture f;
  Customer ghost = MakeCustomer("ghost");
  ghost.id = 7;

  CHECK("not_found: Customer 7 not found" == f.customers().Update(ghost).ToString());
}

TEST_CASE("a customer cannot be renamed to a name another customer has") {
  StoreFixture f;
  REQUIRE(f.customers().Create(MakeCustomer("acme")).ok());
  Result<Customer> bob = f.customers().Create(MakeCustomer("bob"));
  REQUIRE(bob.ok());
  bob->name = "acme";

  CHECK("already_exists: Customer acme already exists" == f.customers().Update(*bob).ToString());
  bob->name = "robert";
  CHECK(f.customers().Update(*bob).ok());
  CHECK("1:acme 2:robert" == Names(f.customers().List()));
}

TEST_CASE("keys get ids 1, 2, ... and are found by their hash") {
  StoreFixture f;

  Result<ApiKey> first = f.keys().Create(1, Hash('a'), "oak_aaaa", kNow);
  Result<ApiKey> second = f.keys().Create(1, Hash('b'), "oak_bbbb", kNow);
  f.Reopen();
  Result<ApiKey> found = f.keys().FindByHash(Hash('b'));

  REQUIRE(first.ok());
  REQUIRE(second.ok());
  REQUIRE(found.ok());
  CHECK(1 == first->id);
  CHECK(2 == found->id);
  CHECK(1 == found->customer_id);
  CHECK("oak_bbbb" == found->hint);
  CHECK_FALSE(found->revoked);
  CHECK(kNow == found->created_at);
}

TEST_CASE("key ids continue after the database is reopened") {
  StoreFixture f;
  REQUIRE(f.keys().Create(1, Hash('a'), "oak_aaaa", kNow).ok());

  f.Reopen();

  CHECK(2 == f.keys().Create(1, Hash('b'), "oak_bbbb", kNow)->id);
}

TEST_CASE("an unknown key hash is not_found") {
  StoreFixture f;

  CHECK("not_found: Key not found" == f.keys().FindByHash(Hash('z')).status().ToString());
}

TEST_CASE("a key hash must be 32 bytes and can be stored only once") {
  StoreFixture f;
  REQUIRE(f.keys().Create(1, Hash('a'), "oak_aaaa", kNow).ok());

  CHECK("invalid_argument: key hash must be 32 bytes, got 5" ==
        f.keys().Create(1, "short", "oak_", kNow).status().ToString());
  CHECK("already_exists: Key already exists" ==
        f.keys().Create(2, Hash('a'), "oak_aaaa", kNow).status().ToString());
}

TEST_CASE("keys list by id whatever their hashes") {
  StoreFixture f;
  REQUIRE(f.keys().Create(1, Hash('z'), "z", kNow).ok());
  REQUIRE(f.keys().Create(2, Hash('a'), "a", kNow).ok());
  REQUIRE(f.keys().Create(1, Hash('m'), "m", kNow).ok());

  CHECK("1:c1 2:c2 3:c1" == Keys(f.keys().List()));
}

TEST_CASE("a revoked key stays findable, marked revoked, and revoking again is fine") {
  StoreFixture f;
  REQUIRE(f.keys().Create(1, Hash('a'), "oak_aaaa", kNow).ok());
  REQUIRE(f.keys().Create(1, Hash('b'), "oak_bbbb", kNow).ok());

  Result<ApiKey> revoked = f.keys().Revoke(1);
  f.Reopen();

  REQUIRE(revoked.ok());
  CHECK(revoked->revoked);
  CHECK(f.keys().FindByHash(Hash('a'))->revoked);
  CHECK_FALSE(f.keys().FindByHash(Hash('b'))->revoked);
  CHECK("1:c1(revoked) 2:c1" == Keys(f.keys().List()));
  Result<ApiKey> again = f.keys().Revoke(1);
  REQUIRE(again.ok());
  CHECK(again->revoked);
}

TEST_CASE("revoking a missing key is not_found") {
  StoreFixture f;

  CHECK("not_found: Key 7 not found" == f.keys().Revoke(7).status().ToString());
}

TEST_CASE("a service reads back with every field") {
  StoreFixture f;
  REQUIRE(f.services().Create(MakeService(3, "180 Minutes Live Viewers")).ok());

  f.Reopen();
  Result<Service> stored = f.services().Get(3);

  REQUIRE(stored.ok());
  CHECK(3 == stored->id);
  CHECK("180 Minutes Live Viewers" == stored->name);
  CHECK(10 == stored->quantity_min);
  CHECK(5000 == stored->quantity_max);
  CHECK(stored->active);
  CHECK(kNow == stored->created_at);
}

TEST_CASE("a service id can be taken only once") {
  StoreFixture f;
  REQUIRE(f.services().Create(MakeService(3, "180 Minutes Live Viewers")).ok());

  CHECK("already_exists: Service 3 already exists" ==
        f.services().Create(MakeService(3, "other")).status().ToString());
  CHECK("180 Minutes Live Viewers" == f.services().Get(3)->name);
}

TEST_CASE("a missing service is not_found") {
  StoreFixture f;

  CHECK("not_found: Service 3 not found" == f.services().Get(3).status().ToString());
  CHECK("not_found: Service 3 not found" == f.services().Update(MakeService(3, "x")).ToString());
}

TEST_CASE("updating a service stores its new fields") {
  StoreFixture f;
  REQUIRE(f.services().Create(MakeService(1, "60 Minutes Live Viewers")).ok());
  Service changed = MakeService(1, "60 Minutes Live Viewers (HD)");
  changed.quantity_max = 100;
  changed.active = false;

  REQUIRE(f.services().Update(changed).ok());

  Result<Service> stored = f.services().Get(1);
  REQUIRE(stored.ok());
  CHECK("60 Minutes Live Viewers (HD)" == stored->name);
  CHECK(100 == stored->quantity_max);
  CHECK_FALSE(stored->active);
}

TEST_CASE("services list by id") {
  StoreFixture f;
  for (uint64_t id : {3, 1, 2}) REQUIRE(f.services().Create(MakeService(id, "s")).ok());

  CHECK("1 2 3" == Ids(f.services().List()));
}

}  // namespace
}  // namespace onair::store
