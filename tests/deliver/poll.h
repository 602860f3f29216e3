// PollUntil: waits for a condition that other threads make true, checking every millisecond,
// with a deadline far beyond what a slow machine needs. Tests poll instead of sleeping "enough".
#pragma once

#include <chrono>
#include <thread>

namespace onair::testing {

// Returns true once `done()` is true; false if it is still false after `limit`.
template <typename Condition>
bool PollUntil(Condition done, std::chrono::milliseconds limit = std::chrono::seconds(60)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

}  // namespace onair::testing
