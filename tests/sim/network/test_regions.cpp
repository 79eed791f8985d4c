// grow_regions (sim/network/regions.hpp): every agent gets a region, regions
// are near-equal in size, connected on a connected network and local (more
// of their ties inside, at least twice a random split's 1 / count), and the
// split is a pure function of (graph, count, seed).
#include <algorithm>
#include <vector>

#include "network_test_support.hpp"
#include "sim/network/regions.hpp"

using namespace gs;

namespace {

double inside_share(const Graph& g, const std::vector<std::uint32_t>& region) {
  double inside = 0, all = 0;
  for (AgentId u = 0; u < g.num_agents(); ++u) {
    for (AgentId v : g.neighbours(u)) {
      all += 1;
      inside += region[u] == region[v] ? 1 : 0;
    }
  }
  return inside / all;
}

// True when the agents of region r induce a connected subgraph.
bool connected(const Graph& g, const std::vector<std::uint32_t>& region, std::uint32_t r) {
  std::vector<AgentId> members;
  for (AgentId u = 0; u < g.num_agents(); ++u) {
    if (region[u] == r) members.push_back(u);
  }
  if (members.empty()) return true;
  std::vector<char> seen(g.num_agents(), 0);
  std::vector<AgentId> stack{members.front()};
  seen[members.front()] = 1;
  std::size_t reached = 0;
  while (!stack.empty()) {
    const AgentId u = stack.back();
    stack.pop_back();
    ++reached;
    for (AgentId v : g.neighbours(u)) {
      if (region[v] == r && !seen[v]) {
        seen[v] = 1;
        stack.push_back(v);
      }
    }
  }
  return reached == members.size();
}

}  // namespace

TEST_CASE("grow_regions: balanced, connected, local regions on a random network") {
  const AgentId n = 4000;
  const Network net = erdos_renyi_gnm(n, 20000, 7);  // mean degree 10: connected but for a few
  const std::uint32_t count = 10;
  const auto region = grow_regions(net.graph, count, 11);
  REQUIRE(region.size() == n);
  std::vector<std::size_t> size(count, 0);
  for (auto r : region) {
    REQUIRE(r < count);
    ++size[r];
  }
  // Cap n / count = 400; left-overs next to capped regions may push a few over.
  CHECK(*std::max_element(size.begin(), size.end()) <= 600);
  CHECK(*std::min_element(size.begin(), size.end()) >= 200);
  // A random split keeps 1 / count = 10% of ties inside; BFS regions of a random
  // graph (an expander: every region has a large boundary) keep about 28%. The
  // claim tested: at least twice a random split.
  CHECK(inside_share(net.graph, region) > 2.0 / count);
  std::size_t isolated = 0;
  for (AgentId u = 0; u < n; ++u) isolated += net.graph.degree(u) == 0 ? 1 : 0;
  if (isolated == 0) {
    for (std::uint32_t r = 0; r < count; ++r) CHECK(connected(net.graph, region, r));
  }
}

TEST_CASE("grow_regions: arcs of a ring lattice keep almost every tie inside") {
  const Network net = watts_strogatz(3000, 10, 0.0, 3);
  const auto region = grow_regions(net.graph, 10, 5);
  CHECK(inside_share(net.graph, region) > 0.9);
}

TEST_CASE("grow_regions: deterministic, seed-dependent, every agent placed") {
  std::vector<Tie> ties{{0, 1}, {1, 2}, {3, 4}};  // 5, 6, 7 are isolates
  const Graph g = Graph::from_ties(8, ties);
  const auto a = grow_regions(g, 3, 1);
  CHECK(a == grow_regions(g, 3, 1));
  for (auto r : a) CHECK(r < 3);
  const Network big = erdos_renyi_gnm(2000, 10000, 1);
  CHECK(grow_regions(big.graph, 8, 1) != grow_regions(big.graph, 8, 2));
  const auto one = grow_regions(g, 1, 9);
  CHECK(std::all_of(one.begin(), one.end(), [](std::uint32_t r) { return r == 0; }));
  const auto many = grow_regions(g, 100, 9);  // more regions than agents: one each at most
  for (auto r : many) CHECK(r < 8);
  CHECK_THROWS(grow_regions(g, 0, 1));
}
