// Result<T>: either a value or a non-ok Status. Value type; not synchronised.
#pragma once

#include <cassert>
#include <optional>
#include <utility>

#include "core/status.h"

namespace onair {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit on purpose
  // REQUIRES: !status.ok()
  Result(Status status) : status_(std::move(status)) {  // NOLINT: implicit on purpose
    if (status_.ok()) status_ = Status::Internal("Result built from an ok status without value");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  // REQUIRES: ok()
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace onair

// Returns early from the enclosing function with the status of `expr` when it is not ok.
#define ONAIR_RETURN_IF_ERROR(expr)                \
  do {                                             \
    ::onair::Status onair_status_ = (expr);        \
    if (!onair_status_.ok()) return onair_status_; \
  } while (false)
