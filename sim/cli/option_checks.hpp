// Checks for numeric command-line options whose bad values must read plainly.
//
// Contract: thread_count() accepts a whole number from 0 (all cores) to
// kMaxThreads and refuses anything else before it is converted, with a message
// that states the range in words (CLI11's own NonNegativeNumber printed a
// 300-digit bound for -1, and a huge count was accepted and allocated gigabytes
// of thread state before failing: issue 11). kMaxThreads is far above any
// machine this runs on; more threads than cores only adds overhead.
#pragma once

#include <CLI/CLI.hpp>
#include <charconv>
#include <string>

namespace gs::cli {

inline constexpr unsigned long kMaxThreads = 1024;

inline CLI::Validator thread_count() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        unsigned long value = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        const bool whole = error == std::errc() && end == text.data() + text.size();
        if (whole && value <= kMaxThreads) return {};
        const std::string shown = text.size() > 24 ? text.substr(0, 24) + "..." : text;
        return "expects a whole number of threads from 0 (all cores) to " +
               std::to_string(kMaxThreads) + ", got '" + shown + "'";
      },
      "0.." + std::to_string(kMaxThreads), "thread_count");
}

}  // namespace gs::cli
