// Tests of sim/experiments/design.hpp: inverse-CDF mapping, full factorial grid,
// Latin hypercube strata (McKay et al. 1979), the Sobol' sequence (Joe & Kuo 2008
// directions via Boost) and its skip convention, Saltelli matrix bookkeeping
// (Saltelli 2002), Morris trajectories (Morris 1991), and replicate seeding.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <numbers>
#include <set>
#include <stdexcept>

#include "sim/core/rng.hpp"
#include "sim/experiments/design.hpp"

namespace gx = gs::experiments;
using nlohmann::json;

namespace {

double as_double(const json& value) {
  return value.get<double>();
}

}  // namespace

TEST_CASE("inverse CDF maps unit coordinates to factor values", "[experiments][design]") {
  SECTION("normal quantiles") {
    const auto factor = gx::Factor::normal("model.threshold", 10.0, 2.0);
    CHECK(as_double(factor.value_at(0.5)) == Approx(10.0).margin(1e-12));
    CHECK(as_double(factor.value_at(0.975)) == Approx(10.0 + 2.0 * 1.959963984540054));
    CHECK(as_double(factor.value_at(0.158655253931457)) == Approx(8.0));  // Phi(-1)
    // The ends stay finite (clamped to 2^-53 from 0 and 1).
    CHECK(std::isfinite(as_double(factor.value_at(0.0))));
    CHECK(std::isfinite(as_double(factor.value_at(1.0))));
  }
  SECTION("truncated normal stays in bounds; its median is the half-normal median") {
    const auto half_normal =
        gx::Factor::truncated_normal("x", 0.0, 1.0, 0.0, std::numeric_limits<double>::infinity());
    CHECK(as_double(half_normal.value_at(0.5)) == Approx(0.6744897501960817));  // Phi^-1(0.75)
    CHECK(as_double(half_normal.value_at(0.0)) == Approx(0.0).margin(1e-12));
    const auto bounded = gx::Factor::truncated_normal("y", 5.0, 3.0, 4.0, 5.5);
    for (double u : {0.0, 0.1, 0.5, 0.9, 1.0}) {
      const double v = as_double(bounded.value_at(u));
      CHECK(v >= 4.0);
      CHECK(v <= 5.5);
    }
  }
  SECTION("integer ranges are inclusive and give each integer an equal share") {
    const auto factor = gx::Factor::uniform_integer("network.degree", 1, 3);
    CHECK(factor.value_at(0.0).get<std::int64_t>() == 1);
    CHECK(factor.value_at(0.33).get<std::int64_t>() == 1);
    CHECK(factor.value_at(0.34).get<std::int64_t>() == 2);
    CHECK(factor.value_at(0.66).get<std::int64_t>() == 2);
    CHECK(factor.value_at(0.67).get<std::int64_t>() == 3);
    CHECK(factor.value_at(1.0).get<std::int64_t>() == 3);
    CHECK(factor.value_at(0.5).is_number_integer());
  }
  SECTION("uniform and log-uniform ranges") {
    const auto uniform = gx::Factor::uniform_real("a", -2.0, 6.0);
    CHECK(as_double(uniform.value_at(0.25)) == Approx(0.0).margin(1e-12));
    CHECK(as_double(uniform.value_at(1.0)) == 6.0);
    const auto log_uniform = gx::Factor::log_uniform("b", 1.0, 100.0);
    CHECK(as_double(log_uniform.value_at(0.5)) == Approx(10.0));
    CHECK(as_double(log_uniform.value_at(0.0)) == Approx(1.0));
    CHECK(as_double(log_uniform.value_at(1.0)) == Approx(100.0));
  }
  SECTION("lists and weighted choices") {
    const auto list = gx::Factor::values("network.generator", {"ws", "ba", 3});
    CHECK(list.value_at(0.1) == json("ws"));
    CHECK(list.value_at(0.5) == json("ba"));
    CHECK(list.value_at(0.9) == json(3));
    CHECK(list.value_at(1.0) == json(3));
    const auto choice = gx::Factor::choice("policy", {"none", "broadcast"}, {1.0, 4.0});
    CHECK(choice.value_at(0.1) == json("none"));
    CHECK(choice.value_at(0.19) == json("none"));
    CHECK(choice.value_at(0.21) == json("broadcast"));
    CHECK(choice.value_at(1.0) == json("broadcast"));
  }
  SECTION("invalid factors are rejected") {
    CHECK_THROWS_AS(gx::Factor::uniform_real("a", 2.0, 1.0), std::invalid_argument);
    CHECK_THROWS_AS(gx::Factor::log_uniform("a", 0.0, 1.0), std::invalid_argument);
    CHECK_THROWS_AS(gx::Factor::normal("a", 0.0, 0.0), std::invalid_argument);
    CHECK_THROWS_AS(gx::Factor::values("a", {}), std::invalid_argument);
    CHECK_THROWS_AS(gx::Factor::choice("a", {1, 2}, {1.0}), std::invalid_argument);
    CHECK_THROWS_AS(
        gx::ParameterSpace({gx::Factor::values("a", {1}), gx::Factor::values("a", {2})}),
        std::invalid_argument);
  }
}

TEST_CASE("factor specifications parse from JSON", "[experiments][design]") {
  const auto space = gx::ParameterSpace::from_json(json::parse(R"([
    {"key": "network.generator", "values": ["ws", "ba"]},
    {"key": "model.threshold", "uniform": [0.1, 0.5], "levels": 3},
    {"key": "network.degree", "integer": [2, 8]},
    {"key": "model.cost", "log_uniform": [0.01, 1.0], "levels": 2},
    {"key": "model.noise", "normal": {"mean": 0, "sd": 1, "lower": 0}, "levels": 1},
    {"key": "policy", "choice": ["a", "b"], "weights": [3, 1]}
  ])"));
  REQUIRE(space.size() == 6);
  CHECK(space.keys() == std::vector<std::string>{"network.generator", "model.threshold",
                                                 "network.degree", "model.cost", "model.noise",
                                                 "policy"});
  CHECK(space[1].kind() == gx::FactorKind::uniform_real);
  CHECK(space[1].levels() == 3);
  CHECK(space[2].kind() == gx::FactorKind::uniform_integer);
  CHECK(space[3].kind() == gx::FactorKind::log_uniform);
  CHECK(space[4].kind() == gx::FactorKind::normal);
  CHECK(space[4].truncated());
  CHECK(space[4].lower() == 0.0);
  CHECK(space[5].value_at(0.7) == json("a"));
  CHECK(space[5].value_at(0.8) == json("b"));
  CHECK_THROWS_AS(gx::Factor::from_json(json::parse(R"({"key": "x", "uniform": [1]})")),
                  std::invalid_argument);
  CHECK_THROWS_AS(gx::Factor::from_json(json::parse(R"({"key": "x"})")), std::invalid_argument);
  CHECK_THROWS_AS(gx::Factor::from_json(json::parse(R"({"uniform": [0, 1]})")),
                  std::invalid_argument);
}

TEST_CASE("full factorial grid enumerates the cartesian product, last factor fastest",
          "[experiments][design]") {
  const gx::ParameterSpace space({gx::Factor::values("a", {1, 2, 3}),
                                  gx::Factor::values("b", {"x", "y"}),
                                  gx::Factor::uniform_real("c", 0.0, 1.0, 3)});
  const auto points = gx::full_factorial(space);
  REQUIRE(points.size() == 18);
  CHECK(points[0].values == std::vector<json>{1, "x", 0.0});
  CHECK(points[1].values == std::vector<json>{1, "x", 0.5});
  CHECK(points[2].values == std::vector<json>{1, "x", 1.0});
  CHECK(points[3].values == std::vector<json>{1, "y", 0.0});
  CHECK(points[17].values == std::vector<json>{3, "y", 1.0});
  std::set<std::string> distinct;
  for (std::size_t p = 0; p < points.size(); ++p) {
    CHECK(points[p].index == p);
    CHECK(points[p].unit.empty());
    distinct.insert(json(points[p].values).dump());
  }
  CHECK(distinct.size() == 18);

  SECTION("grid values of ranges") {
    CHECK(gx::Factor::uniform_integer("n", 2, 5).grid_values() == std::vector<json>{2, 3, 4, 5});
    CHECK(gx::Factor::uniform_integer("n", 0, 10, 3).grid_values() == std::vector<json>{0, 5, 10});
    // Rounded levels that coincide are kept once.
    CHECK(gx::Factor::uniform_integer("n", 0, 1, 4).grid_values() == std::vector<json>{0, 1});
    const auto log_grid = gx::Factor::log_uniform("l", 1.0, 100.0, 3).grid_values();
    REQUIRE(log_grid.size() == 3);
    CHECK(as_double(log_grid[1]) == Approx(10.0));
    const auto normal_grid = gx::Factor::normal("z", 0.0, 1.0, 2).grid_values();
    REQUIRE(normal_grid.size() == 2);
    CHECK(as_double(normal_grid[0]) == Approx(-0.6744897501960817));  // Phi^-1(0.25)
    CHECK(as_double(normal_grid[1]) == Approx(0.6744897501960817));
    CHECK(as_double(gx::Factor::uniform_real("m", 2.0, 4.0, 1).grid_values().at(0)) == 3.0);
  }
  SECTION("a continuous factor without levels cannot be gridded") {
    const gx::ParameterSpace bad({gx::Factor::uniform_real("c", 0.0, 1.0)});
    CHECK_THROWS_AS(gx::full_factorial(bad), std::invalid_argument);
  }
}

TEST_CASE("Latin hypercube puts exactly one point in every stratum of every factor",
          "[experiments][design]") {
  const gx::ParameterSpace space({gx::Factor::uniform_real("a", -1.0, 1.0),
                                  gx::Factor::log_uniform("b", 0.01, 10.0),
                                  gx::Factor::truncated_normal("c", 0.0, 1.0, -2.0, 2.0),
                                  gx::Factor::uniform_integer("d", 0, 9)});
  const std::size_t n = 50;
  const auto points = gx::latin_hypercube(space, n, 2024);
  REQUIRE(points.size() == n);
  for (std::size_t i = 0; i < space.size(); ++i) {
    std::vector<std::size_t> strata;
    for (const auto& point : points) {
      REQUIRE(point.unit.size() == space.size());
      CHECK(point.unit[i] >= 0.0);
      CHECK(point.unit[i] < 1.0);
      strata.push_back(static_cast<std::size_t>(point.unit[i] * static_cast<double>(n)));
    }
    std::sort(strata.begin(), strata.end());
    for (std::size_t s = 0; s < n; ++s) CHECK(strata[s] == s);
  }
  for (const auto& point : points) {
    CHECK(as_double(point.values[0]) >= -1.0);
    CHECK(as_double(point.values[0]) <= 1.0);
    CHECK(as_double(point.values[1]) >= 0.01);
    CHECK(as_double(point.values[1]) <= 10.0);
    CHECK(as_double(point.values[2]) >= -2.0);
    CHECK(as_double(point.values[2]) <= 2.0);
    CHECK(point.values[3].get<std::int64_t>() >= 0);
    CHECK(point.values[3].get<std::int64_t>() <= 9);
  }
  // 50 points over 10 integers: every integer exactly 5 times.
  std::vector<int> integer_counts(10, 0);
  for (const auto& point : points) ++integer_counts[point.values[3].get<std::size_t>()];
  CHECK(std::all_of(integer_counts.begin(), integer_counts.end(), [](int c) { return c == 5; }));

  SECTION("deterministic by seed") {
    const auto again = gx::latin_hypercube(space, n, 2024);
    const auto other = gx::latin_hypercube(space, n, 2025);
    bool all_equal = true;
    bool any_differs = false;
    for (std::size_t p = 0; p < n; ++p) {
      all_equal =
          all_equal && again[p].unit == points[p].unit && again[p].values == points[p].values;
      any_differs = any_differs || other[p].unit != points[p].unit;
    }
    CHECK(all_equal);
    CHECK(any_differs);
  }
}

TEST_CASE("Sobol' sequence matches the known points and covers the square evenly",
          "[experiments][design]") {
  const gx::ParameterSpace space(
      {gx::Factor::uniform_real("x", 0.0, 1.0), gx::Factor::uniform_real("y", 0.0, 1.0)});
  // Joe & Kuo dimension-2 sequence without its origin (Boost never emits it).
  const std::vector<std::vector<double>> expected = {
      {0.5, 0.5},     {0.75, 0.25},   {0.25, 0.75},   {0.375, 0.375},
      {0.875, 0.875}, {0.625, 0.125}, {0.125, 0.625}, {0.1875, 0.3125}};
  const auto points = gx::sobol_sequence(space, expected.size());
  REQUIRE(points.size() == expected.size());
  for (std::size_t p = 0; p < expected.size(); ++p) {
    CHECK(points[p].unit == expected[p]);
    CHECK(as_double(points[p].values[0]) == expected[p][0]);
  }
  const auto skipped = gx::sobol_sequence(space, 3, 2);
  CHECK(skipped[0].unit == expected[2]);
  CHECK(skipped[2].unit == expected[4]);

  // 1024 points: (0,10,2)-net up to the swapped origin, so every 1/16 x 1/16 cell
  // holds 4 points give or take one, and every 1/32 marginal bin 32 give or take one.
  const auto many = gx::sobol_sequence(space, 1024);
  std::vector<int> cells(256, 0);
  std::vector<int> marginal_x(32, 0);
  std::vector<int> marginal_y(32, 0);
  for (const auto& point : many) {
    const auto cx = static_cast<std::size_t>(point.unit[0] * 16.0);
    const auto cy = static_cast<std::size_t>(point.unit[1] * 16.0);
    ++cells[cx * 16 + cy];
    ++marginal_x[static_cast<std::size_t>(point.unit[0] * 32.0)];
    ++marginal_y[static_cast<std::size_t>(point.unit[1] * 32.0)];
  }
  CHECK(*std::min_element(cells.begin(), cells.end()) >= 3);
  CHECK(*std::max_element(cells.begin(), cells.end()) <= 5);
  for (std::size_t b = 0; b < 32; ++b) {
    CHECK(std::abs(marginal_x[b] - 32) <= 1);
    CHECK(std::abs(marginal_y[b] - 32) <= 1);
  }
}

TEST_CASE("Saltelli design: AB_i equals A except column i, taken from B", "[experiments][design]") {
  const gx::ParameterSpace space({gx::Factor::uniform_real("a", 0.0, 1.0),
                                  gx::Factor::normal("b", 0.0, 1.0),
                                  gx::Factor::uniform_integer("c", 1, 6)});
  const std::size_t n = 64;
  const auto design = gx::saltelli(space, n);
  const std::size_t k = space.size();
  REQUIRE(design.num_factors == k);
  REQUIRE(design.base_samples == n);
  REQUIRE(design.points.size() == n * (k + 2));

  // A and B are the two halves of the 2k-dimensional Sobol' sequence.
  const gx::ParameterSpace doubled(
      {gx::Factor::uniform_real("1", 0, 1), gx::Factor::uniform_real("2", 0, 1),
       gx::Factor::uniform_real("3", 0, 1), gx::Factor::uniform_real("4", 0, 1),
       gx::Factor::uniform_real("5", 0, 1), gx::Factor::uniform_real("6", 0, 1)});
  const auto sobol = gx::sobol_sequence(doubled, n);

  std::vector<int> row_uses(design.points.size(), 0);
  for (std::size_t j = 0; j < n; ++j) {
    const auto& a = design.points[design.row_a(j)];
    const auto& b = design.points[design.row_b(j)];
    ++row_uses[design.row_a(j)];
    ++row_uses[design.row_b(j)];
    for (std::size_t c = 0; c < k; ++c) {
      CHECK(a.unit[c] == sobol[j].unit[c]);
      CHECK(b.unit[c] == sobol[j].unit[k + c]);
    }
    for (std::size_t i = 0; i < k; ++i) {
      const auto& ab = design.points[design.row_ab(i, j)];
      ++row_uses[design.row_ab(i, j)];
      for (std::size_t c = 0; c < k; ++c) {
        CHECK(ab.unit[c] == (c == i ? b.unit[c] : a.unit[c]));
        CHECK(ab.values[c] == (c == i ? b.values[c] : a.values[c]));
      }
    }
  }
  CHECK(std::all_of(row_uses.begin(), row_uses.end(), [](int uses) { return uses == 1; }));
  for (std::size_t p = 0; p < design.points.size(); ++p) CHECK(design.points[p].index == p);
}

TEST_CASE("Morris trajectories move one factor at a time by delta on the p-level grid",
          "[experiments][design]") {
  const gx::ParameterSpace space(
      {gx::Factor::uniform_real("a", 0.0, 1.0), gx::Factor::uniform_real("b", 10.0, 20.0),
       gx::Factor::normal("c", 0.0, 1.0), gx::Factor::uniform_integer("d", 0, 3)});
  const std::size_t k = space.size();
  const std::size_t r = 20;
  const std::size_t p = 4;
  const auto design = gx::morris(space, r, p, 7);
  REQUIRE(design.points.size() == r * (k + 1));
  CHECK(design.delta == Approx(4.0 / 6.0));
  for (std::size_t t = 0; t < r; ++t) {
    std::set<std::size_t> moved;
    CHECK(design.moved_factor[design.row(t, 0)] == gx::MorrisDesign::no_factor);
    for (std::size_t step = 0; step <= k; ++step) {
      const auto& point = design.points[design.row(t, step)];
      for (double x : point.unit) {  // on the grid {0, 1/3, 2/3, 1}
        CHECK(x >= 0.0);
        CHECK(x <= 1.0);
        CHECK(x * 3.0 == Approx(std::round(x * 3.0)).margin(1e-12));
      }
      if (step == 0) continue;
      const auto& previous = design.points[design.row(t, step - 1)];
      const std::size_t factor = design.moved_factor[design.row(t, step)];
      const int direction = design.direction[design.row(t, step)];
      REQUIRE(factor < k);
      moved.insert(factor);
      for (std::size_t i = 0; i < k; ++i) {
        if (i == factor)
          CHECK(point.unit[i] - previous.unit[i] == Approx(direction * design.delta));
        else
          CHECK(point.unit[i] == previous.unit[i]);
      }
    }
    CHECK(moved.size() == k);
  }
  // The untruncated normal is sampled between its 0.5% and 99.5% quantiles.
  for (const auto& point : design.points) CHECK(std::fabs(as_double(point.values[2])) < 2.58);

  CHECK_THROWS_AS(gx::morris(space, r, 3, 7), std::invalid_argument);
  const auto again = gx::morris(space, r, p, 7);
  bool same = true;
  for (std::size_t row = 0; row < design.points.size(); ++row)
    same = same && again.points[row].unit == design.points[row].unit;
  CHECK(same);
}

TEST_CASE("replicate seeds are stable, distinct, and shared under common random numbers",
          "[experiments][design]") {
  const std::uint64_t master = 20261122;
  const auto runs = gx::expand_replicates(3, 4, master, gx::SeedPolicy::independent);
  REQUIRE(runs.size() == 12);
  std::set<std::uint64_t> seeds;
  for (std::size_t index = 0; index < runs.size(); ++index) {
    const auto& run = runs[index];
    CHECK(run.run_id == index);
    CHECK(run.point_index == index / 4);
    CHECK(run.replicate == index % 4);
    // The documented rule.
    CHECK(run.seed ==
          gs::derive_seed(master, (std::uint64_t{run.point_index} << 32) | run.replicate));
    seeds.insert(run.seed);
  }
  CHECK(seeds.size() == runs.size());

  // Extending a sweep, or running one shard of it, does not change existing seeds.
  const auto extended = gx::expand_replicates(5, 10, master, gx::SeedPolicy::independent);
  for (const auto& run : runs)
    CHECK(extended[run.point_index * 10 + run.replicate].seed == run.seed);
  CHECK(gx::replicate_seed(master, 2, 3, gx::SeedPolicy::independent) == runs[11].seed);

  const auto common = gx::expand_replicates(3, 4, master, gx::SeedPolicy::common_random_numbers);
  std::set<std::uint64_t> common_seeds;
  for (const auto& run : common) {
    CHECK(run.seed == common[run.replicate].seed);  // same seed as point 0's replicate
    CHECK(run.seed == runs[run.replicate].seed);    // point 0 is the same in both policies
    common_seeds.insert(run.seed);
  }
  CHECK(common_seeds.size() == 4);
  CHECK(gx::expand_replicates(3, 4, master + 1, gx::SeedPolicy::independent)[0].seed !=
        runs[0].seed);
}
