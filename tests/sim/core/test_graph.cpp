// The CSR graph: cleaning, symmetry, weights, and independence from input order.
#include <algorithm>
#include <catch2/catch.hpp>

#include "sim/core/graph.hpp"
#include "sim/core/parallel.hpp"
#include "sim/core/rng.hpp"

using namespace gs;

TEST_CASE("from_ties stores each tie both ways, sorted, without loops or repeats", "[graph]") {
  const std::vector<Tie> ties{{0, 1}, {1, 0}, {2, 2}, {1, 2}, {0, 1}, {3, 1}};
  TieCleanup cleanup;
  const Graph g = Graph::from_ties(5, ties, {}, &cleanup);
  CHECK(cleanup.self_loops == 1);
  CHECK(cleanup.duplicates == 2);
  CHECK(g.num_agents() == 5);
  CHECK(g.num_ties() == 3);
  CHECK(g.num_directed_ties() == 6);
  const auto n1 = g.neighbours(1);
  CHECK(std::vector<AgentId>(n1.begin(), n1.end()) == std::vector<AgentId>{0, 2, 3});
  CHECK(g.degree(4) == 0);
  CHECK(g.has_tie(3, 1));
  CHECK_FALSE(g.has_tie(0, 3));
  CHECK_FALSE(g.weighted());
}

TEST_CASE("a repeated weighted tie keeps its largest weight", "[graph]") {
  const std::vector<Tie> ties{{0, 1}, {1, 0}, {1, 2}};
  const std::vector<float> weights{0.2f, 0.7f, 0.5f};
  const Graph g = Graph::from_ties(3, ties, weights);
  REQUIRE(g.weighted());
  CHECK(g.weights(0)[0] == 0.7f);
  CHECK(g.weights(1)[0] == 0.7f);
  CHECK(g.weights(1)[1] == 0.5f);
}

TEST_CASE("ties outside the agent range are rejected", "[graph]") {
  const std::vector<Tie> ties{{0, 3}};
  CHECK_THROWS_AS(Graph::from_ties(3, ties), std::out_of_range);
}

TEST_CASE("the graph does not depend on tie order or thread count", "[graph][threads]") {
  RandomStream draw(11, purpose::network, setup_tick, 0);
  std::vector<Tie> ties;
  for (int i = 0; i < 200000; ++i) ties.push_back({draw.below(20000), draw.below(20000)});
  const Graph a = [&] {
    ThreadLimit one(1);
    return Graph::from_ties(20000, ties);
  }();
  std::reverse(ties.begin(), ties.end());
  const Graph b = Graph::from_ties(20000, ties);
  CHECK(std::equal(a.offsets().begin(), a.offsets().end(), b.offsets().begin(), b.offsets().end()));
  CHECK(std::equal(a.neighbour_array().begin(), a.neighbour_array().end(),
                   b.neighbour_array().begin(), b.neighbour_array().end()));
}
