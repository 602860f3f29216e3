// onaird's logging: spdlog to stderr, one "component: event key=value" line per event. Under
// systemd (JOURNAL_STREAM set) lines carry a syslog priority prefix and no timestamp, since
// journald stamps them itself. Call once, before other threads start.
#pragma once

#include <string>

#include "core/status.h"

namespace onair::daemon {

// Makes the stderr logger the default, at info level.
void SetUpLogging();

// Sets the level by name: trace, debug, info, warn, error. kInvalidArgument for another name.
Status SetLogLevel(const std::string& level);

}  // namespace onair::daemon
