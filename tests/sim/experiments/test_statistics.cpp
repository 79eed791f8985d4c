// Tests of sim/experiments/statistics.hpp against hand-computed values: Student-t
// interval (t_{0.975,4} = 2.776445105), paired-t and Welch (1947) differences with
// Welch-Satterthwaite degrees of freedom, and Wilson (1927) score intervals. The
// reference numbers were computed independently (plain arithmetic plus a numerically
// integrated t distribution), not with this library.
#include <catch2/catch.hpp>
#include <cmath>
#include <span>
#include <stdexcept>
#include <vector>

#include "sim/experiments/statistics.hpp"

namespace gx = gs::experiments;

TEST_CASE("summary with a Student-t interval of the mean", "[experiments][statistics]") {
  const std::vector<double> values{1, 2, 3, 4, 5};
  const auto s = gx::summarise(values);
  CHECK(s.n == 5);
  CHECK(s.mean == Approx(3.0));
  CHECK(s.sd == Approx(std::sqrt(2.5)));
  CHECK(s.standard_error == Approx(std::sqrt(0.5)));
  CHECK(s.ci.lower == Approx(1.0367568385));
  CHECK(s.ci.upper == Approx(4.9632431615));

  const auto ninety = gx::summarise(values, 0.90);  // t_{0.95,4} = 2.131847
  CHECK(ninety.ci.lower == Approx(1.4925566809));
  CHECK(ninety.ci.upper == Approx(4.5074433191));

  SECTION("degenerate samples") {
    const auto empty = gx::summarise(std::vector<double>{});
    CHECK(empty.n == 0);
    CHECK(std::isnan(empty.mean));
    const auto one = gx::summarise(std::vector<double>{4.0});
    CHECK(one.mean == 4.0);
    CHECK(std::isnan(one.sd));
    CHECK(std::isnan(one.ci.lower));
    const auto constant = gx::summarise(std::vector<double>{2.5, 2.5, 2.5});
    CHECK(constant.sd == 0.0);
    CHECK(constant.ci.lower == 2.5);
    CHECK(constant.ci.upper == 2.5);
    CHECK_THROWS_AS(gx::summarise(values, 1.0), std::invalid_argument);
    CHECK_THROWS_AS(gx::summarise(std::vector<double>{1.0, INFINITY}), std::invalid_argument);
  }
}

TEST_CASE("paired difference of means under common random numbers", "[experiments][statistics]") {
  const std::vector<double> a{5.1, 6.3, 4.8, 7.2, 5.9};
  const std::vector<double> b{4.7, 6.0, 4.9, 6.5, 5.2};
  const auto d = gx::difference_of_means(a, b, gx::Pairing::paired);
  CHECK(d.pairing == gx::Pairing::paired);
  CHECK(d.estimate == Approx(0.4));
  CHECK(d.standard_error == Approx(0.1483239697));
  CHECK(d.degrees_of_freedom == 4.0);
  CHECK(d.ci.lower == Approx(-0.0118133598));
  CHECK(d.ci.upper == Approx(0.8118133598));
  CHECK(d.t_statistic == Approx(0.4 / 0.1483239697));
  CHECK(d.p_value > 0.05);  // the interval straddles 0
  CHECK(d.p_value < 0.1);

  // Pairing matters: the same numbers treated as independent give a much wider interval.
  const auto unpaired = gx::difference_of_means(a, b, gx::Pairing::unpaired);
  CHECK(unpaired.estimate == Approx(0.4));
  CHECK(unpaired.ci.upper - unpaired.ci.lower > 2.0 * (d.ci.upper - d.ci.lower));

  CHECK_THROWS_AS(gx::difference_of_means(a, std::vector<double>{1.0, 2.0}, gx::Pairing::paired),
                  std::invalid_argument);
  const auto identical = gx::difference_of_means(a, a, gx::Pairing::paired);
  CHECK(identical.estimate == 0.0);
  CHECK(identical.ci.lower == 0.0);
  CHECK(identical.ci.upper == 0.0);
  CHECK(identical.p_value == 1.0);
}

TEST_CASE("Welch difference of independent means", "[experiments][statistics]") {
  const std::vector<double> a{10.1, 9.8, 10.4, 10.0, 9.7, 10.3};
  const std::vector<double> b{9.2, 9.9, 9.4, 9.0, 9.6, 8.8, 9.5};
  const auto d = gx::difference_of_means(a, b, gx::Pairing::unpaired);
  CHECK(d.estimate == Approx(0.7071428571));
  CHECK(d.standard_error == Approx(0.1800887914));
  CHECK(d.degrees_of_freedom == Approx(10.7920225694));
  CHECK(d.ci.lower == Approx(0.3098361406).epsilon(1e-6));
  CHECK(d.ci.upper == Approx(1.1044495736).epsilon(1e-6));
  CHECK(d.p_value < 0.01);

  const auto too_small =
      gx::difference_of_means(a, std::vector<double>{1.0}, gx::Pairing::unpaired);
  CHECK(std::isnan(too_small.ci.lower));
  CHECK(std::isnan(too_small.p_value));
}

TEST_CASE("Wilson score interval of a share", "[experiments][statistics]") {
  const auto eight_of_ten = gx::wilson_interval(8, 10);
  CHECK(eight_of_ten.estimate == Approx(0.8));
  CHECK(eight_of_ten.ci.lower == Approx(0.4901624715));
  CHECK(eight_of_ten.ci.upper == Approx(0.9433178485));

  const auto none = gx::wilson_interval(0, 10);
  CHECK(none.ci.lower == 0.0);
  CHECK(none.ci.upper == Approx(0.2775327999));
  const auto all = gx::wilson_interval(10, 10);
  CHECK(all.ci.lower == Approx(0.7224672001));
  CHECK(all.ci.upper == Approx(1.0));

  const auto no_trials = gx::wilson_interval(0, 0);
  CHECK(std::isnan(no_trials.estimate));
  CHECK(no_trials.ci.lower == 0.0);
  CHECK(no_trials.ci.upper == 1.0);
  CHECK_THROWS_AS(gx::wilson_interval(3, 2), std::invalid_argument);

  // share(): 8 of 10 replicates mobilised more than half the population.
  const std::vector<double> mobilised{0.9, 0.7, 0.6, 0.2, 0.8, 0.55, 0.51, 0.3, 0.95, 0.99};
  const auto share = gx::share(mobilised, [](double x) { return x > 0.5; });
  CHECK(share.successes == 8);
  CHECK(share.trials == 10);
  CHECK(share.ci.lower == Approx(eight_of_ten.ci.lower));
}

TEST_CASE("sample quantiles interpolate between order statistics", "[experiments][statistics]") {
  const std::vector<double> sorted{1.0, 2.0, 4.0, 8.0};
  CHECK(gx::sorted_quantile(sorted, 0.0) == 1.0);
  CHECK(gx::sorted_quantile(sorted, 1.0) == 8.0);
  CHECK(gx::sorted_quantile(sorted, 0.5) == Approx(3.0));
  CHECK(gx::sorted_quantile(sorted, 0.25) == Approx(1.75));
  CHECK(std::isnan(gx::sorted_quantile(std::vector<double>{}, 0.5)));
}

TEST_CASE("percentile bootstrap: reproducible, inside the sample's range, NaN-aware",
          "[experiments][statistics]") {
  const std::vector<double> values{0.1, 0.4, 0.2, 0.9, 0.5, 0.3};
  const auto mean = [&](std::span<const std::size_t> idx) {
    double sum = 0.0;
    for (auto i : idx) sum += values[i];
    return sum / static_cast<double>(idx.size());
  };
  const auto a = gx::bootstrap_interval(values.size(), mean, 0.95, 7);
  const auto b = gx::bootstrap_interval(values.size(), mean, 0.95, 7);
  CHECK(a.ci.lower == b.ci.lower);  // same seed, same interval
  CHECK(a.ci.upper == b.ci.upper);
  CHECK(a.ci.lower >= 0.1);
  CHECK(a.ci.upper <= 0.9);
  CHECK(a.ci.lower < 0.4);  // the sample mean, 0.4, lies inside
  CHECK(a.ci.upper > 0.4);
  CHECK(a.defined == a.resamples);
  // A statistic undefined on more than 10% of resamples has no interval.
  const auto ratio = [&](std::span<const std::size_t> idx) {
    return idx[0] == 0 ? std::nan("") : 1.0;  // undefined on about 1 in 6
  };
  CHECK(std::isnan(gx::bootstrap_interval(values.size(), ratio, 0.95, 7).ci.lower));
  CHECK(std::isnan(gx::bootstrap_interval(1, mean, 0.95, 7).ci.lower));  // one replicate
}
