// Summaries of replicate outcomes: means with Student-t intervals, differences of
// means, and shares with Wilson score intervals.
//
// Contract: every function is pure and takes a confidence `level` in (0, 1)
// (std::invalid_argument otherwise). Missing information is NaN, never a crash:
// a mean of no values, a standard deviation or t-interval of one value. Inputs
// must be finite (std::invalid_argument otherwise); callers drop failed runs first.
//
// Estimators and the sources behind them:
// - summarise: sample mean, sample standard deviation (n - 1), and the interval
//   mean +- t_{(1+level)/2, n-1} * sd / sqrt(n) (Student 1908, "The probable error
//   of a mean"), quantiles from boost::math::students_t.
// - difference_of_means, Pairing::paired: when replicate r of both samples shares a
//   seed (common random numbers, Law 2015 "Simulation Modeling and Analysis" ch. 11),
//   the paired-t interval on the mean of the differences a_r - b_r.
// - difference_of_means, Pairing::unpaired: Welch (1947), "The generalization of
//   'Student's' problem when several different population variances are involved",
//   with Welch-Satterthwaite degrees of freedom.
// - bootstrap_interval: the percentile bootstrap (Efron & Tibshirani 1993, "An
//   Introduction to the Bootstrap", ch. 13) over replicate indices, resampled
//   with a counter-based stream (rng.hpp) from a fixed seed, so it is
//   reproducible. A percentile interval of a mean lies within the sample's
//   range, so it respects the bounds of a share or a count.
// - share: Wilson (1927), "Probable inference, the law of succession, and
//   statistical inference"; recommended over the Wald interval by Brown, Cai &
//   DasGupta (2001), "Interval estimation for a binomial proportion".
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>

namespace gs::experiments {

struct Interval {
  double lower = 0.0;
  double upper = 0.0;
  bool contains(double x) const { return lower <= x && x <= upper; }
};

struct Summary {
  std::size_t n = 0;
  double mean = 0.0;
  double sd = 0.0;              // sample standard deviation (n - 1); NaN when n < 2
  double standard_error = 0.0;  // sd / sqrt(n)
  double level = 0.95;
  Interval ci;  // Student-t interval of the mean; NaN bounds when n < 2
};

Summary summarise(std::span<const double> values, double level = 0.95);

enum class Pairing {
  paired,    // sample a and b matched replicate by replicate (same seeds)
  unpaired,  // independent samples: Welch
};

struct Difference {
  Pairing pairing = Pairing::unpaired;
  double estimate = 0.0;  // mean(a) - mean(b)
  double standard_error = 0.0;
  double degrees_of_freedom = 0.0;  // n - 1 (paired) or Welch-Satterthwaite
  double t_statistic = 0.0;         // estimate / standard_error (NaN when both are 0)
  double p_value = 0.0;             // two-sided, Student t with degrees_of_freedom
  double level = 0.95;
  Interval ci;
};

// mean(a) - mean(b). Paired needs equal sizes >= 2; unpaired needs both sizes >= 2.
// Smaller samples give NaN standard error, interval and p-value. Identical
// constant samples give a zero-width interval at the estimate.
Difference difference_of_means(std::span<const double> a, std::span<const double> b,
                               Pairing pairing, double level = 0.95);

struct Proportion {
  std::size_t successes = 0;
  std::size_t trials = 0;
  double estimate = 0.0;  // successes / trials; NaN when trials == 0
  double level = 0.95;
  Interval ci;  // Wilson score interval; [0, 1] when trials == 0
};

Proportion wilson_interval(std::size_t successes, std::size_t trials, double level = 0.95);

// Share of `values` for which predicate(value) holds, with its Wilson interval.
template <class Predicate>
Proportion share(std::span<const double> values, Predicate&& predicate, double level = 0.95) {
  std::size_t successes = 0;
  for (double v : values)
    if (predicate(v)) ++successes;
  return wilson_interval(successes, values.size(), level);
}

// Percentile bootstrap of a statistic of n replicates: `statistic` gets a
// resample as n replicate indices (drawn with replacement) and may return NaN
// (undefined on that resample, e.g. a ratio with a zero denominator). The
// interval comes from the defined resamples only; it is NaN when n < 2 or when
// more than 10% of the resamples are undefined (then no interval is honest).
struct BootstrapInterval {
  Interval ci;
  std::size_t resamples = 0;
  std::size_t defined = 0;  // resamples on which the statistic was defined
};
BootstrapInterval bootstrap_interval(
    std::size_t n, const std::function<double(std::span<const std::size_t>)>& statistic,
    double level, std::uint64_t seed, std::size_t resamples = 2000);

// Sample quantile of already sorted values by linear interpolation between order
// statistics (Hyndman & Fan 1996, definition 7). NaN for an empty range.
double sorted_quantile(std::span<const double> sorted, double probability);

}  // namespace gs::experiments
