// A one-line progress indicator for terminals: fraction done, rate and ETA.
//
// Contract: draws to stderr only when stderr is a terminal and at most ten
// times a second, so it costs nothing in batch jobs and never mixes with
// machine-readable stdout. The rate and ETA count only the units done since
// this indicator was made (`already_done` are those finished before, e.g. by
// the session a resumed sweep continues), so a resume does not inflate them.
// Every draw clears the rest of the line (no stale characters) and finish()
// clears it.
#pragma once

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace gs::cli {

class Progress {
 public:
  Progress(std::string label, std::string unit, bool enabled, std::uint64_t already_done = 0)
      : label_(std::move(label)),
        unit_(std::move(unit)),
        enabled_(enabled && ::isatty(STDERR_FILENO) == 1),
        already_done_(already_done),
        start_(Clock::now()) {}

  // "<label> [###   ] done/total unit rate/s ETA": the line draw() prints.
  static std::string line(const std::string& label, const std::string& unit, std::uint64_t done,
                          std::uint64_t total, std::uint64_t already_done, double elapsed) {
    const std::uint64_t now_done = done > already_done ? done - already_done : 0;
    const double rate = elapsed > 0 ? static_cast<double>(now_done) / elapsed : 0.0;
    constexpr std::uint64_t width = 30;
    const std::uint64_t filled = total == 0 ? width : width * std::min(done, total) / total;
    std::string eta = "ETA --";
    if (done >= total) {
      eta = "done";
    } else if (rate > 0) {
      eta = fmt::format("ETA {:.0f}s", static_cast<double>(total - done) / rate);
    }
    return fmt::format("{} [{}{}] {}/{} {} {:.1f}/s {}", label, std::string(filled, '#'),
                       std::string(width - filled, ' '), done, total, unit, rate, eta);
  }

  void update(std::uint64_t done, std::uint64_t total) {
    if (!enabled_) return;
    const auto now = Clock::now();
    if (done < total && now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    fmt::print(stderr, "\r{}\033[K", line(label_, unit_, done, total, already_done_, elapsed));
    std::fflush(stderr);
    drawn_ = true;
  }

  void finish() {
    if (drawn_) fmt::print(stderr, "\r\033[K");
    drawn_ = false;
  }
  ~Progress() { finish(); }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

 private:
  using Clock = std::chrono::steady_clock;
  std::string label_;
  std::string unit_;
  bool enabled_;
  std::uint64_t already_done_;
  bool drawn_ = false;
  Clock::time_point start_;
  Clock::time_point last_draw_{};
};

}  // namespace gs::cli
