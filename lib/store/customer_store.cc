#include "store/customer_store.h"

#include <fmt/format.h>
#include <rocksdb/db.h>
#include <rocksdb/iterator.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <functional>

#include "store/keys.h"
#include "store/record_codec.h"
#include "store/rocksdb_helpers.h"

namespace onair::store {
namespace {

constexpr std::string_view kCustomerSeq = "customer_seq";
constexpr std::string_view kKeySeq = "key_seq";
constexpr size_t kKeyHashSize = 32;  // SHA-256

// The value the named counter will have after its next increment. REQUIRES: the caller holds
// the mutex that serialises increments of this counter and writes the new value itself.
Result<uint64_t> NextCounterValue(const Database& db, std::string_view name) {
  std::string value;
  Status s = db.Get(Cf::kCounters, name, &value);
  if (s.code() == Code::kNotFound) return uint64_t{1};
  ONAIR_RETURN_IF_ERROR(s);
  std::optional<uint64_t> current = DecodeU64(value);
  if (!current) return Status::Internal(fmt::format("corrupt counter {}", name));
  return *current + 1;
}

// Calls `visit` with every key and value of `cf` in key order; stops at its first error.
Status ScanFamily(const Database& db, Cf cf,
                  const std::function<Status(std::string_view, std::string_view)>& visit) {
  std::unique_ptr<rocksdb::Iterator> it(
      db.db()->NewIterator(rocksdb::ReadOptions(), db.handle(cf)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    ONAIR_RETURN_IF_ERROR(visit(ToView(it->key()), ToView(it->value())));
  }
  if (!it->status().ok()) {
    return Status::Internal(fmt::format("scan {}: {}", CfName(cf), it->status().ToString()));
  }
  return Status::Ok();
}

// Every record of `cf`, decoded, in key order.
template <typename T>
Result<std::vector<T>> ReadAll(const Database& db, Cf cf, Result<T> (*decode)(std::string_view)) {
  std::vector<T> records;
  Status s = ScanFamily(db, cf, [&](std::string_view, std::string_view value) {
    Result<T> record = decode(value);
    if (!record.ok()) return record.status();
    records.push_back(std::move(record).value());
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return records;
}

}  // namespace

// ---- CustomerStore ----

Result<Customer> CustomerStore::Create(Customer customer) {
  std::lock_guard<std::mutex> lock(write_mutex_);
  Result<Customer> existing = FindByName(customer.name);
  if (existing.ok()) {
    return Status::AlreadyExists(fmt::format("Customer {} already exists", customer.name));
  }
  if (existing.status().code() != Code::kNotFound) return existing.status();

  Result<uint64_t> id = NextCounterValue(*db_, kCustomerSeq);
  if (!id.ok()) return id.status();
  customer.id = *id;
  customer.created_at = TruncateToMillis(customer.created_at);

  rocksdb::WriteBatch batch;
  batch.Put(db_->handle(Cf::kCustomers), EncodeU64(customer.id), EncodeCustomer(customer));
  batch.Put(db_->handle(Cf::kCounters), ToSlice(kCustomerSeq), EncodeU64(customer.id));
  ONAIR_RETURN_IF_ERROR(db_->Write(&batch));
  return customer;
}

Result<Customer> CustomerStore::Get(uint64_t id) const {
  std::string value;
  Status s = db_->Get(Cf::kCustomers, EncodeU64(id), &value);
  if (s.code() == Code::kNotFound) {
    return Status::NotFound(fmt::format("Customer {} not found", id));
  }
  ONAIR_RETURN_IF_ERROR(s);
  return DecodeCustomer(value);
}

Result<Customer> CustomerStore::FindByName(const std::string& name) const {
  // A scan: the customer list is an admin-sized catalogue, and reads by name are admin requests.
  Result<std::vector<Customer>> all = List();
  if (!all.ok()) return all.status();
  for (Customer& customer : *all) {
    if (customer.name == name) return std::move(customer);
  }
  return Status::NotFound(fmt::format("Customer {} not found", name));
}

Result<std::vector<Customer>> CustomerStore::List() const {
  return ReadAll<Customer>(*db_, Cf::kCustomers, &DecodeCustomer);
}

Status CustomerStore::Update(const Customer& customer) {
  std::lock_guard<std::mutex> lock(write_mutex_);
  Result<Customer> stored = Get(customer.id);
  if (!stored.ok()) return stored.status();
  if (stored->name != customer.name) {
    Result<Customer> holder = FindByName(customer.name);
    if (holder.ok()) {
      return Status::AlreadyExists(fmt::format("Customer {} already exists", customer.name));
    }
    if (holder.status().code() != Code::kNotFound) return holder.status();
  }

  rocksdb::WriteBatch batch;
  batch.Put(db_->handle(Cf::kCustomers), EncodeU64(customer.id), EncodeCustomer(customer));
  return db_->Write(&batch);
}

// ---- KeyStore ----

Result<ApiKey> KeyStore::Create(uint64_t customer_id, const std::string& key_hash, std::string hint,
                                TimePoint created_at) {
  if (key_hash.size() != kKeyHashSize) {
    return Status::InvalidArgument(
        fmt::format("key hash must be {} bytes, got {}", kKeyHashSize, key_hash.size()));
  }

  std::lock_guard<std::mutex> lock(write_mutex_);
  std::string ignored;
  Status s = db_->Get(Cf::kApiKeys, key_hash, &ignored);
  if (s.ok()) return Status::AlreadyExists("Key already exists");
  if (s.code() != Code::kNotFound) return s;

  Result<uint64_t> id = NextCounterValue(*db_, kKeySeq);
  if (!id.ok()) return id.status();
  ApiKey key;
  key.id = *id;
  key.customer_id = customer_id;
  key.hint = std::move(hint);
  key.created_at = TruncateToMillis(created_at);

  rocksdb::WriteBatch batch;
  batch.Put(db_->handle(Cf::kApiKeys), ToSlice(key_hash), EncodeApiKey(key));
  batch.Put(db_->handle(Cf::kCounters), ToSlice(kKeySeq), EncodeU64(key.id));
  ONAIR_RETURN_IF_ERROR(db_->Write(&batch));
  return key;
}

Result<ApiKey> KeyStore::FindByHash(const std::string& key_hash) const {
  std::string value;
  Status s = db_->Get(Cf::kApiKeys, key_hash, &value);
  if (s.code() == Code::kNotFound) return Status::NotFound("Key not found");
  ONAIR_RETURN_IF_ERROR(s);
  return DecodeApiKey(value);
}

Result<std::vector<ApiKey>> KeyStore::List() const {
  Result<std::vector<ApiKey>> keys = ReadAll<ApiKey>(*db_, Cf::kApiKeys, &DecodeApiKey);
  if (!keys.ok()) return keys;
  // Stored by hash, which says nothing about age; admins read them by id.
  std::sort(keys->begin(), keys->end(),
            [](const ApiKey& a, const ApiKey& b) { return a.id < b.id; });
  return keys;
}

Result<ApiKey> KeyStore::Revoke(uint64_t id) {
  std::lock_guard<std::mutex> lock(write_mutex_);
  // Keys are stored by hash, so finding one by id is a scan; revoking is a rare admin action.
  std::string hash;
  std::optional<ApiKey> found;
  Status s = ScanFamily(*db_, Cf::kApiKeys, [&](std::string_view key, std::string_view value) {
    Result<ApiKey> record = DecodeApiKey(value);
    if (!record.ok()) return record.status();
    if (record->id == id) {
      hash = std::string(key);
      found = std::move(record).value();
    }
    return Status::Ok();
  });
  ONAIR_RETURN_IF_ERROR(s);
  if (!found) return Status::NotFound(fmt::format("Key {} not found", id));
  if (found->revoked) return *found;

  found->revoked = true;
  rocksdb::WriteBatch batch;
  batch.Put(db_->handle(Cf::kApiKeys), ToSlice(hash), EncodeApiKey(*found));
  ONAIR_RETURN_IF_ERROR(db_->Write(&batch));
  return *found;
}

// ---- ServiceStore ----

Result<Service> ServiceStore::Create(Service service) {
  std::lock_guard<std::mutex> lock(write_mutex_);
  std::string ignored;
  Status s = db_->Get(Cf::kServices, EncodeU64(service.id), &ignored);
  if (s.ok()) return Status::AlreadyExists(fmt::format("Service {} already exists", service.id));
  if (s.code() != Code::kNotFound) return s;
  service.created_at = TruncateToMillis(service.created_at);

  rocksdb::WriteBatch batch;
  batch.Put(db_->handle(Cf::kServices), EncodeU64(service.id), EncodeService(service));
  ONAIR_RETURN_IF_ERROR(db_->Write(&batch));
  return service;
}

Result<Service> ServiceStore::Get(uint64_t id) const {
  std::string value;
  Status s = db_->Get(Cf::kServices, EncodeU64(id), &value);
  if (s.code() == Code::kNotFound) return Status::NotFound(fmt::format("Service {} not found", id));
  ONAIR_RETURN_IF_ERROR(s);
  return DecodeService(value);
}

Result<std::vector<Service>> ServiceStore::List() const {
  return ReadAll<Service>(*db_, Cf::kServices, &DecodeService);
}

Status ServiceStore::Update(const Service& service) {
  std::lock_guard<std::mutex> lock(write_mutex_);
  Result<Service> stored = Get(service.id);
  if (!stored.ok()) return stored.status();

  rocksdb::WriteBatch batch;
  batch.Put(db_->handle(Cf::kServices), EncodeU64(service.id), EncodeService(service));
  return db_->Write(&batch);
}

}  // namespace onair::store
