// The linear threshold cascade (Granovetter 1978; Watts 2002): kernels for one
// synchronous tick, and the serial reference they are tested against.
//
// Contract: every inactive agent u becomes active in tick t when the number of
// its neighbours active at the start of t reaches needed[u]; activation is
// permanent. needed[u] is precomputed from the agent's threshold (see
// needed_count), so the hot loops compare integers only.
//
// Two kernels give bit-identical results, chosen per tick as in gapbs's
// direction-optimising BFS (Beamer et al. 2012):
//   dense_step   pulls: every inactive agent counts its active neighbours.
//                Cost: all ties. Used when the frontier touches many ties.
//   sparse_step  pushes: only the ties of last tick's newly active agents are
//                walked, incrementing counts (integer atomics, so the totals
//                do not depend on order) and testing the touched agents.
//                Cost: ties of the frontier, so a cascade costs its own ties.
// reference_step is the plain serial definition both are compared with.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "sim/core/graph.hpp"

namespace gs::threshold {

inline constexpr std::uint32_t never = 0xFFFFFFFFu;

// Smallest count of active neighbours that reaches `threshold`: a share of the
// degree (fractional) or a count (absolute), robust to floating-point ties.
std::uint32_t needed_count(double threshold, AgentId degree, bool fractional);

struct CascadeState {
  std::vector<std::uint8_t> active;   // 1 if active
  std::vector<std::uint32_t> needed;  // activation bar per agent
  std::vector<std::uint32_t> count;   // active neighbours, valid for inactive agents
  std::vector<AgentId> frontier;      // activated last tick, not yet pushed to counts
  bool counts_valid = false;          // false until a dense step has counted once

  // Agents already active (initial adopters) plus those whose bar is 0.
  CascadeState(const Graph& g, std::vector<std::uint32_t> needed_per_agent,
               std::span<const AgentId> initial_adopters);
};

// Both return the agents activated this tick, sorted.
std::vector<AgentId> dense_step(const Graph& g, CascadeState& s);
std::vector<AgentId> sparse_step(const Graph& g, CascadeState& s);
// Chooses: sparse when the frontier's ties are under 1/alpha of all ties.
std::vector<AgentId> cascade_step(const Graph& g, CascadeState& s, double alpha = 15.0);

// Serial reference: recounts everything from `active` and returns the next state.
std::vector<std::uint8_t> reference_step(const Graph& g, std::span<const std::uint8_t> active,
                                         std::span<const std::uint32_t> needed);

}  // namespace gs::threshold
