// Approximate Bayesian computation by sequential Monte Carlo, in batches.
//
// Contract (a CalibrationSearch, calibration_search.hpp): the adaptive
// population Monte Carlo ABC of Lenormand, Jabot & Deffuant (2013), "Adaptive
// approximate Bayesian computation for complex models", Computational
// Statistics 28, with the importance weights and kernel of Beaumont et al.
// (2009) and a tolerance lowered adaptively from the population itself, as in
// Del Moral, Doucet & Jasra (2012), "An adaptive sequential Monte Carlo method
// for approximate Bayesian computation", Statistics and Computing 22.
//   Generation 0: n = ceil(particles / alpha) points drawn from the prior;
//     the `particles` with the smallest distances are kept, weight 1; the
//     tolerance eps_0 is the largest kept distance.
//   Generation t: n - particles new points proposed by the kernel around the
//     kept population (weights w); a new point's weight is
//     prior(u) / sum_j w_j K(u | u_j), with the prior uniform on the unit cube.
//     Old and new are pooled and the `particles` smallest distances kept
//     (ties: earlier generation, then lower index); eps_t is the largest kept
//     distance. The acceptance p_t is the share of new points whose distance
//     is below eps_{t-1}.
//   Stop when p_t <= min_acceptance, after `generations` generations, or when
//     the next generation would exceed the budget of points.
// Points are simulated in fixed-size batches, so every batch is a sweep whose
// size and content are known before it runs (resumable, shardable), unlike
// the sample-until-N-accepted loop of Toni et al. (2009) or pyABC.
// A point whose distance is not a number (an observable undefined in every
// replicate) has distance +inf and is never kept ahead of a finite one.
#pragma once

#include "sim/experiments/calibration_search.hpp"

namespace gs::experiments {

class AbcSmc final : public CalibrationSearch {
 public:
  AbcSmc(AbcSmcSettings settings, std::size_t dims, std::uint64_t seed, std::uint64_t max_points);

  std::optional<std::vector<UnitPoint>> next_batch(const InsideSupport& inside) override;
  void absorb(const std::vector<UnitPoint>& points, const std::vector<PointScore>& scores) override;
  Posterior posterior() const override;
  const std::vector<BatchRecord>& records() const override { return records_; }
  std::string next_name() const override;
  const std::string& stop_reason() const override { return stop_reason_; }

  std::size_t first_batch_size() const;
  std::size_t later_batch_size() const;

 private:
  struct Particle {
    UnitPoint unit;
    double weight = 1.0;
    double distance = 0.0;
    std::size_t generation = 0;
    std::size_t index = 0;
  };

  AbcSmcSettings settings_;
  std::size_t dims_;
  std::uint64_t seed_;
  std::uint64_t max_points_;
  std::uint64_t points_used_ = 0;
  std::size_t generation_ = 0;  // the next batch's generation
  double epsilon_ = 0.0;
  std::vector<Particle> population_;
  std::vector<double> pending_weights_;  // weights of the last proposed batch
  std::vector<BatchRecord> records_;
  std::string stop_reason_;
};

}  // namespace gs::experiments
