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
//                Cost: the ties of inactive agents (an agent stops counting
//                once it reaches its bar). Used when the frontier touches
//                many ties.
//   sparse_step  pushes: each tie of last tick's newly active agents (the
//                frontier) is walked once. Far ends still inactive are binned
//                by id (propagation blocking, Beamer, Asanovic and Patterson
//                2017), then each bin, owned by one task, decrements its
//                agents' shortfalls in a cache-sized window; the decrement
//                that takes a shortfall from 1 to 0 activates that agent, so
//                nothing is tested or deduplicated afterwards and no atomics
//                are needed. Cost: the frontier's ties, so a whole cascade
//                touches each tie about once.
// The first tick pushes the initial adopters (no dense count is needed), so a
// cascade seeded with few agents never pays a full sweep unless its frontier
// grows large. Pieces of the frontier and bins of agents are fixed by the sizes,
// not the thread count, and each bin applies its decrements in piece order, so
// results are identical for any thread count; the activated lists are sorted.
// Above 2^18 agents, the pull reads neighbours' activity from a bit array
// (125 kB per million agents), which stays in a core's L2 where the byte
// array would not; the push filters with it at any size.
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
  std::vector<std::uint8_t> active;  // 1 if active
  std::vector<std::uint64_t>
      active_bits;                    // the same, one bit per agent (bit u % 64 of word u / 64)
  std::vector<std::uint32_t> needed;  // activation bar per agent
  // For an inactive agent with a bar above 0: needed minus its active
  // neighbours, not counting the frontier's pending pushes (always >= 1).
  // 0 for agents that must never activate through a push (active ones, bar 0);
  // decrements past 0 wrap to values a degree below 2^32 cannot bring back to 1.
  std::vector<std::uint32_t> shortfall;
  std::vector<AgentId> frontier;       // activated, not yet pushed to shortfalls
  std::vector<AgentId> unconditional;  // inactive with bar 0: activate in the first tick
  TieIndex active_ties = 0;            // sum of degrees of active agents

  // Initial adopters are active at tick 0 and form the first frontier.
  CascadeState(const Graph& g, std::vector<std::uint32_t> needed_per_agent,
               std::span<const AgentId> initial_adopters);
};

// Both return the agents activated this tick, sorted.
std::vector<AgentId> dense_step(const Graph& g, CascadeState& s);
std::vector<AgentId> sparse_step(const Graph& g, CascadeState& s);
// Chooses: sparse when alpha times the frontier's ties are fewer than the ties of
// inactive agents plus the agent count (what a dense step reads). alpha is the
// cost of a pushed tie relative to a pulled one: 15 was fastest of 2-60 on the
// issue-10 cascade (bench/README.md).
std::vector<AgentId> cascade_step(const Graph& g, CascadeState& s, double alpha = 15.0);

// Serial reference: recounts everything from `active` and returns the next state.
std::vector<std::uint8_t> reference_step(const Graph& g, std::span<const std::uint8_t> active,
                                         std::span<const std::uint32_t> needed);

}  // namespace gs::threshold
