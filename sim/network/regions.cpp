// Balanced multi-source breadth-first regions; see regions.hpp.
#include "sim/network/regions.hpp"

#include <algorithm>
#include <stdexcept>

#include "sim/core/rng.hpp"

namespace gs {

namespace {
constexpr std::uint32_t unassigned = 0xFFFFFFFFu;

// One growing region: its agents in BFS order, the agent being scanned and how
// far into that agent's neighbours the scan has got.
struct Front {
  std::vector<AgentId> agents;
  std::size_t scanning = 0, next_tie = 0;
};

// Claims the next unassigned neighbour of the region's agents, or returns false.
bool grow(const Graph& g, std::vector<std::uint32_t>& region, Front& f, std::uint32_t id) {
  while (f.scanning < f.agents.size()) {
    const auto nb = g.neighbours(f.agents[f.scanning]);
    while (f.next_tie < nb.size()) {
      const AgentId v = nb[f.next_tie++];
      if (region[v] == unassigned) {
        region[v] = id;
        f.agents.push_back(v);
        return true;
      }
    }
    ++f.scanning;
    f.next_tie = 0;
  }
  return false;
}
}  // namespace

std::vector<std::uint32_t> grow_regions(const Graph& g, std::uint32_t count, std::uint64_t seed) {
  const AgentId n = g.num_agents();
  if (count == 0) throw std::invalid_argument("grow_regions: count must be at least 1");
  std::vector<std::uint32_t> region(n, unassigned);
  if (n == 0) return region;
  count = std::min<std::uint32_t>(count, n);
  if (count == 1) {
    std::fill(region.begin(), region.end(), 0u);
    return region;
  }
  const std::size_t cap = (std::size_t{n} + count - 1) / count;
  std::vector<Front> fronts(count);
  for (std::uint32_t k = 0, draw = 0; k < count; ++draw) {
    RandomStream rs(seed, purpose::regions, 0, draw);
    const AgentId s = rs.below(n);
    if (region[s] != unassigned) continue;
    region[s] = k;
    fronts[k].agents.push_back(s);
    ++k;
  }
  std::vector<std::uint32_t> active(count);
  for (std::uint32_t k = 0; k < count; ++k) active[k] = k;
  while (!active.empty()) {
    std::size_t kept = 0;
    for (const std::uint32_t k : active) {
      if (fronts[k].agents.size() < cap && grow(g, region, fronts[k], k)) active[kept++] = k;
    }
    active.resize(kept);
  }
  // Left-overs next to a region join it (ignoring the cap), breadth-first from
  // every assigned agent at once so each goes to its nearest region.
  std::vector<AgentId> frontier, next;
  for (AgentId u = 0; u < n; ++u) {
    if (region[u] != unassigned) frontier.push_back(u);
  }
  while (!frontier.empty()) {
    next.clear();
    for (const AgentId u : frontier) {
      for (const AgentId v : g.neighbours(u)) {
        if (region[v] == unassigned) {
          region[v] = region[u];
          next.push_back(v);
        }
      }
    }
    frontier.swap(next);
  }
  // Components without a seed (and isolates) join the smallest region whole.
  std::vector<std::size_t> size(count, 0);
  for (AgentId u = 0; u < n; ++u) {
    if (region[u] != unassigned) ++size[region[u]];
  }
  for (AgentId s = 0; s < n; ++s) {
    if (region[s] != unassigned) continue;
    const auto smallest =
        static_cast<std::uint32_t>(std::min_element(size.begin(), size.end()) - size.begin());
    frontier.assign(1, s);
    region[s] = smallest;
    while (!frontier.empty()) {
      const AgentId u = frontier.back();
      frontier.pop_back();
      ++size[smallest];
      for (const AgentId v : g.neighbours(u)) {
        if (region[v] == unassigned) {
          region[v] = smallest;
          frontier.push_back(v);
        }
      }
    }
  }
  return region;
}

}  // namespace gs
