// The answer of the operator's detector service to one probe: a JSON object
// {"live": bool, "viewers": int?, "stream_id": string?}. Pure; thread-safe.
#pragma once

#include <string_view>

#include "core/live.h"
#include "core/result.h"

namespace onair::watch {

// The report `body` gives, with page and at left unset for the caller. kInvalidArgument, its
// message saying what is wrong, for malformed JSON, a missing or non-boolean live, a viewers
// count that is not a non-negative integer, or a stream_id that is not a string. An empty
// stream_id counts as none.
Result<LiveReport> ParseDetectorAnswer(std::string_view body);

}  // namespace onair::watch
