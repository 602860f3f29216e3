// Canonical Facebook pages: turns the URL forms people paste into the one page that is watched.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace onair {

// Returns "https://www.facebook.com/" plus the lower-cased page or profile name,
// "profile.php?id=N" or "groups/ID" for a page, profile or group URL in any of the forms listed
// in docs/api.md; kInvalidArgument with a message that says what is wrong otherwise
// (short and share links get their own message: they cannot be resolved offline).
Result<std::string> CanonicalPage(std::string_view url);

}  // namespace onair
