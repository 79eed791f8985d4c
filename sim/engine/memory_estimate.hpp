// How much memory a run will need, estimated from its scenario before anything
// is built, and how much the machine has: so that `network.n: 4000000000` is
// refused in a millisecond with both numbers, not by bad_alloc or the
// out-of-memory killer minutes later (issue 11).
//
// Contract: estimate_run_memory() is an upper-bound-minded estimate from the
// resolved `network`, `run` and `output` sections alone: agents (n, or for an
// edge list the file's size, which bounds its ids), ties (from the generator's
// parameters: n * mean_degree / 2, n * k / 2, n * m, n (n - 1) / 2, or one per
// four bytes of an edge-list file), the peak while ties are sorted into the
// graph (about 48 bytes per tie: the tie list, its sorted copy, both
// directions of the adjacency and weights), a per-agent allowance for model
// state (512 bytes, above the largest model's), and snapshots (one byte per
// agent per recorded tick). It is not a measurement: it errs high so that what
// it accepts fits. available_memory_bytes() is MemAvailable from /proc/meminfo
// (the kernel's estimate of memory usable without swapping), or nullopt when
// it cannot be read.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace gs {

struct MemoryEstimate {
  double agents = 0;
  double ties = 0;
  double recorded_ticks = 0;
  double bytes = 0;

  std::string describe() const;  // "about 12.3 GB (4e9 agents, 8e9 ties, 101 recorded ticks)"
};

MemoryEstimate estimate_run_memory(const nlohmann::json& values);

std::optional<std::uint64_t> available_memory_bytes();

// "12.3 GB", "512 MB", "800 kB".
std::string format_bytes(double bytes);

}  // namespace gs
