// Generators: the statistics a user would check (mean degree, exact tie counts,
// clustering, degree tails, homophily, patch locality), determinism across
// seeds and thread counts, and errors for inconsistent parameters. Expected
// values: G(n,p) mean degree p(n-1) (Gilbert 1959); Watts-Strogatz clustering
// C(beta) ~ 3(k-2)/(4(k-1)) (1-beta)^3 (Barrat & Weigt 2000, Eur. Phys. J. B 13:547);
// Barabasi-Albert minimum degree m and a heavy tail (Barabasi & Albert 1999).
#include <cmath>
#include <functional>
#include <random>
#include <vector>

#include "network_test_support.hpp"
#include "sim/core/parallel.hpp"
#include "sim/network/detail.hpp"

using namespace gs;
using gs::test::same_graph;

TEST_CASE("G(n,p) has mean degree p(n-1) and no self-loops or repeats") {
  const AgentId n = 20000;
  const double p = 10.0 / (n - 1);
  const Network net = erdos_renyi_gnp(n, p, 42);
  REQUIRE(net.graph.num_agents() == n);
  // Tie count is Binomial(n(n-1)/2, p): sd ~ 316 ties, i.e. 0.032 in mean degree.
  CHECK(net.graph.mean_degree() == Approx(10.0).margin(0.15));
  CHECK(net.provenance.at("self_loops_dropped") == 0);
  CHECK(net.provenance.at("duplicates_dropped") == 0);
  for (AgentId u = 0; u < n; u += 997) CHECK_FALSE(net.graph.has_tie(u, u));
}

TEST_CASE("G(n,p) extremes: p = 0 is empty, p = 1 is complete") {
  CHECK(erdos_renyi_gnp(300, 0.0, 1).graph.num_ties() == 0);
  CHECK(erdos_renyi_gnp(300, 1.0, 1).graph.num_ties() == 300 * 299 / 2);
  CHECK_THROWS_AS(erdos_renyi_gnp(10, 1.5, 1), scenario::ParameterError);
}

TEST_CASE("G(n,m) has exactly m ties, sparse or dense") {
  CHECK(erdos_renyi_gnm(10000, 50000, 7).graph.num_ties() == 50000);
  CHECK(erdos_renyi_gnm(100, 4000, 7).graph.num_ties() == 4000);  // above half of 4950 pairs
  CHECK(erdos_renyi_gnm(100, 4950, 7).graph.num_ties() == 4950);
  CHECK(erdos_renyi_gnm(2, 1, 7).graph.num_ties() == 1);
  CHECK(erdos_renyi_gnm(1, 0, 7).graph.num_agents() == 1);
  CHECK_THROWS_WITH(erdos_renyi_gnm(100, 4951, 7), Catch::Contains("network.ties"));
}

TEST_CASE("G(n,m) spreads ties evenly over agents") {
  // Degrees are close to Poisson(2m/n): the variance is near the mean.
  const Network net = erdos_renyi_gnm(20000, 100000, 3);
  double sum = 0.0, squares = 0.0;
  for (AgentId u = 0; u < 20000; ++u) {
    sum += net.graph.degree(u);
    squares += double(net.graph.degree(u)) * net.graph.degree(u);
  }
  const double mean = sum / 20000;
  CHECK(mean == Approx(10.0));
  CHECK(squares / 20000 - mean * mean == Approx(10.0).epsilon(0.05));
}

TEST_CASE("Ring lattice and complete graph have exact degrees") {
  const Network ring = ring_lattice(100, 6);
  for (AgentId u = 0; u < 100; ++u) REQUIRE(ring.graph.degree(u) == 6);
  CHECK(ring.graph.has_tie(0, 3));
  CHECK(ring.graph.has_tie(0, 97));
  CHECK_FALSE(ring.graph.has_tie(0, 4));
  const Network complete = complete_graph(50);
  CHECK(complete.graph.num_ties() == 50 * 49 / 2);
  for (AgentId u = 0; u < 50; ++u) REQUIRE(complete.graph.degree(u) == 49);
  CHECK_THROWS_WITH(ring_lattice(10, 3), Catch::Contains("network.k") && Catch::Contains("odd"));
  CHECK_THROWS_WITH(ring_lattice(10, 10), Catch::Contains("network.k"));
}

TEST_CASE("Watts-Strogatz keeps nk/2 ties and its clustering follows (1-beta)^3") {
  const AgentId n = 20000;
  const AgentId k = 10;
  const double c0 = 3.0 * (k - 2) / (4.0 * (k - 1));
  for (const double beta : {0.0, 0.1, 0.3}) {
    CAPTURE(beta);
    const Network net = watts_strogatz(n, k, beta, 11);
    CHECK(net.graph.num_ties() == std::uint64_t{n} * k / 2);
    CHECK(gs::test::mean_local_clustering(net.graph) ==
          Approx(c0 * std::pow(1.0 - beta, 3)).margin(0.025));
  }
  // beta = 1 is essentially random: clustering near k/n.
  CHECK(gs::test::mean_local_clustering(watts_strogatz(n, k, 1.0, 11).graph) < 0.01);
  CHECK_THROWS_WITH(watts_strogatz(100, 5, 0.1, 1), Catch::Contains("network.k"));
  CHECK_THROWS_WITH(watts_strogatz(10, 10, 0.1, 1), Catch::Contains("network.k"));
  CHECK_THROWS_WITH(watts_strogatz(100, 4, 1.5, 1), Catch::Contains("network.beta"));
}

TEST_CASE("Watts-Strogatz on a tiny, nearly complete ring stays simple") {
  const Network net = watts_strogatz(7, 4, 1.0, 5);
  CHECK(net.graph.num_ties() + net.provenance.at("rewiring_abandoned").get<std::uint64_t>() == 14);
  CHECK(net.provenance.at("duplicates_dropped") == 0);
}

TEST_CASE("Barabasi-Albert: minimum degree m, mean 2m, heavy tail") {
  const AgentId n = 20000;
  const AgentId m = 3;
  const Network net = barabasi_albert(n, m, 9);
  CHECK(gs::test::min_degree(net.graph) == m);
  CHECK(net.graph.mean_degree() == Approx(2.0 * m).epsilon(0.01));
  // The hub grows like m sqrt(n) (~420); a Poisson graph's maximum would be ~15.
  CHECK(gs::test::max_degree(net.graph) > 20 * net.graph.mean_degree());
  CHECK(net.provenance.at("duplicates_dropped") == 0);
  CHECK_THROWS_WITH(barabasi_albert(5, 5, 1), Catch::Contains("network.m"));
}

TEST_CASE("Stochastic block: mean degree and the within-segment share hit their targets") {
  const std::vector<AgentId> sizes{3000, 5000, 2000};
  const Network net = stochastic_block(sizes, 12.0, 0.7, 21);
  REQUIRE(net.graph.num_agents() == 10000);
  REQUIRE(net.segment.size() == 10000);
  CHECK(net.segment[0] == 0);
  CHECK(net.segment[2999] == 0);
  CHECK(net.segment[3000] == 1);
  CHECK(net.segment[9999] == 2);
  CHECK(net.graph.mean_degree() == Approx(12.0).margin(0.2));
  std::uint64_t within = 0;
  for (AgentId u = 0; u < 10000; ++u) {
    for (const AgentId v : net.graph.neighbours(u)) within += net.segment[u] == net.segment[v];
  }
  CHECK(double(within) / double(net.graph.num_directed_ties()) == Approx(0.7).margin(0.015));
  // Homophily 1: no tie crosses segments.
  const Network apart = stochastic_block(sizes, 12.0, 1.0, 21);
  for (AgentId u = 0; u < 10000; ++u) {
    for (const AgentId v : apart.graph.neighbours(u)) REQUIRE(apart.segment[u] == apart.segment[v]);
  }
}

TEST_CASE("Stochastic block rejects homophily the segments cannot hold") {
  const std::vector<AgentId> tiny{5, 5};
  CHECK_THROWS_WITH(stochastic_block(tiny, 8.0, 1.0, 1), Catch::Contains("network.homophily"));
  const std::vector<AgentId> none{};
  CHECK_THROWS_WITH(stochastic_block(none, 8.0, 0.5, 1), Catch::Contains("network.segments"));
}

namespace {
// Density of the distance between two points drawn uniformly in a square of side
// `side` (square line picking; Weisstein, MathWorld "Square Line Picking").
double square_distance_density(double d, double side) {
  const double t = d / side;
  const double unit =
      t <= 1.0
          ? 2.0 * t * (t * t - 4.0 * t + M_PI)
          : 2.0 * t *
                (4.0 * std::sqrt(t * t - 1.0) - (t * t + 2.0 - M_PI) - 4.0 * std::acos(1.0 / t));
  return unit / side;
}
// Simpson's rule on [a, b] with `steps` (even) intervals.
template <class F>
double simpson(F f, double a, double b, int steps) {
  const double h = (b - a) / steps;
  double sum = f(a) + f(b);
  for (int i = 1; i < steps; ++i) sum += (i % 2 ? 4.0 : 2.0) * f(a + i * h);
  return sum * h / 3.0;
}
}  // namespace

TEST_CASE("Spatial calibration: the kernel's integral matches independent references") {
  using network_detail::expected_spatial_propensity;
  // One patch, two agents: the integral is E[k(d)] for two uniform points in the
  // filled square (side 0.8), against the closed-form distance density.
  const double side = network_detail::spatial_patch_fill;
  for (const double radius : {0.01, 0.05, 0.2, 1.0}) {
    const auto kernel = [&](double d) {
      return std::exp(-d / radius) * square_distance_density(d, side);
    };
    const double end = std::min(network_detail::spatial_cutoff_radii * radius, side * M_SQRT2);
    const double reference = simpson(kernel, 0.0, std::min(end, side), 200000) +
                             (end > side ? simpson(kernel, side, end, 200000) : 0.0);
    INFO("radius " << radius);
    CHECK(expected_spatial_propensity(2, 1, radius, 0.0) == Approx(reference).epsilon(1e-6));
  }
  // Two patches side by side, one agent each: (1 - penalty) E[k(d)] across the
  // squares, against 4 million Monte Carlo pairs; the statistic is the
  // difference in Monte Carlo standard errors, margin 4.
  for (const double radius : {0.05, 0.3}) {
    std::mt19937_64 engine(7);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    const double margin = (1.0 - side) / 2.0;
    double sum = 0.0, sum_squares = 0.0;
    const int draws = 4000000;
    for (int i = 0; i < draws; ++i) {
      const double x0 = (margin + side * uniform(engine)) / 2.0;
      const double y0 = (margin + side * uniform(engine)) / 2.0;
      const double x1 = (1.0 + margin + side * uniform(engine)) / 2.0;
      const double y1 = (margin + side * uniform(engine)) / 2.0;
      const double d = std::hypot(x1 - x0, y1 - y0);
      const double k =
          d <= network_detail::spatial_cutoff_radii * radius ? 0.75 * std::exp(-d / radius) : 0.0;
      sum += k;
      sum_squares += k * k;
    }
    const double mean = sum / draws;
    const double standard_error = std::sqrt((sum_squares / draws - mean * mean) / draws);
    const double z = (expected_spatial_propensity(2, 2, radius, 0.25) - mean) / standard_error;
    INFO("radius " << radius << ": Monte Carlo " << mean << " +- " << standard_error);
    CHECK(std::abs(z) < 4.0);
  }
}

TEST_CASE("Spatial patches: the expected mean degree is the target at any size and layout") {
  // Realised mean degree over 4 seeds within 2% of the target; the constant is
  // the same for every seed (it depends on the parameters only).
  struct Layout {
    AgentId n;
    std::uint32_t patches;
    double radius, penalty;
  };
  for (const Layout& layout :
       {Layout{20000, 16, 0.02, 0.5}, Layout{10000, 8, 0.2, 0.9}, Layout{20000, 5, 0.05, 0.9},
        Layout{3000, 1, 0.1, 0.0}, Layout{50000, 100, 0.01, 0.99}}) {
    double degree = 0.0;
    double constant = -1.0;
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
      const Network net =
          spatial_patches(layout.n, layout.patches, 10.0, layout.radius, layout.penalty, seed);
      degree += net.graph.mean_degree() / 4.0;
      const double c = net.provenance["tie_probability_at_distance_0"];
      if (constant >= 0.0) CHECK(c == constant);
      constant = c;
    }
    INFO("n " << layout.n << ", patches " << layout.patches << ", radius " << layout.radius);
    CHECK(degree == Approx(10.0).epsilon(0.02));
  }
}

TEST_CASE("Spatial patches: positions inside patches, mean degree on target") {
  const AgentId n = 20000;
  const Network net = spatial_patches(n, 16, 10.0, 0.02, 0.5, 5);
  REQUIRE(net.patch.size() == n);
  REQUIRE(net.x.size() == n);
  REQUIRE(net.y.size() == n);
  for (AgentId u = 0; u < n; ++u) {
    // 16 patches on a 4 x 4 grid; each agent inside its own patch's square.
    REQUIRE(net.patch[u] < 16);
    REQUIRE(std::floor(net.x[u] * 4.0f) == float(net.patch[u] % 4));
    REQUIRE(std::floor(net.y[u] * 4.0f) == float(net.patch[u] / 4));
  }
  CHECK(net.graph.mean_degree() == Approx(10.0).margin(0.3));
  // Ties are short: almost all within a few radii.
  std::uint64_t short_ties = 0;
  for (AgentId u = 0; u < n; ++u) {
    for (const AgentId v : net.graph.neighbours(u)) {
      short_ties += std::hypot(net.x[u] - net.x[v], net.y[u] - net.y[v]) < 0.1f;
    }
  }
  CHECK(double(short_ties) / double(net.graph.num_directed_ties()) > 0.95);
}

TEST_CASE("Spatial patches: a high patch penalty keeps ties inside patches") {
  const auto within_share = [](const Network& net) {
    std::uint64_t within = 0;
    for (AgentId u = 0; u < net.graph.num_agents(); ++u) {
      for (const AgentId v : net.graph.neighbours(u)) within += net.patch[u] == net.patch[v];
    }
    return double(within) / double(net.graph.num_directed_ties());
  };
  // Large radius so that, without a penalty, many ties cross patches.
  const double open = within_share(spatial_patches(10000, 16, 10.0, 0.1, 0.0, 3));
  const double closed = within_share(spatial_patches(10000, 16, 10.0, 0.1, 0.99, 3));
  CHECK(open < 0.8);
  CHECK(closed > 0.97);
  CHECK_THROWS_WITH(spatial_patches(100, 4, 10.0, 0.001, 0.5, 1),
                    Catch::Contains("network.radius"));
}

namespace {
struct NamedGenerator {
  const char* name;
  std::function<Network(std::uint64_t)> build;
};
std::vector<NamedGenerator> every_generator() {
  static const std::vector<AgentId> sizes{700, 1300, 1000};
  return {
      {"gnp", [](std::uint64_t s) { return erdos_renyi_gnp(3000, 0.004, s); }},
      {"gnm", [](std::uint64_t s) { return erdos_renyi_gnm(3000, 9000, s); }},
      {"watts_strogatz", [](std::uint64_t s) { return watts_strogatz(3000, 8, 0.2, s); }},
      {"barabasi_albert", [](std::uint64_t s) { return barabasi_albert(3000, 4, s); }},
      {"stochastic_block", [](std::uint64_t s) { return stochastic_block(sizes, 8.0, 0.8, s); }},
      {"spatial", [](std::uint64_t s) { return spatial_patches(3000, 9, 8.0, 0.05, 0.8, s); }},
  };
}
}  // namespace

TEST_CASE("Every generator: same seed same graph, other seed other graph, any thread count") {
  for (const auto& generator : every_generator()) {
    CAPTURE(generator.name);
    Network one_thread, four_threads;
    {
      ThreadLimit limit(1);
      one_thread = generator.build(2024);
    }
    {
      ThreadLimit limit(4);
      four_threads = generator.build(2024);
    }
    CHECK(same_graph(one_thread.graph, four_threads.graph));
    CHECK(one_thread.x == four_threads.x);
    CHECK(same_graph(one_thread.graph, generator.build(2024).graph));
    CHECK_FALSE(same_graph(one_thread.graph, generator.build(2025).graph));
  }
}
