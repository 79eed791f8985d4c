// The `groundswell` command's exit codes (also listed by `groundswell --help`
// and in README.md). Scripts and schedulers branch on them.
#pragma once

namespace gs::cli {

inline constexpr int exit_ok = 0;
inline constexpr int exit_failure = 1;         // the run failed (I/O, internal error)
inline constexpr int exit_usage = 2;           // bad command line
inline constexpr int exit_invalid_input = 3;   // invalid scenario, sweep or input file
inline constexpr int exit_output_refused = 4;  // output directory not empty, or holds another sweep
inline constexpr int exit_interrupted = 130;   // stopped by SIGINT/SIGTERM

inline constexpr const char* exit_code_help =
    "Exit codes: 0 success; 1 run failed; 2 bad command line; 3 invalid scenario or input "
    "file; 4 output directory not empty (use --force) or holding a different sweep; 130 "
    "interrupted (a sweep resumes when run again).";

}  // namespace gs::cli
