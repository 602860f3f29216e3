// Status: the outcome of an operation that can fail, as a small domain code and a message.
// Nothing below the HTTP layer knows a status number; lib/api maps these codes once.
// Immutable value type; safe to copy between threads.
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace onair {

enum class Code {
  kOk,
  kInvalidArgument,     // the caller sent something we refuse, message says what
  kNotFound,            // the named thing does not exist (or is not the caller's)
  kAlreadyExists,       // a unique name or reference is taken
  kFailedPrecondition,  // the thing exists but is in the wrong state for this
  kPermissionDenied,    // authenticated, but not allowed
  kUnauthenticated,     // missing, unknown or revoked credentials
  kResourceExhausted,   // a rate limit or size bound was hit
  kUnavailable,         // try again later (shutting down, storage busy)
  kInternal,            // a bug or a storage failure; detail goes to the log only
};

// Returns the lower-case name of `code`, e.g. "not_found"; used in logs.
std::string_view CodeName(Code code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) { return {Code::kInvalidArgument, std::move(m)}; }
  static Status NotFound(std::string m) { return {Code::kNotFound, std::move(m)}; }
  static Status AlreadyExists(std::string m) { return {Code::kAlreadyExists, std::move(m)}; }
  static Status FailedPrecondition(std::string m) {
    return {Code::kFailedPrecondition, std::move(m)};
  }
  static Status PermissionDenied(std::string m) { return {Code::kPermissionDenied, std::move(m)}; }
  static Status Unauthenticated(std::string m) { return {Code::kUnauthenticated, std::move(m)}; }
  static Status ResourceExhausted(std::string m) {
    return {Code::kResourceExhausted, std::move(m)};
  }
  static Status Unavailable(std::string m) { return {Code::kUnavailable, std::move(m)}; }
  static Status Internal(std::string m) { return {Code::kInternal, std::move(m)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // Returns the same status with "context: " put before the message, so errors read
  // from the outermost operation to the root cause.
  Status WithContext(std::string_view context) const;

  // "not_found: Order MP-000009 not found"; "ok" for success.
  std::string ToString() const;

 private:
  Code code_ = Code::kOk;
  std::string message_;
};

}  // namespace onair
