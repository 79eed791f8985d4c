// Global sensitivity analysis of a scalar model output: Sobol' indices from a
// Saltelli design and Morris elementary-effect screening.
//
// Contract: `outputs[row]` is the model output at design.points[row] (for
// replicated runs, the caller passes one value per point, e.g. the replicate
// mean). Outputs must be finite and as many as the design's points, else
// std::invalid_argument. Results are deterministic: bootstrap resample b draws
// from RandomStream(seed, purpose::bootstrap, 0, b), so intervals do not depend
// on the thread count.
//
// Sobol' indices (sobol_indices), with f_A, f_B, f_ABi the outputs on the rows of
// A, B and AB_i, and V the variance of the 2N outputs of A and B together:
// - first order S_i = mean(f_B * (f_ABi - f_A)) / V, Saltelli et al. (2010),
//   "Variance based sensitivity analysis of model output. Design and estimator
//   for the total sensitivity index", Table 2 (b);
// - total order ST_i = mean((f_A - f_ABi)^2) / (2V), Jansen (1999), "Analysis of
//   variance designs for model output", as recommended in Saltelli et al. (2010).
// Confidence intervals are bootstrap percentile intervals (Efron & Tibshirani
// 1993, "An Introduction to the Bootstrap", ch. 13): the N base rows (each with
// its k+2 outputs) are resampled with replacement and every index recomputed.
// A constant output (V = 0 up to rounding) has no variance to apportion: the
// indices and their intervals are NaN and `zero_variance` is set. A bootstrap
// resample that happens to be constant is left out of the percentiles.
//
// Morris screening (morris_indices): elementary effect of factor i on trajectory t,
// EE = (f(x + s*delta*e_i) - f(x)) / (s*delta), with delta and direction s in unit
// coordinates, so every effect is the output change per whole factor range
// (scaled by the range, comparable across factors with different units). Per
// factor: mu = mean EE, mu* = mean |EE| (Campolongo, Cariboni & Saltelli 2007, "An
// effective screening design for sensitivity analysis of large models"), and
// sigma = sample standard deviation of EE (Morris 1991), NaN with one trajectory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "sim/experiments/design.hpp"
#include "sim/experiments/statistics.hpp"

namespace gs::experiments {

struct BootstrapOptions {
  std::size_t resamples = 1000;  // 0 skips the bootstrap (intervals are NaN)
  double level = 0.95;
  std::uint64_t seed = 0;
};

struct SobolIndices {
  std::size_t base_samples = 0;
  double mean = 0.0;      // of the 2N outputs of A and B
  double variance = 0.0;  // V, population variance of the 2N outputs of A and B
  bool zero_variance = false;
  std::vector<double> first_order;  // S_i, one per factor
  std::vector<double> total_order;  // ST_i
  std::vector<Interval> first_order_ci;
  std::vector<Interval> total_order_ci;
  double level = 0.95;
  std::size_t resamples = 0;
};

SobolIndices sobol_indices(const SaltelliDesign& design, std::span<const double> outputs,
                           const BootstrapOptions& bootstrap = {});

struct MorrisIndices {
  std::size_t trajectories = 0;
  std::vector<double> mu;       // mean elementary effect, one per factor
  std::vector<double> mu_star;  // mean absolute elementary effect
  std::vector<double> sigma;    // sample sd of the elementary effects
};

MorrisIndices morris_indices(const MorrisDesign& design, std::span<const double> outputs);

}  // namespace gs::experiments
