// Tests of sim/experiments/sensitivity.hpp against functions with known indices:
// the Ishigami function (Ishigami & Homma 1990; analytic indices in Saltelli et al.
// 2008, "Global Sensitivity Analysis: The Primer", sec. 4.4), an additive linear
// model, and linear/interacting functions for Morris screening (Morris 1991;
// Campolongo et al. 2007).
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include "sim/core/parallel.hpp"
#include "sim/experiments/sensitivity.hpp"

namespace gx = gs::experiments;

namespace {

double number(const nlohmann::json& value) {
  return value.get<double>();
}

constexpr double ishigami_a = 7.0;
constexpr double ishigami_b = 0.1;

double ishigami(double x1, double x2, double x3) {
  return std::sin(x1) + ishigami_a * std::sin(x2) * std::sin(x2) +
         ishigami_b * std::pow(x3, 4) * std::sin(x1);
}

struct IshigamiIndices {
  double first[3];
  double total[3];
};

// Analytic partial variances of the Ishigami function on [-pi, pi]^3.
IshigamiIndices ishigami_analytic() {
  const double pi4 = std::pow(std::numbers::pi, 4);
  const double pi8 = pi4 * pi4;
  const double v1 = 0.5 * std::pow(1.0 + ishigami_b * pi4 / 5.0, 2);
  const double v2 = ishigami_a * ishigami_a / 8.0;
  const double v13 = ishigami_b * ishigami_b * pi8 * (1.0 / 18.0 - 1.0 / 50.0);
  const double v = v1 + v2 + v13;
  return {{v1 / v, v2 / v, 0.0}, {(v1 + v13) / v, v2 / v, v13 / v}};
}

std::vector<double> evaluate_ishigami(const gx::SaltelliDesign& design) {
  std::vector<double> outputs;
  outputs.reserve(design.points.size());
  for (const auto& point : design.points)
    outputs.push_back(
        ishigami(number(point.values[0]), number(point.values[1]), number(point.values[2])));
  return outputs;
}

gx::ParameterSpace ishigami_space() {
  const double pi = std::numbers::pi;
  return gx::ParameterSpace({gx::Factor::uniform_real("x1", -pi, pi),
                             gx::Factor::uniform_real("x2", -pi, pi),
                             gx::Factor::uniform_real("x3", -pi, pi)});
}

}  // namespace

TEST_CASE("analytic Ishigami indices are the published values", "[experiments][sensitivity]") {
  const auto analytic = ishigami_analytic();
  CHECK(analytic.first[0] == Approx(0.3139).margin(1e-4));
  CHECK(analytic.first[1] == Approx(0.4424).margin(1e-4));
  CHECK(analytic.total[0] == Approx(0.5576).margin(1e-4));
  CHECK(analytic.total[2] == Approx(0.2437).margin(1e-4));
}

TEST_CASE("Sobol' indices of the Ishigami function", "[experiments][sensitivity]") {
  // N = 2^13 base rows (40960 evaluations). On Sobol' points the estimates land
  // within 0.002 of the analytic values, while the iid bootstrap (which ignores the
  // quasi-random balance, so it is conservative) gives half-widths of 0.01-0.03.
  // A tolerance of 0.02, about one bootstrap standard error of S1, still fails on a
  // wrong estimator or row bookkeeping (swapping A and B, or S and ST, moves an
  // index by more than 0.1).
  const auto design = gx::saltelli(ishigami_space(), 1u << 13);
  const auto outputs = evaluate_ishigami(design);
  const gx::BootstrapOptions bootstrap{.resamples = 300, .level = 0.95, .seed = 11};
  const auto indices = gx::sobol_indices(design, outputs, bootstrap);
  const auto analytic = ishigami_analytic();

  REQUIRE_FALSE(indices.zero_variance);
  REQUIRE(indices.first_order.size() == 3);
  const double tolerance = 0.02;
  for (std::size_t i = 0; i < 3; ++i) {
    INFO("factor x" << i + 1);
    CHECK(indices.first_order[i] == Approx(analytic.first[i]).margin(tolerance));
    CHECK(indices.total_order[i] == Approx(analytic.total[i]).margin(tolerance));
    INFO("S CI [" << indices.first_order_ci[i].lower << ", " << indices.first_order_ci[i].upper
                  << "]");
    CHECK(indices.first_order_ci[i].contains(analytic.first[i]));
    INFO("ST CI [" << indices.total_order_ci[i].lower << ", " << indices.total_order_ci[i].upper
                   << "]");
    CHECK(indices.total_order_ci[i].contains(analytic.total[i]));
    CHECK(indices.first_order_ci[i].upper - indices.first_order_ci[i].lower < 0.1);
    CHECK(indices.total_order_ci[i].upper - indices.total_order_ci[i].lower < 0.1);
  }
  // Analytic variance of the Ishigami output: a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2.
  const double pi4 = std::pow(std::numbers::pi, 4);
  const double variance = ishigami_a * ishigami_a / 8.0 + ishigami_b * pi4 / 5.0 +
                          ishigami_b * ishigami_b * pi4 * pi4 / 18.0 + 0.5;
  CHECK(indices.variance == Approx(variance).epsilon(0.02));
  CHECK(indices.mean == Approx(ishigami_a / 2.0).margin(0.05));

  SECTION("bootstrap is deterministic by seed and independent of the thread count") {
    gs::ThreadLimit one_thread(1);
    const auto again = gx::sobol_indices(design, outputs, bootstrap);
    for (std::size_t i = 0; i < 3; ++i) {
      CHECK(again.first_order_ci[i].lower == indices.first_order_ci[i].lower);
      CHECK(again.total_order_ci[i].upper == indices.total_order_ci[i].upper);
    }
    auto other_seed = bootstrap;
    other_seed.seed = 12;
    const auto other = gx::sobol_indices(design, outputs, other_seed);
    CHECK(other.first_order_ci[0].lower != indices.first_order_ci[0].lower);
  }
}

TEST_CASE("Sobol' indices of an additive linear model", "[experiments][sensitivity]") {
  // f = x1 + 2 x2 with x uniform on [0, 1]: V1 = 1/12, V2 = 4/12, no interaction,
  // so S = ST = (0.2, 0.8). A third, inert factor has S = ST = 0.
  const gx::ParameterSpace space({gx::Factor::uniform_real("a", 0.0, 1.0),
                                  gx::Factor::uniform_real("b", 0.0, 1.0),
                                  gx::Factor::uniform_real("inert", 0.0, 1.0)});
  const auto design = gx::saltelli(space, 1u << 12);
  std::vector<double> outputs;
  for (const auto& point : design.points)
    outputs.push_back(number(point.values[0]) + 2.0 * number(point.values[1]));
  const auto indices =
      gx::sobol_indices(design, outputs, {.resamples = 0, .level = 0.9, .seed = 0});
  CHECK(indices.first_order[0] == Approx(0.2).margin(0.01));
  CHECK(indices.first_order[1] == Approx(0.8).margin(0.01));
  CHECK(indices.first_order[2] == Approx(0.0).margin(1e-12));
  CHECK(indices.total_order[0] == Approx(0.2).margin(0.01));
  CHECK(indices.total_order[1] == Approx(0.8).margin(0.01));
  CHECK(indices.total_order[2] == 0.0);
  CHECK(std::isnan(indices.first_order_ci[0].lower));  // no bootstrap requested
}

TEST_CASE("a constant output is flagged, not a crash", "[experiments][sensitivity]") {
  const auto design = gx::saltelli(ishigami_space(), 256);
  const std::vector<double> constant(design.points.size(), 3.25);
  const auto indices =
      gx::sobol_indices(design, constant, {.resamples = 50, .level = 0.95, .seed = 1});
  CHECK(indices.zero_variance);
  CHECK(indices.mean == Approx(3.25));
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(std::isnan(indices.first_order[i]));
    CHECK(std::isnan(indices.total_order[i]));
    CHECK(std::isnan(indices.first_order_ci[i].lower));
  }
  const std::vector<double> too_few(design.points.size() - 1, 1.0);
  CHECK_THROWS_AS(gx::sobol_indices(design, too_few), std::invalid_argument);
  std::vector<double> with_nan = constant;
  with_nan[5] = std::nan("");
  CHECK_THROWS_AS(gx::sobol_indices(design, with_nan), std::invalid_argument);
}

TEST_CASE("Morris screening ranks linear effects by coefficient times range",
          "[experiments][sensitivity]") {
  // f = 2a - 5b + 0*inert + 1*c with c on [0, 10]: every elementary effect of a
  // linear function is exact, so mu* = |coefficient| * range, sigma = 0.
  const gx::ParameterSpace space(
      {gx::Factor::uniform_real("a", 0.0, 1.0), gx::Factor::uniform_real("b", 0.0, 1.0),
       gx::Factor::uniform_real("inert", 0.0, 1.0), gx::Factor::uniform_real("c", 0.0, 10.0)});
  const auto design = gx::morris(space, 12, 4, 99);
  std::vector<double> outputs;
  for (const auto& point : design.points)
    outputs.push_back(2.0 * number(point.values[0]) - 5.0 * number(point.values[1]) +
                      number(point.values[3]));
  const auto indices = gx::morris_indices(design, outputs);
  REQUIRE(indices.mu_star.size() == 4);
  CHECK(indices.trajectories == 12);
  CHECK(indices.mu_star[0] == Approx(2.0));
  CHECK(indices.mu_star[1] == Approx(5.0));
  CHECK(indices.mu_star[2] == Approx(0.0).margin(1e-12));
  CHECK(indices.mu_star[3] == Approx(10.0));
  CHECK(indices.mu[1] == Approx(-5.0));
  CHECK(indices.mu[0] == Approx(2.0));
  for (double sigma : indices.sigma) CHECK(sigma == Approx(0.0).margin(1e-9));
}

TEST_CASE("Morris sigma reveals interaction", "[experiments][sensitivity]") {
  // f = a * b + 0.1 c on [0,1]^3: the effect of a depends on b (sigma > 0), c is linear.
  const gx::ParameterSpace space({gx::Factor::uniform_real("a", 0.0, 1.0),
                                  gx::Factor::uniform_real("b", 0.0, 1.0),
                                  gx::Factor::uniform_real("c", 0.0, 1.0)});
  const auto design = gx::morris(space, 40, 4, 5);
  std::vector<double> outputs;
  for (const auto& point : design.points)
    outputs.push_back(number(point.values[0]) * number(point.values[1]) +
                      0.1 * number(point.values[2]));
  const auto indices = gx::morris_indices(design, outputs);
  // EE of a is b (held at 0, 1/3, 2/3 or 1, or mid-move), so its mean lies near 1/2.
  CHECK(indices.mu_star[0] == Approx(0.5).margin(0.15));
  CHECK(indices.sigma[0] > 0.1);
  CHECK(indices.sigma[1] > 0.1);
  CHECK(indices.mu_star[2] == Approx(0.1));
  CHECK(indices.sigma[2] == Approx(0.0).margin(1e-9));
  CHECK(indices.mu_star[0] > indices.mu_star[2]);

  const auto single = gx::morris_indices(gx::morris(space, 1, 4, 5), std::vector<double>(4, 1.0));
  CHECK(std::isnan(single.sigma[0]));
  CHECK(single.mu_star[0] == 0.0);
}
