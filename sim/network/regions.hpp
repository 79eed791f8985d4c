// Neighbourhoods for a network that has no geography: the residents split into
// `count` connected regions of near-equal size, grown over the ties.
//
// Contract: grow_regions(graph, count, seed) returns each agent's region in
// 0..count-1, a pure function of its inputs (serial, O(agents + ties)).
// `count` distinct seed agents are drawn from RandomStream(seed,
// purpose::regions, 0, k); the regions then grow breadth-first in turn, one
// agent per region per round, each capped at ceil(n / count) agents (a
// balanced multi-source BFS, i.e. a graph Voronoi partition with a size cap).
// Agents left over (capped neighbours, components with no seed, isolates) go
// to the region of an assigned neighbour where they have one, else whole
// components to the then smallest region. So a region is a set of residents
// who know each other through local ties, as a neighbourhood's residents do;
// contiguous id blocks would be one only on a ring lattice (Watts-Strogatz),
// never on Erdos-Renyi, Barabasi-Albert, block or real networks.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/core/graph.hpp"

namespace gs {

std::vector<std::uint32_t> grow_regions(const Graph& graph, std::uint32_t count,
                                        std::uint64_t seed);

}  // namespace gs
