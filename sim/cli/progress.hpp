// A one-line progress indicator for terminals: fraction done, rate and ETA.
//
// Contract: draws to stderr only when stderr is a terminal and at most ten
// times a second, so it costs nothing in batch jobs and never mixes with
// machine-readable stdout. finish() clears the line.
#pragma once

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>

namespace gs::cli {

class Progress {
 public:
  Progress(std::string label, std::string unit, bool enabled)
      : label_(std::move(label)),
        unit_(std::move(unit)),
        enabled_(enabled && ::isatty(STDERR_FILENO) == 1),
        start_(Clock::now()) {}

  void update(std::uint64_t done, std::uint64_t total) {
    if (!enabled_) return;
    const auto now = Clock::now();
    if (done < total && now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0.0;
    const double eta = rate > 0 ? static_cast<double>(total - done) / rate : 0.0;
    constexpr int width = 30;
    const int filled = total == 0 ? width : static_cast<int>(width * done / total);
    fmt::print(stderr, "\r{} [{}{}] {}/{} {} {:.1f}/s ETA {:.0f}s ", label_,
               std::string(static_cast<std::size_t>(filled), '#'),
               std::string(static_cast<std::size_t>(width - filled), ' '), done, total, unit_, rate,
               eta);
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
  bool drawn_ = false;
  Clock::time_point start_;
  Clock::time_point last_draw_{};
};

}  // namespace gs::cli
