// Stylised fact 12, smooth response (MODEL.md; issue 8): is a response over a
// grid graded, or a switch? The criterion: over a 9-point grid of an
// enabler's range, no step between neighbouring points carries more than a
// third of the total change.
//
// Contract: `points[k]` holds an observable's final values at grid point k
// (equally spaced over the range), one per replicate; non-finite values are
// dropped. The criterion is a property of the mean response, so it is judged
// on linear contrasts of the point means with Student-t intervals, the
// variance pooled over all points (one-way layout; Montgomery, "Design and
// Analysis of Experiments", ch. 3, with Bonferroni's simultaneous intervals):
// - the response exists: the 95% interval of the least-squares slope over the
//   grid excludes zero (all points count, so it is stabler than last - first);
// - no step is shown to carry more than a third of the total change T = last -
//   first: for every step k, the contrasts s*(m[k+1] - m[k]) - s*T/3 and
//   -s*(m[k+1] - m[k]) - s*T/3 (a reversal), s the sign of T, have lower bounds
//   at or below 0. The 16 bounds are simultaneous one-sided 95% (Bonferroni:
//   each at 0.05/16), because "some step is too large" is one question asked
//   16 times.
// The replicates of the robustness matrix share seeds across points (common
// random numbers); treating points as independent overstates a contrast's
// variance when runs on one seed are positively correlated (measured: the
// index's r is 0.1-0.3 between points, participation's 0.7), so the intervals
// are conservative. Pooling gives the variance 81 degrees of freedom instead
// of 9: on 10 replicates a per-replicate (paired) interval, whose sd rested on
// 10 values, called a smooth grid a switch (Erdos-Renyi, seeds 2201-2210) when
// the 10 steps happened to agree.
// A switch (the v1 cascade: 0.97 to 0 within one step of fatalism) fails the
// second check at 10 replicates; a smooth mean curve passes whatever its seed
// noise. Why not the raw criterion on the means: with a per-run sd of 0.08
// (the index on 1,500 residents), a step between two 10-run means has a noise
// sd of about 0.036 against a third of a 0.14 change (0.047), so the raw
// criterion called a steady ramp a switch 87 times in 100 (test_smooth.cpp),
// and failed on curves whose 200-replicate means are smooth (docs/ODD.md
// section 8). The price: at 10 replicates a step must exceed a third of the
// change by about 2.8 standard errors of its contrast to be shown, so only
// large switches of a noisy observable are caught; participation's noise is a
// fifth of the index's.
#pragma once

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <cstddef>
#include <limits>
#include <ostream>
#include <vector>

#include "sim/experiments/statistics.hpp"

namespace gs::mobtest {

struct GradedResponse {
  std::vector<double> means;        // mean over replicates at each point
  experiments::Interval slope;      // 95% interval of the least-squares slope per unit range
  double total = 0.0;               // T: last mean - first mean
  double largest_step_share = 0.0;  // largest |step| of the means over |T| (raw criterion)
  // The highest simultaneous lower bound, over steps and both directions, of a step's excess
  // over a third of the total change, and the step k (points k, k + 1) it belongs to. Above
  // 0: some step is shown to be larger.
  double worst_excess_lower = -std::numeric_limits<double>::infinity();
  std::size_t worst_step = 0;
  bool changes() const { return slope.lower > 0.0 || slope.upper < 0.0; }
  bool switch_shown() const { return worst_excess_lower > 0.0; }
  bool graded() const { return changes() && !switch_shown(); }
};

inline GradedResponse graded_response(const std::vector<std::vector<double>>& points) {
  GradedResponse g;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  g.slope = {nan, nan};
  const std::size_t count = points.size();
  if (count < 3) return g;
  const std::size_t last = count - 1;
  std::vector<double> n(count, 0.0);
  double squares = 0.0, runs = 0.0;  // within-point sum of squares; finite values in all
  for (std::size_t k = 0; k < count; ++k) {
    double sum = 0.0;
    for (double y : points[k]) {
      if (std::isfinite(y)) {
        sum += y;
        n[k] += 1.0;
      }
    }
    g.means.push_back(n[k] > 0.0 ? sum / n[k] : nan);
    for (double y : points[k]) {
      if (std::isfinite(y)) squares += (y - g.means[k]) * (y - g.means[k]);
    }
    runs += n[k];
  }
  if (*std::min_element(n.begin(), n.end()) < 1.0 || runs <= static_cast<double>(count)) return g;
  const double df = runs - static_cast<double>(count);
  const double variance = squares / df;
  const boost::math::students_t_distribution<double> t(df);
  // Estimate and the lower and upper bounds of a contrast sum_k c[k] * mean[k].
  auto contrast = [&](const std::vector<double>& c, double one_sided) {
    double estimate = 0.0, spread = 0.0;
    for (std::size_t k = 0; k < count; ++k) {
      estimate += c[k] * g.means[k];
      spread += c[k] * c[k] / n[k];
    }
    const double margin = boost::math::quantile(t, 1.0 - one_sided) * std::sqrt(variance * spread);
    return experiments::Interval{estimate - margin, estimate + margin};
  };
  // Slope per unit range: x = k / last in [0, 1], c[k] = (x - mean x) / sum (x - mean x)^2.
  std::vector<double> c(count, 0.0);
  double sxx = 0.0;
  for (std::size_t k = 0; k < count; ++k) {
    c[k] = static_cast<double>(k) / static_cast<double>(last) - 0.5;
    sxx += c[k] * c[k];
  }
  for (double& ck : c) ck /= sxx;
  g.slope = contrast(c, 0.025);
  g.total = g.means[last] - g.means[0];
  const double sign = g.total < 0.0 ? -1.0 : 1.0;
  const double one_sided = 0.05 / (2.0 * static_cast<double>(last));  // Bonferroni
  double largest = 0.0;
  for (std::size_t k = 0; k < last; ++k) {
    largest = std::max(largest, std::abs(g.means[k + 1] - g.means[k]));
    for (const double direction : {1.0, -1.0}) {
      std::fill(c.begin(), c.end(), 0.0);
      c[k + 1] += direction * sign;
      c[k] -= direction * sign;
      c[last] -= sign / 3.0;
      c[0] += sign / 3.0;
      const double lower = contrast(c, one_sided).lower;
      if (lower > g.worst_excess_lower) {
        g.worst_excess_lower = lower;
        g.worst_step = k;
      }
    }
  }
  g.largest_step_share = std::abs(g.total) > 0.0 ? largest / std::abs(g.total)
                                                 : std::numeric_limits<double>::infinity();
  return g;
}

inline std::ostream& operator<<(std::ostream& os, const GradedResponse& g) {
  os << "means";
  for (double m : g.means) os << " " << m;
  return os << "; total " << g.total << ", slope [" << g.slope.lower << ", " << g.slope.upper
            << "]; largest step " << g.largest_step_share << " of the total; step " << g.worst_step
            << "'s excess over a third, simultaneous lower bound " << g.worst_excess_lower;
}

}  // namespace gs::mobtest
