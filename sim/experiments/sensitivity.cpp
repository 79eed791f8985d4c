// Sobol' indices (Saltelli et al. 2010 first order, Jansen 1999 total order) with
// bootstrap percentile intervals (Efron & Tibshirani 1993), and Morris screening
// (Morris 1991; Campolongo et al. 2007). Contract and references in sensitivity.hpp.
#include "sim/experiments/sensitivity.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "sim/core/parallel.hpp"
#include "sim/core/rng.hpp"

namespace gs::experiments {
namespace {

constexpr double not_a_number = std::numeric_limits<double>::quiet_NaN();

void require_outputs(std::size_t expected, std::span<const double> outputs, const char* design) {
  if (outputs.size() != expected)
    throw std::invalid_argument(
        fmt::format("{}: {} outputs for {} design points", design, outputs.size(), expected));
  for (double v : outputs)
    if (!std::isfinite(v))
      throw std::invalid_argument(fmt::format("{}: non-finite model output", design));
}

struct SobolEstimate {
  double mean = 0.0;
  double variance = 0.0;
  bool zero_variance = false;
  std::vector<double> first_order;
  std::vector<double> total_order;
};

// Indices from the base rows listed in `base_rows` (all rows, or a bootstrap resample).
SobolEstimate estimate_sobol(const SaltelliDesign& design, std::span<const double> outputs,
                             std::span<const std::size_t> base_rows) {
  const std::size_t k = design.num_factors;
  const auto n = static_cast<double>(base_rows.size());
  SobolEstimate e;
  double sum = 0.0;
  double largest_magnitude = 0.0;
  for (std::size_t j : base_rows) {
    const double fa = outputs[design.row_a(j)];
    const double fb = outputs[design.row_b(j)];
    sum += fa + fb;
    largest_magnitude = std::max({largest_magnitude, std::fabs(fa), std::fabs(fb)});
  }
  e.mean = sum / (2.0 * n);
  double squares = 0.0;
  for (std::size_t j : base_rows) {
    const double da = outputs[design.row_a(j)] - e.mean;
    const double db = outputs[design.row_b(j)] - e.mean;
    squares += da * da + db * db;
  }
  e.variance = squares / (2.0 * n);
  // Constant up to rounding: the spread is within a few ulps of the outputs' size.
  const double rounding = 64.0 * std::numeric_limits<double>::epsilon() * largest_magnitude;
  e.zero_variance = !(e.variance > rounding * rounding);
  e.first_order.assign(k, not_a_number);
  e.total_order.assign(k, not_a_number);
  if (e.zero_variance) return e;

  for (std::size_t i = 0; i < k; ++i) {
    double first = 0.0;
    double total = 0.0;
    for (std::size_t j : base_rows) {
      const double fa = outputs[design.row_a(j)];
      const double fb = outputs[design.row_b(j)];
      const double fab = outputs[design.row_ab(i, j)];
      first += fb * (fab - fa);
      total += (fa - fab) * (fa - fab);
    }
    e.first_order[i] = first / n / e.variance;
    e.total_order[i] = total / (2.0 * n) / e.variance;
  }
  return e;
}

// Percentile interval of the finite values in `draws` (sorted in place).
Interval percentile_interval(std::vector<double>& draws, double level) {
  std::erase_if(draws, [](double v) { return !std::isfinite(v); });
  if (draws.empty()) return {not_a_number, not_a_number};
  std::sort(draws.begin(), draws.end());
  return {sorted_quantile(draws, 0.5 - level / 2.0), sorted_quantile(draws, 0.5 + level / 2.0)};
}

}  // namespace

SobolIndices sobol_indices(const SaltelliDesign& design, std::span<const double> outputs,
                           const BootstrapOptions& bootstrap) {
  require_outputs(design.points.size(), outputs, "Sobol' indices");
  if (design.base_samples == 0) throw std::invalid_argument("Sobol' indices: no base samples");
  if (!(bootstrap.level > 0.0 && bootstrap.level < 1.0))
    throw std::invalid_argument(
        fmt::format("bootstrap level must be in (0, 1), got {}", bootstrap.level));
  if (design.base_samples > std::numeric_limits<std::uint32_t>::max() ||
      bootstrap.resamples > std::numeric_limits<std::uint32_t>::max())
    throw std::invalid_argument("Sobol' indices: at most 2^32 - 1 base samples and resamples");

  const std::size_t k = design.num_factors;
  const std::size_t n = design.base_samples;
  std::vector<std::size_t> all_rows(n);
  for (std::size_t j = 0; j < n; ++j) all_rows[j] = j;
  SobolEstimate point = estimate_sobol(design, outputs, all_rows);

  SobolIndices result;
  result.base_samples = n;
  result.mean = point.mean;
  result.variance = point.variance;
  result.zero_variance = point.zero_variance;
  result.first_order = std::move(point.first_order);
  result.total_order = std::move(point.total_order);
  result.level = bootstrap.level;
  result.resamples = bootstrap.resamples;
  result.first_order_ci.assign(k, {not_a_number, not_a_number});
  result.total_order_ci.assign(k, {not_a_number, not_a_number});
  if (result.zero_variance || bootstrap.resamples == 0) return result;

  // draws[b * k + i]: index i recomputed on resample b.
  const std::size_t resamples = bootstrap.resamples;
  std::vector<double> first_draws(resamples * k);
  std::vector<double> total_draws(resamples * k);
  parallel_for_index(
      resamples,
      [&](std::size_t b) {
        RandomStream stream(bootstrap.seed, purpose::bootstrap, 0, static_cast<std::uint32_t>(b));
        std::vector<std::size_t> rows(n);
        for (std::size_t& row : rows) row = stream.below(static_cast<std::uint32_t>(n));
        const SobolEstimate e = estimate_sobol(design, outputs, rows);
        std::copy(e.first_order.begin(), e.first_order.end(),
                  first_draws.begin() + static_cast<std::ptrdiff_t>(b * k));
        std::copy(e.total_order.begin(), e.total_order.end(),
                  total_draws.begin() + static_cast<std::ptrdiff_t>(b * k));
      },
      1);

  std::vector<double> draws(resamples);
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t b = 0; b < resamples; ++b) draws[b] = first_draws[b * k + i];
    result.first_order_ci[i] = percentile_interval(draws, bootstrap.level);
    draws.resize(resamples);
    for (std::size_t b = 0; b < resamples; ++b) draws[b] = total_draws[b * k + i];
    result.total_order_ci[i] = percentile_interval(draws, bootstrap.level);
    draws.resize(resamples);
  }
  return result;
}

MorrisIndices morris_indices(const MorrisDesign& design, std::span<const double> outputs) {
  require_outputs(design.points.size(), outputs, "Morris indices");
  const std::size_t k = design.num_factors;
  const std::size_t r = design.trajectories;
  // effects[i * r + t]: elementary effect of factor i on trajectory t.
  std::vector<double> effects(k * r, not_a_number);
  for (std::size_t t = 0; t < r; ++t) {
    for (std::size_t step = 1; step <= k; ++step) {
      const std::size_t row = design.row(t, step);
      const std::size_t factor = design.moved_factor[row];
      const double step_size = static_cast<double>(design.direction[row]) * design.delta;
      effects[factor * r + t] = (outputs[row] - outputs[row - 1]) / step_size;
    }
  }

  MorrisIndices result;
  result.trajectories = r;
  result.mu.assign(k, not_a_number);
  result.mu_star.assign(k, not_a_number);
  result.sigma.assign(k, not_a_number);
  if (r == 0) return result;
  for (std::size_t i = 0; i < k; ++i) {
    const std::span<const double> factor_effects(effects.data() + i * r, r);
    double sum = 0.0;
    double absolute_sum = 0.0;
    for (double ee : factor_effects) {
      sum += ee;
      absolute_sum += std::fabs(ee);
    }
    result.mu[i] = sum / static_cast<double>(r);
    result.mu_star[i] = absolute_sum / static_cast<double>(r);
    if (r >= 2) {
      double squares = 0.0;
      for (double ee : factor_effects) squares += (ee - result.mu[i]) * (ee - result.mu[i]);
      result.sigma[i] = std::sqrt(squares / static_cast<double>(r - 1));
    }
  }
  return result;
}

}  // namespace gs::experiments
