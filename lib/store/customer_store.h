// CustomerStore: customers by id, found by name too. Thread-safe; creates and updates are
// serialised (admin operations, rare), reads are not.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/customer.h"
#include "core/result.h"
#include "core/service.h"
#include "store/database.h"

namespace onair::store {

class CustomerStore {
 public:
  explicit CustomerStore(Database* db) : db_(db) {}  // `db` must outlive the store

  // Assigns the next id and stores `customer`. kAlreadyExists when the name is taken
  // ("Customer acme already exists").
  Result<Customer> Create(Customer customer);
  Result<Customer> Get(uint64_t id) const;                     // kNotFound "Customer 7 not found"
  Result<Customer> FindByName(const std::string& name) const;  // kNotFound "Customer x not found"
  Result<std::vector<Customer>> List() const;                  // by id
  // kNotFound when absent; kAlreadyExists when renamed to a name another customer has.
  Status Update(const Customer& customer);

 private:
  Database* const db_;
  std::mutex write_mutex_;
};

// KeyStore: API keys by the SHA-256 of the key. Thread-safe like CustomerStore.
class KeyStore {
 public:
  explicit KeyStore(Database* db) : db_(db) {}

  // Stores a new key record for `key_hash` (32 raw bytes) with the next key id, created at
  // `created_at`. kInvalidArgument for a hash of another size; kAlreadyExists for a known hash.
  Result<ApiKey> Create(uint64_t customer_id, const std::string& key_hash, std::string hint,
                        TimePoint created_at = std::chrono::system_clock::now());
  // kNotFound when no key has this hash (revoked keys are returned, marked revoked).
  Result<ApiKey> FindByHash(const std::string& key_hash) const;
  Result<std::vector<ApiKey>> List() const;  // by id
  // Marks key `id` revoked; kNotFound "Key 7 not found". Revoking twice is fine.
  Result<ApiKey> Revoke(uint64_t id);

 private:
  Database* const db_;
  std::mutex write_mutex_;
};

// ServiceStore: the services catalogue. Thread-safe like CustomerStore.
class ServiceStore {
 public:
  explicit ServiceStore(Database* db) : db_(db) {}

  // kAlreadyExists "Service 3 already exists".
  Result<Service> Create(Service service);
  Result<Service> Get(uint64_t id) const;     // kNotFound "Service 3 not found"
  Result<std::vector<Service>> List() const;  // by id
  Status Update(const Service& service);      // kNotFound when absent

 private:
  Database* const db_;
  std::mutex write_mutex_;
};

}  // namespace onair::store
