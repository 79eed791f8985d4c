// The Gaussian perturbation kernel of ABC-SMC and history-matching waves:
// new points drawn around weighted particles, in the unit hypercube of prior
// probabilities (each coordinate is a prior CDF value, design.hpp), where every
// prior is uniform, so the prior density is 1 inside the cube and 0 outside.
//
// Contract: the kernel's covariance is twice the particles' weighted covariance
// (Beaumont, Cornuet, Marin & Robert 2009, "Adaptive approximate Bayesian
// computation", Biometrika 96(4); Filippi et al. 2013 show it is near optimal
// for a Gaussian kernel), its eigenvalues floored at 1% of the largest so a
// flat or tiny population (two particles on a line) still explores every
// direction. propose() picks a parent in proportion to its weight
// and adds a kernel draw; a point outside the cube or refused by `inside` (a
// value the scenario schema rejects, also outside the prior's support) is
// drawn again, parent included, so the proposal density is the kernel mixture
// restricted to the support. Draws come from a RandomStream keyed by
// (seed, purpose::design, stream_word, index): a proposal depends only on its
// arguments, never on thread count or order. density() is the mixture density
// (normalised Gaussians, not renormalised for the truncation to the support).
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace gs::experiments {

using UnitPoint = std::vector<double>;
using InsideSupport = std::function<bool(std::span<const double>)>;

class PerturbationKernel {
 public:
  // `particles` non-empty, all the same dimension; `weights` >= 0, not all 0.
  PerturbationKernel(std::vector<UnitPoint> particles, std::vector<double> weights);

  // Throws std::runtime_error after `max_attempts` draws outside the support.
  UnitPoint propose(std::uint64_t seed, std::uint32_t stream_word, std::uint32_t index,
                    const InsideSupport& inside, std::size_t max_attempts = 100000) const;

  // Sum over particles of w_j / W * N(point; particle_j, Sigma).
  double density(std::span<const double> point) const;

  const Eigen::MatrixXd& covariance() const { return covariance_; }

 private:
  std::vector<UnitPoint> particles_;
  std::vector<double> cumulative_;  // normalised cumulative weights
  std::vector<double> weights_;     // normalised
  Eigen::MatrixXd covariance_;
  Eigen::MatrixXd cholesky_;  // lower factor of covariance_
};

// Uniform draws in the unit cube inside the support (generation 0, wave 1):
// point `index` from RandomStream(seed, purpose::design, stream_word, index).
UnitPoint draw_from_prior(std::uint64_t seed, std::uint32_t stream_word, std::uint32_t index,
                          std::size_t dims, const InsideSupport& inside,
                          std::size_t max_attempts = 100000);

// Kish's effective sample size (sum w)^2 / sum w^2.
double effective_sample_size(std::span<const double> weights);

}  // namespace gs::experiments
