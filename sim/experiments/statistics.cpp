// Replicate summaries: Student-t, paired-t and Welch intervals, Wilson score
// intervals, sample quantiles. Contract and references in statistics.hpp
// (Student 1908; Welch 1947; Wilson 1927; Brown, Cai & DasGupta 2001; Hyndman & Fan 1996).
#include "sim/experiments/statistics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "sim/core/rng.hpp"

namespace gs::experiments {
namespace {

constexpr double not_a_number = std::numeric_limits<double>::quiet_NaN();

void require_level(double level) {
  if (!(level > 0.0 && level < 1.0))
    throw std::invalid_argument(fmt::format("confidence level must be in (0, 1), got {}", level));
}

void require_finite(std::span<const double> values) {
  for (double v : values)
    if (!std::isfinite(v)) throw std::invalid_argument("statistics: non-finite value in sample");
}

// Upper (1 + level) / 2 quantile of Student t with `df` degrees of freedom.
double t_critical(double df, double level) {
  const boost::math::students_t_distribution<double> t(df);
  return boost::math::quantile(t, 0.5 + level / 2.0);
}

struct Moments {
  std::size_t n = 0;
  double mean = not_a_number;
  double variance = not_a_number;  // sample variance (n - 1)
};

// Two-pass mean and variance (accurate for large, nearly constant samples).
Moments moments_of(std::span<const double> values) {
  Moments m;
  m.n = values.size();
  if (m.n == 0) return m;
  double sum = 0.0;
  for (double v : values) sum += v;
  m.mean = sum / static_cast<double>(m.n);
  if (m.n < 2) return m;
  double squares = 0.0;
  for (double v : values) squares += (v - m.mean) * (v - m.mean);
  m.variance = squares / static_cast<double>(m.n - 1);
  return m;
}

Difference finish(Difference d, double level) {
  d.level = level;
  if (std::isnan(d.standard_error)) {
    d.t_statistic = d.p_value = not_a_number;
    d.ci = {not_a_number, not_a_number};
    return d;
  }
  if (d.standard_error == 0.0) {  // no spread at all: the difference is exact
    d.t_statistic = d.estimate == 0.0
                        ? not_a_number
                        : std::copysign(std::numeric_limits<double>::infinity(), d.estimate);
    d.p_value = d.estimate == 0.0 ? 1.0 : 0.0;
    d.ci = {d.estimate, d.estimate};
    return d;
  }
  const double half_width = t_critical(d.degrees_of_freedom, level) * d.standard_error;
  d.ci = {d.estimate - half_width, d.estimate + half_width};
  d.t_statistic = d.estimate / d.standard_error;
  const boost::math::students_t_distribution<double> t(d.degrees_of_freedom);
  d.p_value = 2.0 * boost::math::cdf(boost::math::complement(t, std::fabs(d.t_statistic)));
  return d;
}

}  // namespace

Summary summarise(std::span<const double> values, double level) {
  require_level(level);
  require_finite(values);
  const Moments m = moments_of(values);
  Summary s;
  s.n = m.n;
  s.level = level;
  s.mean = m.mean;
  s.sd = std::sqrt(m.variance);
  s.standard_error = s.sd / std::sqrt(static_cast<double>(m.n));
  if (m.n < 2) {
    s.ci = {not_a_number, not_a_number};
    return s;
  }
  const double half_width =
      s.standard_error == 0.0 ? 0.0
                              : t_critical(static_cast<double>(m.n - 1), level) * s.standard_error;
  s.ci = {s.mean - half_width, s.mean + half_width};
  return s;
}

Difference difference_of_means(std::span<const double> a, std::span<const double> b,
                               Pairing pairing, double level) {
  require_level(level);
  require_finite(a);
  require_finite(b);
  Difference d;
  d.pairing = pairing;
  if (pairing == Pairing::paired) {
    if (a.size() != b.size())
      throw std::invalid_argument(fmt::format(
          "paired difference needs matched samples, got {} and {} values", a.size(), b.size()));
    std::vector<double> differences(a.size());
    for (std::size_t r = 0; r < a.size(); ++r) differences[r] = a[r] - b[r];
    const Moments m = moments_of(differences);
    d.estimate = m.mean;
    d.degrees_of_freedom = m.n >= 2 ? static_cast<double>(m.n - 1) : not_a_number;
    d.standard_error = std::sqrt(m.variance / static_cast<double>(m.n));
    return finish(d, level);
  }
  const Moments ma = moments_of(a);
  const Moments mb = moments_of(b);
  d.estimate = ma.mean - mb.mean;
  const double va = ma.variance / static_cast<double>(ma.n);  // squared standard errors
  const double vb = mb.variance / static_cast<double>(mb.n);
  d.standard_error = std::sqrt(va + vb);
  if (va + vb > 0.0) {
    d.degrees_of_freedom =
        (va + vb) * (va + vb) /
        (va * va / static_cast<double>(ma.n - 1) + vb * vb / static_cast<double>(mb.n - 1));
  } else {
    d.degrees_of_freedom =
        ma.n >= 2 && mb.n >= 2 ? static_cast<double>(ma.n + mb.n - 2) : not_a_number;
  }
  return finish(d, level);
}

Proportion wilson_interval(std::size_t successes, std::size_t trials, double level) {
  require_level(level);
  if (successes > trials)
    throw std::invalid_argument(
        fmt::format("wilson_interval: {} successes in {} trials", successes, trials));
  Proportion p;
  p.successes = successes;
  p.trials = trials;
  p.level = level;
  if (trials == 0) {
    p.estimate = not_a_number;
    p.ci = {0.0, 1.0};
    return p;
  }
  const double n = static_cast<double>(trials);
  p.estimate = static_cast<double>(successes) / n;
  const double z =
      boost::math::quantile(boost::math::normal_distribution<double>(), 0.5 + level / 2.0);
  const double z2 = z * z;
  const double denominator = 1.0 + z2 / n;
  const double centre = (p.estimate + z2 / (2.0 * n)) / denominator;
  const double half_width =
      z / denominator * std::sqrt(p.estimate * (1.0 - p.estimate) / n + z2 / (4.0 * n * n));
  p.ci = {std::max(0.0, centre - half_width), std::min(1.0, centre + half_width)};
  return p;
}

BootstrapInterval bootstrap_interval(
    std::size_t n, const std::function<double(std::span<const std::size_t>)>& statistic,
    double level, std::uint64_t seed, std::size_t resamples) {
  require_level(level);
  BootstrapInterval out;
  out.ci = {not_a_number, not_a_number};
  if (n < 2 || resamples == 0) return out;
  if (n > std::numeric_limits<std::uint32_t>::max() ||
      resamples > std::numeric_limits<std::uint32_t>::max())
    throw std::invalid_argument("bootstrap: at most 2^32 - 1 replicates and resamples");
  std::vector<double> draws;
  draws.reserve(resamples);
  std::vector<std::size_t> indices(n);
  for (std::size_t b = 0; b < resamples; ++b) {
    RandomStream stream(seed, purpose::bootstrap, 1, static_cast<std::uint32_t>(b));
    for (auto& i : indices) i = stream.below(static_cast<std::uint32_t>(n));
    const double value = statistic(indices);
    if (std::isfinite(value)) draws.push_back(value);
  }
  out.resamples = resamples;
  out.defined = draws.size();
  if (draws.empty() || 10 * (resamples - draws.size()) > resamples) return out;
  std::sort(draws.begin(), draws.end());
  out.ci = {sorted_quantile(draws, 0.5 - level / 2.0), sorted_quantile(draws, 0.5 + level / 2.0)};
  return out;
}

double sorted_quantile(std::span<const double> sorted, double probability) {
  if (sorted.empty()) return not_a_number;
  const double position =
      std::clamp(probability, 0.0, 1.0) * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  const double fraction = position - static_cast<double>(below);
  return sorted[below] + fraction * (sorted[above] - sorted[below]);
}

}  // namespace gs::experiments
