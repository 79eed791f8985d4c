// SIGINT/SIGTERM as a polite request to stop: long commands (sweep, compare,
// sensitivity) poll a flag instead of dying mid-write.
//
// Contract: while an InterruptGuard lives, SIGINT and SIGTERM set the flag
// returned by requested() (async-signal-safe: one lock-free atomic store) and
// do nothing else; a second signal of either kind restores the default action
// first, so pressing Ctrl-C twice still kills a stuck process. The previous
// handlers come back when the guard is destroyed. Exit status 130 is the
// caller's to return (exit_codes.hpp).
#pragma once

#include <atomic>
#include <csignal>

namespace gs::cli {

class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  static const std::atomic<bool>& requested();
  static int signal_number();  // the signal that asked, 0 if none

 private:
  struct sigaction previous_int_ {};
  struct sigaction previous_term_ {};
};

}  // namespace gs::cli
