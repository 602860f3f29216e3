// onairctl's command line: parses argv with CLI11, finds the running onaird through its data
// directory, calls the admin API and prints the answer (readable, or `data` as JSON with
// --json). Thread-compatible; one run at a time per set of streams.
#pragma once

#include <istream>
#include <ostream>

namespace onair::ctl {

// Exit codes, as scripts rely on them.
inline constexpr int kExitOk = 0;
inline constexpr int kExitError = 1;  // the daemon refused, or could not be reached
inline constexpr int kExitUsage = 2;  // the command line itself is wrong

// Runs one onairctl command. Results go to `out`; errors and usage problems to `err`. A secret
// given as "-" (`page connect --token -`) is read from `in`: its first line.
int RunOnairctl(int argc, const char* const* argv, std::istream& in, std::ostream& out,
                std::ostream& err);
// The same, reading std::cin.
int RunOnairctl(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace onair::ctl
