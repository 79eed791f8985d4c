// The cascade kernels against the serial reference, and the activation rule.
#include <catch2/catch.hpp>
#include <vector>

#include "models/threshold/cascade.hpp"
#include "sim/core/parallel.hpp"
#include "sim/core/rng.hpp"

namespace {

using namespace gs;
using namespace gs::threshold;

Graph random_graph(AgentId n, std::uint64_t ties, std::uint64_t seed) {
  RandomStream draw(seed, purpose::network, setup_tick, 0);
  std::vector<Tie> list;
  for (std::uint64_t i = 0; i < ties; ++i) list.push_back({draw.below(n), draw.below(n)});
  return Graph::from_ties(n, list);
}

std::vector<std::uint32_t> needed_for(const Graph& g, double theta, std::uint64_t seed) {
  std::vector<std::uint32_t> needed(g.num_agents());
  for (AgentId u = 0; u < g.num_agents(); ++u) {
    RandomStream draw(seed, purpose::first_model_purpose, setup_tick, u);
    needed[u] = needed_count(theta * (0.5 + draw.uniform()), g.degree(u), true);
  }
  return needed;
}

// Runs a cascade to its fixed point with the given step, returning every tick's active set.
template <class Step>
std::vector<std::vector<std::uint8_t>> trajectory(const Graph& g, std::vector<std::uint32_t> needed,
                                                  const std::vector<AgentId>& adopters, Step step) {
  CascadeState s(g, std::move(needed), adopters);
  std::vector<std::vector<std::uint8_t>> states{s.active};
  while (!step(g, s).empty()) states.push_back(s.active);
  return states;
}

std::vector<std::vector<std::uint8_t>> reference_trajectory(
    const Graph& g, const std::vector<std::uint32_t>& needed,
    const std::vector<AgentId>& adopters) {
  std::vector<std::uint8_t> active = CascadeState(g, needed, adopters).active;
  std::vector<std::vector<std::uint8_t>> states{active};
  for (;;) {
    auto next = reference_step(g, active, needed);
    if (next == active) return states;
    active = next;
    states.push_back(active);
  }
}

}  // namespace

TEST_CASE("a degree-5 agent with threshold 0.2 activates with one active neighbour",
          "[threshold]") {
  CHECK(needed_count(0.2, 5, true) == 1);
  CHECK(needed_count(0.1 + 0.2, 10, true) == 3);  // 0.30000000000000004 still needs 3 of 10
  CHECK(needed_count(1.0 / 3.0, 3, true) == 1);
  CHECK(needed_count(0.5, 4, true) == 2);
  CHECK(needed_count(0.51, 4, true) == 3);
  CHECK(needed_count(1.0, 7, true) == 7);
  CHECK(needed_count(1.01, 7, true) == never);
  CHECK(needed_count(0.0, 0, true) == 0);      // threshold 0 acts alone
  CHECK(needed_count(0.2, 0, true) == never);  // an isolate can never see a share
  CHECK(needed_count(2.0, 0, false) == 2);
  CHECK(needed_count(2.0000000001, 5, false) == 2);
  CHECK(needed_count(2.1, 5, false) == 3);
}

TEST_CASE("dense and sparse kernels follow the serial reference tick by tick", "[threshold]") {
  for (std::uint64_t seed : {1u, 2u, 3u, 4u}) {
    const Graph g = random_graph(3000, 9000, seed);
    const auto needed = needed_for(g, 0.22, seed);
    const std::vector<AgentId> adopters{0, 17, 99, 1200};
    const auto expected = reference_trajectory(g, needed, adopters);
    REQUIRE(expected.size() > 3);  // a cascade that takes several ticks
    CHECK(trajectory(g, needed, adopters, dense_step) == expected);
    CHECK(trajectory(g, needed, adopters, sparse_step) == expected);
    CHECK(trajectory(g, needed, adopters, [](const Graph& gg, CascadeState& s) {
            return cascade_step(gg, s);
          }) == expected);
  }
}

TEST_CASE("bar-0 agents, unreachable bars and repeated adopters match the reference",
          "[threshold]") {
  const Graph g = random_graph(2000, 5000, 11);
  auto needed = needed_for(g, 0.3, 11);
  for (AgentId u = 0; u < g.num_agents(); u += 97) needed[u] = 0;      // activate unconditionally
  for (AgentId u = 5; u < g.num_agents(); u += 89) needed[u] = never;  // never activate
  const std::vector<AgentId> adopters{3, 3, 40, 40, 700};
  const auto expected = reference_trajectory(g, needed, adopters);
  REQUIRE(expected.size() > 2);
  CHECK(trajectory(g, needed, adopters, dense_step) == expected);
  CHECK(trajectory(g, needed, adopters, sparse_step) == expected);
  for (double alpha : {0.0, 1.0, 4.0, 1e9}) {
    CHECK(trajectory(g, needed, adopters, [alpha](const Graph& gg, CascadeState& s) {
            return cascade_step(gg, s, alpha);
          }) == expected);
  }
}

TEST_CASE("cascades are identical for 1, 2 and 4 threads", "[threshold][threads]") {
  const Graph g = random_graph(50000, 150000, 7);
  const auto needed = needed_for(g, 0.2, 7);
  const std::vector<AgentId> adopters{1, 2, 3, 5, 8, 13, 21, 34, 55, 89};
  std::vector<std::vector<std::vector<std::uint8_t>>> runs;
  for (std::size_t threads : {1u, 2u, 4u}) {
    ThreadLimit limit(threads);
    runs.push_back(trajectory(g, needed, adopters, sparse_step));
    runs.push_back(trajectory(
        g, needed, adopters, [](const Graph& gg, CascadeState& s) { return cascade_step(gg, s); }));
  }
  REQUIRE(runs[0].size() > 3);
  for (const auto& run : runs) CHECK(run == runs[0]);
}
